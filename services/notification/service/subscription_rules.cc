#include "services/notification/service/subscription_rules.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/field_checks.h"
#include "services/notification/webhook/webhook_target.h"

namespace corematch::notification {
namespace {

constexpr size_t kMaxDisplayName = 200;
constexpr size_t kMaxNeedText = 2000;
constexpr int kMaxProfileValues = 50;
constexpr size_t kMaxCodeLength = 100;

void CheckProfile(const pb::InterestProfile& profile, FieldViolations& v) {
  CheckSectors(v, "subscription.profile.sectors", profile.sectors(), kMaxProfileValues);
  CheckTextList(v, "subscription.profile.target_groups", profile.target_groups(), kMaxProfileValues,
                kMaxCodeLength);
  CheckCount(v, "subscription.profile.countries", profile.countries_size(), kMaxProfileValues);
  for (int i = 0; i < profile.countries_size(); ++i) {
    CheckCountry(v, absl::StrCat("subscription.profile.countries[", i, "]"), profile.countries(i),
                 /*required=*/true);
  }
  CheckLanguages(v, "subscription.profile.languages", profile.languages(), kMaxProfileValues);
  CheckText(v, "subscription.profile.need_text", profile.need_text(), /*required=*/false,
            kMaxNeedText);
  CheckLanguage(v, "subscription.profile.need_language", profile.need_language(),
                /*required=*/false);
  if (!(profile.min_score() >= 0 && profile.min_score() <= 1)) {
    v.Add("subscription.profile.min_score",
          absl::StrCat("must be between 0 and 1, got ", profile.min_score()));
  }
  if (profile.min_score() > 0 && profile.need_text().empty()) {
    v.Add("subscription.profile.min_score",
          "needs a need_text to score against; set need_text or leave min_score 0");
  }
}

void CheckChannels(const pb::Subscription& s, bool has_stored_secret, FieldViolations& v) {
  if (!s.stream() && !s.has_webhook()) {
    v.Add("subscription.stream",
          "a subscription needs a channel: set stream = true, a webhook, or both");
  }
  if (!s.has_webhook()) return;
  if (absl::Status url = ValidateWebhookUrl(s.webhook().url()); !url.ok()) {
    v.Add("subscription.webhook.url", std::string(url.message()));
  }
  if (s.webhook().secret().empty() && has_stored_secret) return;
  if (absl::Status secret = ValidateWebhookSecret(s.webhook().secret()); !secret.ok()) {
    v.Add("subscription.webhook.secret", std::string(secret.message()));
  }
}

}  // namespace

const std::vector<std::string>& UpdatableSubscriptionFields() {
  static const auto* const kFields = new std::vector<std::string>{
      "display_name", "profile", "event_types", "stream", "webhook", "rhythm"};
  return *kFields;
}

void ClearOutputOnly(pb::Subscription& subscription) {
  subscription.clear_name();
  subscription.clear_subscriber();
  subscription.clear_create_time();
  subscription.clear_update_time();
  subscription.clear_etag();
  if (subscription.has_webhook()) subscription.mutable_webhook()->clear_has_secret();
}

void NormalizeSubscription(pb::Subscription& subscription) {
  pb::InterestProfile& profile = *subscription.mutable_profile();
  for (std::string& country : *profile.mutable_countries()) absl::AsciiStrToUpper(&country);
  for (std::string& language : *profile.mutable_languages()) language = CanonicalLanguage(language);
  profile.set_need_language(CanonicalLanguage(profile.need_language()));
  for (std::string& group : *profile.mutable_target_groups()) absl::AsciiStrToLower(&group);
  if (subscription.rhythm() == pb::RHYTHM_UNSPECIFIED) {
    subscription.set_rhythm(pb::RHYTHM_IMMEDIATE);
  }
}

void ValidateSubscription(const pb::Subscription& subscription, bool has_stored_secret,
                          FieldViolations& violations) {
  CheckText(violations, "subscription.display_name", subscription.display_name(),
            /*required=*/false, kMaxDisplayName);
  CheckProfile(subscription.profile(), violations);
  for (int i = 0; i < subscription.event_types_size(); ++i) {
    const int type = subscription.event_types(i);
    if (type == pb::EVENT_TYPE_UNSPECIFIED || type == pb::EVENT_TYPE_DIGEST ||
        !pb::EventType_IsValid(type)) {
      violations.Add(absl::StrCat("subscription.event_types[", i, "]"),
                     "name an event such as EVENT_TYPE_SOLUTION_PUBLISHED (digests come "
                     "from the rhythm, not from event_types)");
    }
  }
  if (!pb::Rhythm_IsValid(subscription.rhythm())) {
    violations.Add("subscription.rhythm", "choose IMMEDIATE, DAILY_DIGEST or WEEKLY_DIGEST");
  }
  CheckChannels(subscription, has_stored_secret, violations);
}

pb::Subscription ForOutput(pb::Subscription subscription) {
  if (subscription.has_webhook()) {
    pb::Webhook& webhook = *subscription.mutable_webhook();
    webhook.set_has_secret(!webhook.secret().empty());
    webhook.clear_secret();
  }
  return subscription;
}

bool Wants(const pb::Subscription& subscription, pb::EventType type) {
  if (subscription.event_types().empty()) return true;
  return std::find(subscription.event_types().begin(), subscription.event_types().end(), type) !=
         subscription.event_types().end();
}

}  // namespace corematch::notification
