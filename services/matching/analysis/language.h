// services/matching/analysis/language.h
//
// The languages text analysis knows. Each has a Snowball stemmer and a
// stop-word list; the compounding ones (da, sv, no, de, nl, fi) also have a
// lexicon of known words for splitting compounds.
//
// Languages are named by BCP 47 tags; only the primary language subtag counts,
// so "da-DK", "sv_FI" and "nb-NO" work as well as "da", "sv" and "no".
//
//   Language lang = LanguageFromTag("nb-NO");  // Language::kNorwegian
//   LanguageTag(lang);                         // "no"
#ifndef COREMATCH_SERVICES_MATCHING_ANALYSIS_LANGUAGE_H_
#define COREMATCH_SERVICES_MATCHING_ANALYSIS_LANGUAGE_H_

#include <cstddef>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace corematch::matching {

// Values are stable: they index per-language tables.
enum class Language {
  kUnknown,
  kDanish,
  kSwedish,
  kNorwegian,  // Bokmål; nynorsk ("nn") is analysed the same way.
  kFinnish,
  kEnglish,
  kGerman,
  kDutch,
  kFrench,
  kSpanish,
  kItalian,
  kPortuguese,
};

// Number of Language values, kUnknown included.
inline constexpr size_t kLanguageCount = 12;

inline constexpr size_t LanguageIndex(Language language) { return static_cast<size_t>(language); }

// Every language but kUnknown, in enum order.
absl::Span<const Language> SupportedLanguages();

// "da", "da-DK", "DAN" → kDanish; "nb", "nn", "no" → kNorwegian; ISO 639-2
// codes are accepted too. Anything else (including "und" and "") → kUnknown.
Language LanguageFromTag(absl::string_view bcp47);

// The short tag: "da", "sv", "no", "fi", "en", "de", "nl", "fr", "es", "it",
// "pt"; "und" (BCP 47 for undetermined) for kUnknown.
absl::string_view LanguageTag(Language language);

// The libstemmer algorithm name ("danish", ...); empty for kUnknown.
absl::string_view SnowballAlgorithm(Language language);

// True for the languages that write compounds as one word: da, sv, no, de, nl, fi.
bool IsCompounding(Language language);

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_ANALYSIS_LANGUAGE_H_
