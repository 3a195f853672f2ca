// services/notification/webhook/delivery_attempt.cc
#include "services/notification/webhook/delivery_attempt.h"

#include <chrono>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/notification/webhook/cloud_event.h"
#include "services/notification/webhook/signature.h"
#include "services/notification/webhook/webhook_client.h"

namespace corematch::notification {
namespace {

// How much of a failed response's body goes into the error; receivers often
// say there why they refused.
constexpr size_t kErrorBodyLength = 200;

std::string HttpError(const WebhookResponse& response) {
  std::string error = absl::StrCat("endpoint answered HTTP ", response.http_status);
  if (response.http_status >= 300 && response.http_status < 400) {
    absl::StrAppend(&error, " (redirects are not followed; register the final URL)");
  }
  if (!response.body_prefix.empty()) {
    absl::StrAppend(
        &error, ": ",
        absl::CHexEscape(absl::string_view(response.body_prefix).substr(0, kErrorBodyLength)));
  }
  return error;
}

}  // namespace

AttemptOutcome AttemptDelivery(WebhookClient& client, const Delivery& delivery, absl::Time now) {
  WebhookRequest request;
  request.url = delivery.url;
  request.body = CloudEventJson(delivery.event);
  request.timeout = delivery.timeout;
  request.headers = {
      {"Content-Type", std::string(kCloudEventContentType)},
      {std::string(kSignatureHeader), SignatureHeaderValue(delivery.secret, now, request.body)},
      {std::string(kIdempotencyKeyHeader), delivery.event.id},
  };

  // Measured here too, because a failed request has no response to carry its
  // latency; a steady clock, since this is a measurement, not a timestamp.
  const auto start = std::chrono::steady_clock::now();
  absl::StatusOr<WebhookResponse> response = client.Post(request);
  const absl::Duration elapsed = absl::FromChrono(std::chrono::steady_clock::now() - start);

  AttemptOutcome outcome;
  if (!response.ok()) {
    outcome.error = response.status().ToString();
    outcome.latency = elapsed;
    return outcome;
  }
  outcome.http_status = response->http_status;
  outcome.delivered = response->http_status >= 200 && response->http_status < 300;
  outcome.latency = response->latency;
  if (!outcome.delivered) outcome.error = HttpError(*response);
  return outcome;
}

}  // namespace corematch::notification
