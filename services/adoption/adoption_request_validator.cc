#include "services/adoption/adoption_request_validator.h"

#include <cmath>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/field_checks.h"
#include "services/common/proto_time.h"
#include "services/validation/validation.h"

namespace corematch::adoption {
namespace {

using v1::AdoptionRequest;

constexpr int kMaxTargetGroups = 20;
constexpr int kMaxSectors = 20;
constexpr int kMaxDesiredEffects = 50;
constexpr int kMaxAcceptedLanguages = 20;

std::string Field(absl::string_view name) { return absl::StrCat("adoption_request.", name); }

bool IsCurrencyCode(absl::string_view code) {
  if (code.size() != 3) return false;
  for (char c : code) {
    if (!absl::ascii_isupper(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

void ValidateConstraints(const v1::Constraints& c, FieldViolations& v) {
  // NaN compares false with everything, so `budget < 0` alone would let it in.
  if (!std::isfinite(c.budget()) || c.budget() < 0) {
    v.Add(Field("constraints.budget"), "must be a finite amount, 0 or more; 0 means not stated");
  }
  if (!c.currency().empty() && !IsCurrencyCode(c.currency())) {
    v.Add(Field("constraints.currency"),
          absl::StrCat("'", c.currency(), "' is not an ISO 4217 code; use e.g. \"DKK\", \"EUR\""));
  }
  CheckText(v, Field("constraints.timeline"), c.timeline(), false, kMaxShortTextLength);
  CheckText(v, Field("constraints.capacity"), c.capacity(), false, kMaxShortTextLength);
}

void ValidateEnums(const AdoptionRequest& r, FieldViolations& v) {
  // Proto3 enums are open: an unknown number parses and must be caught here.
  if (!v1::Readiness_IsValid(r.readiness())) {
    v.Add(Field("readiness"), "expected EXPLORING, PREPARING or READY");
  }
  if (!v1::Visibility_IsValid(r.visibility())) {
    v.Add(Field("visibility"), "expected PUBLIC, ANONYMOUS or PRIVATE");
  }
}

void ValidateExpireTime(const AdoptionRequest& r, absl::Time now, FieldViolations& v) {
  if (!r.has_expire_time()) return;  // the repository fills in the default
  const absl::Time expire = FromProtoTime(r.expire_time());
  if (expire <= now) {
    v.Add(Field("expire_time"), "must be in the future; leave it unset for a year from now");
  } else if (expire > now + kMaxExpireAhead) {
    v.Add(Field("expire_time"), "at most 3 years ahead; renew the request later instead");
  }
}

void TrimAll(google::protobuf::RepeatedPtrField<std::string>& values) {
  for (std::string& value : values) value = std::string(absl::StripAsciiWhitespace(value));
}

// The canonical form of a well-formed tag; anything else unchanged, so that
// the validator can still quote it.
void CanonicalizeLanguage(std::string& tag) {
  if (validation::IsLanguageTag(tag)) tag = CanonicalLanguage(tag);
}

}  // namespace

void ValidateContext(const v1::Context& context, absl::string_view field, FieldViolations& v) {
  CheckCountry(v, absl::StrCat(field, ".country"), context.country(), /*required=*/false);
  CheckRegion(v, absl::StrCat(field, ".region"), context.country(), context.region());
  if (context.population() < 0) {
    v.Add(absl::StrCat(field, ".population"), "must not be negative; 0 means unknown");
  }
}

void ValidateAdoptionRequest(const AdoptionRequest& r, absl::Time now, FieldViolations& v) {
  if (r.ByteSizeLong() > kMaxAdoptionRequestBytes) {
    v.Add("adoption_request",
          absl::StrCat("too large: at most ", kMaxAdoptionRequestBytes / 1024,
                       " KiB serialized; shorten the need statement or the lists"));
    return;
  }
  CheckText(v, Field("title"), r.title(), /*required=*/true, kMaxTitleLength);
  CheckText(v, Field("need_statement"), r.need_statement(), /*required=*/true, kMaxTextLength);
  CheckLanguage(v, Field("language"), r.language(), /*required=*/true);
  CheckTextList(v, Field("target_groups"), r.target_groups(), kMaxTargetGroups, kMaxTitleLength);
  CheckSectors(v, Field("sectors"), r.sectors(), kMaxSectors);
  CheckTextList(v, Field("desired_effects"), r.desired_effects(), kMaxDesiredEffects,
                kMaxShortTextLength);
  ValidateContext(r.context(), Field("context"), v);
  ValidateConstraints(r.constraints(), v);
  ValidateEnums(r, v);
  CheckLanguages(v, Field("accepted_languages"), r.accepted_languages(), kMaxAcceptedLanguages);
  ValidateExpireTime(r, now, v);
}

void NormalizeAdoptionRequest(AdoptionRequest& r) {
  r.set_language(std::string(absl::StripAsciiWhitespace(r.language())));
  CanonicalizeLanguage(*r.mutable_language());
  TrimAll(*r.mutable_accepted_languages());
  for (std::string& tag : *r.mutable_accepted_languages()) CanonicalizeLanguage(tag);
  TrimAll(*r.mutable_target_groups());
  TrimAll(*r.mutable_sectors());
  TrimAll(*r.mutable_desired_effects());
}

}  // namespace corematch::adoption
