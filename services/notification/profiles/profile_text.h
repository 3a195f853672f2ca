// services/notification/profiles/profile_text.h
//
// Text into the terms profiles and solutions are compared by, with the
// analyser matching uses (services/matching/analysis): normalised, stop words
// dropped, stemmed, compounds also split into their parts. A profile's need
// text and a solution's fields must go through the same analyser, or their
// stems will not meet.
//
// Cross-language (optional): given the matching service's PivotLexicon, each
// need term carries its English pivot stems (need_term_pivots) and each
// solution field carries, besides its own terms, the first pivots of each, so
// a Danish need ("arbejde" → "work") meets a Swedish solution ("arbete" →
// "work") at the translated weight (profile_matcher.h). An English need meets
// a translated solution at full weight: its own stems are the pivots. Without
// a lexicon only same-language (and shared-stem) text matches.
//
//   InterestProfile profile{.subscription = "subscriptions/aarhus"};
//   SetNeed(analyzer, lexicon, "ledige borgere i arbejde", "da", profile);
//   SolutionFacts facts{.solution = "solutions/jobb-forst", .language = "sv"};
//   SetSolutionTerms(analyzer, lexicon, {.title = "Jobb först", ...}, facts);
//
// Thread-safe as the Analyzer and PivotLexicon are: every function may be
// called from any number of threads at once.
#ifndef COREMATCH_SERVICES_NOTIFICATION_PROFILES_PROFILE_TEXT_H_
#define COREMATCH_SERVICES_NOTIFICATION_PROFILES_PROFILE_TEXT_H_

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "services/matching/analysis/analyzer.h"
#include "services/matching/analysis/language.h"
#include "services/matching/translation/pivot_lexicon.h"
#include "services/notification/profiles/profile.h"

namespace corematch::notification {

// Of each solution term only the first pivots are added, as the matching
// engine does: later dictionary senses add false matches, and a solution has
// many terms.
inline constexpr size_t kSolutionPivotsPerTerm = 3;

// `bcp47` when the analyser knows the language, else the language guessed
// from `text` (kUnknown when the text gives no evidence).
matching::Language TextLanguage(const matching::Analyzer& analyzer, absl::string_view bcp47,
                                absl::string_view text);

// The distinct terms of `need_text`, in text order; the language is
// TextLanguage(bcp47_language, need_text).
std::vector<std::string> NeedTerms(const matching::Analyzer& analyzer, absl::string_view need_text,
                                   absl::string_view bcp47_language);

// The English pivots of each of `need_terms` (terms of `language`), parallel
// to it; all empty for English and for languages the lexicon lacks.
std::vector<std::vector<std::string>> NeedTermPivots(const matching::PivotLexicon& lexicon,
                                                     const std::vector<std::string>& need_terms,
                                                     matching::Language language);

// Sets profile.need_terms from `need_text` and, when `lexicon` is not null,
// profile.need_term_pivots; otherwise clears the pivots.
void SetNeed(const matching::Analyzer& analyzer, const matching::PivotLexicon* lexicon,
             absl::string_view need_text, absl::string_view bcp47_language,
             InterestProfile& profile);

// A solution's texts, by the field they count in.
struct SolutionText {
  std::string title;
  std::vector<std::string> core_elements;  // Each core element's text.
  // Summary, description, tags and adaptable elements, in any order.
  std::vector<std::string> body;
};

// Sets facts.title_terms, core_terms and body_terms (distinct within each
// field) from `text` in facts.language (guessed from the title and body when
// unknown), each with the first kSolutionPivotsPerTerm pivots of its terms
// when `lexicon` is not null.
void SetSolutionTerms(const matching::Analyzer& analyzer, const matching::PivotLexicon* lexicon,
                      const SolutionText& text, SolutionFacts& facts);

}  // namespace corematch::notification

#endif  // COREMATCH_SERVICES_NOTIFICATION_PROFILES_PROFILE_TEXT_H_
