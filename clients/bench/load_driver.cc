#include "clients/bench/load_driver.h"

#include <atomic>
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

// One client's loop: call until told to stop, counting only what finishes
// while the window is open.
void RunClient(Workload& workload, int client, const std::atomic<int>& phase, absl::Barrier* start,
               std::vector<MethodResult>& results) {
  // Wait for every client so that all start loading together; the last
  // thread through the barrier deletes it.
  if (start->Block()) delete start;
  for (int now = phase.load(std::memory_order_acquire); now != kDone;
       now = phase.load(std::memory_order_acquire)) {
    const absl::Time begin = absl::Now();
    CallOutcome outcome = workload.Call(client);
    const absl::Duration latency = absl::Now() - begin;
    if (phase.load(std::memory_order_acquire) != kMeasure) continue;
    MethodResult& result = results[outcome.method];
    if (outcome.status.ok()) {
      ++result.ops;
      result.latency.Record(latency);
    } else {
      ++result.errors;
      if (result.first_error.empty()) result.first_error = DescribeStatus(outcome.status);
    }
  }
}

}  // namespace

std::string DescribeStatus(const grpc::Status& status) {
  return absl::StrCat(CodeName(status.error_code()), ": ", status.error_message());
}

MethodResult DriveResult::Total() const {
  MethodResult total;
  total.method = "total";
  for (const MethodResult& method : methods) Add(total, method);
  return total;
}

DriveResult Drive(Workload& workload, const DriveOptions& options) {
  const std::vector<std::string>& methods = workload.methods();
  std::vector<std::vector<MethodResult>> per_client(options.clients,
                                                    std::vector<MethodResult>(methods.size()));
  std::atomic<int> phase{kWarmup};
  // The clients and this thread; deleted by the last one through.
  auto* start = new absl::Barrier(options.clients + 1);
  std::vector<std::thread> threads;
  threads.reserve(options.clients);
  for (int client = 0; client < options.clients; ++client) {
    threads.emplace_back(RunClient, std::ref(workload), client, std::cref(phase), start,
                         std::ref(per_client[client]));
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
    for (const auto& client : per_client) Add(result.methods[m], client[m]);
  }
  return result;
}

}  // namespace corematch::bench
