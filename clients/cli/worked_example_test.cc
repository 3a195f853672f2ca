// clients/cli/worked_example_test.cc
#include "clients/cli/worked_example.h"

#include <sstream>
#include <string>

#include "absl/status/status.h"
#include "clients/cli/load_commands.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace corematch::cli {
namespace {

namespace ad = ::corematch::adoption::v1;
namespace demo = ::corematch::demo::v1;

using ::testing::AllOf;
using ::testing::HasSubstr;

demo::WorkedExample ShippedExample() {
  std::istringstream unused;
  auto example = ReadWorkedExample(DataFile(kWorkedExampleFile), unused);
  EXPECT_TRUE(example.ok()) << example.status();
  return example.value_or(demo::WorkedExample());
}

std::string Problems(const demo::WorkedExample& example) {
  return std::string(CheckWorkedExample(example).message());
}

TEST(WorkedExampleTest, TheShippedExampleIsJobbForstThroughTheSpridningslabbet) {
  demo::WorkedExample example = ShippedExample();
  EXPECT_EQ(example.origin().solution().title(), "Jobb Först");
  EXPECT_EQ(example.cohort().display_name(), "Spridningslabbet 2018–2019");
  int in_cohort = 0;
  int republished = 0;
  int of_adaptation = 0;
  for (const demo::ExampleAdoption& a : example.adoptions()) {
    in_cohort += a.in_cohort();
    republished += a.has_republish_as();
    of_adaptation += !a.adopts_from().empty();
  }
  EXPECT_EQ(in_cohort, 4) << "the four social services of the Spridningslabbet";
  EXPECT_EQ(republished, 1) << "one of them adapts it";
  EXPECT_EQ(of_adaptation, 1) << "and passes it on";
}

TEST(WorkedExampleTest, KeysMustBeSetUniqueAndKnown) {
  demo::WorkedExample example = ShippedExample();
  example.mutable_organizations(1)->set_key(example.organizations(0).key());
  example.mutable_adoptions(0)->set_adopter("nobody");
  example.mutable_origin()->clear_owner();
  const std::string problems = Problems(example);
  EXPECT_THAT(problems, AllOf(HasSubstr("organizations[1].key: 'angered' is used twice"),
                              HasSubstr("adoptions[0].adopter: 'nobody' is not an organisation"),
                              HasSubstr("origin.owner: required")));
}

TEST(WorkedExampleTest, AnAdaptationIsAdoptedOnlyAfterItIsRepublished) {
  demo::WorkedExample example = ShippedExample();
  example.mutable_adoptions(0)->set_adopts_from("fjordby");
  EXPECT_THAT(Problems(example),
              HasSubstr("adoptions[0].adopts_from: 'fjordby' republishes no adaptation in an "
                        "earlier adoption"));
}

TEST(WorkedExampleTest, StagesFollowTheJourneysRules) {
  demo::WorkedExample example = ShippedExample();
  example.mutable_adoptions(0)->clear_effects();  // ANCHORED without an evaluation.
  example.mutable_adoptions(1)->set_reach_stage(ad::ADOPTION_STAGE_LEAD);  // Republishes.
  example.mutable_adoptions(2)->clear_reach_stage();
  example.mutable_adoptions(3)->set_reach_stage(ad::ADOPTION_STAGE_PLAN);  // Has effects.
  const std::string problems = Problems(example);
  EXPECT_THAT(problems,
              AllOf(HasSubstr("adoptions[0].effects: an anchored adoption needs evaluated effects"),
                    HasSubstr("adoptions[1].republish_as: only an ANCHORED adoption republishes"),
                    HasSubstr("adoptions[2].reach_stage: required"),
                    HasSubstr("adoptions[3].effects: effects are evaluated from LAUNCH on")));
}

TEST(WorkedExampleTest, AFileWithAnUnknownFieldIsRefusedNamingTheFile) {
  std::istringstream in(R"({"title": "x", "adoptoins": []})");
  auto example = ReadWorkedExample("-", in);
  EXPECT_EQ(example.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(example.status().message(), HasSubstr("adoptoins"));
}

}  // namespace
}  // namespace corematch::cli
