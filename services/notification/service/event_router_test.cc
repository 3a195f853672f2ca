#include "services/notification/service/event_router.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"
#include "services/notification/service/notification_test_fixture.h"

namespace corematch::notification {
namespace {

using ::corematch::testing::IsOk;
using ::corematch::testing::StatusIs;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

class EventRouterTest : public testing::NotificationFixture {};

TEST_F(EventRouterTest, AFittingPublishedSolutionReachesTheSubscribersInbox) {
  const pb::Subscription subscription = Subscribe("aarhus", EmploymentProfile());
  ASSERT_THAT(Publish(1, EmploymentSolution("s1", "goteborg")), IsOk());

  std::vector<pb::Notification> inbox = InboxOf("aarhus");
  ASSERT_THAT(inbox, SizeIs(1));
  EXPECT_EQ(inbox[0].type(), pb::EVENT_TYPE_SOLUTION_PUBLISHED);
  EXPECT_EQ(inbox[0].subject(), "solutions/s1");
  EXPECT_EQ(inbox[0].subscriber(), "organizations/aarhus");
  EXPECT_THAT(inbox[0].subscriptions(), ElementsAre(subscription.name()));
  EXPECT_EQ(inbox[0].event_id(), "publishing-1-solution-published-aarhus");
  EXPECT_GE(inbox[0].score(), 0.3);
  EXPECT_THAT(inbox[0].reasons(), Contains(HasSubstr("10")));
}

TEST_F(EventRouterTest, SolutionsOutsideTheProfileAreNotNotified) {
  Subscribe("aarhus", EmploymentProfile());
  publishing_pb::Solution health = EmploymentSolution("s1", "goteborg");
  health.clear_sectors();
  health.add_sectors("07.3");
  ASSERT_THAT(Publish(1, health), IsOk());
  publishing_pb::Solution unrelated = EmploymentSolution("s2", "goteborg");
  unrelated.set_title("Digital library cards");
  unrelated.set_summary("Borrow books online.");
  unrelated.clear_core_elements();
  ASSERT_THAT(Publish(2, unrelated), IsOk());
  EXPECT_THAT(InboxOf("aarhus"), IsEmpty());
}

TEST_F(EventRouterTest, DraftsAndOwnersOwnSolutionsAreNotNotified) {
  Subscribe("goteborg", EmploymentProfile());
  Subscribe("aarhus", EmploymentProfile());
  publishing_pb::Solution draft = EmploymentSolution("s1", "goteborg");
  draft.set_state(publishing_pb::SOLUTION_STATE_DRAFT);
  ASSERT_THAT(Publish(1, draft, publishing_pb::CHANGE_TYPE_CREATED), IsOk());
  EXPECT_THAT(InboxOf("aarhus"), IsEmpty());
  ASSERT_THAT(Publish(2, EmploymentSolution("s1", "goteborg")), IsOk());
  EXPECT_THAT(InboxOf("aarhus"), SizeIs(1));
  EXPECT_THAT(InboxOf("goteborg"), IsEmpty());
}

TEST_F(EventRouterTest, EventsFromBeforeTheSubscriptionAreNotNotified) {
  // The feed is still catching up on a solution published an hour ago.
  publishing_pb::WatchChangesResponse old;
  old.set_sequence(1);
  old.set_type(publishing_pb::CHANGE_TYPE_PUBLISHED);
  *old.mutable_solution() = EmploymentSolution("s1", "goteborg");
  *old.mutable_commit_time() = ToProtoTime(clock_.Now() - absl::Hours(1));
  Subscribe("aarhus", EmploymentProfile());
  ASSERT_THAT(router_->ApplySolutionEvent(old), IsOk());
  EXPECT_THAT(InboxOf("aarhus"), IsEmpty());
  ASSERT_THAT(Publish(2, EmploymentSolution("s2", "goteborg")), IsOk());
  EXPECT_THAT(InboxOf("aarhus"), SizeIs(1));
}

TEST_F(EventRouterTest, ASolutionCreatedPublishedIsNotifiedAsPublished) {
  Subscribe("aarhus", EmploymentProfile());
  ASSERT_THAT(Publish(1, EmploymentSolution("s1", "goteborg"), publishing_pb::CHANGE_TYPE_CREATED),
              IsOk());
  std::vector<pb::Notification> inbox = InboxOf("aarhus");
  ASSERT_THAT(inbox, SizeIs(1));
  EXPECT_EQ(inbox[0].type(), pb::EVENT_TYPE_SOLUTION_PUBLISHED);
}

TEST_F(EventRouterTest, EachSideOfAnAdoptionHearsOfTheOthersStageChanges) {
  pb::Subscription all;
  all.set_stream(true);
  Subscribe("aarhus", all);
  Subscribe("goteborg", all);
  ASSERT_THAT(File(1, "r1", "aarhus"), IsOk());
  adoption_pb::WatchChangesResponse event;
  event.set_sequence(2);
  event.set_type(adoption_pb::CHANGE_TYPE_ADOPTION_OPENED);
  adoption_pb::Adoption& a = *event.mutable_adoption();
  a.set_name("adoptions/a1");
  a.set_solution("solutions/s1");
  a.set_adopter("organizations/aarhus");
  a.set_owner("organizations/goteborg");
  *event.mutable_commit_time() = ToProtoTime(clock_.Now());
  ASSERT_THAT(router_->ApplyRequestEvent(event), IsOk());
  event.set_sequence(3);
  event.set_type(adoption_pb::CHANGE_TYPE_ADOPTION_STAGE_CHANGED);
  adoption_pb::StageChange* change = a.add_stage_history();
  change->set_from_stage(adoption_pb::ADOPTION_STAGE_PREPARE);
  change->set_to_stage(adoption_pb::ADOPTION_STAGE_PLAN);
  change->set_actor("organizations/aarhus");
  ASSERT_THAT(router_->ApplyRequestEvent(event), IsOk());

  std::vector<pb::Notification> owner = InboxOf("goteborg");
  ASSERT_THAT(owner, SizeIs(2));
  EXPECT_EQ(owner[0].type(), pb::EVENT_TYPE_ADOPTION_OPENED);
  EXPECT_EQ(owner[1].type(), pb::EVENT_TYPE_ADOPTION_STAGE_CHANGED);
  EXPECT_EQ(owner[1].subject(), "adoptions/a1");
  EXPECT_THAT(owner[1].reasons(), ElementsAre("stage PREPARE → PLAN"));
  EXPECT_THAT(InboxOf("aarhus"), IsEmpty()) << "the adopter made the move itself";
  EXPECT_EQ(router_->cursor(kAdoptionFeed).value(), 3);
}

TEST_F(EventRouterTest, AnEventAtOrBeforeTheCursorIsNotAppliedTwice) {
  Subscribe("aarhus", EmploymentProfile());
  ASSERT_THAT(Publish(1, EmploymentSolution("s1", "goteborg")), IsOk());
  ASSERT_THAT(Publish(1, EmploymentSolution("s1", "goteborg")), IsOk());
  EXPECT_THAT(InboxOf("aarhus"), SizeIs(1));
  EXPECT_EQ(router_->cursor(kPublishingFeed).value(), 1);
}

TEST_F(EventRouterTest, AnUpdatedPublishedSolutionIsNotifiedAsUpdated) {
  pb::Subscription updates = EmploymentProfile();
  updates.add_event_types(pb::EVENT_TYPE_SOLUTION_UPDATED);
  Subscribe("aarhus", updates);
  ASSERT_THAT(Publish(1, EmploymentSolution("s1", "goteborg")), IsOk());
  EXPECT_THAT(InboxOf("aarhus"), IsEmpty()) << "only updates were asked for";
  ASSERT_THAT(Publish(2, EmploymentSolution("s1", "goteborg"), publishing_pb::CHANGE_TYPE_UPDATED),
              IsOk());
  std::vector<pb::Notification> inbox = InboxOf("aarhus");
  ASSERT_THAT(inbox, SizeIs(1));
  EXPECT_EQ(inbox[0].type(), pb::EVENT_TYPE_SOLUTION_UPDATED);
}

TEST_F(EventRouterTest, ANewMatchTellsTheAdopterAndTheOwner) {
  pb::Subscription all;
  all.set_stream(true);
  Subscribe("aarhus", all);
  Subscribe("goteborg", all);
  ASSERT_THAT(Publish(1, EmploymentSolution("s1", "goteborg")), IsOk());
  ASSERT_THAT(File(1, "r1", "aarhus"), IsOk());
  ASSERT_THAT(MatchEvent(1, MatchOf("m1", "r1", "s1")), IsOk());

  std::vector<pb::Notification> adopter = InboxOf("aarhus");
  std::vector<pb::Notification> owner = InboxOf("goteborg");
  // The adopter's profile (no facets, no need) also fits the published solution.
  ASSERT_THAT(adopter, SizeIs(2));
  EXPECT_EQ(adopter[1].type(), pb::EVENT_TYPE_REQUEST_MATCHED);
  EXPECT_EQ(adopter[1].match(), "matches/m1");
  EXPECT_EQ(adopter[1].title(), "Work first");
  ASSERT_THAT(owner, SizeIs(1));
  EXPECT_EQ(owner[0].type(), pb::EVENT_TYPE_SOLUTION_MATCHED);
  EXPECT_EQ(owner[0].adoption_request(), "adoptionRequests/r1");
  EXPECT_NE(owner[0].event_id(), adopter[1].event_id());
}

TEST_F(EventRouterTest, InterestOnEitherSideAndConnectionAreNotified) {
  pb::Subscription all;
  all.set_stream(true);
  Subscribe("aarhus", all);
  Subscribe("goteborg", all);
  ASSERT_THAT(File(1, "r1", "aarhus"), IsOk());
  ASSERT_THAT(Publish(1, EmploymentSolution("s1", "goteborg")), IsOk());
  matching_pb::Match match = MatchOf("m1", "r1", "s1");
  ASSERT_THAT(MatchEvent(1, match), IsOk());
  match.mutable_adopter()->set_interest(matching_pb::INTEREST_INTERESTED);
  ASSERT_THAT(MatchEvent(2, match, matching_pb::CHANGE_TYPE_UPDATED), IsOk());
  match.mutable_owner()->set_interest(matching_pb::INTEREST_INTERESTED);
  match.set_state(matching_pb::MATCH_STATE_CONNECTED);
  ASSERT_THAT(MatchEvent(3, match, matching_pb::CHANGE_TYPE_UPDATED), IsOk());
  // Re-scoring without a change of stance tells nobody anything.
  match.set_score(0.7);
  ASSERT_THAT(MatchEvent(4, match, matching_pb::CHANGE_TYPE_UPDATED), IsOk());

  std::vector<pb::EventType> owner_types;
  for (const auto& n : InboxOf("goteborg")) owner_types.push_back(n.type());
  EXPECT_THAT(owner_types,
              ElementsAre(pb::EVENT_TYPE_SOLUTION_MATCHED, pb::EVENT_TYPE_ADOPTER_INTERESTED,
                          pb::EVENT_TYPE_MATCH_CONNECTED));
  std::vector<pb::EventType> adopter_types;
  for (const auto& n : InboxOf("aarhus")) adopter_types.push_back(n.type());
  EXPECT_THAT(adopter_types,
              ElementsAre(pb::EVENT_TYPE_SOLUTION_PUBLISHED, pb::EVENT_TYPE_REQUEST_MATCHED,
                          pb::EVENT_TYPE_OWNER_INTERESTED, pb::EVENT_TYPE_MATCH_CONNECTED));
}

TEST_F(EventRouterTest, APrivateRequestsOwnerLearnsOfItOnlyOnceTheAdopterReachesOut) {
  pb::Subscription all;
  all.set_stream(true);
  Subscribe("goteborg", all);
  ASSERT_THAT(File(1, "r1", "aarhus", adoption_pb::VISIBILITY_PRIVATE), IsOk());
  ASSERT_THAT(Publish(1, EmploymentSolution("s1", "goteborg")), IsOk());
  matching_pb::Match match = MatchOf("m1", "r1", "s1");
  ASSERT_THAT(MatchEvent(1, match), IsOk());
  EXPECT_THAT(InboxOf("goteborg"), IsEmpty());
  match.mutable_adopter()->set_interest(matching_pb::INTEREST_INTERESTED);
  ASSERT_THAT(MatchEvent(2, match, matching_pb::CHANGE_TYPE_UPDATED), IsOk());
  std::vector<pb::Notification> owner = InboxOf("goteborg");
  ASSERT_THAT(owner, SizeIs(1));
  EXPECT_EQ(owner[0].type(), pb::EVENT_TYPE_ADOPTER_INTERESTED);
  EXPECT_EQ(owner[0].subscriber(), "organizations/goteborg");
}

TEST_F(EventRouterTest, AMatchWhoseRequestHasNotArrivedWaitsWithoutMovingTheCursor) {
  pb::Subscription all;
  all.set_stream(true);
  Subscribe("aarhus", all);
  ASSERT_THAT(Publish(1, EmploymentSolution("s1", "goteborg")), IsOk());
  EXPECT_THAT(MatchEvent(1, MatchOf("m1", "r1", "s1")),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("adoptionRequests/r1")));
  EXPECT_EQ(router_->cursor(kMatchingFeed).value(), 0);
  ASSERT_THAT(File(1, "r1", "aarhus"), IsOk());
  ASSERT_THAT(MatchEvent(1, MatchOf("m1", "r1", "s1")), IsOk());
  EXPECT_EQ(router_->cursor(kMatchingFeed).value(), 1);
}

TEST_F(EventRouterTest, WebhookSubscriptionsGetAQueuedDeliveryAndNoInboxEntry) {
  pb::Subscription hook = EmploymentProfile();
  hook.set_stream(false);
  hook.mutable_webhook()->set_url("http://127.0.0.1:9/hook");
  hook.mutable_webhook()->set_secret("a-secret-of-sixteen+");
  const pb::Subscription subscription = Subscribe("aarhus", hook);
  std::vector<std::string> woken;
  router_->SetDeliveryListener([&](const std::string& id) { woken.push_back(id); });
  ASSERT_THAT(Publish(1, EmploymentSolution("s1", "goteborg")), IsOk());
  EXPECT_THAT(InboxOf("aarhus"), IsEmpty());
  const std::string id(IdOf(subscription.name()));
  EXPECT_THAT(woken, ElementsAre(id));
  auto stored = store_.Get(DeliveryKey(id, 1));
  ASSERT_TRUE(stored.ok() && stored->has_value());
  pb::Delivery delivery;
  ASSERT_TRUE(delivery.ParseFromString(**stored));
  EXPECT_EQ(delivery.state(), pb::DELIVERY_STATE_PENDING);
  EXPECT_EQ(delivery.name(), subscription.name() + "/deliveries/1");
}

TEST_F(EventRouterTest, AFailedWriteLeavesNeitherNotificationNorCursor) {
  Subscribe("aarhus", EmploymentProfile());
  // The committer reports the store's failure and discards the transaction.
  store_.FailWritesForTesting(absl::UnavailableError("disk gone"));
  EXPECT_THAT(Publish(1, EmploymentSolution("s1", "goteborg")),
              StatusIs(absl::StatusCode::kUnavailable));
  store_.FailWritesForTesting(absl::OkStatus());
  EXPECT_THAT(InboxOf("aarhus"), IsEmpty());
  EXPECT_EQ(router_->cursor(kPublishingFeed).value(), 0);
  ASSERT_THAT(Publish(1, EmploymentSolution("s1", "goteborg")), IsOk());
  EXPECT_THAT(InboxOf("aarhus"), SizeIs(1));
}

TEST_F(EventRouterTest, ARestartRebuildsTheProfileIndexAndKeepsTheSequence) {
  Subscribe("aarhus", EmploymentProfile());
  ASSERT_THAT(Publish(1, EmploymentSolution("s1", "goteborg")), IsOk());
  Open();
  EXPECT_EQ(subscriptions_->indexed_profiles(), 1u);
  ASSERT_THAT(Publish(2, EmploymentSolution("s2", "goteborg")), IsOk());
  std::vector<pb::Notification> inbox = InboxOf("aarhus");
  ASSERT_THAT(inbox, SizeIs(2));
  EXPECT_EQ(inbox[1].sequence(), 2);
}

}  // namespace
}  // namespace corematch::notification
