// services/matching/analysis/internal/word_list.cc
#include "services/matching/analysis/internal/word_list.h"

#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/matching/analysis/internal/embedded_data.h"

namespace corematch::matching::internal {
namespace {

std::vector<absl::string_view> BuiltinList(absl::string_view kind, Language language) {
  if (language == Language::kUnknown) return {};
  std::optional<absl::string_view> contents =
      EmbeddedDataFile(absl::StrCat(kind, ".", LanguageTag(language), ".txt"));
  return contents.has_value() ? ParseWordList(*contents) : std::vector<absl::string_view>();
}

}  // namespace

std::vector<absl::string_view> ParseWordList(absl::string_view contents) {
  std::vector<absl::string_view> words;
  for (absl::string_view line : absl::StrSplit(contents, '\n')) {
    line = absl::StripAsciiWhitespace(line);
    if (line.empty() || line.front() == '#') continue;
    words.push_back(line);
  }
  return words;
}

std::vector<absl::string_view> BuiltinStopWords(Language language) {
  return BuiltinList("stopwords", language);
}

std::vector<absl::string_view> BuiltinLexicon(Language language) {
  return BuiltinList("lexicon", language);
}

}  // namespace corematch::matching::internal
