// services/matching/analysis/internal/text_test.cc
#include "services/matching/analysis/internal/text.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace corematch::matching::internal {
namespace {

using ::testing::ElementsAre;

std::string Normalize(absl::string_view text) {
  absl::StatusOr<TextNormalizer> normalizer = TextNormalizer::Create();
  EXPECT_TRUE(normalizer.ok());
  return normalizer->Normalize(text);
}

TEST(TextNormalizerTest, UnfoldsCompatibilityForms) {
  EXPECT_EQ(Normalize("ﬁnancial"), "financial");
  EXPECT_EQ(Normalize("ＪＯＢ２４"), "job24");
  EXPECT_EQ(Normalize("Ⅻ"), "xii");
}

TEST(TextNormalizerTest, FoldsCaseWithoutTurkicRules) {
  EXPECT_EQ(Normalize("KOMMUNE Kommune"), "kommune kommune");
  EXPECT_EQ(Normalize("INTEGRATION"), "integration");  // "i", never dotless "ı".
  EXPECT_EQ(Normalize("ÆØÅ ÄÖÜ"), "æøå äöü");
  EXPECT_EQ(Normalize("Straße STRASSE"), "strasse strasse");
}

TEST(TextNormalizerTest, ComposesAndDropsIgnorables) {
  EXPECT_EQ(Normalize("a\u030Abo"), "åbo");                      // Decomposed å.
  EXPECT_EQ(Normalize("kontant\u00ADhjælp"), "kontanthjælp");    // Soft hyphen.
  EXPECT_EQ(Normalize("arbejds\u200Bløshed"), "arbejdsløshed");  // Zero-width space.
}

TEST(TextNormalizerTest, ReplacesIllFormedUtf8) {
  EXPECT_EQ(Normalize("ab\xFF"
                      "c"),
            "ab\uFFFDc");
  EXPECT_EQ(Normalize("\xC3"), "\uFFFD");  // Truncated sequence.
  EXPECT_TRUE(IsValidUtf8(Normalize("\xED\xA0\x80 surrogate")));
}

TEST(TextTest, CodePoints) {
  EXPECT_EQ(CodePointCount(""), 0u);
  EXPECT_EQ(CodePointCount("stöd"), 4u);
  EXPECT_TRUE(IsValidUtf8("førtidspension"));
  EXPECT_FALSE(IsValidUtf8("f\xF8rtid"));  // Latin-1 ø.
}

std::vector<std::string> Words(absl::string_view text, std::vector<bool>* numeric = nullptr) {
  absl::StatusOr<std::unique_ptr<WordBreaker>> breaker = WordBreaker::Create();
  EXPECT_TRUE(breaker.ok());
  std::vector<WordBreaker::Word> words;
  (*breaker)->Break(text, &words);
  std::vector<std::string> texts;
  for (const WordBreaker::Word& word : words) {
    texts.emplace_back(word.text);
    if (numeric != nullptr) numeric->push_back(word.numeric);
  }
  return texts;
}

TEST(WordBreakerTest, KeepsLetterAndNumberWords) {
  std::vector<bool> numeric;
  EXPECT_THAT(Words("jobb först: 48 timmar, -40 %!", &numeric),
              ElementsAre("jobb", "först", "48", "timmar", "40"));
  EXPECT_THAT(numeric, ElementsAre(false, false, true, false, true));
}

TEST(WordBreakerTest, BreaksAtHyphensAndKeepsApostrophes) {
  EXPECT_THAT(Words("nav-kontoret 2014-2015"), ElementsAre("nav", "kontoret", "2014", "2015"));
  EXPECT_THAT(Words("l'emploi"), ElementsAre("l'emploi"));
}

TEST(WordBreakerTest, ClonesBreakIndependently) {
  absl::StatusOr<std::unique_ptr<WordBreaker>> breaker = WordBreaker::Create();
  ASSERT_TRUE(breaker.ok());
  std::unique_ptr<WordBreaker> clone = (*breaker)->Clone();
  std::vector<WordBreaker::Word> a;
  std::vector<WordBreaker::Word> b;
  (*breaker)->Break("en to tre", &a);
  clone->Break("fire", &b);
  EXPECT_EQ(a.size(), 3u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].text, "fire");
  (*breaker)->Break("", &a);
  EXPECT_TRUE(a.empty());
}

}  // namespace
}  // namespace corematch::matching::internal
