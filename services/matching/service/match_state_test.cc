// The match state machine, move by move, without storage.
#include "services/matching/service/match_state.h"

#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"
#include "services/matching/service/matching_test_fixture.h"

namespace corematch::matching {
namespace {

using ::corematch::testing::IsOk;
using ::corematch::testing::StatusIs;
using ::testing::ElementsAre;

constexpr Sides kAdopter{.adopter = true, .owner = false};
constexpr Sides kOwner{.adopter = false, .owner = true};
constexpr Sides kBoth{.adopter = true, .owner = true};

const absl::Time kNow = absl::FromUnixSeconds(1767225600);

std::vector<std::string> Actions(const pb::Match& match) {
  std::vector<std::string> actions;
  for (const pb::MatchEvent& event : match.history()) actions.push_back(event.action());
  return actions;
}

class MatchStateTest : public ::testing::Test {
 protected:
  pb::Match Fresh() {
    pb::Explanation explanation;
    explanation.set_summary("text fit 40%");
    return NewMatch(testing::DanishNeed(), testing::JobbForst(), 0.5, explanation, kNow);
  }

  // Applies a stance and expects the resulting state.
  void Say(pb::Match& match, Sides sides, pb::Interest interest, pb::MatchState expected) {
    absl::StatusOr<bool> changed = SetStance(match, sides, interest, "organizations/x", "", kNow);
    ASSERT_THAT(changed, IsOk());
    EXPECT_EQ(match.state(), expected);
  }
};

TEST_F(MatchStateTest, NewMatchIsProposed) {
  const pb::Match match = Fresh();
  EXPECT_EQ(match.name(), "matches/aarhusneed-jobbforst");
  EXPECT_EQ(match.adoption_request(), "adoptionRequests/aarhusneed");
  EXPECT_EQ(match.solution(), "solutions/jobbforst");
  EXPECT_EQ(match.adoption_request_title(), "Kontanthjælpsmodtagere hurtigere i job");
  EXPECT_EQ(match.adopter_organization(), testing::kAarhus);
  EXPECT_EQ(match.state(), pb::MATCH_STATE_PROPOSED);
  EXPECT_DOUBLE_EQ(match.score(), 0.5);
  EXPECT_THAT(Actions(match), ElementsAre("PROPOSED"));
  EXPECT_EQ(match.history(0).actor(), "matching");
  EXPECT_FALSE(HasStance(match));
}

TEST_F(MatchStateTest, MatchIdsAreValidResourceIds) {
  EXPECT_EQ(MatchId("abc", "def"), "abc-def");
  EXPECT_EQ(MatchName("abc", "def"), "matches/abc-def");
}

TEST_F(MatchStateTest, OneSideInterestedStaysProposed) {
  pb::Match match = Fresh();
  Say(match, kAdopter, pb::INTEREST_INTERESTED, pb::MATCH_STATE_PROPOSED);
  EXPECT_EQ(match.adopter().interest(), pb::INTEREST_INTERESTED);
  EXPECT_EQ(match.adopter().actor(), "organizations/x");
  EXPECT_THAT(Actions(match), ElementsAre("PROPOSED", "ADOPTER_INTERESTED"));
}

TEST_F(MatchStateTest, BothInterestedConnects) {
  pb::Match match = Fresh();
  Say(match, kOwner, pb::INTEREST_INTERESTED, pb::MATCH_STATE_PROPOSED);
  Say(match, kAdopter, pb::INTEREST_INTERESTED, pb::MATCH_STATE_CONNECTED);
  EXPECT_THAT(Actions(match),
              ElementsAre("PROPOSED", "OWNER_INTERESTED", "ADOPTER_INTERESTED", "CONNECTED"));
}

TEST_F(MatchStateTest, AnOrganisationOnBothSidesConnectsAtOnce) {
  pb::Match match = Fresh();
  Say(match, kBoth, pb::INTEREST_INTERESTED, pb::MATCH_STATE_CONNECTED);
}

TEST_F(MatchStateTest, EitherSideDecliningDeclines) {
  for (Sides side : {kAdopter, kOwner}) {
    pb::Match match = Fresh();
    Say(match, side, pb::INTEREST_DECLINED, pb::MATCH_STATE_DECLINED);
  }
}

TEST_F(MatchStateTest, DecliningAConnectedMatchDeclinesIt) {
  pb::Match match = Fresh();
  Say(match, kBoth, pb::INTEREST_INTERESTED, pb::MATCH_STATE_CONNECTED);
  Say(match, kOwner, pb::INTEREST_DECLINED, pb::MATCH_STATE_DECLINED);
  EXPECT_EQ(Actions(match).back(), "OWNER_DECLINED");
}

TEST_F(MatchStateTest, ASideThatDeclinedMayBeInterestedAgain) {
  pb::Match match = Fresh();
  Say(match, kAdopter, pb::INTEREST_DECLINED, pb::MATCH_STATE_DECLINED);
  Say(match, kAdopter, pb::INTEREST_INTERESTED, pb::MATCH_STATE_PROPOSED);

  pb::Match connected = Fresh();
  Say(connected, kOwner, pb::INTEREST_INTERESTED, pb::MATCH_STATE_PROPOSED);
  Say(connected, kAdopter, pb::INTEREST_DECLINED, pb::MATCH_STATE_DECLINED);
  Say(connected, kAdopter, pb::INTEREST_INTERESTED, pb::MATCH_STATE_CONNECTED);
  EXPECT_EQ(Actions(connected).back(), "CONNECTED");
}

TEST_F(MatchStateTest, BothDeclinedStaysDeclinedUntilBothChangeTheirMinds) {
  pb::Match match = Fresh();
  Say(match, kAdopter, pb::INTEREST_DECLINED, pb::MATCH_STATE_DECLINED);
  Say(match, kOwner, pb::INTEREST_DECLINED, pb::MATCH_STATE_DECLINED);
  Say(match, kAdopter, pb::INTEREST_INTERESTED, pb::MATCH_STATE_DECLINED);
  Say(match, kOwner, pb::INTEREST_INTERESTED, pb::MATCH_STATE_CONNECTED);
}

TEST_F(MatchStateTest, RepeatingAStanceChangesNothing) {
  pb::Match match = Fresh();
  Say(match, kAdopter, pb::INTEREST_INTERESTED, pb::MATCH_STATE_PROPOSED);
  const pb::Match before = match;
  absl::StatusOr<bool> changed =
      SetStance(match, kAdopter, pb::INTEREST_INTERESTED, "organizations/x", "again", kNow);
  ASSERT_THAT(changed, IsOk());
  EXPECT_FALSE(*changed);
  EXPECT_EQ(match.SerializeAsString(), before.SerializeAsString());
}

TEST_F(MatchStateTest, NoSideMayActOnAnInactiveMatch) {
  pb::Match match = Fresh();
  ASSERT_TRUE(Deactivate(match, kActionSolutionWithdrawn, kNow));
  for (pb::Interest interest : {pb::INTEREST_INTERESTED, pb::INTEREST_DECLINED}) {
    for (Sides side : {kAdopter, kOwner}) {
      EXPECT_THAT(SetStance(match, side, interest, "organizations/x", "", kNow),
                  StatusIs(absl::StatusCode::kFailedPrecondition));
    }
  }
  EXPECT_EQ(match.state(), pb::MATCH_STATE_INACTIVE);
}

TEST_F(MatchStateTest, DeactivationIsKeptInHistoryOnce) {
  pb::Match match = Fresh();
  EXPECT_TRUE(Deactivate(match, kActionRequestClosed, kNow));
  EXPECT_FALSE(Deactivate(match, kActionRequestExpired, kNow));
  EXPECT_THAT(Actions(match), ElementsAre("PROPOSED", "REQUEST_CLOSED"));
}

TEST_F(MatchStateTest, ReactivationRestoresTheStateTheStancesGive) {
  pb::Match match = Fresh();
  Say(match, kBoth, pb::INTEREST_INTERESTED, pb::MATCH_STATE_CONNECTED);
  Deactivate(match, kActionRequestExpired, kNow);
  EXPECT_TRUE(Reactivate(match, kNow));
  EXPECT_EQ(match.state(), pb::MATCH_STATE_CONNECTED);
  EXPECT_FALSE(Reactivate(match, kNow));
  EXPECT_EQ(Actions(match).back(), "REACTIVATED");
}

TEST_F(MatchStateTest, RefreshRecordsOnlyRealRescores) {
  pb::Match match = Fresh();
  pb::Explanation same = match.explanation();
  EXPECT_FALSE(Refresh(match, testing::DanishNeed(), testing::JobbForst(), 0.5, same, kNow));

  EXPECT_TRUE(Refresh(match, testing::DanishNeed(), testing::JobbForst(), 0.505, same, kNow));
  EXPECT_DOUBLE_EQ(match.score(), 0.505);
  EXPECT_THAT(Actions(match), ElementsAre("PROPOSED"));

  EXPECT_TRUE(Refresh(match, testing::DanishNeed(), testing::JobbForst(), 0.6, same, kNow));
  EXPECT_THAT(Actions(match), ElementsAre("PROPOSED", "RESCORED"));
}

TEST_F(MatchStateTest, RefreshFollowsNewTitlesAndReactivates) {
  pb::Match match = Fresh();
  Deactivate(match, kActionRequestExpired, kNow);
  adoption_pb::AdoptionRequest renamed = testing::DanishNeed();
  renamed.set_title("Hurtigt i job");
  EXPECT_TRUE(Refresh(match, renamed, testing::JobbForst(), 0.5, match.explanation(),
                      kNow + absl::Hours(1)));
  EXPECT_EQ(match.adoption_request_title(), "Hurtigt i job");
  EXPECT_EQ(match.state(), pb::MATCH_STATE_PROPOSED);
  EXPECT_EQ(FromProtoTime(match.update_time()), kNow + absl::Hours(1));
}

TEST_F(MatchStateTest, StateNamesAreShort) {
  EXPECT_EQ(StateName(pb::MATCH_STATE_CONNECTED), "CONNECTED");
  EXPECT_EQ(StateName(pb::MATCH_STATE_INACTIVE), "INACTIVE");
}

}  // namespace
}  // namespace corematch::matching
