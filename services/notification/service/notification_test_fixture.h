// services/notification/service/notification_test_fixture.h
//
// The notification service's parts on an in-memory store with a fake clock,
// and builders for the feed events the router consumes.
#ifndef COREMATCH_SERVICES_NOTIFICATION_SERVICE_NOTIFICATION_TEST_FIXTURE_H_
#define COREMATCH_SERVICES_NOTIFICATION_SERVICE_NOTIFICATION_TEST_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "services/common/clock.h"
#include "services/common/id_generator.h"
#include "services/common/proto_time.h"
#include "services/notification/service/event_router.h"
#include "services/notification/service/inbox.h"
#include "services/notification/service/outbox.h"
#include "services/notification/service/subscription_repository.h"
#include "storage/committer.h"
#include "storage/memory_kv_store.h"
#include "storage/testing/forwarding_kv_store.h"

namespace corematch::notification::testing {

// An in-memory store whose writes can be made to fail, as a full or broken
// disk fails them.
class FailableStore final : public storage::ForwardingKvStore {
 public:
  absl::Status Write(const storage::WriteBatch& batch,
                     const storage::WriteOptions& options) override {
    {
      absl::MutexLock lock(&mutex_);
      if (!failure_.ok()) return failure_;
    }
    return ForwardingKvStore::Write(batch, options);
  }

  void FailWritesForTesting(absl::Status failure) {
    absl::MutexLock lock(&mutex_);
    failure_ = std::move(failure);
  }

 private:
  absl::Mutex mutex_;
  absl::Status failure_ ABSL_GUARDED_BY(mutex_);
};

inline Caller OrganizationCaller(const std::string& id) {
  return Caller{.organization = "organizations/" + id, .is_operator = false, .api_key = ""};
}

inline Caller OperatorCaller() {
  return Caller{.organization = "", .is_operator = true, .api_key = ""};
}

class NotificationFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto analyzer = matching::Analyzer::Create();
    ASSERT_TRUE(analyzer.ok()) << analyzer.status();
    analyzer_ = *std::move(analyzer);
    Open();
  }

  // (Re)opens the parts on the same store, as a restart does.
  void Open() {
    committer_ = std::make_unique<storage::Committer>(&store_);
    auto outbox = Outbox::Open(&store_);
    ASSERT_TRUE(outbox.ok()) << outbox.status();
    outbox_ = *std::move(outbox);
    auto subscriptions = SubscriptionRepository::Open(&store_, committer_.get(), &clock_, &ids_,
                                                      analyzer_.get(), /*lexicon=*/nullptr);
    ASSERT_TRUE(subscriptions.ok()) << subscriptions.status();
    subscriptions_ = *std::move(subscriptions);
    router_ = std::make_unique<EventRouter>(committer_.get(), outbox_.get(), subscriptions_.get(),
                                            &clock_);
    inbox_ =
        std::make_unique<Inbox>(committer_.get(), outbox_.get(), subscriptions_.get(), &clock_);
  }

  pb::Subscription Subscribe(const std::string& organization, pb::Subscription subscription) {
    pb::CreateSubscriptionRequest request;
    *request.mutable_subscription() = std::move(subscription);
    auto created = subscriptions_->Create(OrganizationCaller(organization), request);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.value_or(pb::Subscription());
  }

  // A stream subscription to the employment sector with a need text.
  static pb::Subscription EmploymentProfile() {
    pb::Subscription s;
    s.set_display_name("Employment");
    s.set_stream(true);
    s.mutable_profile()->add_sectors("10");
    s.mutable_profile()->set_need_text("unemployed citizens into work quickly");
    s.mutable_profile()->set_need_language("en");
    s.mutable_profile()->set_min_score(0.3);
    return s;
  }

  static publishing_pb::Solution EmploymentSolution(const std::string& id,
                                                    const std::string& owner) {
    publishing_pb::Solution s;
    s.set_name("solutions/" + id);
    s.set_owner("organizations/" + owner);
    s.set_title("Work first for unemployed citizens");
    s.set_summary("Unemployed citizens start work within days.");
    s.set_language("en");
    s.add_sectors("10.5");
    s.mutable_origin()->set_country("SE");
    s.set_state(publishing_pb::SOLUTION_STATE_PUBLISHED);
    auto* core = s.add_core_elements();
    core->set_title("Work or studies within 48 hours");
    core->set_description("Every unemployed citizen gets an offer of work quickly.");
    return s;
  }

  absl::Status Publish(int64_t sequence, const publishing_pb::Solution& solution,
                       publishing_pb::ChangeType type = publishing_pb::CHANGE_TYPE_PUBLISHED) {
    publishing_pb::WatchChangesResponse event;
    event.set_sequence(sequence);
    event.set_type(type);
    *event.mutable_solution() = solution;
    *event.mutable_commit_time() = ToProtoTime(clock_.Now());
    return router_->ApplySolutionEvent(event);
  }

  absl::Status File(int64_t sequence, const std::string& id, const std::string& requester,
                    adoption_pb::Visibility visibility = adoption_pb::VISIBILITY_PUBLIC) {
    adoption_pb::WatchChangesResponse event;
    event.set_sequence(sequence);
    event.set_type(adoption_pb::CHANGE_TYPE_CREATED);
    adoption_pb::AdoptionRequest& r = *event.mutable_adoption_request();
    r.set_name("adoptionRequests/" + id);
    r.set_requester("organizations/" + requester);
    r.set_title("Faster into work");
    r.set_visibility(visibility);
    r.set_state(adoption_pb::ADOPTION_REQUEST_STATE_OPEN);
    *event.mutable_commit_time() = ToProtoTime(clock_.Now());
    return router_->ApplyRequestEvent(event);
  }

  static matching_pb::Match MatchOf(const std::string& id, const std::string& request,
                                    const std::string& solution) {
    matching_pb::Match m;
    m.set_name("matches/" + id);
    m.set_adoption_request("adoptionRequests/" + request);
    m.set_solution("solutions/" + solution);
    m.set_solution_title("Work first");
    m.set_adoption_request_title("Faster into work");
    m.set_score(0.62);
    m.set_state(matching_pb::MATCH_STATE_PROPOSED);
    return m;
  }

  absl::Status MatchEvent(int64_t sequence, const matching_pb::Match& match,
                          matching_pb::ChangeType type = matching_pb::CHANGE_TYPE_CREATED) {
    matching_pb::WatchChangesResponse event;
    event.set_sequence(sequence);
    event.set_type(type);
    *event.mutable_match() = match;
    *event.mutable_commit_time() = ToProtoTime(clock_.Now());
    return router_->ApplyMatchEvent(event);
  }

  // Every notification in organizations/{id}'s inbox.
  std::vector<pb::Notification> InboxOf(const std::string& id) {
    std::vector<pb::Notification> all;
    EXPECT_TRUE(outbox_
                    ->ReadInbox(id, 0, 1000,
                                [&](const pb::Notification& n) {
                                  all.push_back(n);
                                  return true;
                                })
                    .ok());
    return all;
  }

  FailableStore store_;
  FakeClock clock_;
  SequentialIdGenerator ids_;
  std::unique_ptr<matching::Analyzer> analyzer_;
  std::unique_ptr<storage::Committer> committer_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<SubscriptionRepository> subscriptions_;
  std::unique_ptr<EventRouter> router_;
  std::unique_ptr<Inbox> inbox_;
};

}  // namespace corematch::notification::testing

#endif  // COREMATCH_SERVICES_NOTIFICATION_SERVICE_NOTIFICATION_TEST_FIXTURE_H_
