// services/matching/analysis/internal/stop_words.h
//
// The stop words of every supported language in one table: a word maps to the
// set of languages that list it, which serves both stop-word removal and the
// language guess (a word only Danish lists is strong evidence for Danish).
// Immutable after construction, so thread-safe.
#ifndef COREMATCH_SERVICES_MATCHING_ANALYSIS_INTERNAL_STOP_WORDS_H_
#define COREMATCH_SERVICES_MATCHING_ANALYSIS_INTERNAL_STOP_WORDS_H_

#include <cstdint>
#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "services/matching/analysis/internal/text.h"
#include "services/matching/analysis/language.h"

namespace corematch::matching::internal {

// Bit LanguageIndex(language) per language.
using LanguageSet = uint16_t;
static_assert(kLanguageCount <= 16);

inline constexpr LanguageSet LanguageBit(Language language) {
  return static_cast<LanguageSet>(1u << LanguageIndex(language));
}

class StopWords final {
 public:
  // The built-in lists (data/stopwords.<tag>.txt), normalised by `normalizer`
  // so they compare equal to normalised text ("daß" is stored as "dass").
  static StopWords Builtin(const TextNormalizer& normalizer);

  // `word` must be normalised.
  bool Contains(absl::string_view word, Language language) const {
    return (Languages(word) & LanguageBit(language)) != 0;
  }

  // The languages whose list holds `word`; 0 if none.
  LanguageSet Languages(absl::string_view word) const;

 private:
  absl::flat_hash_map<std::string, LanguageSet> languages_;
};

}  // namespace corematch::matching::internal

#endif  // COREMATCH_SERVICES_MATCHING_ANALYSIS_INTERNAL_STOP_WORDS_H_
