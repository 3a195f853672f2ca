// services/matching/translation/english_head_test.cc
//
// Phrases from the FreeDict dictionaries' English side.
#include "services/matching/translation/english_head.h"

#include "gtest/gtest.h"

namespace corematch::matching {
namespace {

std::string Head(absl::string_view phrase, bool verb = false) {
  std::optional<EnglishHead> head = FindEnglishHead(phrase, verb);
  return head ? head->word : "<none>";
}

TEST(EnglishHeadTest, OneWordIsWhole) {
  std::optional<EnglishHead> head = FindEnglishHead("work", false);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->word, "work");
  EXPECT_TRUE(head->whole_phrase);
}

TEST(EnglishHeadTest, ArticlesAndInfinitiveMarkerDoNotMakeAPhrase) {
  std::optional<EnglishHead> head = FindEnglishHead("to abandon", false);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->word, "abandon");
  EXPECT_TRUE(head->whole_phrase);
  EXPECT_EQ(Head("the elderly"), "elderly");
}

TEST(EnglishHeadTest, NounPhraseHeadIsLast) {
  std::optional<EnglishHead> head = FindEnglishHead("ape population", false);
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->word, "population");
  EXPECT_FALSE(head->whole_phrase);
  EXPECT_EQ(Head("withdrawal symptoms"), "symptoms");
}

TEST(EnglishHeadTest, PrepositionEndsTheHeadPhrase) {
  EXPECT_EQ(Head("position of employment"), "position");
  EXPECT_EQ(Head("axis of abscissas"), "axis");
}

TEST(EnglishHeadTest, VerbPhraseHeadIsFirst) {
  EXPECT_EQ(Head("take in", true), "take");
  EXPECT_EQ(Head("to take care of sb.", false), "take");
}

TEST(EnglishHeadTest, LongGlossesAndEmptyPhrasesGiveNone) {
  EXPECT_EQ(Head("a person who is very good at sports"), "person");
  EXPECT_EQ(Head("very big old brown dog"), "<none>");
  EXPECT_EQ(Head("the"), "<none>");
  EXPECT_EQ(Head(""), "<none>");
}

}  // namespace
}  // namespace corematch::matching
