// clients/bench/latency_histogram.h
//
// A fixed-size log-linear histogram of latencies, in the manner of
// HdrHistogram: every power of two is split into 128 equal buckets, so a
// percentile is exact to within 1/128 (< 0.8 %) of its value, from 1 ns up to
// hours, in 59 KB and without allocating while recording.
//
//   LatencyHistogram histogram;
//   histogram.Record(absl::Microseconds(850));
//   absl::Duration p99 = histogram.Percentile(99);
//
// Each load-generating thread records into its own histogram; the driver
// merges them once the run is over. Not thread-safe: one writer, and no reader
// while it writes.
#ifndef COREMATCH_CLIENTS_BENCH_LATENCY_HISTOGRAM_H_
#define COREMATCH_CLIENTS_BENCH_LATENCY_HISTOGRAM_H_

#include <array>
#include <cstdint>

#include "absl/time/time.h"

namespace corematch::bench {

class LatencyHistogram final {
 public:
  LatencyHistogram() { counts_.fill(0); }

  // Adds one observation. Negative durations count as zero.
  void Record(absl::Duration latency);
  // Adds every observation of `other`.
  void Merge(const LatencyHistogram& other);

  int64_t count() const { return count_; }
  // Exact; zero when empty.
  absl::Duration min() const;
  absl::Duration max() const;
  absl::Duration mean() const;

  // The smallest latency that at least `percent` % of the observations do not
  // exceed, rounded up to its bucket's upper edge and capped at max(). `percent`
  // is clamped to [0, 100]; zero when empty.
  absl::Duration Percentile(double percent) const;

  // Bucket arithmetic, exposed for tests.
  static int BucketOf(int64_t nanos);
  static int64_t BucketUpperBound(int bucket);

 private:
  static constexpr int kSubBucketBits = 7;
  static constexpr int kSubBuckets = 1 << kSubBucketBits;
  // Values below kSubBuckets have a bucket each; every further power of two up
  // to 2^63 has kSubBuckets.
  static constexpr int kBuckets = (64 - kSubBucketBits) * kSubBuckets;

  std::array<int64_t, kBuckets> counts_;
  int64_t count_ = 0;
  int64_t min_nanos_ = 0;
  int64_t max_nanos_ = 0;
  int64_t sum_nanos_ = 0;
};

}  // namespace corematch::bench

#endif  // COREMATCH_CLIENTS_BENCH_LATENCY_HISTOGRAM_H_
