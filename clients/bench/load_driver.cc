#include "clients/bench/load_driver.h"

#include <memory>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/barrier.h"
#include "absl/time/clock.h"

namespace corematch::bench {
namespace {

enum Phase : int { kWarmup = 0, kMeasure = 1, kDone = 2 };

const char* CodeName(grpc::StatusCode code) {
  static constexpr const char* kNames[] = {"OK",
                                           "CANCELLED",
                                           "UNKNOWN",
                                           "INVALID_ARGUMENT",
                                           "DEADLINE_EXCEEDED",
                                           "NOT_FOUND",
                                           "ALREADY_EXISTS",
                                           "PERMISSION_DENIED",
                                           "RESOURCE_EXHAUSTED",
                                           "FAILED_PRECONDITION",
                                           "ABORTED",
                                           "OUT_OF_RANGE",
                                           "UNIMPLEMENTED",
                                           "INTERNAL",
                                           "UNAVAILABLE",
                                           "DATA_LOSS",
                                           "UNAUTHENTICATED"};
  const int index = static_cast<int>(code);
  return index >= 0 && index < 17 ? kNames[index] : "UNKNOWN_CODE";
}

void Add(MethodResult& into, const MethodResult& from) {
  into.ops += from.ops;
  into.errors += from.errors;
  into.latency.Merge(from.latency);
  if (into.first_error.empty()) into.first_error = from.first_error;
}

}  // namespace

Recorder::Recorder(const std::atomic<int>* phase, size_t methods)
    : phase_(phase), results_(methods) {}

bool Recorder::running() const { return phase_->load(std::memory_order_acquire) != kDone; }

void Recorder::Record(int method, absl::Duration latency, const grpc::Status& status) {
  if (phase_->load(std::memory_order_acquire) != kMeasure) return;
  MethodResult& result = results_[method];
  if (status.ok()) {
    ++result.ops;
    result.latency.Record(latency);
  } else {
    ++result.errors;
    if (result.first_error.empty()) result.first_error = DescribeStatus(status);
  }
}

std::string DescribeStatus(const grpc::Status& status) {
  return absl::StrCat(CodeName(status.error_code()), ": ", status.error_message());
}

MethodResult DriveResult::Total() const {
  MethodResult total;
  total.method = "total";
  for (const MethodResult& method : methods) Add(total, method);
  return total;
}

DriveResult Drive(const std::vector<std::string>& methods, const DriveOptions& options,
                  const ThreadBody& body) {
  std::atomic<int> phase{kWarmup};
  std::vector<std::unique_ptr<Recorder>> recorders;
  for (int t = 0; t < options.threads; ++t) {
    recorders.push_back(std::make_unique<Recorder>(&phase, methods.size()));
  }
  // The threads and this one start together; the last through deletes it.
  auto* start = new absl::Barrier(options.threads + 1);
  std::vector<std::thread> threads;
  threads.reserve(options.threads);
  for (int t = 0; t < options.threads; ++t) {
    threads.emplace_back([&, t] {
      if (start->Block()) delete start;
      body(t, *recorders[t]);
    });
  }
  if (start->Block()) delete start;

  absl::SleepFor(options.warmup);
  if (options.on_window_start) options.on_window_start();
  const absl::Time window_start = absl::Now();
  phase.store(kMeasure, std::memory_order_release);
  absl::SleepFor(options.duration);
  phase.store(kDone, std::memory_order_release);
  const absl::Time window_end = absl::Now();
  if (options.on_window_end) options.on_window_end();
  for (std::thread& thread : threads) thread.join();

  DriveResult result;
  result.elapsed = window_end - window_start;
  result.methods.resize(methods.size());
  for (size_t m = 0; m < methods.size(); ++m) {
    result.methods[m].method = methods[m];
    for (const auto& recorder : recorders) Add(result.methods[m], recorder->results()[m]);
  }
  return result;
}

}  // namespace corematch::bench
