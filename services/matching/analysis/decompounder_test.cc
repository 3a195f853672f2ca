// services/matching/analysis/decompounder_test.cc
#include "services/matching/analysis/decompounder.h"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace corematch::matching {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class DecompounderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    absl::StatusOr<std::unique_ptr<Decompounder>> created = Decompounder::Create();
    ASSERT_TRUE(created.ok()) << created.status();
    decompounder_ = *std::move(created);
  }

  std::unique_ptr<Decompounder> decompounder_;
};

TEST_F(DecompounderTest, SplitsWithTheBuiltInLexicons) {
  EXPECT_THAT(decompounder_->Split("försörjningsstöd", Language::kSwedish),
              ElementsAre("försörjning", "stöd"));
  EXPECT_THAT(decompounder_->Split("kontanthjælpsmodtager", Language::kDanish),
              ElementsAre("kontanthjælp", "modtager"));
  EXPECT_THAT(decompounder_->Split("arbeitslosengeld", Language::kGerman),
              ElementsAre("arbeitslos", "geld"));
  EXPECT_THAT(decompounder_->Split("arbeitsmarkt", Language::kGerman),
              ElementsAre("arbeit", "markt"));
  EXPECT_THAT(decompounder_->Split("sosialhjelpsmottaker", Language::kNorwegian),
              ElementsAre("sosialhjelp", "mottaker"));
  EXPECT_THAT(decompounder_->Split("toimeentulotuki", Language::kFinnish),
              ElementsAre("toimeentulo", "tuki"));
  EXPECT_THAT(decompounder_->Split("ouderenzorg", Language::kDutch),
              ElementsAre("ouderen", "zorg"));
}

TEST_F(DecompounderTest, SplitsPublicSectorCompounds) {
  EXPECT_THAT(decompounder_->Split("ungdomsarbetslöshet", Language::kSwedish),
              ElementsAre("ungdom", "arbetslöshet"));
  EXPECT_THAT(decompounder_->Split("beskæftigelsesindsats", Language::kDanish),
              ElementsAre("beskæftigelse", "indsats"));
  EXPECT_THAT(decompounder_->Split("jugendarbeitslosigkeit", Language::kGerman),
              ElementsAre("jugend", "arbeitslosigkeit"));
  EXPECT_THAT(decompounder_->Split("nuorisotyöttömyys", Language::kFinnish),
              ElementsAre("nuoriso", "työttömyys"));
}

TEST_F(DecompounderTest, NormalisesItsInput) {
  EXPECT_THAT(decompounder_->Split("Försörjningsstöd", Language::kSwedish),
              ElementsAre("försörjning", "stöd"));
  EXPECT_THAT(decompounder_->Split("STRASSENVERKEHR", Language::kGerman),
              ElementsAre("strasse", "verkehr"));
  EXPECT_THAT(decompounder_->Split("Straßenverkehr", Language::kGerman),
              ElementsAre("strasse", "verkehr"));
}

TEST_F(DecompounderTest, NonCompoundingLanguagesDoNotSplit) {
  EXPECT_THAT(decompounder_->Split("caseworker", Language::kEnglish), IsEmpty());
  EXPECT_THAT(decompounder_->Split("försörjningsstöd", Language::kUnknown), IsEmpty());
  EXPECT_EQ(decompounder_->GetLexicon(Language::kFrench), nullptr);
  EXPECT_EQ(decompounder_->AddWords(Language::kEnglish, {"case", "worker"}).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(DecompounderTest, AddWordsExtendsTheLexicon) {
  EXPECT_THAT(decompounder_->Split("vindkraftverk", Language::kSwedish), IsEmpty());
  std::shared_ptr<const Lexicon> before = decompounder_->GetLexicon(Language::kSwedish);
  ASSERT_TRUE(decompounder_->AddWords(Language::kSwedish, {"Vindkraft", "verk"}).ok());
  EXPECT_THAT(decompounder_->Split("vindkraftverk", Language::kSwedish),
              ElementsAre("vindkraft", "verk"));
  // A snapshot taken before is unchanged.
  EXPECT_THAT(before->Split("vindkraftverk"), IsEmpty());
  EXPECT_EQ(decompounder_->GetLexicon(Language::kSwedish)->size(), before->size() + 2);
}

TEST_F(DecompounderTest, SplitsWhileWordsAreAdded) {
  std::atomic<bool> wrong{false};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      for (int i = 0; i < 300; ++i) {
        if (decompounder_->Split("försörjningsstöd", Language::kSwedish) !=
            std::vector<std::string>{"försörjning", "stöd"}) {
          wrong = true;
        }
      }
    });
  }
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(decompounder_->AddWords(Language::kSwedish, {"ord" + std::to_string(i)}).ok());
  }
  for (std::thread& reader : readers) reader.join();
  EXPECT_FALSE(wrong);
}

}  // namespace
}  // namespace corematch::matching
