// services/notification/webhook/delivery_attempt.h
//
// One attempt to deliver one event to one endpoint: the event as a
// structured-mode CloudEvent, signed, POSTed, and the outcome in a form fit
// for the delivery log. The caller owns the rest: it records the outcome and,
// when the event was not delivered, asks retry_policy.h when to try again.
//
//   AttemptOutcome outcome = AttemptDelivery(*client, delivery, clock.Now());
//   if (!outcome.delivered) ScheduleRetry(delivery, outcome.error);
#ifndef COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_DELIVERY_ATTEMPT_H_
#define COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_DELIVERY_ATTEMPT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/notification/webhook/cloud_event.h"
#include "services/notification/webhook/webhook_client.h"

namespace corematch::notification {

// The header that repeats the event id, so that a receiver can drop the
// duplicates retries produce without parsing the body.
inline constexpr absl::string_view kIdempotencyKeyHeader = "Idempotency-Key";

struct Delivery {
  std::string url;     // Checked by ValidateWebhookUrl when it was registered.
  std::string secret;  // The endpoint's signing secret.
  CloudEvent event;
  // For the whole HTTP exchange.
  absl::Duration timeout = absl::Seconds(10);
};

struct AttemptOutcome {
  // True iff the endpoint answered with a 2xx status.
  bool delivered = false;
  // The endpoint's HTTP status, or 0 when it did not answer.
  int http_status = 0;
  // Empty when delivered; otherwise why not, for the delivery log: the
  // transport error (its status code first, e.g. "DEADLINE_EXCEEDED: ...")
  // or the HTTP status with the start of the response body.
  std::string error;
  // How long the attempt took.
  absl::Duration latency;
};

// POSTs `delivery.event` to `delivery.url` through `client` with the headers
// Content-Type: kCloudEventContentType, kSignatureHeader (signed at `now`)
// and kIdempotencyKeyHeader: the event id. Never fails as a call: every
// failure is reported in the outcome. Thread-safe if `client` is.
AttemptOutcome AttemptDelivery(WebhookClient& client, const Delivery& delivery, absl::Time now);

}  // namespace corematch::notification

#endif  // COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_DELIVERY_ATTEMPT_H_
