// services/notification/profiles/profile_matcher_test.cc
#include "services/notification/profiles/profile_matcher.h"

#include <limits>
#include <optional>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace corematch::notification {
namespace {

using ::testing::DoubleNear;
using ::testing::ElementsAre;
using ::testing::Optional;

SolutionFacts Solution() {
  SolutionFacts facts;
  facts.solution = "solutions/jobb-forst";
  facts.sectors = {"10.7"};
  facts.target_groups = {"Unemployed"};
  facts.country = "SE";
  facts.language = "sv-SE";
  facts.title_terms = {"jobb", "först"};
  facts.core_terms = {"arbet"};
  facts.body_terms = {"försörjningsstöd", "stöd", "jobb"};
  return facts;
}

InterestProfile Profile() {
  InterestProfile profile;
  profile.subscription = "subscriptions/a";
  return profile;
}

TEST(SectorWithinTest, FollowsTheHierarchyAtDotBoundaries) {
  EXPECT_TRUE(SectorWithin("10.1", "10"));
  EXPECT_TRUE(SectorWithin("10.1", "10.1"));
  EXPECT_TRUE(SectorWithin("10.1.2", "10"));
  EXPECT_FALSE(SectorWithin("100", "10"));
  EXPECT_FALSE(SectorWithin("10", "10.1"));
  EXPECT_FALSE(SectorWithin("10.2", "10.1"));
  EXPECT_FALSE(SectorWithin("10", ""));
}

TEST(PrimarySubtagTest, LowerCasesTheFirstSubtag) {
  EXPECT_EQ(PrimarySubtag("sv-SE"), "sv");
  EXPECT_EQ(PrimarySubtag("NB_no"), "nb");
  EXPECT_EQ(PrimarySubtag("da"), "da");
  EXPECT_EQ(PrimarySubtag(""), "");
}

TEST(RequiredNeedTermsTest, IsTheFewestTermsThatCanReachTheMinimum) {
  EXPECT_EQ(RequiredNeedTerms(0, 0.5), 0u);
  EXPECT_EQ(RequiredNeedTerms(4, 0), 1u);
  EXPECT_EQ(RequiredNeedTerms(4, 0.25), 1u);
  EXPECT_EQ(RequiredNeedTerms(4, 0.26), 2u);
  EXPECT_EQ(RequiredNeedTerms(4, 1), 4u);
  // 0.28 * 25 is 7.000000000000001 in doubles, yet 7 / 25 reaches 0.28.
  EXPECT_EQ(RequiredNeedTerms(25, 0.28), 7u);
  EXPECT_GE(7.0 / 25, 0.28);
  EXPECT_EQ(RequiredNeedTerms(3, 0.7), 3u);
}

TEST(EvaluateTest, OpenProfileMatchesWithScoreOne) {
  std::optional<ProfileHit> hit = MatchProfile(Profile(), Solution());
  ASSERT_TRUE(hit.has_value());
  EXPECT_EQ(hit->subscription, "subscriptions/a");
  EXPECT_EQ(hit->score, 1.0);
}

TEST(EvaluateTest, SectorMatchesBelowTheProfilesCode) {
  InterestProfile profile = Profile();
  profile.sectors = {"07", "10"};
  std::optional<ProfileHit> hit = MatchProfile(profile, Solution());
  ASSERT_TRUE(hit.has_value());
  EXPECT_THAT(hit->reasons, ElementsAre("sector 10.7 within 10"));
  profile.sectors = {"10.7"};
  EXPECT_THAT(MatchProfile(profile, Solution())->reasons, ElementsAre("sector 10.7"));
  profile.sectors = {"10.1", "1"};
  EXPECT_FALSE(MatchProfile(profile, Solution()).has_value());
}

TEST(EvaluateTest, FacetsIgnoreCaseAndCompareLanguageSubtags) {
  InterestProfile profile = Profile();
  profile.target_groups = {"unemployed"};
  profile.countries = {"se", "dk"};
  profile.languages = {"SV", "da-DK"};
  std::optional<ProfileHit> hit = MatchProfile(profile, Solution());
  ASSERT_TRUE(hit.has_value());
  EXPECT_THAT(hit->reasons,
              ElementsAre("target group unemployed", "country SE", "language sv-SE within sv"));
}

TEST(EvaluateTest, EveryNonEmptyFacetMustMatch) {
  InterestProfile profile = Profile();
  profile.countries = {"SE"};
  profile.languages = {"da"};
  EXPECT_FALSE(MatchProfile(profile, Solution()).has_value());
  profile.languages = {};
  profile.target_groups = {"elderly"};
  EXPECT_FALSE(MatchProfile(profile, Solution()).has_value());
}

TEST(EvaluateTest, EmptyValuesLeaveAFacetOpen) {
  InterestProfile profile = Profile();
  profile.countries = {""};
  profile.languages = {"", " "};
  EXPECT_TRUE(MatchProfile(profile, Solution()).has_value());
}

TEST(EvaluateTest, ScoresTitleAndCoreFullyAndBodyOnlyLess) {
  InterestProfile profile = Profile();
  // jobb: title (also body, the best counts); stöd: body; borger: absent.
  profile.need_terms = {"jobb", "stöd", "borger", "jobb"};
  std::optional<ProfileHit> hit = MatchProfile(profile, Solution());
  ASSERT_TRUE(hit.has_value());
  EXPECT_THAT(hit->score, DoubleNear((weights::kTitleOrCore + weights::kBodyOnly) / 3, 1e-12));
  EXPECT_THAT(hit->matched_terms, ElementsAre("jobb", "stöd"));
  EXPECT_THAT(hit->reasons, ElementsAre("need terms: jobb, stöd",
                                        "need score 0.53 = (1 + 0.6) / 3, minimum 0.00"));
}

TEST(EvaluateTest, MinScoreIsInclusive) {
  InterestProfile profile = Profile();
  profile.need_terms = {"jobb", "arbet", "borger", "ledig"};
  profile.min_score = 0.5;
  EXPECT_THAT(MatchProfile(profile, Solution()),
              Optional(::testing::Field(&ProfileHit::score, 0.5)));
  profile.min_score = 0.51;
  EXPECT_FALSE(MatchProfile(profile, Solution()).has_value());
}

TEST(EvaluateTest, NeedTermsRequireAtLeastOneTermEvenAtMinScoreZero) {
  InterestProfile profile = Profile();
  profile.need_terms = {"borger"};
  EXPECT_FALSE(MatchProfile(profile, Solution()).has_value());
}

TEST(EvaluateTest, MinScoreOutsideTheRangeIsClamped) {
  InterestProfile profile = Profile();
  profile.need_terms = {"jobb"};
  profile.min_score = 7;
  EXPECT_TRUE(MatchProfile(profile, Solution()).has_value());
  profile.min_score = std::numeric_limits<double>::quiet_NaN();
  EXPECT_TRUE(MatchProfile(profile, Solution()).has_value());
}

TEST(EvaluateTest, APivotFindsATermAtTheTranslatedWeight) {
  InterestProfile profile = Profile();
  profile.need_terms = {"arbejd", "ledig"};
  profile.need_term_pivots = {{"labour", "work"}};
  SolutionFacts solution = Solution();
  solution.core_terms.push_back("work");
  std::optional<ProfileHit> hit = MatchProfile(profile, solution);
  ASSERT_TRUE(hit.has_value());
  EXPECT_THAT(hit->score, DoubleNear(weights::kTranslated / 2, 1e-12));
  EXPECT_THAT(hit->matched_terms, ElementsAre("arbejd"));
  EXPECT_EQ(hit->reasons.front(), "need terms: arbejd via work");
}

}  // namespace
}  // namespace corematch::notification
