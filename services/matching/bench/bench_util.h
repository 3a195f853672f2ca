// services/matching/bench/bench_util.h
//
// Small pieces of the matching benchmark: timing and latency percentiles,
// resident memory from /proc, a parallel loop, and a compact file of
// analysed solutions (IndexedDocument + SolutionFeatures) so a "restart"
// can rebuild the engine without analysing any text — what the matching
// service does with the analysed documents it persists.
#ifndef COREMATCH_SERVICES_MATCHING_BENCH_BENCH_UTIL_H_
#define COREMATCH_SERVICES_MATCHING_BENCH_BENCH_UTIL_H_

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/matching/engine/context_scorer.h"
#include "services/matching/engine/text_index.h"

namespace corematch::matching::bench {

class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

struct LatencySummary {
  size_t count = 0;
  double mean_ms = 0;
  double p50_ms = 0;
  double p90_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
  // Queries per second of one client issuing them back to back.
  double qps = 0;
};

// Nearest-rank percentiles of `seconds`; qps = count / wall_seconds.
LatencySummary Summarize(std::vector<double> seconds, double wall_seconds);

// VmRSS / VmHWM of this process, in bytes (0 if /proc is unreadable).
int64_t ResidentBytes();
int64_t PeakResidentBytes();
// The 1-minute load average.
double LoadAverage();
// "1.23 GiB", "456.7 MiB".
std::string HumanBytes(int64_t bytes);
// Total size of the regular files under `path`.
int64_t DirectoryBytes(const std::string& path);

// Runs fn(i, t) for every i in [begin, end) on `threads` threads; thread t
// (0 <= t < threads) takes every threads-th index from begin + t.
void ParallelFor(size_t begin, size_t end, int threads, const std::function<void(size_t, int)>& fn);

// Analysed solutions in a file: name, document, features, varint-encoded.
class AnalyzedWriter {
 public:
  absl::Status Open(const std::string& path);
  void Write(const std::string& name, const IndexedDocument& document,
             const SolutionFeatures& features);
  absl::Status Close();
  int64_t bytes() const { return bytes_; }

 private:
  void Flush();
  FILE* file_ = nullptr;
  std::string buffer_;
  int64_t bytes_ = 0;
};

class AnalyzedReader {
 public:
  absl::Status Open(const std::string& path);
  // False at the end (or on a corrupt record, which ok() then reports).
  bool Next(std::string& name, IndexedDocument& document, SolutionFeatures& features);
  absl::Status status() const { return status_; }
  ~AnalyzedReader();

 private:
  bool Fill(size_t need);
  bool Varint(uint64_t& value);
  bool Bytes(std::string& out);
  FILE* file_ = nullptr;
  std::string buffer_;
  size_t offset_ = 0;
  absl::Status status_;
};

}  // namespace corematch::matching::bench

#endif  // COREMATCH_SERVICES_MATCHING_BENCH_BENCH_UTIL_H_
