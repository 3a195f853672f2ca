// services/notification/profiles/profile_matcher.cc
#include "services/notification/profiles/profile_matcher.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace corematch::notification {
namespace {

// Distinct non-empty values of `values`, each passed through `normalize`, in
// first-seen order.
template <typename Normalize>
std::vector<std::string> DistinctNormalized(const std::vector<std::string>& values,
                                            Normalize normalize) {
  std::vector<std::string> out;
  absl::flat_hash_set<std::string> seen;
  for (const std::string& value : values) {
    std::string normalized = normalize(value);
    if (normalized.empty() || !seen.insert(normalized).second) continue;
    out.push_back(std::move(normalized));
  }
  return out;
}

std::vector<NeedConcept> CompileNeed(const InterestProfile& profile) {
  std::vector<NeedConcept> need;
  absl::flat_hash_map<std::string, size_t> index_of;
  for (size_t i = 0; i < profile.need_terms.size(); ++i) {
    const std::string& term = profile.need_terms[i];
    if (term.empty()) continue;
    auto [it, inserted] = index_of.emplace(term, need.size());
    if (inserted) need.push_back(NeedConcept{term, {}});
    if (i >= profile.need_term_pivots.size()) continue;
    NeedConcept& need_term = need[it->second];
    for (const std::string& pivot : profile.need_term_pivots[i]) {
      if (pivot.empty() || pivot == term) continue;
      if (std::find(need_term.pivots.begin(), need_term.pivots.end(), pivot) !=
          need_term.pivots.end()) {
        continue;
      }
      need_term.pivots.push_back(pivot);
    }
  }
  return need;
}

template <typename Value>
bool Contains(const std::vector<std::string>& values, const Value& value) {
  return std::find(values.begin(), values.end(), value) != values.end();
}

// The first solution sector within one of the profile's, and that one.
std::optional<std::pair<const std::string*, const std::string*>> MeetSector(
    const CompiledProfile& profile, const PreparedSolution& solution) {
  for (const std::string& sector : solution.sectors()) {
    for (const std::string& wanted : profile.sectors) {
      if (SectorWithin(sector, wanted)) return std::make_pair(&sector, &wanted);
    }
  }
  return std::nullopt;
}

// The first solution target group the profile names.
const std::string* MeetTargetGroup(const CompiledProfile& profile,
                                   const PreparedSolution& solution) {
  for (const std::string& group : solution.target_groups()) {
    if (Contains(profile.target_groups, group)) return &group;
  }
  return nullptr;
}

// Every facet the profile sets (an empty one is open) meets the solution.
bool FacetsMatch(const CompiledProfile& profile, const PreparedSolution& solution) {
  return (profile.countries.empty() || Contains(profile.countries, solution.country())) &&
         (profile.languages.empty() || Contains(profile.languages, solution.language_subtag())) &&
         (profile.sectors.empty() || MeetSector(profile, solution).has_value()) &&
         (profile.target_groups.empty() || MeetTargetGroup(profile, solution) != nullptr);
}

// Why FacetsMatch() held: one reason per facet the profile sets.
void AddFacetReasons(const CompiledProfile& profile, const PreparedSolution& solution,
                     std::vector<std::string>& reasons) {
  if (!profile.sectors.empty()) {
    const auto [sector, wanted] = *MeetSector(profile, solution);
    reasons.push_back(*sector == *wanted ? absl::StrCat("sector ", *sector)
                                         : absl::StrCat("sector ", *sector, " within ", *wanted));
  }
  if (!profile.target_groups.empty()) {
    reasons.push_back(absl::StrCat("target group ", *MeetTargetGroup(profile, solution)));
  }
  if (!profile.countries.empty()) reasons.push_back(absl::StrCat("country ", solution.country()));
  if (!profile.languages.empty()) {
    const std::string& subtag = solution.language_subtag();
    reasons.push_back(solution.language() == subtag
                          ? absl::StrCat("language ", subtag)
                          : absl::StrCat("language ", solution.language(), " within ", subtag));
  }
}

// w_i of the header: the best weight at which the solution has `need_term`;
// `via` is set to the pivot that gave it, or to nullptr for the term itself.
double NeedTermWeight(const NeedConcept& need_term, const PreparedSolution& solution,
                      const std::string*& via) {
  double weight = solution.FieldWeight(need_term.term);
  via = nullptr;
  for (const std::string& pivot : need_term.pivots) {
    const double translated = solution.FieldWeight(pivot) * weights::kTranslated;
    if (translated > weight) {
      weight = translated;
      via = &pivot;
    }
  }
  return weight;
}

// The need score, or 0 when no term is found (which fails any min_score).
double NeedScore(const std::vector<NeedConcept>& need, const PreparedSolution& solution) {
  double sum = 0;
  const std::string* via;
  for (const NeedConcept& need_term : need) sum += NeedTermWeight(need_term, solution, via);
  return sum / static_cast<double>(need.size());
}

// Why NeedScore() came to `score`: the terms found, and the sum.
void AddNeedReasons(const CompiledProfile& profile, const PreparedSolution& solution, double score,
                    ProfileHit& hit) {
  std::vector<std::string> described;  // "arbejd", "borger via citizen"
  std::vector<std::string> addends;    // The w_i found, as printed.
  for (const NeedConcept& need_term : profile.need) {
    const std::string* via;
    const double weight = NeedTermWeight(need_term, solution, via);
    if (weight <= 0) continue;
    hit.matched_terms.push_back(need_term.term);
    described.push_back(via == nullptr ? need_term.term
                                       : absl::StrCat(need_term.term, " via ", *via));
    addends.push_back(absl::StrCat(weight));  // As %g, without parsing a format.
  }
  hit.reasons.push_back(absl::StrCat("need terms: ", absl::StrJoin(described, ", ")));
  hit.reasons.push_back(absl::StrFormat("need score %.2f = (%s) / %d, minimum %.2f", score,
                                        absl::StrJoin(addends, " + "), profile.need.size(),
                                        profile.min_score));
}

}  // namespace

