// services/matching/analysis/internal/language_guesser.h
//
// Guesses the language of a text among the supported ones by weighing three
// kinds of evidence:
//   - stop words: the strongest; a word only one language lists counts fully,
//     a word n languages list counts 1/n to each ("og" splits da/no, "af"
//     is Danish alone);
//   - characteristic letters: æ ø (da, no), å (da, no, sv), ä ö (sv, fi,
//     de), ü ß (de), ñ (es), ã õ (pt), ...;
//   - lexicon words, for short texts with few stop words (queries): a word a
//     compounding language's lexicon knows counts for that language.
// Immutable after construction, so thread-safe.
#ifndef COREMATCH_SERVICES_MATCHING_ANALYSIS_INTERNAL_LANGUAGE_GUESSER_H_
#define COREMATCH_SERVICES_MATCHING_ANALYSIS_INTERNAL_LANGUAGE_GUESSER_H_

#include <memory>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "services/matching/analysis/internal/stop_words.h"
#include "services/matching/analysis/internal/text.h"
#include "services/matching/analysis/language.h"
#include "services/matching/analysis/lexicon.h"

namespace corematch::matching::internal {

class LanguageGuesser final {
 public:
  // `stop_words` must outlive the guesser.
  explicit LanguageGuesser(const StopWords* stop_words) : stop_words_(stop_words) {}

  // `text` is the raw text (its letters are read before case folding turns
  // "ß" into "ss"); `words` are its normalised words. `lexicons` is indexed
  // by LanguageIndex and may hold nulls. kUnknown when nothing points
  // anywhere; ties go to the language first in enum order.
  Language Guess(absl::string_view text, absl::Span<const WordBreaker::Word> words,
                 absl::Span<const std::shared_ptr<const Lexicon>> lexicons) const;

 private:
  const StopWords* stop_words_;
};

}  // namespace corematch::matching::internal

#endif  // COREMATCH_SERVICES_MATCHING_ANALYSIS_INTERNAL_LANGUAGE_GUESSER_H_
