// services/matching/analysis/internal/text.h
//
// The first two steps of analysis, both with ICU: Unicode normalisation (NFKC
// with case folding) and word breaking (UAX #29 word boundaries).
//
//   ASSIGN_OR_RETURN(TextNormalizer normalizer, TextNormalizer::Create());
//   ASSIGN_OR_RETURN(std::unique_ptr<WordBreaker> breaker, WordBreaker::Create());
//   std::string normalized;
//   normalizer.Normalize("Kontanthjælps­modtagere", &normalized);
//   std::vector<WordBreaker::Word> words;
//   breaker->Break(normalized, &words);
#ifndef COREMATCH_SERVICES_MATCHING_ANALYSIS_INTERNAL_TEXT_H_
#define COREMATCH_SERVICES_MATCHING_ANALYSIS_INTERNAL_TEXT_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "unicode/brkiter.h"
#include "unicode/normalizer2.h"

namespace corematch::matching::internal {

// NFKC_Casefold: compatibility forms unfolded ("ﬁ" → "fi", full-width →
// ASCII), default-ignorables such as the soft hyphen removed, and full case
// folding without the Turkic special case ("I" → "i", "ß" → "ss").
// Thread-safe; cheap to copy.
class TextNormalizer final {
 public:
  static absl::StatusOr<TextNormalizer> Create();

  // Replaces *out with the normalised form of `text`. Ill-formed UTF-8 is
  // replaced by U+FFFD first, so *out is always well-formed.
  void Normalize(absl::string_view text, std::string* out) const;
  std::string Normalize(absl::string_view text) const;

 private:
  explicit TextNormalizer(const icu::Normalizer2* normalizer) : normalizer_(normalizer) {}

  const icu::Normalizer2* normalizer_;  // ICU's singleton; never deleted.
};

// True if `text` is well-formed UTF-8.
bool IsValidUtf8(absl::string_view text);

// Number of code points in well-formed UTF-8 `text`.
size_t CodePointCount(absl::string_view text);

// Finds the words of a text with ICU's word BreakIterator and keeps those made
// of letters or digits: punctuation, spaces and symbols go.
// Not thread-safe: give each thread its own (see Clone()).
class WordBreaker final {
 public:
  struct Word {
    absl::string_view text;  // Into the text passed to Break().
    bool numeric;            // Digits only ("2018", "48", "3.5").
  };

  static absl::StatusOr<std::unique_ptr<WordBreaker>> Create();
  std::unique_ptr<WordBreaker> Clone() const;

  WordBreaker(const WordBreaker&) = delete;
  WordBreaker& operator=(const WordBreaker&) = delete;

  // Replaces *words with the words of `text`, which must be well-formed UTF-8
  // and outlive the use of *words.
  void Break(absl::string_view text, std::vector<Word>* words);

 private:
  explicit WordBreaker(std::unique_ptr<icu::BreakIterator> iterator)
      : iterator_(std::move(iterator)) {}

  std::unique_ptr<icu::BreakIterator> iterator_;
};

}  // namespace corematch::matching::internal

#endif  // COREMATCH_SERVICES_MATCHING_ANALYSIS_INTERNAL_TEXT_H_
