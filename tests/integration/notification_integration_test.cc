// The notification service in a real all-in-one server: a municipality
// subscribes, a solution is published through PublishingService, and the
// notification reaches the subscriber's stream (resumable, with progress
// markers) and its webhook (a real HTTP receiver on 127.0.0.1 that checks
// signatures, goes down, fails on purpose and comes back).
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "corematch/notification/v1/notification.grpc.pb.h"
#include "corematch/publishing/v1/publishing.grpc.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "gtest/gtest.h"
#include "services/notification/webhook/signature.h"
#include "services/notification/webhook/testing/http_receiver.h"
#include "tests/testing/test_server.h"

namespace corematch {
namespace {

namespace nt = ::corematch::notification::v1;
namespace pub = ::corematch::publishing::v1;
using ::corematch::notification::testing::HttpReceiver;
using ::corematch::notification::testing::ReceivedRequest;
using ::corematch::testing::ContextWithKey;
using ::corematch::testing::TempDir;
using ::corematch::testing::TestServer;
using ::testing::ElementsAre;
using ::testing::SizeIs;

constexpr char kSecret[] = "a-webhook-secret-for-tests";

class NotificationIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(dir_.path(), [](server::ServerOptions& options) {
      options.services = {"organization", "publishing", "adoption", "matching", "notification"};
      // Translation needs the FreeDict lexicon built; these tests do not.
      options.matching_engine.translation = false;
      options.notification.progress_interval = absl::Milliseconds(200);
      // The webhook receiver runs on 127.0.0.1.
      options.notification.allow_private_webhook_addresses = true;
      options.notification.dispatcher.retry = {.initial = absl::Milliseconds(50),
                                               .multiplier = 2,
                                               .max_interval = absl::Milliseconds(200),
                                               .jitter = 0.2,
                                               .give_up_after = absl::Seconds(2)};
      options.notification.dispatcher.timeout = absl::Seconds(2);
    });
    std::tie(aarhus_, aarhus_key_) = server_->CreateOrganizationWithKey("Aarhus", "DK");
    std::tie(goteborg_, goteborg_key_) = server_->CreateOrganizationWithKey("Göteborg", "SE");
    notifications_ = nt::NotificationService::NewStub(server_->TcpChannel());
    solutions_ = pub::PublishingService::NewStub(server_->TcpChannel());
  }

