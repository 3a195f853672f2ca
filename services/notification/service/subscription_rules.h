// services/notification/service/subscription_rules.h
//
// What a valid subscription is: a profile within limits, at least one channel
// (the stream, a webhook, or both), a webhook URL and secret that
// services/notification/webhook accepts. Pure functions.
#ifndef COREMATCH_SERVICES_NOTIFICATION_SERVICE_SUBSCRIPTION_RULES_H_
#define COREMATCH_SERVICES_NOTIFICATION_SERVICE_SUBSCRIPTION_RULES_H_

#include <string>
#include <vector>

#include "corematch/notification/v1/notification.pb.h"
#include "services/common/errors.h"

namespace corematch::notification {

namespace pb = ::corematch::notification::v1;

// The fields UpdateSubscription may change.
const std::vector<std::string>& UpdatableSubscriptionFields();

// Clears what only the server sets.
void ClearOutputOnly(pb::Subscription& subscription);

// Canonical case for codes and languages; RHYTHM_UNSPECIFIED → IMMEDIATE.
void NormalizeSubscription(pb::Subscription& subscription);

// Adds a violation per bad field, each naming the field and the fix.
// `has_stored_secret` allows an update to keep the secret it does not resend.
void ValidateSubscription(const pb::Subscription& subscription, bool has_stored_secret,
                          FieldViolations& violations);

// What a subscriber may see: the webhook secret never leaves the service.
pb::Subscription ForOutput(pb::Subscription subscription);

// Whether `subscription` wants events of `type` (an empty list wants all).
bool Wants(const pb::Subscription& subscription, pb::EventType type);

}  // namespace corematch::notification

#endif  // COREMATCH_SERVICES_NOTIFICATION_SERVICE_SUBSCRIPTION_RULES_H_
