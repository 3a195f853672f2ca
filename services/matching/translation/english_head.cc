// services/matching/translation/english_head.cc
#include "services/matching/translation/english_head.h"

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"

namespace corematch::matching {
namespace {

// Words a dictionary adds around the translation itself.
bool IsFiller(absl::string_view word) {
  static const auto* const kFillers = new absl::flat_hash_set<std::string>{
      "a",         "an",  "the",  "one's",    "oneself",  "sb",        "sb.",
      "sb's",      "sth", "sth.", "somebody", "someone",  "something", "somebody's",
      "someone's", "etc", "etc.", "o.s.",     "one-self", "smb",       "smb."};
  return kFillers->contains(absl::AsciiStrToLower(word));
}

// Words after which the rest of the phrase modifies the head: prepositions,
// particles, conjunctions and relative pronouns.
bool EndsHeadPhrase(absl::string_view word) {
  static const auto* const kWords = new absl::flat_hash_set<std::string>{
      "of",      "for",   "in",      "on",      "at",      "with",   "by",   "from", "to",
      "into",    "about", "as",      "out",     "up",      "off",    "down", "over", "under",
      "through", "after", "against", "between", "without", "within", "and",  "or",   "than",
      "like",    "who",   "which",   "that",    "whose",   "where",  "when"};
  return kWords->contains(absl::AsciiStrToLower(word));
}

absl::string_view TrimPunctuation(absl::string_view word) {
  while (!word.empty() && (word.back() == '.' || word.back() == '!' || word.back() == '?')) {
    word.remove_suffix(1);
  }
  return word;
}

}  // namespace

std::optional<EnglishHead> FindEnglishHead(absl::string_view phrase, bool verb) {
  std::vector<absl::string_view> words;
  for (absl::string_view word : absl::StrSplit(phrase, ' ', absl::SkipEmpty())) {
    if (words.empty() && absl::AsciiStrToLower(word) == "to") {
      verb = true;  // "to work": the infinitive marker.
      continue;
    }
    if (!IsFiller(word)) words.push_back(word);
  }
  if (words.empty()) return std::nullopt;
  const bool whole_phrase = words.size() == 1;
  for (size_t i = 1; i < words.size(); ++i) {
    if (EndsHeadPhrase(words[i])) {
      words.resize(i);
      break;
    }
  }
  if (words.size() > 3) return std::nullopt;
  absl::string_view head = verb ? words.front() : words.back();
  head = TrimPunctuation(head);
  if (head.empty()) return std::nullopt;
  return EnglishHead{std::string(head), whole_phrase};
}

}  // namespace corematch::matching
