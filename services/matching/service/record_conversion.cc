#include "services/matching/service/record_conversion.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/field_checks.h"
#include "services/matching/engine/text_index.h"

namespace corematch::matching {
namespace {

constexpr int kMaxFilterEntries = 50;

std::string EnumSuffix(const std::string& full, absl::string_view prefix) {
  return absl::StartsWith(full, prefix) ? full.substr(prefix.size()) : full;
}

std::vector<std::string> ToVector(const google::protobuf::RepeatedPtrField<std::string>& list) {
  return std::vector<std::string>(list.begin(), list.end());
}

}  // namespace

absl::string_view IdOf(absl::string_view name) {
  const size_t slash = name.find('/');
  return slash == absl::string_view::npos ? name : name.substr(slash + 1);
}

std::string SolutionName(absl::string_view id) { return absl::StrCat("solutions/", id); }
std::string RequestName(absl::string_view id) { return absl::StrCat("adoptionRequests/", id); }

SolutionRecord ToSolutionRecord(const publishing_pb::Solution& s) {
  SolutionRecord r;
  r.name = s.name();
  r.language = s.language();
  r.title = s.title();
  r.summary = s.summary();
  r.description = s.description();
  for (const publishing_pb::CoreElement& core : s.core_elements()) {
    r.core_elements.push_back({core.title(), core.description(), core.value_rationale()});
  }
  r.tags = ToVector(s.tags());
  r.sectors = ToVector(s.sectors());
  r.target_groups = ToVector(s.target_groups());
  r.country = s.origin().country();
  r.region = s.origin().region();
  r.maturity = std::clamp(static_cast<int>(s.maturity()), 0, 4);
  r.evidence_count = s.evidence_size();
  r.support_capacity = s.support_capacity();
  for (const publishing_pb::Precondition& p : s.preconditions()) {
    r.preconditions.push_back(
        {EnumSuffix(publishing_pb::PreconditionKind_Name(p.kind()), "PRECONDITION_KIND_"),
         p.description()});
  }
  return r;
}

RequestRecord ToRequestRecord(const adoption_pb::AdoptionRequest& request) {
  RequestRecord r;
  r.name = request.name();
  r.title = request.title();
  r.need_statement = request.need_statement();
  r.language = request.language();
  r.sectors = ToVector(request.sectors());
  r.target_groups = ToVector(request.target_groups());
  r.desired_effects = ToVector(request.desired_effects());
  r.country = request.context().country();
  r.region = request.context().region();
  r.population = request.context().population();
  r.accepted_languages = ToVector(request.accepted_languages());
  return r;
}

NeedQuery NeedQueryFor(const adoption_pb::AdoptionRequest& request, size_t top_k) {
  return NeedOf(ToRequestRecord(request), top_k);
}

std::optional<MaturityLevel> ParseMaturity(absl::string_view text) {
  if (text.empty()) return 0;
  std::string name = absl::AsciiStrToUpper(text);
  if (!absl::StartsWith(name, "MATURITY_")) name = absl::StrCat("MATURITY_", name);
  publishing_pb::Maturity maturity;
  if (!publishing_pb::Maturity_Parse(name, &maturity) ||
      maturity == publishing_pb::MATURITY_UNSPECIFIED) {
    return std::nullopt;
  }
  return static_cast<MaturityLevel>(maturity);
}

void ApplySolutionFilter(const pb::SolutionFilter& filter, absl::string_view field, NeedQuery& need,
                         FieldViolations& violations) {
  CheckLanguages(violations, absl::StrCat(field, ".languages"), filter.languages(),
                 kMaxFilterEntries);
  CheckCount(violations, absl::StrCat(field, ".countries"), filter.countries_size(),
             kMaxFilterEntries);
  for (int i = 0; i < filter.countries_size(); ++i) {
    CheckCountry(violations, absl::StrCat(field, ".countries[", i, "]"), filter.countries(i),
                 /*required=*/true);
  }
  CheckSectors(violations, absl::StrCat(field, ".sectors"), filter.sectors(), kMaxFilterEntries);
  std::optional<MaturityLevel> maturity = ParseMaturity(filter.min_maturity());
  if (!maturity.has_value()) {
    violations.Add(absl::StrCat(field, ".min_maturity"),
                   "one of \"IDEA\", \"PILOT\", \"PROVEN\", \"SCALED\", or empty");
  }
  if (!filter.languages().empty()) need.only_languages = ToVector(filter.languages());
  need.only_countries = ToVector(filter.countries());
  need.only_sectors = ToVector(filter.sectors());
  need.min_maturity = maturity.value_or(0);
}

size_t EffectiveTopK(int top_k, absl::string_view field, FieldViolations& violations) {
  if (top_k < 0) {
    violations.Add(std::string(field), "must not be negative; 0 means the default of 20");
    return kDefaultTopK;
  }
  if (top_k == 0) return kDefaultTopK;
  return static_cast<size_t>(std::min(top_k, kMaxTopK));
}

std::vector<std::string> FieldNames(uint8_t fields) {
  std::vector<std::string> names;
  for (int f = 0; f < kFieldCount; ++f) {
    if (fields & FieldBit(static_cast<Field>(f))) {
      names.emplace_back(FieldName(static_cast<Field>(f)));
    }
  }
  return names;
}

pb::TermMatchKind ToProtoKind(MatchKind kind) {
  switch (kind) {
    case MatchKind::kExact:
      return pb::TERM_MATCH_KIND_EXACT;
    case MatchKind::kCompound:
      return pb::TERM_MATCH_KIND_COMPOUND;
    case MatchKind::kTranslation:
      return pb::TERM_MATCH_KIND_TRANSLATION;
  }
  return pb::TERM_MATCH_KIND_UNSPECIFIED;
}

pb::Explanation ToProtoExplanation(const Explanation& e) {
  pb::Explanation out;
  out.set_text_score(e.text_score);
  out.set_text_weight(e.text_weight);
  for (const TermMatchExplanation& term : e.terms) {
    pb::TermMatch* t = out.add_term_matches();
    t->set_query_term(term.query_term);
    t->set_matched_term(term.matched_term);
    for (std::string& name : FieldNames(term.fields)) t->add_fields(std::move(name));
    t->set_kind(ToProtoKind(term.kind));
    t->set_contribution(term.contribution);
  }
  for (const FactorExplanation& factor : e.factors) {
    pb::ContextFactor* f = out.add_context_factors();
    f->set_name(factor.name);
    f->set_value(factor.value);
    f->set_weight(factor.weight);
    f->set_contribution(factor.contribution);
    f->set_note(factor.note);
  }
  for (const std::string& core : e.matched_core_elements) out.add_matched_core_elements(core);
  for (const std::string& p : e.preconditions_to_check) out.add_preconditions_to_check(p);
  out.set_summary(e.summary);
  return out;
}

}  // namespace corematch::matching
