// services/notification/profiles/profile_text_test.cc
//
// Real text through the real analyser and FreeDict lexicon (see
// services/matching/translation/testing/freedict.h for why not a fixture).
#include "services/notification/profiles/profile_text.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"
#include "services/matching/translation/testing/freedict.h"
#include "services/notification/profiles/profile_index.h"

namespace corematch::notification {
namespace {

using ::corematch::testing::IsOk;
using matching::Analyzer;
using matching::Language;
using matching::PivotLexicon;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::SizeIs;

constexpr char kDanishNeed[] = "ledige borgere i arbejde";

class ProfileTextTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<std::unique_ptr<Analyzer>> analyzer = Analyzer::Create();
    ASSERT_THAT(analyzer.status(), IsOk());
    analyzer_ = analyzer->release();
  }
  static void TearDownTestSuite() {
    delete lexicon_;
    lexicon_ = nullptr;
    delete analyzer_;
    analyzer_ = nullptr;
  }

  // Loaded by the tests that translate, at most once per process: it takes
  // seconds, and ctest runs every test in a process of its own.
  static void LoadLexicon() {
    if (lexicon_ != nullptr) return;
    ASSERT_TRUE(matching::testing::FreeDictInstalled("freedict-dan-eng"));
    ASSERT_TRUE(matching::testing::FreeDictInstalled("freedict-eng-swe"));
    absl::StatusOr<std::unique_ptr<PivotLexicon>> lexicon = PivotLexicon::Load(*analyzer_);
    ASSERT_THAT(lexicon.status(), IsOk());
    lexicon_ = lexicon->release();
  }

  static InterestProfile DanishProfile(const PivotLexicon* lexicon, double min_score) {
    InterestProfile profile;
    profile.subscription = "subscriptions/aarhus-jobs";
    profile.min_score = min_score;
    SetNeed(*analyzer_, lexicon, kDanishNeed, "da-DK", profile);
    return profile;
  }

  static SolutionFacts DanishSolution(const PivotLexicon* lexicon) {
    SolutionFacts facts;
    facts.solution = "solutions/hurtigt-i-job";
    facts.language = "da";
    SetSolutionTerms(*analyzer_, lexicon,
                     {.title = "Ledige kontanthjælpsmodtagere hurtigere i job og arbejde",
                      .core_elements = {"Samtale med en jobkonsulent inden for 48 timer"},
                      .body = {"Kommunen hjælper borgere, der søger kontanthjælp."}},
                     facts);
    return facts;
  }

  static SolutionFacts SwedishSolution(const PivotLexicon* lexicon) {
    SolutionFacts facts;
    facts.solution = "solutions/jobb-forst";
    facts.language = "sv-SE";
    SetSolutionTerms(
        *analyzer_, lexicon,
        {.title = "Jobb först",
         .core_elements = {"Arbete först inom 48 timmar",
                           "Arbetslösa som söker försörjningsstöd får ett arbete eller studier"},
         .body = {"Angered, Göteborg: hushåll med försörjningsstöd minskade med nästan 40 %."}},
        facts);
    return facts;
  }

  static Analyzer* analyzer_;
  static PivotLexicon* lexicon_;
};

Analyzer* ProfileTextTest::analyzer_ = nullptr;
PivotLexicon* ProfileTextTest::lexicon_ = nullptr;

TEST_F(ProfileTextTest, NeedTermsAreTheDistinctStemsWithoutStopWords) {
  EXPECT_THAT(NeedTerms(*analyzer_, "ledige borgere i arbejde, ledige i arbejde", "da"),
              ElementsAre("led", "borg", "arbejd"));
}

TEST_F(ProfileTextTest, NeedTermsGuessAnUnknownLanguage) {
  constexpr char kNeed[] =
      "Vi søger en løsning, hvor ledige borgere på kontanthjælp hurtigt kommer i arbejde, og "
      "hvor kommunen følger op på dem.";
  EXPECT_EQ(TextLanguage(*analyzer_, "", kNeed), Language::kDanish);
  EXPECT_EQ(NeedTerms(*analyzer_, kNeed, "und"), NeedTerms(*analyzer_, kNeed, "da"));
}

