#include "services/matching/engine/context_scorer.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/matching/engine/ranking_weights.h"

namespace corematch::matching {
namespace {

absl::string_view Division(absl::string_view code) { return code.substr(0, code.find('.')); }

bool IsNordic(absl::string_view country) {
  return country == "DK" || country == "SE" || country == "NO" || country == "FI" ||
         country == "IS";
}

std::string PrimaryLanguage(absl::string_view tag) {
  return std::string(tag.substr(0, tag.find('-')));
}

void Add(std::vector<FactorExplanation>& out, double& sum, std::string name, double value,
         double weight, std::string note) {
  const double contribution = value * weight;
  sum += contribution;
  out.push_back({std::move(name), value, weight, contribution, std::move(note)});
}

void ScoreSector(const NeedFeatures& need, const SolutionFeatures& s,
                 std::vector<FactorExplanation>& out, double& sum) {
  if (need.sectors.empty() || s.sectors.empty()) return;
  const double fit = SectorFit(need.sectors, s.sectors);
  Add(out, sum, "sector", fit, weights::kSector,
      fit == 1.0  ? absl::StrCat("same sector (", absl::StrJoin(s.sectors, ", "), ")")
      : fit > 0.0 ? absl::StrCat("same sector division (", absl::StrJoin(s.sectors, ", "), ")")
                  : absl::StrCat("other sector (", absl::StrJoin(s.sectors, ", "), ")"));
}

void ScoreTargetGroup(const NeedFeatures& need, const SolutionFeatures& s,
                      std::vector<FactorExplanation>& out, double& sum) {
  if (need.target_group_terms.empty() || s.target_group_terms.empty()) return;
  size_t shared = 0;
  for (uint32_t term : need.target_group_terms) {
    shared += std::count(s.target_group_terms.begin(), s.target_group_terms.end(), term) > 0;
  }
  const double value = static_cast<double>(shared) / need.target_group_terms.size();
  Add(out, sum, "target_group", value, weights::kTargetGroup,
      absl::StrCat(shared, " of ", need.target_group_terms.size(), " target-group words shared"));
}

void ScorePlace(const NeedFeatures& need, const SolutionFeatures& s,
                std::vector<FactorExplanation>& out, double& sum) {
  if (!need.country.empty() && !s.country.empty()) {
    const double value = need.country == s.country                       ? 1.0
                         : IsNordic(need.country) && IsNordic(s.country) ? 0.6
                                                                         : 0.0;
    Add(out, sum, "country", value, weights::kCountry,
        value == 1.0  ? absl::StrCat("same country (", s.country, ")")
        : value > 0.0 ? absl::StrCat("neighbouring Nordic country (", s.country, ")")
                      : absl::StrCat("from ", s.country));
  }
  if (need.region.size() >= 3 && s.region.size() >= 3) {
    // NUTS codes nest: a shared prefix beyond the country means nearby.
    size_t common = 0;
    while (common < need.region.size() && common < s.region.size() &&
           need.region[common] == s.region[common]) {
      ++common;
    }
    const double value = common <= 2 ? 0.0 : static_cast<double>(common - 2) / 3.0;
    Add(out, sum, "region", std::min(value, 1.0), weights::kRegion,
        absl::StrCat("region ", s.region));
  }
  if (need.population > 0 && s.population > 0) {
    const double ratio = static_cast<double>(std::min(need.population, s.population)) /
                         static_cast<double>(std::max(need.population, s.population));
    // Similar size matters on a log scale: 10x larger is far, 2x is near.
    const double value = std::max(0.0, 1.0 + std::log10(ratio) / 2.0);
    Add(out, sum, "population", value, weights::kPopulation,
        absl::StrCat("made for ", s.population, " inhabitants"));
  }
}

void ScoreLanguage(const NeedFeatures& need, const SolutionFeatures& s,
                   std::vector<FactorExplanation>& out, double& sum) {
  const std::string solution = PrimaryLanguage(s.language);
  double value;
  std::string note;
  if (!need.accepted_languages.empty()) {
    const bool accepted =
        std::any_of(need.accepted_languages.begin(), need.accepted_languages.end(),
                    [&](const std::string& l) { return PrimaryLanguage(l) == solution; });
    value = accepted ? 1.0 : 0.0;
    note = accepted ? absl::StrCat("written in ", solution, ", which you read")
                    : absl::StrCat("written in ", solution, ", not among your languages");
  } else {
    value = solution == PrimaryLanguage(need.language) ? 1.0 : 0.5;
    note = value == 1.0 ? absl::StrCat("written in your language (", solution, ")")
                        : absl::StrCat("written in ", solution);
  }
  Add(out, sum, "language", value, weights::kLanguage, std::move(note));
}

void ScoreSolutionStrength(const SolutionFeatures& s, std::vector<FactorExplanation>& out,
                           double& sum) {
  static constexpr double kMaturityValue[] = {0.0, 0.25, 0.5, 0.85, 1.0};
  static constexpr const char* kMaturityName[] = {"maturity not stated", "an idea", "piloted",
                                                  "proven", "scaled"};
  const int maturity = std::clamp(s.maturity, 0, 4);
  Add(out, sum, "maturity", kMaturityValue[maturity], weights::kMaturity, kMaturityName[maturity]);
  Add(out, sum, "evidence", std::min(1.0, s.evidence_count / 2.0), weights::kEvidence,
      s.evidence_count == 0 ? "no measured effect yet"
                            : absl::StrCat(s.evidence_count, " measured effect(s)"));
  if (s.support_capacity > 0) {
    const int left = std::max(0, s.support_capacity - s.connected_adopters);
    Add(out, sum, "capacity", static_cast<double>(left) / s.support_capacity, weights::kCapacity,
        absl::StrCat("owner can support ", left, " more adopter(s)"));
  }
}

}  // namespace

double SectorFit(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  double best = 0.0;
  for (const std::string& x : a) {
    for (const std::string& y : b) {
      if (x == y) return 1.0;
      if (Division(x) == Division(y)) best = 0.6;
    }
  }
  return best;
}

double ScoreContext(const NeedFeatures& need, const SolutionFeatures& solution,
                    std::vector<FactorExplanation>& out) {
  double sum = 0.0;
  ScoreSector(need, solution, out, sum);
  ScoreTargetGroup(need, solution, out, sum);
  ScorePlace(need, solution, out, sum);
  ScoreLanguage(need, solution, out, sum);
  ScoreSolutionStrength(solution, out, sum);
  return sum;
}

}  // namespace corematch::matching
