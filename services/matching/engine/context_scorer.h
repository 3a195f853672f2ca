// services/matching/engine/context_scorer.h
//
// The context part of a score: how well a solution's setting fits the
// requester's — sector, target group, country, region, population, language,
// maturity, evidence of effect and the owner's remaining support capacity.
// Each factor is a value in [0, 1] times its weight (ranking_weights.h).
#ifndef COREMATCH_SERVICES_MATCHING_ENGINE_CONTEXT_SCORER_H_
#define COREMATCH_SERVICES_MATCHING_ENGINE_CONTEXT_SCORER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "services/matching/engine/explanation.h"
#include "services/matching/engine/records.h"

namespace corematch::matching {

// The compact per-solution facts kept in memory for scoring.
struct SolutionFeatures {
  std::string language;
  std::string country;
  std::string region;
  std::vector<std::string> sectors;
  // Fingerprint32s of the analysed target-group terms (persisted: stable
  // across processes).
  std::vector<uint32_t> target_group_terms;
  int64_t population = 0;
  MaturityLevel maturity = 0;
  int evidence_count = 0;
  int support_capacity = 0;
  int connected_adopters = 0;
};

struct NeedFeatures {
  std::string language;
  std::string country;
  std::string region;
  std::vector<std::string> sectors;
  std::vector<uint32_t> target_group_terms;
  int64_t population = 0;
  std::vector<std::string> accepted_languages;
};

// Appends the factors to `out` and returns the sum of their contributions.
double ScoreContext(const NeedFeatures& need, const SolutionFeatures& solution,
                    std::vector<FactorExplanation>& out);

// 1 for the same COFOG group, 0.6 for the same division, else 0; the best pair.
double SectorFit(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_ENGINE_CONTEXT_SCORER_H_
