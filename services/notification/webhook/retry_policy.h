// services/notification/webhook/retry_policy.h
//
// When to try a failed webhook delivery again, and when to stop and
// dead-letter it. The delay grows exponentially from `initial` by
// `multiplier` up to `max_interval`, and each delay is spread by ± `jitter`
// so that the deliveries held back by one outage do not all return at once.
//
// With the defaults the delays run 1 s, 2 s, 4 s, ... 512 s (17 minutes in
// all for the first ten retries), then about every 10 minutes (8 to 12 with
// the jitter) until 24 hours have passed since the first attempt. So an
// endpoint that is down for an hour keeps being retried through the outage
// and receives everything within about 12 minutes of coming back; only an
// endpoint down for a day loses events to the dead letters.
//
//   RetryPolicy policy;
//   if (ShouldGiveUp(policy, delivery.first_attempt, now)) DeadLetter(delivery);
//   else ScheduleAt(now + RetryDelay(policy, delivery.failed_attempts, bitgen));
#ifndef COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_RETRY_POLICY_H_
#define COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_RETRY_POLICY_H_

#include "absl/random/bit_gen_ref.h"
#include "absl/time/time.h"

namespace corematch::notification {

struct RetryPolicy {
  // The delay after the first failed attempt.
  absl::Duration initial = absl::Seconds(1);
  // The factor from one delay to the next; values below 1 count as 1.
  double multiplier = 2;
  // The cap on the delay before jitter.
  absl::Duration max_interval = absl::Minutes(10);
  // The fraction, in [0, 1], by which a delay is spread either way.
  double jitter = 0.2;
  // How long after the first attempt a delivery is given up.
  absl::Duration give_up_after = absl::Hours(24);
};

// The delay before the next attempt after `failed_attempts` failures (1 for
// the delay after the first attempt; smaller values count as 1):
// min(initial * multiplier^(failed_attempts - 1), max_interval), times a
// factor drawn uniformly from [1 - jitter, 1 + jitter]. Never negative; may
// exceed max_interval by the jitter. Thread-safe if `gen` is.
absl::Duration RetryDelay(const RetryPolicy& policy, int failed_attempts, absl::BitGenRef gen);

// True once `give_up_after` has passed since `first_attempt`: the delivery
// goes to the dead letters instead of being retried.
bool ShouldGiveUp(const RetryPolicy& policy, absl::Time first_attempt, absl::Time now);

}  // namespace corematch::notification

#endif  // COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_RETRY_POLICY_H_
