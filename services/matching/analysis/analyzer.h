// services/matching/analysis/analyzer.h
//
// Text analysis for matching: turns a need or a solution, in any supported
// language, into the terms the index and the ranking compare.
//
//   1. Normalise: ICU NFKC with case folding ("ﬁnancial" → "financial",
//      "STRASSE"/"Straße" → "strasse", soft hyphens dropped).
//   2. Break into words with ICU's word BreakIterator; keep words of letters
//      or digits.
//   3. Drop the stop words of the language.
//   4. Stem with Snowball ("kommunerne" and "kommune" → "kommun").
//   5. In compounding languages (da, sv, no, de, nl, fi) also split each word
//      into its known parts (see Decompounder) and add the parts' stems as
//      extra terms at the same position, so "försörjningsstöd" meets "stöd".
// With Language::kUnknown the language is guessed first (GuessLanguage).
//
//   ASSIGN_OR_RETURN(std::unique_ptr<Analyzer> analyzer, Analyzer::Create());
//   analyzer->Terms("Kontanthjælpsmodtagere i kommunerne", Language::kDanish);
//   // {"kontanthjælpsmodtag", "kontanthjælp", "modtag", "kommun"}
//
// Thread-safe: every method may be called from any number of threads at once.
#ifndef COREMATCH_SERVICES_MATCHING_ANALYSIS_ANALYZER_H_
#define COREMATCH_SERVICES_MATCHING_ANALYSIS_ANALYZER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "services/matching/analysis/decompounder.h"
#include "services/matching/analysis/internal/language_guesser.h"
#include "services/matching/analysis/internal/stop_words.h"
#include "services/matching/analysis/internal/text.h"
#include "services/matching/analysis/internal/workspace_pool.h"
#include "services/matching/analysis/language.h"

namespace corematch::matching {

struct AnalyzedTerm {
  std::string term;
  // Index of the word in the text, counting every letter or digit word,
  // stop words included: a removed stop word leaves a gap, so distances
  // between terms are the distances in the text.
  uint32_t position;
  // True for the part of a compound; the compound itself is a term too, at
  // the same position, with from_compound false.
  bool from_compound;

  friend bool operator==(const AnalyzedTerm&, const AnalyzedTerm&) = default;
};

struct AnalyzerOptions {
  // Words whose terms each concurrent caller remembers, per language; 0
  // turns the cache off. About 100 bytes a word.
  size_t word_cache_size = size_t{1} << 15;
};

class Analyzer final {
 public:
  // INTERNAL if ICU data or a Snowball algorithm is missing.
  static absl::StatusOr<std::unique_ptr<Analyzer>> Create(AnalyzerOptions options = {});

  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // The terms of `text` in text order. Ill-formed UTF-8 is analysed as if
  // each bad sequence were U+FFFD. With kUnknown the language is guessed;
  // when even that fails, the terms are the normalised words, unstemmed.
  std::vector<AnalyzedTerm> Analyze(absl::string_view text, Language language) const;

  // Analyze(), just the terms.
  std::vector<std::string> Terms(absl::string_view text, Language language) const;

  // The supported language `text` is most likely written in, from its stop
  // words, characteristic letters (æøå vs äö, ß, ...) and, for short texts,
  // the compound lexicons; kUnknown if the text gives no evidence.
  Language GuessLanguage(absl::string_view text) const;

  // The Snowball stem of one normalised word; `word` itself for kUnknown.
  std::string Stem(absl::string_view word, Language language) const;

  // Step 1 alone: NFKC_Casefold.
  std::string Normalize(absl::string_view text) const;

  // True if normalised `word` is a stop word of `language`.
  bool IsStopWord(absl::string_view word, Language language) const;

  // Teaches the decompounder of `language` more words (e.g. the corpus
  // vocabulary), leaving out stop words. INVALID_ARGUMENT unless
  // IsCompounding(language).
  absl::Status AddWords(Language language, absl::Span<const std::string> words);

  const Decompounder& decompounder() const { return *decompounder_; }

 private:
  struct TermSink;

  Analyzer(AnalyzerOptions options, internal::TextNormalizer normalizer,
           std::unique_ptr<internal::WordBreaker> breaker,
           std::unique_ptr<Decompounder> decompounder);

  // Normalises `text` and breaks it into workspace.words.
  void Tokenize(absl::string_view text, internal::Workspace& workspace) const;
  Language Guess(absl::string_view text, const internal::Workspace& workspace) const;
  void AddWordTerms(const internal::WordBreaker::Word& word, Language language,
                    const std::shared_ptr<const Lexicon>& lexicon, internal::Workspace& workspace,
                    TermSink& sink) const;
  // The terms of `word`, from the workspace's cache when it has them.
  const internal::WordTerms& TermsOfWord(absl::string_view word, Language language,
                                         const std::shared_ptr<const Lexicon>& lexicon,
                                         internal::Workspace& workspace) const;
  void ComputeTermsOfWord(absl::string_view word, Language language, const Lexicon* lexicon,
                          internal::Workspace& workspace, internal::WordTerms* terms) const;

  const AnalyzerOptions options_;
  const internal::TextNormalizer normalizer_;
  const internal::StopWords stop_words_;
  const internal::LanguageGuesser guesser_;  // Reads stop_words_.
  const std::unique_ptr<Decompounder> decompounder_;
  mutable internal::WorkspacePool workspaces_;
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_ANALYSIS_ANALYZER_H_
