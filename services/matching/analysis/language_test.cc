// services/matching/analysis/language_test.cc
#include "services/matching/analysis/language.h"

#include "gtest/gtest.h"

namespace corematch::matching {
namespace {

TEST(LanguageTest, FromTagReadsThePrimarySubtag) {
  EXPECT_EQ(LanguageFromTag("da"), Language::kDanish);
  EXPECT_EQ(LanguageFromTag("da-DK"), Language::kDanish);
  EXPECT_EQ(LanguageFromTag("sv_FI"), Language::kSwedish);
  EXPECT_EQ(LanguageFromTag("SV"), Language::kSwedish);
  EXPECT_EQ(LanguageFromTag("fi"), Language::kFinnish);
  EXPECT_EQ(LanguageFromTag("en-GB"), Language::kEnglish);
  EXPECT_EQ(LanguageFromTag("de-AT"), Language::kGerman);
  EXPECT_EQ(LanguageFromTag("nl-BE"), Language::kDutch);
  EXPECT_EQ(LanguageFromTag("fr-CA"), Language::kFrench);
  EXPECT_EQ(LanguageFromTag("es-419"), Language::kSpanish);
  EXPECT_EQ(LanguageFromTag("it"), Language::kItalian);
  EXPECT_EQ(LanguageFromTag("pt-BR"), Language::kPortuguese);
}

TEST(LanguageTest, AllNorwegianTagsMeanNorwegian) {
  EXPECT_EQ(LanguageFromTag("no"), Language::kNorwegian);
  EXPECT_EQ(LanguageFromTag("nb"), Language::kNorwegian);
  EXPECT_EQ(LanguageFromTag("nb-NO"), Language::kNorwegian);
  EXPECT_EQ(LanguageFromTag("nn"), Language::kNorwegian);
  EXPECT_EQ(LanguageFromTag("nob"), Language::kNorwegian);
}

TEST(LanguageTest, ThreeLetterCodesAreAccepted) {
  EXPECT_EQ(LanguageFromTag("dan"), Language::kDanish);
  EXPECT_EQ(LanguageFromTag("swe"), Language::kSwedish);
  EXPECT_EQ(LanguageFromTag("deu"), Language::kGerman);
  EXPECT_EQ(LanguageFromTag("ger"), Language::kGerman);
}

TEST(LanguageTest, UnknownTagsAreUnknown) {
  EXPECT_EQ(LanguageFromTag(""), Language::kUnknown);
  EXPECT_EQ(LanguageFromTag("und"), Language::kUnknown);
  EXPECT_EQ(LanguageFromTag("tr"), Language::kUnknown);
  EXPECT_EQ(LanguageFromTag("d"), Language::kUnknown);
  EXPECT_EQ(LanguageFromTag("danish"), Language::kUnknown);
  EXPECT_EQ(LanguageFromTag("-da"), Language::kUnknown);
}

TEST(LanguageTest, TagsRoundTrip) {
  for (Language language : SupportedLanguages()) {
    EXPECT_EQ(LanguageFromTag(LanguageTag(language)), language) << LanguageTag(language);
    EXPECT_FALSE(SnowballAlgorithm(language).empty());
  }
  EXPECT_EQ(LanguageTag(Language::kUnknown), "und");
  EXPECT_EQ(LanguageTag(Language::kNorwegian), "no");
  EXPECT_EQ(SnowballAlgorithm(Language::kUnknown), "");
  EXPECT_EQ(SupportedLanguages().size(), kLanguageCount - 1);
}

TEST(LanguageTest, CompoundingLanguages) {
  for (Language language : {Language::kDanish, Language::kSwedish, Language::kNorwegian,
                            Language::kFinnish, Language::kGerman, Language::kDutch}) {
    EXPECT_TRUE(IsCompounding(language)) << LanguageTag(language);
  }
  for (Language language : {Language::kUnknown, Language::kEnglish, Language::kFrench,
                            Language::kSpanish, Language::kItalian, Language::kPortuguese}) {
    EXPECT_FALSE(IsCompounding(language)) << LanguageTag(language);
  }
}

}  // namespace
}  // namespace corematch::matching