  nt::Subscription Subscribe(nt::Subscription subscription) {
    nt::CreateSubscriptionRequest request;
    *request.mutable_subscription() = std::move(subscription);
    nt::Subscription created;
    grpc::Status status =
        notifications_->CreateSubscription(ContextWithKey(aarhus_key_).get(), request, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created;
  }

  static nt::Subscription Employment() {
    nt::Subscription s;
    s.set_display_name("Employment");
    s.mutable_profile()->add_sectors("10");
    s.mutable_profile()->add_countries("SE");
    return s;
  }

  // Göteborg publishes an employment solution; returns its name.
  std::string PublishSolution(const std::string& title) {
    pub::CreateSolutionRequest create;
    pub::Solution& s = *create.mutable_solution();
    s.set_title(title);
    s.set_summary("Unemployed citizens meet an employer within 48 hours.");
    s.set_language("en");
    s.mutable_origin()->set_country("SE");
    s.add_sectors("10.5");
    s.add_core_elements()->set_title("Work first, within 48 hours");
    s.set_maturity(pub::MATURITY_PROVEN);
    pub::Solution created;
    grpc::Status status =
        solutions_->CreateSolution(ContextWithKey(goteborg_key_).get(), create, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    pub::PublishSolutionRequest publish;
    publish.set_name(created.name());
    pub::Solution published;
    status = solutions_->PublishSolution(ContextWithKey(goteborg_key_).get(), publish, &published);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created.name();
  }

  // Opens aarhus's stream after `after`.
  struct Stream {
    std::unique_ptr<grpc::ClientContext> context;
    std::unique_ptr<grpc::ClientReader<nt::StreamNotificationsResponse>> reader;
  };
  Stream Open(int64_t after) {
    Stream stream;
    stream.context = std::make_unique<grpc::ClientContext>();
    stream.context->AddMetadata("authorization", "Bearer " + aarhus_key_);
    stream.context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(20));
    nt::StreamNotificationsRequest request;
    request.set_after_sequence(after);
    stream.reader = notifications_->StreamNotifications(stream.context.get(), request);
    return stream;
  }

  // The next notification on `stream`, skipping progress markers.
  static nt::Notification NextNotification(Stream& stream) {
    nt::StreamNotificationsResponse item;
    while (stream.reader->Read(&item)) {
      if (item.has_notification()) return item.notification();
    }
    ADD_FAILURE() << "the stream ended: " << stream.reader->Finish().error_message();
    return {};
  }

  static void Close(Stream& stream) {
    stream.context->TryCancel();
    nt::StreamNotificationsResponse ignored;
    while (stream.reader->Read(&ignored)) {
    }
    stream.reader->Finish();
  }

  nt::ListDeliveriesResponse Deliveries(const std::string& subscription) {
    nt::ListDeliveriesRequest request;
    request.set_parent(subscription);
    nt::ListDeliveriesResponse response;
    grpc::Status status =
        notifications_->ListDeliveries(ContextWithKey(aarhus_key_).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  // Waits until every delivery of `subscription` is in `state`.
  bool WaitForDeliveries(const std::string& subscription, int count, nt::DeliveryState state) {
    const absl::Time deadline = absl::Now() + absl::Seconds(15);
    while (absl::Now() < deadline) {
      nt::ListDeliveriesResponse response = Deliveries(subscription);
      int in_state = 0;
      for (const nt::Delivery& d : response.deliveries()) in_state += d.state() == state;
      if (in_state == count) return true;
      absl::SleepFor(absl::Milliseconds(50));
    }
    return false;
  }

  TempDir dir_;
  std::unique_ptr<TestServer> server_;
  std::string aarhus_, aarhus_key_, goteborg_, goteborg_key_;
  std::unique_ptr<nt::NotificationService::Stub> notifications_;
  std::unique_ptr<pub::PublishingService::Stub> solutions_;
};

TEST_F(NotificationIntegrationTest, AStreamResumesWithNothingMissedOrDuplicated) {
  nt::Subscription s = Employment();
  s.set_stream(true);
  Subscribe(s);

  Stream first = Open(0);
  const std::string s1 = PublishSolution("Work first");
  nt::Notification n1 = NextNotification(first);
  EXPECT_EQ(n1.type(), nt::EVENT_TYPE_SOLUTION_PUBLISHED);
  EXPECT_EQ(n1.solution(), s1);
  Close(first);

  // Published while the portal is disconnected.
  const std::string s2 = PublishSolution("Job coaches in every office");
  const std::string s3 = PublishSolution("Apprenticeships for the long-term unemployed");

  Stream second = Open(n1.sequence());
  nt::Notification n2 = NextNotification(second);
  nt::Notification n3 = NextNotification(second);
  EXPECT_THAT((std::vector<std::string>{n2.solution(), n3.solution()}), ElementsAre(s2, s3));
  EXPECT_LT(n1.sequence(), n2.sequence());
  EXPECT_LT(n2.sequence(), n3.sequence());
  // Nothing else: the next thing on the quiet stream is a progress marker.
  nt::StreamNotificationsResponse item;
  ASSERT_TRUE(second.reader->Read(&item));
  ASSERT_TRUE(item.has_progress()) << item.DebugString();
  EXPECT_GE(item.progress().sequence(), n3.sequence());
  Close(second);

  // Acknowledged: a stream opened without a cursor starts after it.
  nt::AcknowledgeNotificationsRequest ack;
  ack.set_sequence(n3.sequence());
  nt::AcknowledgeNotificationsResponse acked;
  ASSERT_TRUE(
      notifications_->AcknowledgeNotifications(ContextWithKey(aarhus_key_).get(), ack, &acked)
          .ok());
  Stream third = Open(0);
  const std::string s4 = PublishSolution("Employer days");
  EXPECT_EQ(NextNotification(third).solution(), s4);
  Close(third);
}

TEST_F(NotificationIntegrationTest, AnotherOrganisationCannotReadTheSubscription) {
  nt::Subscription s = Employment();
  s.set_stream(true);
  const nt::Subscription created = Subscribe(s);
  nt::GetSubscriptionRequest get;
  get.set_name(created.name());
  nt::Subscription fetched;
  EXPECT_EQ(notifications_->GetSubscription(ContextWithKey(goteborg_key_).get(), get, &fetched)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(notifications_->GetSubscription(ContextWithKey("").get(), get, &fetched).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(NotificationIntegrationTest, AWebhookGetsSignedEventsInOrderAfterAnOutage) {
  HttpReceiver receiver;
  ASSERT_TRUE(receiver.Start().ok());
  nt::Subscription s = Employment();
  s.mutable_webhook()->set_url(receiver.Url("/corematch"));
  s.mutable_webhook()->set_secret(kSecret);
  const nt::Subscription subscription = Subscribe(s);

  receiver.Stop();  // The portal's endpoint is down.
  const std::string s1 = PublishSolution("Work first");
  const std::string s2 = PublishSolution("Job coaches in every office");
  absl::SleepFor(absl::Milliseconds(300));  // A few failed attempts.
  receiver.FailNext(1, 503);                // Comes back, stumbles once.
  ASSERT_TRUE(receiver.Start(receiver.port()).ok());

  ASSERT_TRUE(WaitForDeliveries(subscription.name(), 2, nt::DELIVERY_STATE_DELIVERED));
  std::vector<std::string> delivered_subjects;
  for (const ReceivedRequest& request : receiver.requests()) {
    ASSERT_TRUE(notification::VerifySignature(kSecret,
                                              request.Header(notification::kSignatureHeader),
                                              request.body, absl::Now())
                    .ok());
    google::protobuf::Struct event;
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(request.body, &event).ok());
    EXPECT_EQ(event.fields().at("specversion").string_value(), "1.0");
    EXPECT_EQ(event.fields().at("id").string_value(), request.Header("idempotency-key"));
    delivered_subjects.push_back(event.fields().at("subject").string_value());
  }
  // The 503 was for s1, so s1 arrives twice under one id; then s2.
  EXPECT_THAT(delivered_subjects, ElementsAre(s1, s1, s2));
  nt::ListDeliveriesResponse deliveries = Deliveries(subscription.name());
  ASSERT_THAT(deliveries.deliveries(), SizeIs(2));
  EXPECT_GE(deliveries.deliveries(0).attempts(), 2);
  EXPECT_EQ(deliveries.deliveries(0).last_http_status(), 200);
}

TEST_F(NotificationIntegrationTest, AGivenUpDeliveryIsADeadLetterUntilRedelivered) {
  HttpReceiver receiver;
  ASSERT_TRUE(receiver.Start().ok());
  receiver.SetHandler([](const ReceivedRequest&) { return 500; });
  nt::Subscription s = Employment();
  s.mutable_webhook()->set_url(receiver.Url("/corematch"));
  s.mutable_webhook()->set_secret(kSecret);
  const nt::Subscription subscription = Subscribe(s);
  PublishSolution("Work first");
  ASSERT_TRUE(WaitForDeliveries(subscription.name(), 1, nt::DELIVERY_STATE_DEAD_LETTER));
  nt::Delivery dead = Deliveries(subscription.name()).deliveries(0);
  EXPECT_EQ(dead.last_http_status(), 500);
  EXPECT_GE(dead.attempts(), 2);

  receiver.SetHandler([](const ReceivedRequest&) { return 204; });
  nt::RedeliverDeliveryRequest redeliver;
  redeliver.set_name(dead.name());
  nt::Delivery queued;
  ASSERT_TRUE(
      notifications_->RedeliverDelivery(ContextWithKey(aarhus_key_).get(), redeliver, &queued)
          .ok());
  EXPECT_EQ(queued.state(), nt::DELIVERY_STATE_PENDING);
  ASSERT_TRUE(WaitForDeliveries(subscription.name(), 1, nt::DELIVERY_STATE_DELIVERED));
  std::vector<ReceivedRequest> requests = receiver.requests();
  // Every attempt, the redelivery included, carried the same event id.
  for (const ReceivedRequest& request : requests) {
    EXPECT_EQ(request.Header("idempotency-key"), dead.notification().event_id());
  }
  // Someone else may not redeliver it.
  EXPECT_EQ(
      notifications_->RedeliverDelivery(ContextWithKey(goteborg_key_).get(), redeliver, &queued)
          .error_code(),
      grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace corematch
