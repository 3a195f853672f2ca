#include "services/notification/service/subscription_repository.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"
#include "services/notification/service/notification_test_fixture.h"

namespace corematch::notification {
namespace {

using ::corematch::testing::IsOk;
using ::corematch::testing::StatusIs;
using ::testing::HasSubstr;
using testing::OperatorCaller;
using testing::OrganizationCaller;
using ::testing::SizeIs;

class SubscriptionRepositoryTest : public testing::NotificationFixture {
 protected:
  absl::StatusOr<pb::Subscription> Create(const Caller& caller, pb::Subscription s,
                                          const std::string& request_id = "") {
    pb::CreateSubscriptionRequest request;
    *request.mutable_subscription() = std::move(s);
    request.set_request_id(request_id);
    return subscriptions_->Create(caller, request);
  }

  static pb::Subscription Webhook(const std::string& url, const std::string& secret) {
    pb::Subscription s = EmploymentProfile();
    s.mutable_webhook()->set_url(url);
    s.mutable_webhook()->set_secret(secret);
    return s;
  }
};

TEST_F(SubscriptionRepositoryTest, CreateOwnsItForTheCallerAndNeverShowsTheSecret) {
  auto created = Create(OrganizationCaller("aarhus"),
                        Webhook("https://portal.example.dk/hook", "sixteen-characters!"));
  ASSERT_THAT(created, IsOk());
  EXPECT_EQ(created->subscriber(), "organizations/aarhus");
  EXPECT_TRUE(created->webhook().has_secret());
  EXPECT_TRUE(created->webhook().secret().empty());
  EXPECT_EQ(created->rhythm(), pb::RHYTHM_IMMEDIATE);
  EXPECT_FALSE(created->etag().empty());
  auto fetched = subscriptions_->Get(OrganizationCaller("aarhus"), created->name());
  ASSERT_THAT(fetched, IsOk());
  EXPECT_TRUE(fetched->webhook().secret().empty());
  // The secret is kept for signing.
  auto stored = subscriptions_->Find(IdOf(created->name()));
  ASSERT_THAT(stored, IsOk());
  EXPECT_EQ((*stored)->webhook().secret(), "sixteen-characters!");
}

TEST_F(SubscriptionRepositoryTest, OthersCannotSeeOrChangeIt) {
  auto created = Create(OrganizationCaller("aarhus"), EmploymentProfile());
  ASSERT_THAT(created, IsOk());
  EXPECT_THAT(subscriptions_->Get(OrganizationCaller("malmo"), created->name()),
              StatusIs(absl::StatusCode::kNotFound));
  pb::DeleteSubscriptionRequest remove;
  remove.set_name(created->name());
  EXPECT_THAT(subscriptions_->Delete(OrganizationCaller("malmo"), remove),
              StatusIs(absl::StatusCode::kNotFound));
  auto listed = subscriptions_->List(OrganizationCaller("malmo"), {});
  ASSERT_THAT(listed, IsOk());
  EXPECT_THAT(listed->subscriptions(), SizeIs(0));
  auto operator_list = subscriptions_->List(OperatorCaller(), {});
  ASSERT_THAT(operator_list, IsOk());
  EXPECT_THAT(operator_list->subscriptions(), SizeIs(1));
}

TEST_F(SubscriptionRepositoryTest, BadFieldsAreRejectedByName) {
  pb::Subscription no_channel = EmploymentProfile();
  no_channel.set_stream(false);
  EXPECT_THAT(Create(OrganizationCaller("aarhus"), no_channel),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("subscription.stream")));
  EXPECT_THAT(
      Create(OrganizationCaller("aarhus"), Webhook("ftp://example.dk/x", "sixteen-chars-ok")),
      StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("webhook.url")));
  EXPECT_THAT(Create(OrganizationCaller("aarhus"), Webhook("https://example.dk/x", "short")),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("webhook.secret")));
  pb::Subscription bad_score = EmploymentProfile();
  bad_score.mutable_profile()->set_min_score(1.5);
  EXPECT_THAT(Create(OrganizationCaller("aarhus"), bad_score),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("min_score")));
  pb::Subscription bad_country = EmploymentProfile();
  bad_country.mutable_profile()->add_countries("Denmark");
  EXPECT_THAT(Create(OrganizationCaller("aarhus"), bad_country),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("countries[0]")));
  EXPECT_THAT(Create(OperatorCaller(), EmploymentProfile()),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("subscription.subscriber")));
  auto listed = subscriptions_->List(OperatorCaller(), {});
  ASSERT_THAT(listed, IsOk());
  EXPECT_THAT(listed->subscriptions(), SizeIs(0)) << "nothing is stored by a rejected call";
}

