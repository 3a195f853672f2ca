// services/matching/analysis/decompounder.h
//
// Splits compounds of the compounding languages (da, sv, no, de, nl, fi) into
// their known parts, so that "försörjningsstöd" meets "stöd" and
// "kontanthjælpsmodtager" meets "kontanthjælp":
//
//   ASSIGN_OR_RETURN(std::unique_ptr<Decompounder> decompounder, Decompounder::Create());
//   decompounder->Split("kontanthjælpsmodtager", Language::kDanish);
//   // {"kontanthjælp", "modtager"}
//
// Parts are words of a per-language Lexicon: the built-in public-sector word
// lists (data/lexicon.<tag>.txt), extended at run time with AddWords(), e.g.
// with the vocabulary of the corpus. See Lexicon::Split for the rules.
//
// Thread-safe. AddWords() replaces a language's lexicon with a larger copy;
// splits already running finish with the lexicon they started with.
#ifndef COREMATCH_SERVICES_MATCHING_ANALYSIS_DECOMPOUNDER_H_
#define COREMATCH_SERVICES_MATCHING_ANALYSIS_DECOMPOUNDER_H_

#include <array>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/types/span.h"
#include "services/matching/analysis/internal/text.h"
#include "services/matching/analysis/language.h"
#include "services/matching/analysis/lexicon.h"

namespace corematch::matching {

class Decompounder final {
 public:
  // With the built-in lexicons. INTERNAL if ICU or libstemmer are unusable.
  static absl::StatusOr<std::unique_ptr<Decompounder>> Create();

  Decompounder(const Decompounder&) = delete;
  Decompounder& operator=(const Decompounder&) = delete;

  // Adds `words` (any case; normalised here) to the lexicon of `language`.
  // Callers should leave out stop words: a lexicon holding "for" or "til"
  // splits words at them ("for|del"); Analyzer::AddWords does so.
  // INVALID_ARGUMENT unless IsCompounding(language).
  absl::Status AddWords(Language language, absl::Span<const std::string> words);

  // The parts of `word` (any case; normalised here) in lexicon spelling, or
  // empty if it splits no way or `language` does not compound.
  std::vector<std::string> Split(absl::string_view word, Language language) const;

  // The current lexicon of `language`; null unless IsCompounding(language).
  // Holding it keeps it alive across later AddWords() calls.
  std::shared_ptr<const Lexicon> GetLexicon(Language language) const;

 private:
  explicit Decompounder(internal::TextNormalizer normalizer) : normalizer_(normalizer) {}

  const internal::TextNormalizer normalizer_;
  // Serialises AddWords() so that no addition is lost, without making
  // readers wait while a lexicon is rebuilt.
  absl::Mutex add_mutex_;
  mutable absl::Mutex mutex_;
  std::array<std::shared_ptr<const Lexicon>, kLanguageCount> lexicons_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_ANALYSIS_DECOMPOUNDER_H_
