// services/notification/webhook/retry_policy.cc
#include "services/notification/webhook/retry_policy.h"

#include <algorithm>
#include <cmath>

#include "absl/random/bit_gen_ref.h"
#include "absl/random/distributions.h"
#include "absl/time/time.h"

namespace corematch::notification {
namespace {

// The delay before jitter. Computed in floating point because the exponential
// overflows any integer duration after a few dozen attempts.
double BaseDelaySeconds(const RetryPolicy& policy, int failed_attempts) {
  const double max_seconds = std::max(0.0, absl::ToDoubleSeconds(policy.max_interval));
  const double initial_seconds = std::max(0.0, absl::ToDoubleSeconds(policy.initial));
  const double multiplier = std::max(1.0, policy.multiplier);
  const double exponent = std::max(0, failed_attempts - 1);
  const double base = initial_seconds * std::pow(multiplier, exponent);
  // `base` may be +inf; min() keeps the cap.
  return std::min(base, max_seconds);
}

}  // namespace

absl::Duration RetryDelay(const RetryPolicy& policy, int failed_attempts, absl::BitGenRef gen) {
  const double base = BaseDelaySeconds(policy, failed_attempts);
  const double jitter = std::clamp(policy.jitter, 0.0, 1.0);
  double factor = 1;
  if (jitter > 0) factor = absl::Uniform(absl::IntervalClosed, gen, 1 - jitter, 1 + jitter);
  return absl::Seconds(std::max(0.0, base * factor));
}

bool ShouldGiveUp(const RetryPolicy& policy, absl::Time first_attempt, absl::Time now) {
  return now - first_attempt >= policy.give_up_after;
}

}  // namespace corematch::notification