TEST_F(SubscriptionRepositoryTest, ARetryWithTheSameRequestIdCreatesOnce) {
  const std::string id = "3f1c2b7e-8a4d-4c4e-9b1a-2d5e6f708192";
  auto first = Create(OrganizationCaller("aarhus"), EmploymentProfile(), id);
  auto second = Create(OrganizationCaller("aarhus"), EmploymentProfile(), id);
  ASSERT_THAT(first, IsOk());
  ASSERT_THAT(second, IsOk());
  EXPECT_EQ(first->name(), second->name());
  EXPECT_EQ(subscriptions_->indexed_profiles(), 1u);
}

TEST_F(SubscriptionRepositoryTest, UpdateChecksTheEtagAndKeepsAnUnsentSecret) {
  auto created = Create(OrganizationCaller("aarhus"),
                        Webhook("https://portal.example.dk/hook", "sixteen-characters!"));
  ASSERT_THAT(created, IsOk());
  pb::UpdateSubscriptionRequest stale;
  stale.mutable_subscription()->set_name(created->name());
  stale.mutable_subscription()->set_etag("not-the-etag");
  stale.mutable_subscription()->set_display_name("Renamed");
  EXPECT_THAT(subscriptions_->Update(OrganizationCaller("aarhus"), stale),
              StatusIs(absl::StatusCode::kAborted));

  pb::UpdateSubscriptionRequest update;
  update.mutable_subscription()->set_name(created->name());
  update.mutable_subscription()->set_etag(created->etag());
  update.mutable_subscription()->mutable_webhook()->set_url("https://portal.example.dk/new");
  update.mutable_update_mask()->add_paths("webhook");
  auto updated = subscriptions_->Update(OrganizationCaller("aarhus"), update);
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(updated->webhook().url(), "https://portal.example.dk/new");
  EXPECT_TRUE(updated->webhook().has_secret());
  EXPECT_NE(updated->etag(), created->etag());
  EXPECT_EQ((*subscriptions_->Find(IdOf(created->name())))->webhook().secret(),
            "sixteen-characters!");
}

TEST_F(SubscriptionRepositoryTest, DeleteTakesItOutOfTheIndex) {
  auto created = Create(OrganizationCaller("aarhus"), EmploymentProfile());
  ASSERT_THAT(created, IsOk());
  EXPECT_EQ(subscriptions_->indexed_profiles(), 1u);
  pb::DeleteSubscriptionRequest remove;
  remove.set_name(created->name());
  ASSERT_THAT(subscriptions_->Delete(OrganizationCaller("aarhus"), remove), IsOk());
  EXPECT_EQ(subscriptions_->indexed_profiles(), 0u);
  EXPECT_THAT(subscriptions_->Get(OrganizationCaller("aarhus"), created->name()),
              StatusIs(absl::StatusCode::kNotFound));
  ASSERT_THAT(Publish(1, EmploymentSolution("s1", "goteborg")), IsOk());
  EXPECT_TRUE(InboxOf("aarhus").empty());
}

}  // namespace
}  // namespace corematch::notification
