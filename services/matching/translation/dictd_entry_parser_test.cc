// services/matching/translation/dictd_entry_parser_test.cc
//
// The definitions below are copied verbatim from Debian's dict-freedict-*
// packages (2022-04 versions), one per shape the parser must handle.
#include "services/matching/translation/dictd_entry_parser.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace corematch::matching {
namespace {

using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::IsEmpty;

auto Text(const char* text) { return Field(&DictdTranslation::text, text); }

TEST(DictdEntryParserTest, NumberedSensesFromDanishEnglish) {
  DictdEntry entry = ParseDictdEntry(
      "barn /bˈɑn/ <n>\n"
      "1. child, offspring, young\n"
      "2. bairn, infant\n");
  EXPECT_EQ(entry.headword, "barn");
  EXPECT_EQ(entry.grammar, "n");
  EXPECT_THAT(entry.senses,
              ElementsAre(ElementsAre(Text("child"), Text("offspring"), Text("young")),
                          ElementsAre(Text("bairn"), Text("infant"))));
}

TEST(DictdEntryParserTest, BracketedGlossWithCommasAndParenthesesIsDropped) {
  DictdEntry entry = ParseDictdEntry(
      "abbed /ˈabʔeð/ <n>\n"
      "abbot [forstander for et (større) munkekloster i den romersk-katolske kirke]\n");
  EXPECT_THAT(entry.senses, ElementsAre(ElementsAre(Text("abbot"))));
}

TEST(DictdEntryParserTest, LeadingGlossOnIndentedSense) {
  DictdEntry entry = ParseDictdEntry("a /ˈa/ <n>\n [et bogstav] a\n");
  EXPECT_THAT(entry.senses, ElementsAre(ElementsAre(Text("a"))));
}

TEST(DictdEntryParserTest, DingEntryKeepsGrammarAndDropsLabels) {
  DictdEntry entry = ParseDictdEntry(
      "Arbeit /ˈaɾbaɪt/ <fem, n, sg>\n"
      " [mühevolle] labour <n> [Br.] , labor <n> [Am.]\n");
  EXPECT_EQ(entry.headword, "Arbeit");
  EXPECT_EQ(entry.grammar, "fem, n, sg");
  ASSERT_EQ(entry.senses.size(), 1u);
  EXPECT_THAT(entry.senses[0], ElementsAre(Text("labour"), Text("labor")));
  EXPECT_EQ(entry.senses[0][0].grammar, "n");
}

TEST(DictdEntryParserTest, DingExamplesSynonymsAndCrossReferencesAreSkipped) {
  DictdEntry entry = ParseDictdEntry(
      "Arbeit /ˈaɾbaɪt/ <fem, n, sg>\n"
      "work <n>\n"
      "      \"bei der Arbeit\"  - at work\n"
      "      \"in Arbeit begriffen\"  - in the works, work in progress\n"
      "   Synonym: {Tätigkeit}\n"
      "\n"
      " see: {Arbeiten}, {in Arbeit}, {niedere Arbeit}\n"
      "         Note: des Bodenprofils\n");
  EXPECT_THAT(entry.senses, ElementsAre(ElementsAre(Text("work"))));
}

TEST(DictdEntryParserTest, EnglishGermanEntryWithGenders) {
  DictdEntry entry = ParseDictdEntry(
      "work /wˈɜːk/\n"
      "Aufgabe <fem>, Auftrag <masc>, Obliegenheit <fem>\n"
      "   Synonyms: {task}, {mission}\n"
      "\n"
      " see: {tasks}, {missions}, {works}, {complete tasks}\n");
  EXPECT_EQ(entry.headword, "work");
  EXPECT_EQ(entry.grammar, "");
  EXPECT_THAT(entry.senses,
              ElementsAre(ElementsAre(Text("Aufgabe"), Text("Auftrag"), Text("Obliegenheit"))));
  EXPECT_EQ(entry.senses[0][1].grammar, "masc");
}

TEST(DictdEntryParserTest, PronunciationsInTranslationsAreDropped) {
  DictdEntry entry = ParseDictdEntry(
      "Wohnung /vˈoːnʊŋ/ (Whg. /(en)dˌʌbəljˌuːˌeɪtʃdʒˈiː(de)/) <fem, n, sg>\n"
      "flat <n> [Br.] , apartment <n> [Am.] apt.,  /ˈapt/\n");
  EXPECT_EQ(entry.headword, "Wohnung");
  EXPECT_EQ(entry.grammar, "fem, n, sg");
  EXPECT_THAT(entry.senses, ElementsAre(ElementsAre(Text("flat"), Text("apartment"))));
}

TEST(DictdEntryParserTest, SlashInsideAWordIsKept) {
  DictdEntry entry = ParseDictdEntry("og/eller /x/\nand/or\n");
  EXPECT_THAT(entry.senses, ElementsAre(ElementsAre(Text("and/or"))));
}

TEST(DictdEntryParserTest, MultiWordHeadwordAndPhrases) {
  DictdEntry entry = ParseDictdEntry(
      "das A und O /das ˈɑː ʊnt ˈoː/\n"
      " [ugs.] the nuts and bolts [coll.]\n");
  EXPECT_EQ(entry.headword, "das A und O");
  EXPECT_THAT(entry.senses, ElementsAre(ElementsAre(Text("the nuts and bolts"))));
}

TEST(DictdEntryParserTest, EnglishSwedishWithoutGrammar) {
  DictdEntry entry = ParseDictdEntry("old /ould/\n1. gammal\n2. åldrig\n");
  EXPECT_EQ(entry.headword, "old");
  EXPECT_THAT(entry.senses, ElementsAre(ElementsAre(Text("gammal")), ElementsAre(Text("åldrig"))));
}

TEST(DictdEntryParserTest, HeadwordWithoutPronunciationOrSenses) {
  DictdEntry entry = ParseDictdEntry("lonely");
  EXPECT_EQ(entry.headword, "lonely");
  EXPECT_THAT(entry.senses, IsEmpty());
}

TEST(DictdEntryParserTest, SenseOfOnlyGlossesIsDropped) {
  DictdEntry entry = ParseDictdEntry("x /x/\n[only a note]\n1. (also a note)\n");
  EXPECT_THAT(entry.senses, IsEmpty());
}

TEST(DictdEntryParserTest, VerbGrammar) {
  EXPECT_TRUE(IsVerbGrammar("v"));
  EXPECT_TRUE(IsVerbGrammar("vt"));
  EXPECT_TRUE(IsVerbGrammar("v, trans"));
  EXPECT_FALSE(IsVerbGrammar("fem, n, sg"));
  EXPECT_FALSE(IsVerbGrammar(""));
}

}  // namespace
}  // namespace corematch::matching
