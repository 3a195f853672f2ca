// services/matching/engine/explanation.h
//
// Why a solution ranks where it does, built from the same numbers that made
// its score: `total == text_weight * text_score + Σ factors[i].contribution`,
// and `text_bm25 == Σ terms[i].contribution`.
#ifndef COREMATCH_SERVICES_MATCHING_ENGINE_EXPLANATION_H_
#define COREMATCH_SERVICES_MATCHING_ENGINE_EXPLANATION_H_

#include <cstdint>
#include <string>
#include <vector>

namespace corematch::matching {

enum class MatchKind { kExact, kCompound, kTranslation };

struct TermMatchExplanation {
  std::string query_term;
  // The stem met in the solution (the English pivot stem for translations).
  std::string matched_term;
  // Field bits (FieldBit) of where it was found.
  uint8_t fields = 0;
  MatchKind kind = MatchKind::kExact;
  double contribution = 0;
};

struct FactorExplanation {
  std::string name;
  double value = 0;
  double weight = 0;
  double contribution = 0;
  std::string note;
};

struct Explanation {
  double text_bm25 = 0;
  // text_bm25 squashed into [0, 1).
  double text_score = 0;
  double text_weight = 0;
  std::vector<TermMatchExplanation> terms;
  std::vector<FactorExplanation> factors;
  std::vector<std::string> matched_core_elements;
  std::vector<std::string> preconditions_to_check;
  std::string summary;
  double total = 0;
};

struct RankedSolution {
  std::string name;
  double score = 0;
  Explanation explanation;
};

struct RankedRequest {
  std::string name;
  double score = 0;
  Explanation explanation;
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_ENGINE_EXPLANATION_H_
