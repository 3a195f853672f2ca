// clients/bench/load_driver.h
//
// Runs a closed-loop load: a fixed number of threads, each keeping its share
// of the calls in flight, first for a warm-up that is not counted, then for a
// measurement window in which every call that finishes is counted, per
// method, with its latency.
//
//   DriveResult result = Drive({"Write"}, {.threads = 8, .duration = absl::Seconds(10)},
//                              [&](int thread, Recorder& recorder) {
//                                while (recorder.running()) {
//                                  absl::Time start = absl::Now();
//                                  grpc::Status status = WriteOne();
//                                  recorder.Record(0, absl::Now() - start, status);
//                                }
//                              });
//   double per_second = result.methods[0].ops / absl::ToDoubleSeconds(result.elapsed);
#ifndef COREMATCH_CLIENTS_BENCH_LOAD_DRIVER_H_
#define COREMATCH_CLIENTS_BENCH_LOAD_DRIVER_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "clients/bench/latency_histogram.h"
#include "grpcpp/support/status.h"

namespace corematch::bench {

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

// What one thread saw; handed to a thread body by Drive.
class Recorder {
 public:
  Recorder(const std::atomic<int>* phase, size_t methods);
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;

  // False once the run is over: start no more calls, finish those in flight.
  bool running() const;
  // Counts a call of `method` (an index into the methods given to Drive) that
  // has just finished, if the measurement window is open.
  void Record(int method, absl::Duration latency, const grpc::Status& status);

  const std::vector<MethodResult>& results() const { return results_; }

 private:
  const std::atomic<int>* const phase_;
  std::vector<MethodResult> results_;
};

struct DriveOptions {
  int threads = 8;
  absl::Duration warmup = absl::Seconds(2);
  absl::Duration duration = absl::Seconds(10);
  // Called at the start and at the end of the measurement window, from the
  // driving thread; used to sample CPU time. May be empty.
  std::function<void()> on_window_start;
  std::function<void()> on_window_end;
};

struct DriveResult {
  // The measurement window as it really was.
  absl::Duration elapsed;
  // In the order of the methods given to Drive.
  std::vector<MethodResult> methods;

  // Every method together.
  MethodResult Total() const;
};

// Makes a call, keeps calls in flight, or both, until recorder.running() is
// false; returns once none of its calls is in flight any more.
using ThreadBody = std::function<void(int thread, Recorder& recorder)>;

// Runs `body` on `options.threads` threads at once through the warm-up and
// the measurement window, waits for them, and adds up what they recorded.
DriveResult Drive(const std::vector<std::string>& methods, const DriveOptions& options,
                  const ThreadBody& body);

// "UNAVAILABLE: connection refused" for a failed status.
std::string DescribeStatus(const grpc::Status& status);

}  // namespace corematch::bench

#endif  // COREMATCH_CLIENTS_BENCH_LOAD_DRIVER_H_
