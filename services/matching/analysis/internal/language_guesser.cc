// services/matching/analysis/internal/language_guesser.cc
#include "services/matching/analysis/internal/language_guesser.h"

#include <array>
#include <bit>
#include <cstdint>
#include <vector>

#include "unicode/uchar.h"
#include "unicode/utf8.h"

namespace corematch::matching::internal {
namespace {

using Scores = std::array<double, kLanguageCount>;

// A letter hints, a stop word tells: letters are frequent, so each counts
// for less. Lexicon words count between the two.
constexpr double kStopWordWeight = 1.0;
constexpr double kLetterWeight = 0.2;
constexpr double kLexiconWeight = 0.5;
// With this many stop-word hits the lexicons add nothing worth their cost;
// short of it, only this many words are looked up (a query's worth).
constexpr double kEnoughStopWords = 3.0;
constexpr size_t kMaxLexiconWords = 64;

constexpr LanguageSet Set(std::initializer_list<Language> languages) {
  LanguageSet set = 0;
  for (Language language : languages) set |= LanguageBit(language);
  return set;
}

// The languages that use lower-case letter `c` in native words.
LanguageSet LetterLanguages(UChar32 c) {
  using L = Language;
  switch (c) {
    case U'æ':
    case U'ø':
      return Set({L::kDanish, L::kNorwegian});
    case U'å':
      return Set({L::kDanish, L::kNorwegian, L::kSwedish});
    case U'ä':
    case U'ö':
      return Set({L::kSwedish, L::kFinnish, L::kGerman});
    case U'ü':
    case U'ß':
      return Set({L::kGerman});
    case U'ñ':
      return Set({L::kSpanish});
    case U'ã':
    case U'õ':
      return Set({L::kPortuguese});
    case U'ç':
      return Set({L::kFrench, L::kPortuguese});
    case U'è':
    case U'ù':
      return Set({L::kFrench, L::kItalian});
    case U'ê':
    case U'â':
    case U'ô':
      return Set({L::kFrench, L::kPortuguese});
    case U'î':
    case U'û':
    case U'ë':
    case U'ï':
    case U'œ':
      return Set({L::kFrench});
    case U'ì':
    case U'ò':
      return Set({L::kItalian});
    case U'á':
    case U'í':
    case U'ó':
    case U'ú':
      return Set({L::kSpanish, L::kPortuguese});
    default:
      return 0;
  }
}

void Credit(LanguageSet set, double weight, Scores* scores) {
  if (set == 0) return;
  const double share = weight / std::popcount(set);
  for (size_t i = 0; i < kLanguageCount; ++i) {
    if (set & (1u << i)) (*scores)[i] += share;
  }
}

void ScoreLetters(absl::string_view text, Scores* scores) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    if (bytes[i] < 0x80) {  // ASCII letters say nothing.
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0) Credit(LetterLanguages(u_tolower(c)), kLetterWeight, scores);
  }
}

double ScoreStopWords(const StopWords& stop_words, absl::Span<const WordBreaker::Word> words,
                      Scores* scores) {
  double hits = 0;
  for (const WordBreaker::Word& word : words) {
    LanguageSet set = stop_words.Languages(word.text);
    if (set == 0) continue;
    Credit(set, kStopWordWeight, scores);
    hits += 1;
  }
  return hits;
}

// A word counts for the languages whose lexicon knows it or splits it: a
// query of one compound ("kontanthjælpsmodtager") has nothing else to go by.
void ScoreLexiconWords(absl::Span<const WordBreaker::Word> words,
                       absl::Span<const std::shared_ptr<const Lexicon>> lexicons, Scores* scores) {
  std::vector<absl::string_view> parts;
  for (const WordBreaker::Word& word : words.subspan(0, kMaxLexiconWords)) {
    if (word.numeric) continue;
    LanguageSet set = 0;
    for (size_t i = 0; i < lexicons.size(); ++i) {
      if (lexicons[i] == nullptr) continue;
      bool known = lexicons[i]->Knows(word.text);
      if (!known) {
        lexicons[i]->Split(word.text, &parts);
        known = !parts.empty();
      }
      if (known) set |= static_cast<LanguageSet>(1u << i);
    }
    Credit(set, kLexiconWeight, scores);
  }
}

}  // namespace

Language LanguageGuesser::Guess(absl::string_view text, absl::Span<const WordBreaker::Word> words,
                                absl::Span<const std::shared_ptr<const Lexicon>> lexicons) const {
  Scores scores{};
  ScoreLetters(text, &scores);
  if (ScoreStopWords(*stop_words_, words, &scores) < kEnoughStopWords) {
    ScoreLexiconWords(words, lexicons, &scores);
  }
  Language best = Language::kUnknown;
  double best_score = 0;
  for (Language language : SupportedLanguages()) {
    double score = scores[LanguageIndex(language)];
    if (score > best_score) {
      best = language;
      best_score = score;
    }
  }
  return best;
}

}  // namespace corematch::matching::internal
