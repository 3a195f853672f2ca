// services/notification/webhook/webhook_target.h
//
// Checks of the endpoint an organisation registers for webhooks, made when the
// organisation saves it, so that a bad URL or a weak secret is refused with a
// message the user can act on instead of failing at every delivery.
//
//   RETURN_IF_ERROR(ValidateWebhookUrl(config.url()));
//   RETURN_IF_ERROR(ValidateWebhookSecret(config.secret()));
#ifndef COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_WEBHOOK_TARGET_H_
#define COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_WEBHOOK_TARGET_H_

#include <cstddef>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace corematch::notification {

inline constexpr size_t kMaxWebhookUrlLength = 2048;
inline constexpr size_t kMinWebhookSecretLength = 16;
inline constexpr size_t kMaxWebhookSecretLength = 256;

// OK if `url` is an absolute http or https URL with a host, without user
// name or password (they would end up in delivery logs; the secret
// authenticates instead) and without a fragment (it is never sent), at most
// kMaxWebhookUrlLength characters. Otherwise INVALID_ARGUMENT whose message
// names the field "webhook.url" and says what to change. Thread-safe.
absl::Status ValidateWebhookUrl(absl::string_view url);

// OK if `secret` is kMinWebhookSecretLength to kMaxWebhookSecretLength bytes
// of printable ASCII (so it survives copying between consoles and config
// files). Otherwise INVALID_ARGUMENT naming the field "webhook.secret"; the
// message never contains the secret.
absl::Status ValidateWebhookSecret(absl::string_view secret);

}  // namespace corematch::notification

#endif  // COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_WEBHOOK_TARGET_H_
