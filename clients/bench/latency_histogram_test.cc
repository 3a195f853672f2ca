#include "clients/bench/latency_histogram.h"

#include <cstdint>

#include "gtest/gtest.h"

namespace corematch::bench {
namespace {

TEST(LatencyHistogramTest, EmptyReportsZero) {
  LatencyHistogram histogram;
  EXPECT_EQ(histogram.count(), 0);
  EXPECT_EQ(histogram.Percentile(50), absl::ZeroDuration());
  EXPECT_EQ(histogram.min(), absl::ZeroDuration());
  EXPECT_EQ(histogram.max(), absl::ZeroDuration());
  EXPECT_EQ(histogram.mean(), absl::ZeroDuration());
}

TEST(LatencyHistogramTest, SmallValuesAreExact) {
  LatencyHistogram histogram;
  for (int nanos = 1; nanos <= 100; ++nanos) histogram.Record(absl::Nanoseconds(nanos));
  EXPECT_EQ(histogram.Percentile(50), absl::Nanoseconds(50));
  EXPECT_EQ(histogram.Percentile(99), absl::Nanoseconds(99));
  EXPECT_EQ(histogram.Percentile(100), absl::Nanoseconds(100));
  EXPECT_EQ(histogram.Percentile(0), absl::Nanoseconds(1));
  EXPECT_EQ(histogram.min(), absl::Nanoseconds(1));
}

TEST(LatencyHistogramTest, PercentilesAreWithinOneBucket) {
  LatencyHistogram histogram;
  // 1 µs .. 10 ms, evenly.
  for (int micros = 1; micros <= 10000; ++micros) histogram.Record(absl::Microseconds(micros));
  struct Case {
    double percent;
    double expected_micros;
  };
  for (Case c : {Case{50, 5000}, Case{90, 9000}, Case{99, 9900}, Case{99.9, 9990}}) {
    double got = absl::ToDoubleMicroseconds(histogram.Percentile(c.percent));
    EXPECT_GE(got, c.expected_micros) << c.percent;
    EXPECT_LE(got, c.expected_micros * (1 + 1.0 / 128)) << c.percent;
  }
  EXPECT_EQ(histogram.max(), absl::Milliseconds(10));
  EXPECT_EQ(histogram.Percentile(100), absl::Milliseconds(10));
  EXPECT_NEAR(absl::ToDoubleMicroseconds(histogram.mean()), 5000.5, 0.01);
}

TEST(LatencyHistogramTest, NeverReportsMoreThanTheMaximum) {
  LatencyHistogram histogram;
  histogram.Record(absl::Microseconds(1001));
  EXPECT_EQ(histogram.Percentile(50), absl::Microseconds(1001));
}

TEST(LatencyHistogramTest, NegativeCountsAsZero) {
  LatencyHistogram histogram;
  histogram.Record(absl::Nanoseconds(-5));
  EXPECT_EQ(histogram.count(), 1);
  EXPECT_EQ(histogram.max(), absl::ZeroDuration());
}

TEST(LatencyHistogramTest, MergeAddsEverything) {
  LatencyHistogram fast;
  LatencyHistogram slow;
  LatencyHistogram empty;
  for (int i = 0; i < 90; ++i) fast.Record(absl::Microseconds(100));
  for (int i = 0; i < 10; ++i) slow.Record(absl::Milliseconds(5));
  fast.Merge(slow);
  fast.Merge(empty);
  EXPECT_EQ(fast.count(), 100);
  EXPECT_EQ(fast.min(), absl::Microseconds(100));
  EXPECT_EQ(fast.max(), absl::Milliseconds(5));
  EXPECT_LE(fast.Percentile(90), absl::Microseconds(101));
  EXPECT_EQ(fast.Percentile(91), absl::Milliseconds(5));

  empty.Merge(slow);
  EXPECT_EQ(empty.min(), absl::Milliseconds(5));
}

TEST(LatencyHistogramTest, BucketsTileTheRangeWithoutGaps) {
  // Every bucket starts right after the previous one ends, and a value maps
  // to the bucket whose range holds it, across the whole int64 range.
  int64_t previous_upper = -1;
  for (int bucket = 0; bucket < LatencyHistogram::BucketOf(INT64_MAX); ++bucket) {
    const int64_t upper = LatencyHistogram::BucketUpperBound(bucket);
    ASSERT_GT(upper, previous_upper) << bucket;
    ASSERT_EQ(LatencyHistogram::BucketOf(previous_upper + 1), bucket) << bucket;
    ASSERT_EQ(LatencyHistogram::BucketOf(upper), bucket) << bucket;
    previous_upper = upper;
  }
  EXPECT_EQ(LatencyHistogram::BucketUpperBound(LatencyHistogram::BucketOf(INT64_MAX)), INT64_MAX);
}

TEST(LatencyHistogramTest, RecordsHugeValues) {
  LatencyHistogram histogram;
  histogram.Record(absl::Hours(1000));
  EXPECT_EQ(histogram.Percentile(50), absl::Hours(1000));
}

}  // namespace
}  // namespace corematch::bench
