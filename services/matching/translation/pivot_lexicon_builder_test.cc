// services/matching/translation/pivot_lexicon_builder_test.cc
//
// The weighing and capping rules, with a stand-in stemmer so the expected
// stems are obvious; pivot_lexicon_test.cc checks the real dictionaries.
#include "services/matching/translation/pivot_lexicon_builder.h"

#include "absl/strings/ascii.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"

namespace corematch::matching {
namespace {

using ::corematch::testing::IsOk;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::SizeIs;

// Lower-cases, rejects phrases and the stop words "the" and "og", strips a
// final "s": enough to see which words reach the lexicon and how.
std::string FakeStem(absl::string_view word, Language) {
  std::string stem = absl::AsciiStrToLower(word);
  if (stem.find(' ') != std::string::npos || stem == "the" || stem == "og") return "";
  if (stem.size() > 3 && stem.back() == 's') stem.pop_back();
  return stem;
}

DictdTranslation T(const char* text, const char* grammar = "") { return {text, grammar}; }

std::vector<std::string> Pivots(const PivotLexicon& lexicon, absl::string_view stem,
                                Language language) {
  absl::Span<const std::string> pivots = lexicon.ToPivot(stem, language);
  return {pivots.begin(), pivots.end()};
}

TEST(PivotLexiconBuilderTest, TranslationsInMoreSensesRankFirst) {
  PivotLexiconBuilder builder(FakeStem);
  // deu-eng gives Arbeit one entry per sense.
  builder.AddToEnglishEntry(Language::kGerman, {"Arbeit", "fem", {{T("work", "n")}}});
  builder.AddToEnglishEntry(Language::kGerman, {"Arbeit", "fem", {{T("job")}}});
  builder.AddToEnglishEntry(Language::kGerman, {"Arbeit", "fem", {{T("job"), T("labour")}}});
  auto lexicon = std::move(builder).Build();
  EXPECT_THAT(Pivots(*lexicon, "arbeit", Language::kGerman), ElementsAre("job", "work", "labour"));
}

TEST(PivotLexiconBuilderTest, OneWordTranslationsOutweighPhraseHeads) {
  PivotLexiconBuilder builder(FakeStem);
  builder.AddToEnglishEntry(Language::kDanish,
                            {"abe", "n", {{T("young monkey"), T("ape")}, {T("monkey")}}});
  auto lexicon = std::move(builder).Build();
  // monkey: head 1 + whole 2 = 3; ape: whole 2.
  EXPECT_THAT(Pivots(*lexicon, "abe", Language::kDanish), ElementsAre("monkey", "ape"));
}

TEST(PivotLexiconBuilderTest, RepeatedTranslationInOneSenseCountsOnce) {
  PivotLexiconBuilder builder(FakeStem);
  builder.AddToEnglishEntry(Language::kDanish,
                            {"bolig", "n", {{T("dwelling"), T("dwellings"), T("home")}}});
  builder.AddToEnglishEntry(Language::kDanish, {"bolig", "n", {{T("home")}}});
  auto lexicon = std::move(builder).Build();
  EXPECT_THAT(Pivots(*lexicon, "bolig", Language::kDanish), ElementsAre("home", "dwelling"));
}

TEST(PivotLexiconBuilderTest, CapsPivotsPerStem) {
  PivotLexiconBuilder builder(FakeStem);
  builder.AddToEnglishEntry(
      Language::kFrench,
      {"travail",
       "n",
       {{T("work"), T("labour"), T("job"), T("toil"), T("task"), T("employment"), T("effort")}}});
  auto lexicon = std::move(builder).Build();
  EXPECT_THAT(lexicon->ToPivot("travail", Language::kFrench),
              SizeIs(PivotLexicon::kMaxPivotsPerStem));
}

TEST(PivotLexiconBuilderTest, MultiWordHeadwordsAndStopWordsAreSkipped) {
  PivotLexiconBuilder builder(FakeStem);
  builder.AddToEnglishEntry(Language::kGerman, {"in Arbeit", "", {{T("in the works")}}});
  builder.AddToEnglishEntry(Language::kDanish, {"og", "", {{T("and")}}});
  auto lexicon = std::move(builder).Build();
  EXPECT_EQ(lexicon->size(Language::kGerman), 0u);
  EXPECT_EQ(lexicon->size(Language::kDanish), 0u);
}

TEST(PivotLexiconBuilderTest, InvertedEntriesAddOneWordTranslations) {
  PivotLexiconBuilder builder(FakeStem);
  builder.AddFromEnglishEntry(Language::kSwedish,
                              {"work", "", {{T("arbeta"), T("verka")}, {T("arbete"), T("verk")}}});
  builder.AddFromEnglishEntry(Language::kSwedish, {"take care of", "v", {{T("ta hand om")}}});
  auto lexicon = std::move(builder).Build();
  EXPECT_THAT(Pivots(*lexicon, "arbete", Language::kSwedish), ElementsAre("work"));
  EXPECT_THAT(Pivots(*lexicon, "verk", Language::kSwedish), ElementsAre("work"));
  EXPECT_THAT(lexicon->ToPivot("ta", Language::kSwedish), IsEmpty());
  EXPECT_EQ(lexicon->size(Language::kSwedish), 4u);
}

TEST(PivotLexiconBuilderTest, EnglishMapsPivotStemsToThemselves) {
  PivotLexiconBuilder builder(FakeStem);
  builder.AddToEnglishEntry(Language::kDanish, {"skole", "n", {{T("school")}}});
  builder.AddFromEnglishEntry(Language::kSwedish, {"school", "", {{T("skola")}}});
  auto lexicon = std::move(builder).Build();
  EXPECT_THAT(Pivots(*lexicon, "school", Language::kEnglish), ElementsAre("school"));
  EXPECT_THAT(lexicon->ToPivot("unrelated", Language::kEnglish), IsEmpty());
  EXPECT_EQ(lexicon->size(Language::kEnglish), 1u);
  EXPECT_GT(lexicon->ApproximateMemoryUsage(), 0u);
  EXPECT_THAT(lexicon->languages(),
              ElementsAre(Language::kDanish, Language::kSwedish, Language::kEnglish));
}

TEST(PivotLexiconBuilderTest, CoveredLanguageWithoutPairsIsListed) {
  PivotLexiconBuilder builder(FakeStem);
  builder.AddLanguage(Language::kDutch);
  auto lexicon = std::move(builder).Build();
  EXPECT_THAT(lexicon->languages(), ElementsAre(Language::kEnglish, Language::kDutch));
  EXPECT_EQ(lexicon->size(Language::kDutch), 0u);
  EXPECT_THAT(lexicon->ToPivot("werk", Language::kFinnish), IsEmpty());
}

TEST(PivotLexiconBuilderTest, SerializeRoundTrips) {
  PivotLexiconBuilder builder(FakeStem);
  builder.AddToEnglishEntry(Language::kDanish, {"arbejde", "n", {{T("work")}, {T("job")}}});
  builder.AddToEnglishEntry(Language::kDanish, {"arbejder", "n", {{T("worker")}}});
  builder.AddFromEnglishEntry(Language::kSwedish, {"work", "", {{T("arbete")}}});
  builder.AddLanguage(Language::kDutch);
  auto lexicon = std::move(builder).Build();
  auto copy = PivotLexicon::Deserialize(lexicon->Serialize());
  ASSERT_THAT(copy, IsOk());
  EXPECT_THAT(Pivots(**copy, "arbejde", Language::kDanish), ElementsAre("work", "job"));
  EXPECT_THAT(Pivots(**copy, "arbejder", Language::kDanish), ElementsAre("worker"));
  EXPECT_THAT(Pivots(**copy, "arbete", Language::kSwedish), ElementsAre("work"));
  EXPECT_THAT(Pivots(**copy, "job", Language::kEnglish), ElementsAre("job"));
  EXPECT_EQ((*copy)->languages(), lexicon->languages());
  EXPECT_EQ((*copy)->Serialize(), lexicon->Serialize());
}

}  // namespace
}  // namespace corematch::matching
