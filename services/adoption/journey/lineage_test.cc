#include "services/adoption/journey/lineage.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"

namespace corematch::adoption {
namespace {

using ::corematch::testing::StatusIs;
using ::testing::SizeIs;

LineageSolution Solution(const std::string& id, const std::string& owner,
                         const std::string& derived_from = "") {
  LineageSolution s;
  s.name = "solutions/" + id;
  s.title = "Jobb Först " + id;
  s.owner = "organizations/" + owner;
  s.country = "SE";
  s.derived_from = derived_from.empty() ? "" : "solutions/" + derived_from;
  return s;
}

LineageAdoption Adoption(const std::string& id, const std::string& solution,
                         const std::string& adopter, int64_t population, v1::AdoptionStage stage,
                         const std::string& republished_as = "") {
  LineageAdoption a;
  a.name = "adoptions/" + id;
  a.solution = "solutions/" + solution;
  a.adopter = "organizations/" + adopter;
  a.shown_adopter = a.adopter;
  a.country = "SE";
  a.population = population;
  a.stage = stage;
  a.republished_as = republished_as.empty() ? "" : "solutions/" + republished_as;
  return a;
}

v1::EvaluatedEffect Effect(const std::string& metric, double baseline, double result) {
  v1::EvaluatedEffect e;
  e.set_metric(metric);
  e.set_baseline(baseline);
  e.set_result(result);
  e.set_unit("households");
  e.set_period("2026");
  return e;
}

// Angered's Jobb Först (a) spreads to four social services; Lundby (b)
// anchors it, republishes it (b'), and Kungsbacka adopts b' in turn.
class LineageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LineageSolution a = Solution("a", "angered");
    publishing::v1::Evidence evidence;
    evidence.set_metric("households on income support");
    evidence.set_baseline(100);
    evidence.set_result(70);
    a.evidence.push_back(evidence);
    lineage_.PutSolution(a);
    LineageAdoption lundby =
        Adoption("lundby", "a", "lundby", 50000, v1::ADOPTION_STAGE_ANCHORED, "b2");
    lundby.effects.push_back(Effect("households on income support", 200, 150));
    lineage_.PutAdoption(lundby);
    lineage_.PutAdoption(Adoption("hisingen", "a", "hisingen", 140000, v1::ADOPTION_STAGE_LEAD));
    LineageAdoption anonymous = Adoption("askim", "a", "askim", 60000, v1::ADOPTION_STAGE_PLAN);
    anonymous.shown_adopter = "";
    lineage_.PutAdoption(anonymous);
    lineage_.PutSolution(Solution("b2", "lundby", "a"));
    lineage_.PutAdoption(
        Adoption("kungsbacka", "b2", "kungsbacka", 85000, v1::ADOPTION_STAGE_PREPARE));
    // Derived straight from a, without an adoption recorded here.
    lineage_.PutSolution(Solution("c", "oslo", "a"));
  }

  Lineage lineage_;
};

TEST_F(LineageTest, TheTreeFollowsAdoptionsAndRepublishedSolutions) {
  auto tree = lineage_.SpreadTree("solutions/a");
  ASSERT_TRUE(tree.ok()) << tree.status();
  EXPECT_EQ(tree->adoptions(), 4);
  EXPECT_EQ(tree->generations(), 1);
  const v1::SpreadNode& root = tree->root();
  EXPECT_EQ(root.owner(), "organizations/angered");
  ASSERT_THAT(root.adoptions(), SizeIs(3));
  const v1::SpreadAdoption& lundby = root.adoptions(0);
  EXPECT_EQ(lundby.stage(), v1::ADOPTION_STAGE_ANCHORED);
  EXPECT_EQ(lundby.republished().solution(), "solutions/b2");
  EXPECT_EQ(lundby.republished().generation(), 1);
  ASSERT_THAT(lundby.republished().adoptions(), SizeIs(1));
  EXPECT_EQ(lundby.republished().adoptions(0).adopter(), "organizations/kungsbacka");
  EXPECT_EQ(root.adoptions(2).adopter(), "") << "an anonymous adopter is not named";
  // b2 hangs under Lundby's adoption, not again among the derived.
  ASSERT_THAT(root.derived(), SizeIs(1));
  EXPECT_EQ(root.derived(0).solution(), "solutions/c");
}

TEST_F(LineageTest, TheValueSummaryCountsTheWholeTree) {
  auto value = lineage_.ValueSummary("solutions/a");
  ASSERT_TRUE(value.ok()) << value.status();
  EXPECT_EQ(value->adopters(), 4);
  EXPECT_EQ(value->population_reached(), 50000 + 140000 + 60000 + 85000);
  EXPECT_EQ(value->republished(), 1);
  std::map<v1::AdoptionStage, int> stages;
  for (const auto& s : value->stages()) stages[s.stage()] = s.adoptions();
  EXPECT_EQ(stages[v1::ADOPTION_STAGE_ANCHORED], 1);
  EXPECT_EQ(stages[v1::ADOPTION_STAGE_PREPARE], 1);
  ASSERT_THAT(value->effects(), SizeIs(1));
  EXPECT_EQ(value->effects(0).reports(), 1);
  EXPECT_DOUBLE_EQ(value->effects(0).mean_relative_change(), -0.25);
  EXPECT_TRUE(value->effects(0).in_original());
  EXPECT_DOUBLE_EQ(value->effects(0).original_relative_change(), -0.3);
}

TEST_F(LineageTest, SupportUnitsCountOpenAdoptionsOutsideCohortsAndEachCohortOnce) {
  EXPECT_EQ(lineage_.SupportUnits("solutions/a"), 2);
  lineage_.PutAdoption(Adoption("hisingen", "a", "hisingen", 140000, v1::ADOPTION_STAGE_ANCHORED));
  EXPECT_EQ(lineage_.SupportUnits("solutions/a"), 1) << "an anchored adoption needs no support";
  lineage_.PutCohort("solutions/a", "cohorts/lab");
  LineageAdoption in_cohort = Adoption("alvby", "a", "alvby", 45000, v1::ADOPTION_STAGE_PLAN);
  in_cohort.cohort = "cohorts/lab";
  lineage_.PutAdoption(in_cohort);
  EXPECT_EQ(lineage_.SupportUnits("solutions/a"), 2) << "the cohort counts once, its adoption not";
}

TEST_F(LineageTest, ALoopingLineageIsShownOnce) {
  // Publishing refuses cycles; the tree must not hang on one all the same.
  lineage_.PutSolution(Solution("a", "angered", "c"));
  auto tree = lineage_.SpreadTree("solutions/a");
  ASSERT_TRUE(tree.ok());
  EXPECT_EQ(tree->root().derived(0).derived_size(), 0);
}

TEST_F(LineageTest, AnUnknownSolutionIsNotFound) {
  EXPECT_THAT(lineage_.SpreadTree("solutions/nope"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(lineage_.ValueSummary("solutions/nope"), StatusIs(absl::StatusCode::kNotFound));
}

}  // namespace
}  // namespace corematch::adoption
