// clients/bench/report.h
//
// What a run prints: a table per method for people, then one line of JSON
// for scripts (`corematch-bench | tail -1 | jq .throughput_per_s`).
//
//   CreateSolution  ops 61234  errors 0  5102.8/s  p50 1.41ms  p90 2.02ms ...
//   {"workload":"create","clients":8,...,"throughput_per_s":5102.8,...}
#ifndef COREMATCH_CLIENTS_BENCH_REPORT_H_
#define COREMATCH_CLIENTS_BENCH_REPORT_H_

#include <optional>
#include <string>

#include "absl/time/time.h"
#include "clients/bench/load_driver.h"

namespace corematch::bench {

// How the run was set up, and what it cost the machine.
struct RunInfo {
  std::string workload;
  std::string server;
  bool spawned = false;
  int clients = 0;
  // Threads that drive the clients; 0 for none (not a gRPC run).
  int threads = 0;
  std::string channels;
  // The client library the calls go through: "grpc++" or "nghttp2".
  std::string client;
  absl::Duration warmup;
  absl::Duration duration;
  // CPU used during the window, in cores (CPU seconds per second); the
  // server's only when it is our child.
  std::optional<double> server_cpu_cores;
  std::optional<double> client_cpu_cores;
  // Every process on the machine, these two included.
  std::optional<double> machine_cpu_cores;
};

// The table: one line per method and, for several methods, a total.
std::string FormatReport(const RunInfo& info, const DriveResult& result);

// One line of JSON, no trailing newline: the run's set-up, then the totals
// (ops, errors, throughput_per_s, p50_us, p90_us, p99_us, max_us, mean_us),
// then the same per method under "methods".
std::string FormatJsonSummary(const RunInfo& info, const DriveResult& result);

// "850us", "1.41ms", "2.50s": three significant figures.
std::string FormatLatency(absl::Duration latency);

}  // namespace corematch::bench

#endif  // COREMATCH_CLIENTS_BENCH_REPORT_H_
