#include "services/adoption/journey/adoption_stage.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"

namespace corematch::adoption {
namespace {

using ::corematch::testing::IsOk;
using ::corematch::testing::StatusIs;
using ::testing::HasSubstr;

constexpr v1::AdoptionStage kStages[] = {v1::ADOPTION_STAGE_PREPARE,  v1::ADOPTION_STAGE_PLAN,
                                         v1::ADOPTION_STAGE_LAUNCH,   v1::ADOPTION_STAGE_LEAD,
                                         v1::ADOPTION_STAGE_EVALUATE, v1::ADOPTION_STAGE_ANCHORED};

// Every pair of stages, with and without a reason and effects.
TEST(CheckStageChangeTest, EveryMoveIsJudgedByTheRules) {
  for (v1::AdoptionStage from : kStages) {
    for (v1::AdoptionStage to : kStages) {
      for (bool effects : {false, true}) {
        SCOPED_TRACE(
            absl::StrCat(StageName(from), " → ", StageName(to), effects ? " (evaluated)" : ""));
        if (to == from) {
          EXPECT_THAT(CheckStageChange(from, to, "why", effects),
                      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("already")));
        } else if (to < from) {
          EXPECT_THAT(CheckStageChange(from, to, "", effects),
                      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reason")));
          EXPECT_THAT(CheckStageChange(from, to, "the pilot team left", effects), IsOk());
        } else if (to > from + 1) {
          EXPECT_THAT(CheckStageChange(from, to, "", effects),
                      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("first")));
        } else if (to == v1::ADOPTION_STAGE_ANCHORED && !effects) {
          EXPECT_THAT(CheckStageChange(from, to, "", effects),
                      StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("evaluated")));
        } else {
          EXPECT_THAT(CheckStageChange(from, to, "", effects), IsOk());
        }
      }
    }
  }
}

TEST(CheckStageChangeTest, AMoveNeedsATarget) {
  EXPECT_THAT(CheckStageChange(v1::ADOPTION_STAGE_PLAN, v1::ADOPTION_STAGE_UNSPECIFIED, "", true),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("stage")));
  EXPECT_THAT(
      CheckStageChange(v1::ADOPTION_STAGE_PLAN, static_cast<v1::AdoptionStage>(42), "", true),
      StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(MayEvaluateTest, OnceSomethingRuns) {
  EXPECT_FALSE(MayEvaluate(v1::ADOPTION_STAGE_PREPARE));
  EXPECT_FALSE(MayEvaluate(v1::ADOPTION_STAGE_PLAN));
  EXPECT_TRUE(MayEvaluate(v1::ADOPTION_STAGE_LAUNCH));
  EXPECT_TRUE(MayEvaluate(v1::ADOPTION_STAGE_ANCHORED));
}

}  // namespace
}  // namespace corematch::adoption
