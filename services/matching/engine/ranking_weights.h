// services/matching/engine/ranking_weights.h
//
// Every weight of corematch's ranking, in one place. A score is
//
//   score = kTextWeight · text + Σ weight(factor) · value(factor)
//
// where `text` is the BM25F score of the need against the solution's fields,
// squashed into [0, 1) as s / (s + kTextHalfPointPerMass · mass), where mass
// is the need's idf-weighted length, and each context factor's
// value is in [0, 1]. A factor the request gives no data for (no sectors, no
// population) contributes nothing to any solution, so it does not reorder
// them. docs/matching.md explains the choices and how they were tuned.
#ifndef COREMATCH_SERVICES_MATCHING_ENGINE_RANKING_WEIGHTS_H_
#define COREMATCH_SERVICES_MATCHING_ENGINE_RANKING_WEIGHTS_H_

namespace corematch::matching::weights {

// BM25F: per-field weights and length normalisation. The core elements weigh
// almost as much as the title: the core is what spreads.
inline constexpr float kTitle = 3.0f;
inline constexpr float kCoreElements = 2.5f;
inline constexpr float kSummary = 1.5f;
inline constexpr float kDescription = 1.0f;
inline constexpr float kTags = 2.0f;
inline constexpr float kTitleB = 0.5f;
inline constexpr float kTextB = 0.75f;
inline constexpr float kK1 = 1.2f;

// How much a word reached only through translation (the English pivot) or
// only as a part of a compound counts, relative to the word itself.
inline constexpr float kTranslatedTerm = 0.5f;
inline constexpr float kCompoundPart = 0.6f;

// Text score squashing: a BM25F score of kTextHalfPointPerMass times the
// need's mass (Σ weight·idf of its terms) gives text = 0.5, whatever the
// need's length.
inline constexpr float kTextHalfPointPerMass = 0.4f;
inline constexpr float kTextWeight = 0.70f;

// Context factors.
inline constexpr float kSector = 0.08f;
inline constexpr float kTargetGroup = 0.04f;
inline constexpr float kCountry = 0.03f;
inline constexpr float kRegion = 0.01f;
inline constexpr float kPopulation = 0.02f;
inline constexpr float kLanguage = 0.03f;
inline constexpr float kMaturity = 0.04f;
inline constexpr float kEvidence = 0.03f;
inline constexpr float kCapacity = 0.02f;
// The most context can add to a score: every factor fully met.
inline constexpr float kContextMax = kSector + kTargetGroup + kCountry + kRegion + kPopulation +
                                     kLanguage + kMaturity + kEvidence + kCapacity;

}  // namespace corematch::matching::weights

#endif  // COREMATCH_SERVICES_MATCHING_ENGINE_RANKING_WEIGHTS_H_
