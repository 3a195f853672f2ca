// clients/bench/load_driver.h
//
// Drives a Workload closed-loop: each of `clients` threads makes one blocking
// call after another, so exactly `clients` calls are in flight. Calls made
// during the warm-up are not counted; those that finish during the
// measurement window are, per method, with their latency.
//
//   DriveResult result = Drive(workload, {.clients = 8, .warmup = absl::Seconds(2),
//                                         .duration = absl::Seconds(10)});
//   double per_second = result.methods[0].ops / absl::ToDoubleSeconds(result.elapsed);
#ifndef COREMATCH_CLIENTS_BENCH_LOAD_DRIVER_H_
#define COREMATCH_CLIENTS_BENCH_LOAD_DRIVER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "clients/bench/latency_histogram.h"
#include "grpcpp/support/status.h"

namespace corematch::bench {

// What one call did: which of the workload's methods() it called, and how it ended.
struct CallOutcome {
  int method = 0;
  grpc::Status status;
};

// The calls a benchmark makes.
class Workload {
 public:
  virtual ~Workload() = default;

  // The names of the methods Call may make, e.g. {"CreateSolution"}.
  virtual const std::vector<std::string>& methods() const = 0;

  // Makes one blocking call as client `client` (0 ≤ client < the number of
  // clients). Each client calls from a thread of its own, concurrently with
  // the others, so state per client needs no locking.
  virtual CallOutcome Call(int client) = 0;
};

struct DriveOptions {
  int clients = 8;
  absl::Duration warmup = absl::Seconds(2);
  absl::Duration duration = absl::Seconds(10);
  // Called at the start and at the end of the measurement window, from the
  // driving thread; used to sample CPU time. May be empty.
  std::function<void()> on_window_start;
  std::function<void()> on_window_end;
};

// One method's results over the measurement window.
struct MethodResult {
  std::string method;
  // Calls that succeeded, and their latency.
  int64_t ops = 0;
  LatencyHistogram latency;
  // Calls that failed, and the first failure: "CODE: message".
  int64_t errors = 0;
  std::string first_error;
};

struct DriveResult {
  // The measurement window as it really was.
  absl::Duration elapsed;
  // In the order of Workload::methods().
  std::vector<MethodResult> methods;

  // Every method together.
  MethodResult Total() const;
};

// Runs the warm-up and the measurement window, then waits for the calls in
// flight to finish.
DriveResult Drive(Workload& workload, const DriveOptions& options);

// "UNAVAILABLE: connection refused" for a failed status.
std::string DescribeStatus(const grpc::Status& status);

}  // namespace corematch::bench

#endif  // COREMATCH_CLIENTS_BENCH_LOAD_DRIVER_H_
