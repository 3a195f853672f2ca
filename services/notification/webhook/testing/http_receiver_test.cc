// services/notification/webhook/testing/http_receiver_test.cc
//
// The test receiver, driven by the real client as the other tests drive it.
#include "services/notification/webhook/testing/http_receiver.h"

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"
#include "services/notification/webhook/webhook_client.h"

namespace corematch::notification::testing {
namespace {

using ::corematch::testing::IsOk;
using ::corematch::testing::StatusIs;
using ::testing::SizeIs;

class HttpReceiverTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_THAT(receiver_.Start(), IsOk()); }

  // The status the receiver answers a POST of `body` with, or -1.
  int Post(std::string body = "{}", std::vector<std::pair<std::string, std::string>> headers = {}) {
    WebhookRequest request;
    request.url = receiver_.Url();
    request.body = std::move(body);
    request.headers = std::move(headers);
    request.timeout = absl::Seconds(5);
    absl::StatusOr<WebhookResponse> response = client_->Post(request);
    return response.ok() ? response->http_status : -1;
  }

  HttpReceiver receiver_;
  // The receiver is on 127.0.0.1.
  std::unique_ptr<WebhookClient> client_ = NewCurlWebhookClient({.allow_private_addresses = true});
};

TEST_F(HttpReceiverTest, ListensOnAnEphemeralLoopbackPort) {
  EXPECT_GT(receiver_.port(), 0);
  EXPECT_EQ(receiver_.Url("/x"), "http://127.0.0.1:" + std::to_string(receiver_.port()) + "/x");
}

TEST_F(HttpReceiverTest, FailsTheNextRequestsThenSucceeds) {
  receiver_.FailNext(3, 503);

  EXPECT_EQ(Post(), 503);
  EXPECT_EQ(Post(), 503);
  EXPECT_EQ(Post(), 503);
  EXPECT_EQ(Post(), 200);
  EXPECT_THAT(receiver_.requests(), SizeIs(4));
}

TEST_F(HttpReceiverTest, LetsTheHandlerDecideTheStatus) {
  receiver_.SetHandler(
      [](const ReceivedRequest& request) { return request.body == "ok" ? 204 : 400; });

  EXPECT_EQ(Post("ok"), 204);
  EXPECT_EQ(Post("not ok"), 400);
}

TEST_F(HttpReceiverTest, RecordsHeadersUnderLowerCaseNames) {
  ASSERT_EQ(Post("{}", {{"X-Custom-Thing", "Value"}, {"X-Twice", "a"}, {"X-TWICE", "b"}}), 200);

  const ReceivedRequest request = receiver_.requests().at(0);
  EXPECT_EQ(request.headers.at("x-custom-thing"), "Value");
  EXPECT_EQ(request.Header("x-twice"), "a, b");
  EXPECT_EQ(request.connection, 1);
}

TEST_F(HttpReceiverTest, RejectsChunkedBodiesWith411) {
  EXPECT_EQ(Post("{}", {{"Transfer-Encoding", "chunked"}}), 411);
  EXPECT_THAT(receiver_.requests(), SizeIs(0));
  // The next request, on a new connection, is served again.
  EXPECT_EQ(Post(), 200);
}

TEST_F(HttpReceiverTest, ClosesTheConnectionWhenAsked) {
  ASSERT_EQ(Post("{}", {{"Connection", "close"}}), 200);
  ASSERT_EQ(Post(), 200);

  EXPECT_EQ(receiver_.connections_accepted(), 2);
}

TEST_F(HttpReceiverTest, WaitForRequestsTimesOutWhenNoneArrive) {
  const absl::Time start = absl::Now();
  EXPECT_FALSE(receiver_.WaitForRequests(1, absl::Milliseconds(50)));
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));

  ASSERT_EQ(Post(), 200);
  EXPECT_TRUE(receiver_.WaitForRequests(1, absl::Milliseconds(50)));
}

TEST_F(HttpReceiverTest, KeepsItsPortAndRequestsAcrossStopAndStart) {
  ASSERT_EQ(Post(), 200);
  const int port = receiver_.port();
  receiver_.Stop();
  receiver_.Stop();  // A second Stop does nothing.
  EXPECT_EQ(Post(), -1);

  ASSERT_THAT(receiver_.Start(port), IsOk());

  EXPECT_EQ(receiver_.port(), port);
  EXPECT_EQ(Post(), 200);
  EXPECT_THAT(receiver_.requests(), SizeIs(2));
}

TEST_F(HttpReceiverTest, RefusesToStartTwice) {
  EXPECT_THAT(receiver_.Start(), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(HttpReceiverTest, ReportsAPortInUse) {
  HttpReceiver other;
  EXPECT_THAT(other.Start(receiver_.port()), StatusIs(absl::StatusCode::kUnavailable));
}

}  // namespace
}  // namespace corematch::notification::testing