CompiledProfile CompileProfile(const InterestProfile& profile) {
  CompiledProfile compiled;
  compiled.subscription = profile.subscription;
  compiled.sectors = DistinctNormalized(profile.sectors, [](const std::string& s) {
    return std::string(absl::StripAsciiWhitespace(s));
  });
  compiled.target_groups = DistinctNormalized(
      profile.target_groups, [](const std::string& g) { return absl::AsciiStrToLower(g); });
  compiled.countries = DistinctNormalized(
      profile.countries, [](const std::string& c) { return absl::AsciiStrToUpper(c); });
  compiled.languages = DistinctNormalized(profile.languages, PrimarySubtag);
  compiled.need = CompileNeed(profile);
  // Written so that NaN becomes 0.
  compiled.min_score = profile.min_score > 0 ? std::min(profile.min_score, 1.0) : 0.0;
  return compiled;
}

PreparedSolution::PreparedSolution(const SolutionFacts& facts)
    : facts_(facts),
      country_(absl::AsciiStrToUpper(facts.country)),
      language_subtag_(PrimarySubtag(facts.language)) {
  terms_.reserve(facts.title_terms.size() + facts.core_terms.size() + facts.body_terms.size());
  for (const std::string& term : facts.body_terms) terms_.emplace(term, weights::kBodyOnly);
  for (const auto* field : {&facts.title_terms, &facts.core_terms}) {
    for (const std::string& term : *field) terms_[term] = weights::kTitleOrCore;
  }
  sectors_.reserve(facts.sectors.size());
  for (const std::string& sector : facts.sectors) {
    sectors_.emplace_back(absl::StripAsciiWhitespace(sector));
  }
  target_groups_.reserve(facts.target_groups.size());
  for (const std::string& group : facts.target_groups) {
    target_groups_.push_back(absl::AsciiStrToLower(group));
  }
}

double PreparedSolution::FieldWeight(absl::string_view term) const {
  auto it = terms_.find(term);
  return it == terms_.end() ? 0.0 : it->second;
}

std::optional<double> Score(const CompiledProfile& profile, const PreparedSolution& solution) {
  if (!FacetsMatch(profile, solution)) return std::nullopt;
  if (profile.need.empty()) return 1.0;
  const double score = NeedScore(profile.need, solution);
  if (score <= 0 || score < profile.min_score) return std::nullopt;
  return score;
}

ProfileHit Explain(const CompiledProfile& profile, const PreparedSolution& solution, double score) {
  ProfileHit hit;
  hit.subscription = profile.subscription;
  hit.score = score;
  AddFacetReasons(profile, solution, hit.reasons);
  if (!profile.need.empty()) AddNeedReasons(profile, solution, score, hit);
  return hit;
}

std::optional<ProfileHit> Evaluate(const CompiledProfile& profile,
                                   const PreparedSolution& solution) {
  const std::optional<double> score = Score(profile, solution);
  if (!score.has_value()) return std::nullopt;
  return Explain(profile, solution, *score);
}

std::optional<ProfileHit> MatchProfile(const InterestProfile& profile,
                                       const SolutionFacts& solution) {
  const PreparedSolution prepared(solution);
  return Evaluate(CompileProfile(profile), prepared);
}

size_t RequiredNeedTerms(size_t need_count, double min_score) {
  if (need_count == 0) return 0;
  // The epsilon only ever lowers the count: asking for one term fewer than
  // needed costs an extra anchor, asking for one more would miss matches.
  const double exact = min_score * static_cast<double>(need_count);
  const double rounded = std::ceil(exact - 1e-9);
  const size_t required = rounded > 1 ? static_cast<size_t>(rounded) : 1;
  return std::min(required, need_count);
}

std::string PrimarySubtag(absl::string_view bcp47) {
  bcp47 = absl::StripAsciiWhitespace(bcp47);
  const size_t end = bcp47.find_first_of("-_");
  return absl::AsciiStrToLower(bcp47.substr(0, end));
}

bool SectorWithin(absl::string_view sector, absl::string_view profile_sector) {
  if (profile_sector.empty() || !absl::StartsWith(sector, profile_sector)) return false;
  return sector.size() == profile_sector.size() || sector[profile_sector.size()] == '.';
}

}  // namespace corematch::notification
