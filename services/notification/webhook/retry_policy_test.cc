// services/notification/webhook/retry_policy_test.cc
#include "services/notification/webhook/retry_policy.h"

#include <random>

#include "absl/time/time.h"
#include "gtest/gtest.h"

namespace corematch::notification {
namespace {

RetryPolicy WithoutJitter() {
  RetryPolicy policy;
  policy.jitter = 0;
  return policy;
}

TEST(RetryDelayTest, DoublesFromOneSecondWithoutJitter) {
  std::mt19937_64 gen(1);
  const RetryPolicy policy = WithoutJitter();

  EXPECT_EQ(RetryDelay(policy, 1, gen), absl::Seconds(1));
  EXPECT_EQ(RetryDelay(policy, 2, gen), absl::Seconds(2));
  EXPECT_EQ(RetryDelay(policy, 3, gen), absl::Seconds(4));
  EXPECT_EQ(RetryDelay(policy, 10, gen), absl::Seconds(512));
}

TEST(RetryDelayTest, CapsAtTheMaxInterval) {
  std::mt19937_64 gen(1);
  const RetryPolicy policy = WithoutJitter();

  EXPECT_EQ(RetryDelay(policy, 11, gen), absl::Minutes(10));
  EXPECT_EQ(RetryDelay(policy, 100, gen), absl::Minutes(10));
  // Far past where the exponential overflows a double.
  EXPECT_EQ(RetryDelay(policy, 1 << 30, gen), absl::Minutes(10));
}

TEST(RetryDelayTest, CountsZeroOrNegativeAttemptsAsOne) {
  std::mt19937_64 gen(1);
  const RetryPolicy policy = WithoutJitter();

  EXPECT_EQ(RetryDelay(policy, 0, gen), absl::Seconds(1));
  EXPECT_EQ(RetryDelay(policy, -7, gen), absl::Seconds(1));
}

TEST(RetryDelayTest, BaseDelayNeverShrinks) {
  std::mt19937_64 gen(1);
  RetryPolicy policy = WithoutJitter();
  policy.initial = absl::Milliseconds(300);
  policy.multiplier = 1.7;

  absl::Duration previous = absl::ZeroDuration();
  for (int attempt = 1; attempt <= 200; ++attempt) {
    const absl::Duration delay = RetryDelay(policy, attempt, gen);
    EXPECT_GE(delay, previous) << "attempt " << attempt;
    EXPECT_LE(delay, policy.max_interval) << "attempt " << attempt;
    previous = delay;
  }
}

TEST(RetryDelayTest, MultiplierBelowOneDoesNotShrinkTheDelay) {
  std::mt19937_64 gen(1);
  RetryPolicy policy = WithoutJitter();
  policy.multiplier = 0.5;

  EXPECT_EQ(RetryDelay(policy, 5, gen), absl::Seconds(1));
}

TEST(RetryDelayTest, JitterStaysWithinItsFractionAndSpreads) {
  std::mt19937_64 gen(42);
  const RetryPolicy policy;  // jitter 0.2

  for (const auto& [attempt, base] :
       {std::pair{1, absl::Seconds(1)}, std::pair{6, absl::Seconds(32)},
        std::pair{40, absl::Minutes(10)}}) {
    absl::Duration low = absl::InfiniteDuration();
    absl::Duration high = absl::ZeroDuration();
    for (int draw = 0; draw < 10000; ++draw) {
      const absl::Duration delay = RetryDelay(policy, attempt, gen);
      low = std::min(low, delay);
      high = std::max(high, delay);
    }
    EXPECT_GE(low, base * 0.8) << "attempt " << attempt;
    EXPECT_LE(high, base * 1.2) << "attempt " << attempt;
    // Spread over most of the range, not stuck at the base.
    EXPECT_LT(low, base * 0.82) << "attempt " << attempt;
    EXPECT_GT(high, base * 1.18) << "attempt " << attempt;
  }
}

TEST(RetryDelayTest, IsNeverNegative) {
  std::mt19937_64 gen(7);
  RetryPolicy policy;
  policy.jitter = 3;  // Out of range: counts as 1, a factor in [0, 2].

  for (int draw = 0; draw < 10000; ++draw) {
    const absl::Duration delay = RetryDelay(policy, 3, gen);
    ASSERT_GE(delay, absl::ZeroDuration());
    ASSERT_LE(delay, absl::Seconds(8));
  }
  policy.initial = absl::Seconds(-5);
  EXPECT_EQ(RetryDelay(policy, 1, gen), absl::ZeroDuration());
}

TEST(ShouldGiveUpTest, GivesUpOnceTheGiveUpPeriodHasPassed) {
  const RetryPolicy policy;
  const absl::Time first = absl::FromUnixSeconds(1700000000);

  EXPECT_FALSE(ShouldGiveUp(policy, first, first));
  EXPECT_FALSE(ShouldGiveUp(policy, first, first + absl::Hours(24) - absl::Seconds(1)));
  EXPECT_TRUE(ShouldGiveUp(policy, first, first + absl::Hours(24)));
  EXPECT_TRUE(ShouldGiveUp(policy, first, first + absl::Hours(30)));
}

// What the header promises: with the defaults, an endpoint that is down for
// an hour is retried through the outage and gets the event soon after.
TEST(RetryPolicyTest, AnEndpointDownForAnHourStillReceivesTheEvent) {
  std::mt19937_64 gen(3);
  const RetryPolicy policy;
  const absl::Time first = absl::FromUnixSeconds(1700000000);
  const absl::Time back_up = first + absl::Hours(1);

  absl::Time attempt = first;
  int failed = 0;
  while (attempt < back_up) {
    ++failed;
    ASSERT_FALSE(ShouldGiveUp(policy, first, attempt));
    attempt += RetryDelay(policy, failed, gen);
  }

  EXPECT_FALSE(ShouldGiveUp(policy, first, attempt));
  EXPECT_LE(attempt - back_up, absl::Minutes(12));
  EXPECT_GE(failed, 10);  // Backed off, yet kept trying.
  EXPECT_LE(failed, 20);
}

}  // namespace
}  // namespace corematch::notification
