// services/matching/analysis/lexicon_test.cc
#include "services/matching/analysis/lexicon.h"

#include <memory>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace corematch::matching {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

std::shared_ptr<const Lexicon> Make(Language language, std::vector<std::string> words) {
  absl::StatusOr<std::shared_ptr<const Lexicon>> lexicon =
      Lexicon::Build(language, std::move(words));
  EXPECT_TRUE(lexicon.ok()) << lexicon.status();
  return lexicon.ok() ? *lexicon : nullptr;
}

TEST(LexiconTest, ContainsItsWordsOnly) {
  auto lexicon = Make(Language::kSwedish, {"stöd", "försörjning", "stöd", "ab"});
  EXPECT_EQ(lexicon->size(), 2u);  // Duplicate merged, "ab" too short.
  EXPECT_TRUE(lexicon->Contains("stöd"));
  EXPECT_TRUE(lexicon->Contains("försörjning"));
  EXPECT_FALSE(lexicon->Contains("stö"));
  EXPECT_FALSE(lexicon->Contains("ab"));
  EXPECT_FALSE(lexicon->Contains(""));
}

TEST(LexiconTest, KnowsInflectedForms) {
  auto lexicon = Make(Language::kDanish, {"kommune", "modtager"});
  EXPECT_TRUE(lexicon->Knows("kommune"));
  EXPECT_TRUE(lexicon->Knows("kommunerne"));  // Stem "kommun" + "erne".
  EXPECT_TRUE(lexicon->Knows("modtagere"));
  EXPECT_FALSE(lexicon->Knows("kommunalbestyrelse"));
  EXPECT_FALSE(lexicon->Knows("hus"));
}

TEST(LexiconTest, SplitsAtLinkingElements) {
  auto swedish = Make(Language::kSwedish, {"försörjning", "stöd"});
  EXPECT_THAT(swedish->Split("försörjningsstöd"), ElementsAre("försörjning", "stöd"));
  auto danish = Make(Language::kDanish, {"kontanthjælp", "modtager"});
  EXPECT_THAT(danish->Split("kontanthjælpsmodtager"), ElementsAre("kontanthjælp", "modtager"));
  auto german = Make(Language::kGerman, {"arbeit", "arbeitslos", "geld", "markt"});
  EXPECT_THAT(german->Split("arbeitsmarkt"), ElementsAre("arbeit", "markt"));
  EXPECT_THAT(german->Split("arbeitslosengeld"), ElementsAre("arbeitslos", "geld"));
}

TEST(LexiconTest, SplitsWithoutLinkingElement) {
  auto finnish = Make(Language::kFinnish, {"toimeentulo", "tuki"});
  EXPECT_THAT(finnish->Split("toimeentulotuki"), ElementsAre("toimeentulo", "tuki"));
}

TEST(LexiconTest, RestoresElidedEndings) {
  auto swedish = Make(Language::kSwedish, {"arbete", "marknad", "kvinna", "jour"});
  EXPECT_THAT(swedish->Split("arbetsmarknad"), ElementsAre("arbete", "marknad"));
  EXPECT_THAT(swedish->Split("kvinnojour"), ElementsAre("kvinna", "jour"));
  auto german = Make(Language::kGerman, {"wohnen", "geld"});
  EXPECT_THAT(german->Split("wohngeld"), ElementsAre("wohnen", "geld"));
}

TEST(LexiconTest, SplitsInflectedFinalParts) {
  auto swedish = Make(Language::kSwedish, {"försörjning", "stöd"});
  EXPECT_THAT(swedish->Split("försörjningsstödet"), ElementsAre("försörjning", "stöd"));
  auto danish = Make(Language::kDanish, {"kontanthjælp", "modtager"});
  EXPECT_THAT(danish->Split("kontanthjælpsmodtagerne"), ElementsAre("kontanthjælp", "modtager"));
}

TEST(LexiconTest, SplitsIntoThreeParts) {
  auto danish = Make(Language::kDanish, {"arbejde", "marked", "politik"});
  EXPECT_THAT(danish->Split("arbejdsmarkedspolitik"), ElementsAre("arbejde", "marked", "politik"));
}

TEST(LexiconTest, PrefersFewestParts) {
  auto danish = Make(Language::kDanish, {"kontant", "hjælp", "kontanthjælp", "modtager"});
  EXPECT_THAT(danish->Split("kontanthjælpsmodtager"), ElementsAre("kontanthjælp", "modtager"));
  EXPECT_THAT(danish->Split("kontanthjælp"), ElementsAre("kontant", "hjælp"));
}

TEST(LexiconTest, PrefersExactPartsAndLessLinking) {
  // "ouderen|zorg" needs no linking element, "ouder|en|zorg" does.
  auto dutch = Make(Language::kDutch, {"ouder", "ouderen", "zorg"});
  EXPECT_THAT(dutch->Split("ouderenzorg"), ElementsAre("ouderen", "zorg"));
}

TEST(LexiconTest, LeavesUnknownAndShortWordsWhole) {
  auto danish = Make(Language::kDanish, {"kommune", "hus", "bus"});
  EXPECT_THAT(danish->Split("kommune"), IsEmpty());
  EXPECT_THAT(danish->Split("kommunalbestyrelse"), IsEmpty());
  EXPECT_THAT(danish->Split("husbus"), ElementsAre("hus", "bus"));
  EXPECT_THAT(danish->Split("hubus"), IsEmpty());  // "hu" is under 3 letters.
  EXPECT_THAT(danish->Split(""), IsEmpty());
}

TEST(LexiconTest, OnlyCompoundingLanguagesHaveOne) {
  EXPECT_EQ(Lexicon::Build(Language::kEnglish, {"work"}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Lexicon::Build(Language::kUnknown, {"work"}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(LexiconTest, WithMakesALargerCopy) {
  auto lexicon = Make(Language::kNorwegian, {"sosialhjelp"});
  absl::StatusOr<std::shared_ptr<const Lexicon>> grown = lexicon->With({"mottaker"});
  ASSERT_TRUE(grown.ok());
  EXPECT_THAT((*grown)->Split("sosialhjelpsmottaker"), ElementsAre("sosialhjelp", "mottaker"));
  EXPECT_THAT(lexicon->Split("sosialhjelpsmottaker"), IsEmpty());
  EXPECT_EQ(lexicon->size(), 1u);
  EXPECT_EQ((*grown)->size(), 2u);
}

}  // namespace
}  // namespace corematch::matching
