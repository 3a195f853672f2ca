#include "clients/bench/latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>

namespace corematch::bench {

int LatencyHistogram::BucketOf(int64_t nanos) {
  if (nanos < kSubBuckets) return static_cast<int>(std::max<int64_t>(nanos, 0));
  const int msb = 63 - std::countl_zero(static_cast<uint64_t>(nanos));
  const int shift = msb - kSubBucketBits;
  const int sub = static_cast<int>(nanos >> shift) - kSubBuckets;
  return (shift + 1) * kSubBuckets + sub;
}

int64_t LatencyHistogram::BucketUpperBound(int bucket) {
  if (bucket < kSubBuckets) return bucket;
  const int shift = bucket / kSubBuckets - 1;
  const int64_t sub = bucket % kSubBuckets;
  const int64_t lower = (kSubBuckets + sub) << shift;
  return lower + ((int64_t{1} << shift) - 1);
}

void LatencyHistogram::Record(absl::Duration latency) {
  const int64_t nanos = std::max<int64_t>(absl::ToInt64Nanoseconds(latency), 0);
  ++counts_[BucketOf(nanos)];
  min_nanos_ = count_ == 0 ? nanos : std::min(min_nanos_, nanos);
  max_nanos_ = std::max(max_nanos_, nanos);
  sum_nanos_ += nanos;
  ++count_;
}

void LatencyHistogram::Merge(const LatencyHistogram& other) {
  if (other.count_ == 0) return;
  for (int i = 0; i < kBuckets; ++i) counts_[i] += other.counts_[i];
  min_nanos_ = count_ == 0 ? other.min_nanos_ : std::min(min_nanos_, other.min_nanos_);
  max_nanos_ = std::max(max_nanos_, other.max_nanos_);
  sum_nanos_ += other.sum_nanos_;
  count_ += other.count_;
}

absl::Duration LatencyHistogram::min() const { return absl::Nanoseconds(min_nanos_); }

absl::Duration LatencyHistogram::max() const { return absl::Nanoseconds(max_nanos_); }

absl::Duration LatencyHistogram::mean() const {
  return count_ == 0 ? absl::ZeroDuration() : absl::Nanoseconds(sum_nanos_ / count_);
}

absl::Duration LatencyHistogram::Percentile(double percent) const {
  if (count_ == 0) return absl::ZeroDuration();
  percent = std::clamp(percent, 0.0, 100.0);
  // The rank of the wanted observation, 1-based: p50 of 10 values is the 5th.
  const int64_t rank =
      std::max<int64_t>(1, static_cast<int64_t>(std::ceil(percent / 100.0 * count_)));
  int64_t seen = 0;
  for (int i = 0; i < kBuckets; ++i) {
    seen += counts_[i];
    if (seen >= rank) return absl::Nanoseconds(std::min(BucketUpperBound(i), max_nanos_));
  }
  return max();
}

}  // namespace corematch::bench
