// services/matching/analysis/internal/word_list_test.cc
#include "services/matching/analysis/internal/word_list.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/matching/analysis/internal/stop_words.h"
#include "services/matching/analysis/internal/text.h"

namespace corematch::matching::internal {
namespace {

using ::testing::ElementsAre;

TEST(WordListTest, SkipsCommentsBlankLinesAndWhitespace) {
  EXPECT_THAT(ParseWordList("# header\n\nog\r\n  i \n#x\nat"), ElementsAre("og", "i", "at"));
  EXPECT_THAT(ParseWordList(""), ElementsAre());
}

TEST(WordListTest, EveryLanguageHasStopWords) {
  for (Language language : SupportedLanguages()) {
    EXPECT_GE(BuiltinStopWords(language).size(), 100u) << LanguageTag(language);
  }
  EXPECT_TRUE(BuiltinStopWords(Language::kUnknown).empty());
}

TEST(WordListTest, CompoundingLanguagesHaveLexicons) {
  for (Language language : SupportedLanguages()) {
    if (IsCompounding(language)) {
      EXPECT_GE(BuiltinLexicon(language).size(), 250u) << LanguageTag(language);
    } else {
      EXPECT_TRUE(BuiltinLexicon(language).empty()) << LanguageTag(language);
    }
  }
}

// A lexicon word must be one normalised word that analysis can produce, and
// never a stop word: the decompounder would split compounds at it.
TEST(WordListTest, LexiconWordsAreNormalisedContentWords) {
  absl::StatusOr<TextNormalizer> normalizer = TextNormalizer::Create();
  ASSERT_TRUE(normalizer.ok());
  absl::StatusOr<std::unique_ptr<WordBreaker>> breaker = WordBreaker::Create();
  ASSERT_TRUE(breaker.ok());
  StopWords stop_words = StopWords::Builtin(*normalizer);
  std::vector<WordBreaker::Word> words;
  for (Language language : SupportedLanguages()) {
    for (absl::string_view entry : BuiltinLexicon(language)) {
      std::string normalized = normalizer->Normalize(entry);
      (*breaker)->Break(normalized, &words);
      EXPECT_EQ(words.size(), 1u) << entry;
      EXPECT_GE(CodePointCount(normalized), 3u) << entry;
      EXPECT_FALSE(stop_words.Contains(normalized, language)) << entry;
      if (entry.find("ß") == absl::string_view::npos) {
        EXPECT_EQ(normalized, entry);
      }
    }
  }
}

TEST(WordListTest, StopWordsAreSingleWords) {
  absl::StatusOr<TextNormalizer> normalizer = TextNormalizer::Create();
  ASSERT_TRUE(normalizer.ok());
  absl::StatusOr<std::unique_ptr<WordBreaker>> breaker = WordBreaker::Create();
  ASSERT_TRUE(breaker.ok());
  std::vector<WordBreaker::Word> words;
  for (Language language : SupportedLanguages()) {
    for (absl::string_view entry : BuiltinStopWords(language)) {
      std::string normalized = normalizer->Normalize(entry);
      (*breaker)->Break(normalized, &words);
      EXPECT_EQ(words.size(), 1u) << LanguageTag(language) << ": " << entry;
    }
  }
}

}  // namespace
}  // namespace corematch::matching::internal
