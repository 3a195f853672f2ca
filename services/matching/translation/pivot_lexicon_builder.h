// services/matching/translation/pivot_lexicon_builder.h
//
// Collects (source stem, English stem) pairs from parsed dictionary entries,
// weighs them and keeps the best few per source stem. PivotLexicon::Load
// drives it over the FreeDict files; tests drive it with a fake stemmer.
//
//   PivotLexiconBuilder builder(stem);
//   builder.AddToEnglishEntry(Language::kDanish, ParseDictdEntry(text));
//   std::unique_ptr<PivotLexicon> lexicon = std::move(builder).Build();
//
// Weights: a one-word translation counts 2, the head of a phrase 1, summed
// over the senses (and dictionaries) that give the pair: a translation that
// recurs across senses, or in both directions, is the common meaning.
#ifndef COREMATCH_SERVICES_MATCHING_TRANSLATION_PIVOT_LEXICON_BUILDER_H_
#define COREMATCH_SERVICES_MATCHING_TRANSLATION_PIVOT_LEXICON_BUILDER_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "services/matching/analysis/language.h"
#include "services/matching/translation/dictd_entry_parser.h"
#include "services/matching/translation/pivot_lexicon.h"

namespace corematch::matching {

// The matcher's term for one word of `language` (normalised and stemmed as
// Analyzer::Terms does), or "" when `word` is not a single word of letters or
// is a stop word: those never reach the index, so they need no pivot.
using StemFunction = std::function<std::string(absl::string_view word, Language language)>;

// Not thread-safe.
class PivotLexiconBuilder final {
 public:
  explicit PivotLexiconBuilder(StemFunction stem) : stem_(std::move(stem)) {}
  PivotLexiconBuilder(const PivotLexiconBuilder&) = delete;
  PivotLexiconBuilder& operator=(const PivotLexiconBuilder&) = delete;

  // Marks `language` as covered, even if its dictionaries add no pair.
  void AddLanguage(Language language);

  // Pairs from an entry of a `source`-to-English dictionary. Multi-word
  // headwords ("in Arbeit") are skipped: the lexicon maps single stems, and
  // an idiom's translation is not its words'.
  void AddToEnglishEntry(Language source, const DictdEntry& entry);

  // Pairs from an entry of an English-to-`target` dictionary, read
  // backwards; only one-word translations become source stems.
  void AddFromEnglishEntry(Language target, const DictdEntry& entry);

  // The lexicon, at most PivotLexicon::kMaxPivotsPerStem pivots per stem,
  // heaviest first (ties: first seen first).
  std::unique_ptr<PivotLexicon> Build() &&;

 private:
  struct Candidate {
    std::string english;
    int weight = 0;
    int first_seen = 0;
  };
  using Candidates = std::vector<Candidate>;

  // The English stem a translation contributes, with its weight; weight 0
  // when none.
  std::pair<std::string, int> EnglishPivot(absl::string_view phrase, bool verb) const;
  void Add(Language language, const std::string& source, const std::string& english, int weight);

  StemFunction stem_;
  std::vector<bool> languages_;
  // Per language slot: source stem -> candidates.
  std::vector<absl::flat_hash_map<std::string, Candidates>> pairs_;
  int next_order_ = 0;
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_TRANSLATION_PIVOT_LEXICON_BUILDER_H_
