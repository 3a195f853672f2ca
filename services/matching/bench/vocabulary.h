// services/matching/bench/vocabulary.h
//
// The word material of the generated benchmark corpora: public-sector
// concepts, each written in the six languages of a Nordic deployment
// (Danish, Swedish, Norwegian bokmål, Finnish, German, English), grouped by
// the sector they belong to; function words per language; and the
// municipalities (with NUTS regions and populations) that own solutions and
// file requests. Concepts are aligned across languages, so a Danish request
// and a Swedish solution generated from the same topic say the same thing in
// different words — which is what cross-language matching has to bridge.
//
// The words are real: common terms of Nordic and German public
// administration (compounds included: "kontanthjælp", "försörjningsstöd",
// "hjemmetjenester", "Schuldnerberatung"), the kind the analysis has to stem
// and split. Within each sector the concepts are listed roughly from the
// most to the least frequent; the generator draws them with a Zipf-like law
// in that order.
#ifndef COREMATCH_SERVICES_MATCHING_BENCH_VOCABULARY_H_
#define COREMATCH_SERVICES_MATCHING_BENCH_VOCABULARY_H_

#include <array>
#include <cstddef>
#include <cstdint>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace corematch::matching::bench {

// The languages of a generated corpus, in the column order of the tables.
enum class CorpusLanguage : uint8_t { kDanish, kSwedish, kNorwegian, kFinnish, kGerman, kEnglish };
inline constexpr size_t kCorpusLanguageCount = 6;

// "da", "sv", "no", "fi", "de", "en".
absl::string_view LanguageCode(CorpusLanguage language);

// The sectors concepts belong to. kGeneral holds nouns every sector uses
// ("kommune", "indsats"); kCommon verbs and adjectives ("forbedre", "ny"),
// which are never inflected.
enum class Sector : uint8_t {
  kEmployment,
  kIncomeSupport,
  kElderlyCare,
  kDisability,
  kFamily,
  kSchools,
  kHealth,
  kHousing,
  kClimate,
  kTransport,
  kDigital,
  kSafety,
  kCulture,
  kGeneral,
  kCommon,
};
// The sectors topics are drawn from: all but kGeneral and kCommon.
inline constexpr size_t kTopicSectorCount = 13;

struct SectorInfo {
  Sector sector;
  absl::string_view name;
  // COFOG 1999 groups, e.g. {"10.5", "04.1"}; the first is the main one.
  absl::Span<const absl::string_view> cofog;
  // Share of the solutions of a corpus (topic sectors only; sums to 1).
  double weight;
};

// The topic sectors, in enum order.
absl::Span<const SectorInfo> TopicSectors();

struct Concept {
  Sector sector;
  // Usable as a target group ("ledige", "older people").
  bool target_group;
  // Indexed by CorpusLanguage; may hold several words ("tidlig indsats").
  std::array<absl::string_view, kCorpusLanguageCount> words;
};

absl::Span<const Concept> Concepts();

// Function words of `language`, most frequent first.
absl::Span<const absl::string_view> FunctionWords(CorpusLanguage language);

struct Municipality {
  absl::string_view country;  // ISO 3166-1 alpha-2
  absl::string_view region;   // NUTS 2, "" if none
  absl::string_view name;
  int64_t population;
  // The language the organisation writes in.
  CorpusLanguage language;
};

absl::Span<const Municipality> Municipalities();

}  // namespace corematch::matching::bench

#endif  // COREMATCH_SERVICES_MATCHING_BENCH_VOCABULARY_H_
