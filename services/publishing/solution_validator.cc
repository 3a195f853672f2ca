#include "services/publishing/solution_validator.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/field_checks.h"

namespace corematch::publishing {
namespace {

using v1::Solution;

constexpr int kMaxElements = 50;
constexpr int kMaxSectors = 20;
constexpr int kMaxTargetGroups = 20;
constexpr int kMaxTags = 50;
constexpr size_t kMaxTagLength = 100;

std::string At(absl::string_view field, int i) { return absl::StrCat(field, "[", i, "]"); }

void ValidateElements(const Solution& s, FieldViolations& v) {
  CheckCount(v, "solution.core_elements", s.core_elements_size(), kMaxElements);
  for (int i = 0; i < s.core_elements_size(); ++i) {
    const auto& e = s.core_elements(i);
    std::string f = At("solution.core_elements", i);
    CheckText(v, f + ".title", e.title(), true, kMaxTitleLength);
    CheckText(v, f + ".description", e.description(), false, kMaxTextLength);
    CheckText(v, f + ".value_rationale", e.value_rationale(), false, kMaxTextLength);
  }
  CheckCount(v, "solution.adaptable_elements", s.adaptable_elements_size(), kMaxElements);
  for (int i = 0; i < s.adaptable_elements_size(); ++i) {
    const auto& e = s.adaptable_elements(i);
    std::string f = At("solution.adaptable_elements", i);
    CheckText(v, f + ".title", e.title(), true, kMaxTitleLength);
    CheckText(v, f + ".description", e.description(), false, kMaxTextLength);
  }
}

void ValidatePreconditionsAndEvidence(const Solution& s, FieldViolations& v) {
  CheckCount(v, "solution.preconditions", s.preconditions_size(), kMaxElements);
  for (int i = 0; i < s.preconditions_size(); ++i) {
    const auto& p = s.preconditions(i);
    std::string f = At("solution.preconditions", i);
    if (!v1::PreconditionKind_IsValid(p.kind()) || p.kind() == v1::PRECONDITION_KIND_UNSPECIFIED) {
      v.Add(f + ".kind", "required: STAFF, COMPETENCE, IT, LEGAL, BUDGET or OTHER");
    }
    CheckText(v, f + ".description", p.description(), true, kMaxTextLength);
  }
  CheckCount(v, "solution.evidence", s.evidence_size(), kMaxElements);
  for (int i = 0; i < s.evidence_size(); ++i) {
    const auto& e = s.evidence(i);
    std::string f = At("solution.evidence", i);
    CheckText(v, f + ".metric", e.metric(), true, kMaxShortTextLength);
    CheckText(v, f + ".unit", e.unit(), false, kMaxTitleLength);
    CheckText(v, f + ".period", e.period(), false, kMaxTitleLength);
    CheckText(v, f + ".source", e.source(), false, kMaxShortTextLength);
  }
}

void ValidateContactAndTerms(const Solution& s, FieldViolations& v) {
  CheckText(v, "solution.contact.name", s.contact().name(), false, kMaxTitleLength);
  CheckText(v, "solution.contact.email", s.contact().email(), false, kMaxTitleLength);
  if (!s.contact().email().empty() && s.contact().email().find('@') == std::string::npos) {
    v.Add("solution.contact.email", "expected an e-mail address such as team@kommune.dk");
  }
  CheckText(v, "solution.contact.url", s.contact().url(), false, kMaxShortTextLength);
  CheckText(v, "solution.license", s.license(), false, kMaxTitleLength);
  if (!v1::Maturity_IsValid(s.maturity())) {
    v.Add("solution.maturity", "expected IDEA, PILOT, PROVEN or SCALED");
  }
  if (s.support_capacity() < 0) {
    v.Add("solution.support_capacity", "must not be negative; 0 means not stated");
  }
}

}  // namespace

void ValidateSolution(const Solution& s, FieldViolations& v) {
  if (s.ByteSizeLong() > kMaxSolutionBytes) {
    v.Add("solution", absl::StrCat("too large: at most ", kMaxSolutionBytes / 1024,
                                   " KiB serialized; shorten the texts or split the solution"));
    return;
  }
  CheckText(v, "solution.title", s.title(), true, kMaxTitleLength);
  CheckText(v, "solution.summary", s.summary(), false, kMaxTextLength);
  CheckText(v, "solution.description", s.description(), false, kMaxTextLength);
  CheckLanguage(v, "solution.language", s.language(), true);
  CheckCountry(v, "solution.origin.country", s.origin().country(), false);
  CheckRegion(v, "solution.origin.region", s.origin().country(), s.origin().region());
  CheckText(v, "solution.origin.municipality", s.origin().municipality(), false, kMaxTitleLength);
  CheckSectors(v, "solution.sectors", s.sectors(), kMaxSectors);
  CheckTextList(v, "solution.target_groups", s.target_groups(), kMaxTargetGroups, kMaxTitleLength);
  CheckTextList(v, "solution.tags", s.tags(), kMaxTags, kMaxTagLength);
  ValidateElements(s, v);
  ValidatePreconditionsAndEvidence(s, v);
  ValidateContactAndTerms(s, v);
}

void NormalizeSolution(Solution& s) {
  s.set_language(CanonicalLanguage(s.language()));
  for (std::string& tag : *s.mutable_tags()) tag = std::string(absl::StripAsciiWhitespace(tag));
  for (std::string& group : *s.mutable_target_groups()) {
    group = std::string(absl::StripAsciiWhitespace(group));
  }
}

}  // namespace corematch::publishing
