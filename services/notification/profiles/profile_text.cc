// services/notification/profiles/profile_text.cc
#include "services/notification/profiles/profile_text.h"

#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace corematch::notification {
namespace {

using matching::Analyzer;
using matching::Language;
using matching::PivotLexicon;

// The distinct terms of `texts` with, when `lexicon` is given, the first
// kSolutionPivotsPerTerm pivots of each.
std::vector<std::string> FieldTerms(const Analyzer& analyzer, const PivotLexicon* lexicon,
                                    const std::vector<std::string>& texts, Language language) {
  std::vector<std::string> terms;
  absl::flat_hash_set<std::string> seen;
  for (const std::string& text : texts) {
    for (std::string& term : analyzer.Terms(text, language)) {
      if (seen.insert(term).second) terms.push_back(std::move(term));
    }
  }
  if (lexicon == nullptr || language == Language::kEnglish) return terms;
  const size_t own = terms.size();
  for (size_t i = 0; i < own; ++i) {
    size_t kept = 0;
    for (const std::string& pivot : lexicon->ToPivot(terms[i], language)) {
      if (kept++ == kSolutionPivotsPerTerm) break;
      if (seen.insert(pivot).second) terms.push_back(pivot);
    }
  }
  return terms;
}

}  // namespace

Language TextLanguage(const Analyzer& analyzer, absl::string_view bcp47, absl::string_view text) {
  const Language language = matching::LanguageFromTag(bcp47);
  return language != Language::kUnknown ? language : analyzer.GuessLanguage(text);
}

std::vector<std::string> NeedTerms(const Analyzer& analyzer, absl::string_view need_text,
                                   absl::string_view bcp47_language) {
  std::vector<std::string> terms;
  absl::flat_hash_set<std::string> seen;
  const Language language = TextLanguage(analyzer, bcp47_language, need_text);
  for (std::string& term : analyzer.Terms(need_text, language)) {
    if (seen.insert(term).second) terms.push_back(std::move(term));
  }
  return terms;
}

std::vector<std::vector<std::string>> NeedTermPivots(const PivotLexicon& lexicon,
                                                     const std::vector<std::string>& need_terms,
                                                     Language language) {
  std::vector<std::vector<std::string>> pivots(need_terms.size());
  // An English need's own stems are what translated solutions carry.
  if (language == Language::kEnglish) return pivots;
  for (size_t i = 0; i < need_terms.size(); ++i) {
    for (const std::string& pivot : lexicon.ToPivot(need_terms[i], language)) {
      pivots[i].push_back(pivot);
    }
  }
  return pivots;
}

void SetNeed(const Analyzer& analyzer, const PivotLexicon* lexicon, absl::string_view need_text,
             absl::string_view bcp47_language, InterestProfile& profile) {
  const Language language = TextLanguage(analyzer, bcp47_language, need_text);
  profile.need_terms = NeedTerms(analyzer, need_text, matching::LanguageTag(language));
  profile.need_term_pivots.clear();
  if (lexicon != nullptr) {
    profile.need_term_pivots = NeedTermPivots(*lexicon, profile.need_terms, language);
  }
}

void SetSolutionTerms(const Analyzer& analyzer, const PivotLexicon* lexicon,
                      const SolutionText& text, SolutionFacts& facts) {
  const Language language = TextLanguage(
      analyzer, facts.language, absl::StrCat(text.title, "\n", absl::StrJoin(text.body, "\n")));
  facts.title_terms = FieldTerms(analyzer, lexicon, {text.title}, language);
  facts.core_terms = FieldTerms(analyzer, lexicon, text.core_elements, language);
  facts.body_terms = FieldTerms(analyzer, lexicon, text.body, language);
}

}  // namespace corematch::notification
