// services/matching/analysis/internal/word_list.h
//
// Reading the built-in word lists: one word a line, blank lines and lines
// starting with '#' ignored, surrounding whitespace trimmed.
#ifndef COREMATCH_SERVICES_MATCHING_ANALYSIS_INTERNAL_WORD_LIST_H_
#define COREMATCH_SERVICES_MATCHING_ANALYSIS_INTERNAL_WORD_LIST_H_

#include <vector>

#include "absl/strings/string_view.h"
#include "services/matching/analysis/language.h"

namespace corematch::matching::internal {

// The words of `contents`, as views into it, in file order.
std::vector<absl::string_view> ParseWordList(absl::string_view contents);

// data/stopwords.<tag>.txt; empty if `language` has no list.
std::vector<absl::string_view> BuiltinStopWords(Language language);

// data/lexicon.<tag>.txt; empty if `language` has no lexicon.
std::vector<absl::string_view> BuiltinLexicon(Language language);

}  // namespace corematch::matching::internal

#endif  // COREMATCH_SERVICES_MATCHING_ANALYSIS_INTERNAL_WORD_LIST_H_
