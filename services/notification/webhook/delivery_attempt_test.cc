// services/notification/webhook/delivery_attempt_test.cc
//
// End to end: AttemptDelivery over the libcurl client to a real HTTP
// receiver that checks the signature as an organisation's endpoint would.
#include "services/notification/webhook/delivery_attempt.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"
#include "services/notification/webhook/cloud_event.h"
#include "services/notification/webhook/signature.h"
#include "services/notification/webhook/testing/http_receiver.h"
#include "services/notification/webhook/webhook_client.h"

namespace corematch::notification {
namespace {

using ::corematch::notification::testing::HttpReceiver;
using ::corematch::notification::testing::ReceivedRequest;
using ::corematch::testing::IsOk;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;
using ::testing::StartsWith;

constexpr char kSecret[] = "whsec_0123456789abcdef";
const absl::Time kNow = absl::FromUnixSeconds(1767225600);

class AttemptDeliveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_THAT(receiver_.Start(), IsOk());
    // As an organisation's endpoint: refuse what is not signed with the
    // secret. Its clock is the test's.
    receiver_.SetHandler([](const ReceivedRequest& request) {
      const absl::Status verified = VerifySignature(
          kSecret, request.Header(std::string(kSignatureHeader)), request.body, kNow);
      return verified.ok() ? 200 : 401;
    });
    delivery_.url = receiver_.Url("/corematch/events");
    delivery_.secret = kSecret;
    delivery_.event.id = "evt-0001";
    delivery_.event.source = "//corematch.dev/organizations/42";
    delivery_.event.type = "dev.corematch.match.created.v1";
    delivery_.event.subject = "requests/7";
    delivery_.event.time = kNow - absl::Seconds(3);
    delivery_.event.data_json = R"({"request":"requests/7","score":0.9})";
    delivery_.timeout = absl::Seconds(5);
  }

  HttpReceiver receiver_;
  // The receiver is on 127.0.0.1.
  std::unique_ptr<WebhookClient> client_ = NewCurlWebhookClient({.allow_private_addresses = true});
  Delivery delivery_;
};

TEST_F(AttemptDeliveryTest, DeliversASignedCloudEvent) {
  const AttemptOutcome outcome = AttemptDelivery(*client_, delivery_, kNow);

  EXPECT_TRUE(outcome.delivered) << outcome.error;
  EXPECT_EQ(outcome.http_status, 200);
  EXPECT_THAT(outcome.error, IsEmpty());
  EXPECT_GT(outcome.latency, absl::ZeroDuration());
  ASSERT_THAT(receiver_.requests(), SizeIs(1));
  const ReceivedRequest request = receiver_.requests()[0];
  EXPECT_EQ(request.target, "/corematch/events");
  EXPECT_EQ(request.Header("content-type"), kCloudEventContentType);
  EXPECT_EQ(request.Header("idempotency-key"), "evt-0001");
  EXPECT_THAT(VerifySignature(kSecret, request.Header("corematch-signature"), request.body, kNow),
              IsOk());
  google::protobuf::Struct event;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(request.body, &event).ok())
      << request.body;
  EXPECT_EQ(event.fields().at("specversion").string_value(), "1.0");
  EXPECT_EQ(event.fields().at("id").string_value(), "evt-0001");
  EXPECT_EQ(event.fields().at("type").string_value(), "dev.corematch.match.created.v1");
  EXPECT_EQ(event.fields().at("data").struct_value().fields().at("request").string_value(),
            "requests/7");
}

TEST_F(AttemptDeliveryTest, IsRefusedByAReceiverWithAnotherSecret) {
  delivery_.secret = "whsec_not-the-registered-one";

  const AttemptOutcome outcome = AttemptDelivery(*client_, delivery_, kNow);

  EXPECT_FALSE(outcome.delivered);
  EXPECT_EQ(outcome.http_status, 401);
  EXPECT_THAT(outcome.error, HasSubstr("HTTP 401"));
}

TEST_F(AttemptDeliveryTest, IsNotDeliveredWhenTheEndpointAnswers503) {
  receiver_.FailNext(1, 503);

  const AttemptOutcome outcome = AttemptDelivery(*client_, delivery_, kNow);

  EXPECT_FALSE(outcome.delivered);
  EXPECT_EQ(outcome.http_status, 503);
  EXPECT_EQ(outcome.error, "endpoint answered HTTP 503: Service Unavailable");
}

TEST_F(AttemptDeliveryTest, CountsARedirectAsNotDelivered) {
  receiver_.FailNext(1, 301);

  const AttemptOutcome outcome = AttemptDelivery(*client_, delivery_, kNow);

  EXPECT_FALSE(outcome.delivered);
  EXPECT_EQ(outcome.http_status, 301);
  EXPECT_THAT(outcome.error, HasSubstr("redirects are not followed"));
}

TEST_F(AttemptDeliveryTest, IsNotDeliveredWhenTheEndpointIsDown) {
  receiver_.Stop();

  const AttemptOutcome outcome = AttemptDelivery(*client_, delivery_, kNow);

  EXPECT_FALSE(outcome.delivered);
  EXPECT_EQ(outcome.http_status, 0);
  EXPECT_THAT(outcome.error, StartsWith("UNAVAILABLE: "));
  EXPECT_THAT(outcome.error, HasSubstr(delivery_.url));
}

TEST_F(AttemptDeliveryTest, IsNotDeliveredWhenTheEndpointAnswersTooLate) {
  receiver_.SetResponseDelay(absl::Seconds(30));  // Stop cuts it short.
  delivery_.timeout = absl::Milliseconds(200);

  const AttemptOutcome outcome = AttemptDelivery(*client_, delivery_, kNow);

  EXPECT_FALSE(outcome.delivered);
  EXPECT_EQ(outcome.http_status, 0);
  EXPECT_THAT(outcome.error, StartsWith("DEADLINE_EXCEEDED: "));
  EXPECT_GE(outcome.latency, absl::Milliseconds(200));
  EXPECT_LT(outcome.latency, absl::Seconds(5));
}

TEST_F(AttemptDeliveryTest, RetriesCarryTheSameEventAndAFreshSignature) {
  receiver_.FailNext(2, 503);

  EXPECT_FALSE(AttemptDelivery(*client_, delivery_, kNow - absl::Seconds(20)).delivered);
  EXPECT_FALSE(AttemptDelivery(*client_, delivery_, kNow - absl::Seconds(10)).delivered);
  EXPECT_TRUE(AttemptDelivery(*client_, delivery_, kNow).delivered);

  const auto requests = receiver_.requests();
  ASSERT_THAT(requests, SizeIs(3));
  for (const ReceivedRequest& request : requests) {
    EXPECT_EQ(request.body, requests[0].body);
    EXPECT_EQ(request.Header("idempotency-key"), "evt-0001");
  }
  EXPECT_THAT(requests[0].Header("corematch-signature"), StartsWith("t=1767225580,"));
  EXPECT_THAT(requests[2].Header("corematch-signature"), StartsWith("t=1767225600,"));
}

}  // namespace
}  // namespace corematch::notification
