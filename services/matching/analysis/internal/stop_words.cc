// services/matching/analysis/internal/stop_words.cc
#include "services/matching/analysis/internal/stop_words.h"

#include "services/matching/analysis/internal/word_list.h"

namespace corematch::matching::internal {

StopWords StopWords::Builtin(const TextNormalizer& normalizer) {
  StopWords stop_words;
  for (Language language : SupportedLanguages()) {
    for (absl::string_view word : BuiltinStopWords(language)) {
      stop_words.languages_[normalizer.Normalize(word)] |= LanguageBit(language);
    }
  }
  return stop_words;
}

LanguageSet StopWords::Languages(absl::string_view word) const {
  auto it = languages_.find(word);
  return it == languages_.end() ? 0 : it->second;
}

}  // namespace corematch::matching::internal
