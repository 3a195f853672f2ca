#include "services/matching/engine/context_scorer.h"

#include "gtest/gtest.h"
#include "services/matching/engine/ranking_weights.h"

namespace corematch::matching {
namespace {

double Factor(const std::vector<FactorExplanation>& f, const std::string& name) {
  for (const auto& x : f) {
    if (x.name == name) return x.value;
  }
  return -1;
}

TEST(ContextScorerTest, SectorGroupBeatsDivisionBeatsOther) {
  EXPECT_EQ(SectorFit({"10.5"}, {"10.5", "09"}), 1.0);
  EXPECT_EQ(SectorFit({"10.5"}, {"10.1"}), 0.6);
  EXPECT_EQ(SectorFit({"10"}, {"10.4"}), 0.6);
  EXPECT_EQ(SectorFit({"07.3"}, {"10.4"}), 0.0);
}

TEST(ContextScorerTest, FactorsSumToTheReturnedScore) {
  NeedFeatures need{"da", "DK", "DK042", {"10.5"}, {1, 2, 3}, 300000, {}};
  SolutionFeatures s{"sv", "SE", "SE232", {"10.5"}, {2, 3, 9}, 500000, 3, 2, 4, 1};
  std::vector<FactorExplanation> factors;
  double total = ScoreContext(need, s, factors);
  double sum = 0;
  for (const auto& f : factors) {
    EXPECT_GE(f.value, 0.0) << f.name;
    EXPECT_LE(f.value, 1.0) << f.name;
    EXPECT_DOUBLE_EQ(f.contribution, f.value * f.weight) << f.name;
    sum += f.contribution;
  }
  EXPECT_DOUBLE_EQ(sum, total);
  EXPECT_EQ(Factor(factors, "sector"), 1.0);
  EXPECT_NEAR(Factor(factors, "target_group"), 2.0 / 3.0, 1e-9);
  EXPECT_EQ(Factor(factors, "country"), 0.6);  // Nordic neighbours
  EXPECT_EQ(Factor(factors, "language"), 0.5);
  EXPECT_EQ(Factor(factors, "capacity"), 0.75);
  EXPECT_EQ(Factor(factors, "evidence"), 1.0);
}

TEST(ContextScorerTest, AcceptedLanguagesDecideTheLanguageFactor) {
  NeedFeatures need;
  need.language = "da";
  need.accepted_languages = {"da", "sv"};
  SolutionFeatures swedish;
  swedish.language = "sv-SE";
  SolutionFeatures english;
  english.language = "en";
  std::vector<FactorExplanation> a, b;
  ScoreContext(need, swedish, a);
  ScoreContext(need, english, b);
  EXPECT_EQ(Factor(a, "language"), 1.0);
  EXPECT_EQ(Factor(b, "language"), 0.0);
}

TEST(ContextScorerTest, FullOwnerCapacityGivesNothingAndUnknownDataIsLeftOut) {
  NeedFeatures need;
  SolutionFeatures s;
  s.support_capacity = 2;
  s.connected_adopters = 5;
  std::vector<FactorExplanation> f;
  ScoreContext(need, s, f);
  EXPECT_EQ(Factor(f, "capacity"), 0.0);
  EXPECT_EQ(Factor(f, "sector"), -1);
  EXPECT_EQ(Factor(f, "population"), -1);
}

}  // namespace
}  // namespace corematch::matching
