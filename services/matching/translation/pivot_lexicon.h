// services/matching/translation/pivot_lexicon.h
//
// Cross-language matching through an English pivot: a need written in Danish
// and a solution written in Swedish share no words, but "arbejde" and
// "arbete" both translate to "work". PivotLexicon maps a stemmed term of one
// language to a few stemmed English terms; two texts in different languages
// meet where their pivot stems meet.
//
//   ASSIGN_OR_RETURN(auto lexicon, PivotLexicon::Load(analyzer));
//   for (const std::string& term : analyzer.Terms(need, Language::kDanish)) {
//     for (const std::string& pivot : lexicon->ToPivot(term, Language::kDanish)) ...
//   }
//
// The data is the FreeDict bilingual dictionaries Debian packages
// (dict-freedict-*, installed by script/bootstrap), read from dictd files:
//
//   language    dictionaries                          note
//   Danish      dan-eng, eng-dan (inverted)
//   Swedish     eng-swe (inverted)                    Debian has no swe-eng
//   Norwegian   dan-eng, eng-dan, stemmed as bokmål   an approximation: Debian has no
//                                                      Norwegian FreeDict, and written
//                                                      bokmål is close to Danish
//   German      deu-eng, eng-deu (inverted)
//   French      fra-eng
//   Dutch       nld-eng
//   Finnish     none                                  Debian has no Finnish FreeDict:
//                                                      Finnish texts match only in Finnish
//
// Both sides are stemmed with the Analyzer the matcher uses, so a lexicon
// must be rebuilt (or its blob discarded) when the stemmers change.
#ifndef COREMATCH_SERVICES_MATCHING_TRANSLATION_PIVOT_LEXICON_H_
#define COREMATCH_SERVICES_MATCHING_TRANSLATION_PIVOT_LEXICON_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "services/matching/analysis/language.h"

namespace corematch::matching {

class Analyzer;
class PivotLexiconBuilder;

// Immutable after construction; safe for concurrent readers.
class PivotLexicon final {
 public:
  // At most this many English stems per source stem: the first senses of a
  // dictionary entry carry the meaning, the long tail adds false matches.
  static constexpr size_t kMaxPivotsPerStem = 6;

  PivotLexicon(const PivotLexicon&) = delete;
  PivotLexicon& operator=(const PivotLexicon&) = delete;

  // Builds the lexicon from every dictionary above found in `dictd_dir`,
  // stemming with `analyzer` (used only during the call). A missing
  // dictionary is skipped, and the languages it alone covered are absent from
  // languages(); returns NOT_FOUND only when no dictionary is there at all
  // (the message says to run script/bootstrap), DATA_LOSS for a corrupt one.
  // Slow (several seconds of CPU: the German dictionaries are 180 MB of
  // text); a service should Deserialize a saved blob at start-up instead.
  static absl::StatusOr<std::unique_ptr<PivotLexicon>> Load(
      const Analyzer& analyzer, absl::string_view dictd_dir = "/usr/share/dictd");

  // English stems for `stem` (a term as Analyzer::Terms gives it: normalised
  // and stemmed) of `language`, best first, at most kMaxPivotsPerStem; empty
  // if the stem is unknown. For kEnglish, returns
  // {stem} when `stem` is a pivot stem of some other language's entry (the
  // only English stems another language can meet), else empty: English texts
  // match English texts on their own stems. The span lives as long as the
  // lexicon.
  absl::Span<const std::string> ToPivot(absl::string_view stem, Language language) const;

  // Languages with at least one dictionary loaded, English included, in enum
  // order.
  std::vector<Language> languages() const;

  // Number of stems of `language` that have a pivot (for kEnglish: distinct
  // pivot stems).
  size_t size(Language language) const;

  // Approximate heap bytes held, for capacity planning.
  size_t ApproximateMemoryUsage() const;

  // A compact binary form (~3 MB), so a service loads the lexicon in a
  // fraction of a second instead of re-parsing the dictionaries. Deserialize returns DATA_LOSS for
  // a truncated or corrupt blob and FAILED_PRECONDITION for another format
  // version.
  std::string Serialize() const;
  static absl::StatusOr<std::unique_ptr<PivotLexicon>> Deserialize(absl::string_view blob);

 private:
  friend class PivotLexiconBuilder;
  friend class PivotLexiconCodec;

  // Where a stem's pivots sit in Table::pivots.
  struct Run {
    uint32_t begin = 0;
    uint32_t count = 0;
  };
  // One language: the pivots of each stem stored contiguously so ToPivot can
  // hand out a span without copying.
  struct Table {
    bool covered = false;  // some dictionary for the language was loaded
    absl::flat_hash_map<std::string, Run> runs;
    std::vector<std::string> pivots;
  };

  PivotLexicon() = default;
  // The table of `language`, created (uncovered, empty) if need be.
  Table& MutableTable(Language language);
  // Rebuilds the English identity table from the other tables' pivots.
  void IndexEnglish();

  // Indexed by LanguageIndex(); sized to the highest language present.
  std::vector<Table> tables_;
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_TRANSLATION_PIVOT_LEXICON_H_
