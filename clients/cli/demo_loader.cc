// clients/cli/demo_loader.cc
#include "clients/cli/demo_loader.h"

#include <algorithm>
#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "clients/cli/errors.h"

namespace corematch::cli {
namespace {

namespace pub = ::corematch::publishing::v1;

class Loader final {
 public:
  Loader(pub::PublishingService::StubInterface& stub, const Connection& connection,
         const std::vector<DemoRow>& rows, const LoadOptions& options)
      : stub_(stub), connection_(connection), rows_(rows), options_(options) {
    report_.total = rows.size();
  }

  LoadReport Run() {
    absl::Time start = absl::Now();
    int threads = std::clamp<int>(options_.parallelism, 1, 64);
    std::vector<std::thread> workers;
    for (int i = 0; i < threads; ++i) workers.emplace_back([this] { Work(); });
    for (std::thread& worker : workers) worker.join();
    absl::MutexLock lock(&mutex_);
    report_.elapsed = absl::Now() - start;
    return report_;
  }

 private:
  void Work() {
    for (size_t i = next_.fetch_add(1); i < rows_.size(); i = next_.fetch_add(1)) {
      pub::Solution solution;
      grpc::Status status = Create(rows_[i], &solution);
      Record(i, status, solution);
    }
  }

  grpc::Status Create(const DemoRow& row, pub::Solution* solution) {
    pub::CreateSolutionRequest request;
    *request.mutable_solution() = SolutionFromDemoRow(row);
    request.set_request_id(DemoRequestId(row.id));
    request.set_publish(true);
    grpc::Status status;
    for (int attempt = 1; attempt <= std::max(1, options_.max_attempts); ++attempt) {
      if (attempt > 1) absl::SleepFor(absl::Milliseconds(200) * (attempt - 1));
      grpc::ClientContext context;
      connection_.Prepare(&context);
      solution->Clear();
      status = stub_.CreateSolution(&context, request, solution);
      if (status.error_code() != grpc::StatusCode::UNAVAILABLE) break;
    }
    return status;
  }

  void Record(size_t index, const grpc::Status& status, const pub::Solution& solution) {
    absl::MutexLock lock(&mutex_);
    const std::string& id = rows_[index].id;
    if (status.ok()) {
      ++report_.ok;
      if (options_.on_created) options_.on_created(index, solution);
    } else if (status.error_code() == grpc::StatusCode::ALREADY_EXISTS) {
      ++report_.already_present;
    } else {
      ++report_.failed;
      if (report_.first_errors.size() < kMaxReportedErrors) {
        report_.first_errors.push_back(absl::StrCat(id, ": ", FormatRpcErrorLine(status)));
      }
    }
    ++done_;
    if (options_.on_progress) options_.on_progress(done_, rows_.size());
  }

  pub::PublishingService::StubInterface& stub_;
  const Connection& connection_;
  const std::vector<DemoRow>& rows_;
  const LoadOptions& options_;
  std::atomic<size_t> next_{0};
  absl::Mutex mutex_;
  size_t done_ ABSL_GUARDED_BY(mutex_) = 0;
  LoadReport report_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace

LoadReport LoadDemoRows(pub::PublishingService::StubInterface& stub, const Connection& connection,
                        const std::vector<DemoRow>& rows, const LoadOptions& options) {
  Loader loader(stub, connection, rows, options);
  return loader.Run();
}

}  // namespace corematch::cli