TEST_F(ProfileTextTest, SolutionTermsKeepTheirFields) {
  const SolutionFacts facts = DanishSolution(nullptr);
  EXPECT_THAT(facts.title_terms, Contains("arbejd"));
  EXPECT_THAT(facts.core_terms, Contains("samtal"));
  EXPECT_THAT(facts.body_terms, Contains("kommun"));
  EXPECT_THAT(facts.title_terms, Not(Contains("work")));
  ASSERT_NO_FATAL_FAILURE(LoadLexicon());
  EXPECT_THAT(DanishSolution(lexicon_).title_terms, Contains("work"));
}

TEST_F(ProfileTextTest, DanishNeedMatchesADanishSolution) {
  const std::optional<ProfileHit> hit =
      MatchProfile(DanishProfile(nullptr, 0.5), DanishSolution(nullptr));
  ASSERT_TRUE(hit.has_value());
  // "led" and "arbejd" in the title, "borg" in the body.
  EXPECT_THAT(hit->matched_terms, ElementsAre("led", "borg", "arbejd"));
  EXPECT_DOUBLE_EQ(hit->score, (2 * weights::kTitleOrCore + weights::kBodyOnly) / 3);
  EXPECT_THAT(hit->reasons, Contains("need terms: led, borg, arbejd"));
}

TEST_F(ProfileTextTest, DanishNeedMeetsASwedishSolutionOnlyThroughThePivot) {
  EXPECT_FALSE(MatchProfile(DanishProfile(nullptr, 0), SwedishSolution(nullptr)).has_value());
  ASSERT_NO_FATAL_FAILURE(LoadLexicon());

  const InterestProfile profile = DanishProfile(lexicon_, 0.1);
  const std::optional<ProfileHit> hit = MatchProfile(profile, SwedishSolution(lexicon_));
  ASSERT_TRUE(hit.has_value());
  EXPECT_THAT(hit->matched_terms, Contains("arbejd"));
  EXPECT_THAT(hit->reasons, Contains(::testing::HasSubstr("arbejd via work")));
  // Translated, so it scores below the Danish solution.
  EXPECT_LT(hit->score, MatchProfile(profile, DanishSolution(lexicon_))->score);
}

TEST_F(ProfileTextTest, TheIndexFindsTheDanishNeedForBothSolutions) {
  ASSERT_NO_FATAL_FAILURE(LoadLexicon());
  ProfileIndex index;
  index.Upsert(DanishProfile(lexicon_, 0.1));
  InterestProfile elderly;
  elderly.subscription = "subscriptions/elderly";
  SetNeed(*analyzer_, lexicon_, "ældre borgere med demens", "da", elderly);
  index.Upsert(elderly);
  InterestProfile swedish_only = DanishProfile(lexicon_, 0.1);
  swedish_only.subscription = "subscriptions/swedish-only";
  swedish_only.languages = {"sv"};
  index.Upsert(swedish_only);

  std::vector<std::string> names;
  for (const ProfileHit& hit : index.Match(SwedishSolution(lexicon_))) {
    names.push_back(hit.subscription);
  }
  EXPECT_THAT(names, ElementsAre("subscriptions/aarhus-jobs", "subscriptions/swedish-only"));
  const std::vector<ProfileHit> danish = index.Match(DanishSolution(lexicon_));
  ASSERT_THAT(danish, SizeIs(2));  // The Swedish-only profile does not want it.
  EXPECT_EQ(danish[0].subscription, "subscriptions/aarhus-jobs");
  EXPECT_EQ(danish[1].subscription, "subscriptions/elderly");  // "borg" alone, at min_score 0.
  EXPECT_THAT(NeedTermPivots(*lexicon_, {"work"}, Language::kEnglish), ElementsAre(IsEmpty()));
}

}  // namespace
}  // namespace corematch::notification
