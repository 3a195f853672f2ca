// services/matching/translation/english_head.h
//
// The word that carries a short English phrase's meaning, so multi-word
// translations still give a pivot: "ape population" -> "population",
// "position of employment" -> "position", "to take care" -> "take".
#ifndef COREMATCH_SERVICES_MATCHING_TRANSLATION_ENGLISH_HEAD_H_
#define COREMATCH_SERVICES_MATCHING_TRANSLATION_ENGLISH_HEAD_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace corematch::matching {

struct EnglishHead {
  std::string word;
  // True when the phrase was that one word (after articles and placeholders
  // such as "to", "the", "sb." are dropped): a direct translation, which the
  // lexicon trusts more than the head of a phrase.
  bool whole_phrase = false;
};

// English noun phrases put their head last ("health insurance"), verb phrases
// first ("take in"); a preposition ends the head's phrase ("axis of
// abscissas"). `verb` is the dictionary's grammar note. Returns nullopt for a
// phrase of more than three content words (a gloss, not a translation) or
// with none.
std::optional<EnglishHead> FindEnglishHead(absl::string_view phrase, bool verb);

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_TRANSLATION_ENGLISH_HEAD_H_
