// clients/cli/text_test.cc
#include "clients/cli/text.h"

#include <string>

#include "gtest/gtest.h"

namespace corematch::cli {
namespace {

TEST(CodePointCountTest, CountsCodePointsNotBytes) {
  EXPECT_EQ(CodePointCount(""), 0u);
  EXPECT_EQ(CodePointCount("abc"), 3u);
  EXPECT_EQ(CodePointCount("Jobb Först"), 10u);       // ö is two bytes.
  EXPECT_EQ(CodePointCount("\xE2\x80\x94"), 1u);      // Em dash, three bytes.
  EXPECT_EQ(CodePointCount("\xF0\x9F\x98\x80"), 1u);  // Emoji, four bytes.
}

TEST(TruncateCodePointsTest, KeepsShortText) {
  EXPECT_EQ(TruncateCodePoints("kort", 4), "kort");
  EXPECT_EQ(TruncateCodePoints("", 4), "");
  EXPECT_EQ(TruncateCodePoints("abc", 0), "");
}

TEST(TruncateCodePointsTest, CutsAtCodePointsWithEllipsis) {
  EXPECT_EQ(TruncateCodePoints("abcdef", 4), "abc\xE2\x80\xA6");
  std::string danish;
  for (int i = 0; i < 300; ++i) danish += "\xC3\xB8";  // ø
  std::string truncated = TruncateCodePoints(danish, 200);
  EXPECT_EQ(CodePointCount(truncated), 200u);
  EXPECT_EQ(truncated.substr(0, 398), danish.substr(0, 398));  // 199 whole ø.
  EXPECT_EQ(truncated.substr(398), "\xE2\x80\xA6");
}

TEST(CollapseWhitespaceTest, CollapsesAsciiAndNoBreakSpace) {
  EXPECT_EQ(CollapseWhitespace("  a \n\t b\xC2\xA0\xC2\xA0"
                               "c  "),
            "a b c");
  EXPECT_EQ(CollapseWhitespace("\xC2\xA0"), "");
}

TEST(FirstSentenceTest, StopsAtTheFirstSentenceEnd) {
  EXPECT_EQ(FirstSentence("The system predicts cardiac arrest. It is used in Copenhagen."),
            "The system predicts cardiac arrest.");
  EXPECT_EQ(FirstSentence("Does it work for everyone? Yes."), "Does it work for everyone?");
}

TEST(FirstSentenceTest, SkipsEarlyAbbreviationsAndDecimals) {
  EXPECT_EQ(FirstSentence("E.g. chatbots answer citizens around the clock. More."),
            "E.g. chatbots answer citizens around the clock.");
  EXPECT_EQ(FirstSentence("Waiting time fell 2.5 days in the first year. Later more."),
            "Waiting time fell 2.5 days in the first year.");
}

TEST(FirstSentenceTest, ReturnsWholeTextWithoutSentenceEnd) {
  EXPECT_EQ(FirstSentence("AI in social services\nfor citizens"),
            "AI in social services for citizens");
  EXPECT_EQ(FirstSentence(""), "");
}

}  // namespace
}  // namespace corematch::cli
