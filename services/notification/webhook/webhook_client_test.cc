// services/notification/webhook/webhook_client_test.cc
//
// The libcurl client against a real HTTP server on 127.0.0.1.
#include "services/notification/webhook/webhook_client.h"

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"
#include "services/notification/webhook/testing/http_receiver.h"

namespace corematch::notification {
namespace {

using ::corematch::notification::testing::HttpReceiver;
using ::corematch::notification::testing::ReceivedRequest;
using ::corematch::testing::IsOk;
using ::corematch::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::SizeIs;

class CurlWebhookClientTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_THAT(receiver_.Start(), IsOk()); }

  WebhookRequest Request(std::string body = R"({"a":1})") {
    WebhookRequest request;
    request.url = receiver_.Url("/hook?x=1");
    request.body = std::move(body);
    request.headers = {{"Content-Type", "application/json"}, {"X-Trace", "abc"}};
    request.timeout = absl::Seconds(5);
    return request;
  }

  HttpReceiver receiver_;
  // The receiver is on 127.0.0.1.
  std::unique_ptr<WebhookClient> client_ = NewCurlWebhookClient({.allow_private_addresses = true});
};

TEST_F(CurlWebhookClientTest, PostsTheBodyAndHeaders) {
  absl::StatusOr<WebhookResponse> response = client_->Post(Request());

  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->http_status, 200);
  EXPECT_EQ(response->body_prefix, "OK");
  EXPECT_GT(response->latency, absl::ZeroDuration());
  ASSERT_THAT(receiver_.requests(), SizeIs(1));
  const ReceivedRequest request = receiver_.requests()[0];
  EXPECT_EQ(request.method, "POST");
  EXPECT_EQ(request.target, "/hook?x=1");
  EXPECT_EQ(request.body, R"({"a":1})");
  EXPECT_EQ(request.Header("Content-Type"), "application/json");
  EXPECT_EQ(request.Header("Content-Length"), "7");
  EXPECT_EQ(request.Header("X-Trace"), "abc");
  EXPECT_EQ(request.Header("User-Agent"), "corematch-webhook/1");
  EXPECT_EQ(request.Header("Expect"), "");
}

TEST_F(CurlWebhookClientTest, RefusesLoopbackAndPrivateAddressesUnlessAllowed) {
  std::unique_ptr<WebhookClient> guarded = NewCurlWebhookClient();
  WebhookRequest to_loopback = Request();
  EXPECT_THAT(guarded->Post(to_loopback),
              StatusIs(absl::StatusCode::kUnavailable,
                       AllOf(HasSubstr("refused to connect to 127.0.0.1"),
                             HasSubstr("--webhook_allow_private_addresses"))));
  // By name too: the check is on the address the name resolves to.
  WebhookRequest by_name = Request();
  by_name.url = absl::StrCat("http://localhost:", receiver_.port(), "/hook");
  EXPECT_THAT(guarded->Post(by_name), StatusIs(absl::StatusCode::kUnavailable,
                                               HasSubstr("a loopback, private or link-local")));
  EXPECT_THAT(receiver_.requests(), SizeIs(0)) << "nothing reached the receiver";

  EXPECT_THAT(client_->Post(Request()), IsOk()) << "allowed, the same request goes through";
  EXPECT_THAT(receiver_.requests(), SizeIs(1));
}

TEST_F(CurlWebhookClientTest, SendsALargeBodyWithoutWaitingFor100Continue) {
  const std::string body(200 * 1024, 'x');
  WebhookRequest request = Request(body);
  request.timeout = absl::Milliseconds(900);  // 100-continue would wait a second.

  ASSERT_THAT(client_->Post(request), IsOk());
  EXPECT_EQ(receiver_.requests().at(0).body, body);
}

TEST_F(CurlWebhookClientTest, ReturnsAnErrorStatusAsAResponse) {
  receiver_.FailNext(1, 503);

  absl::StatusOr<WebhookResponse> response = client_->Post(Request());

  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->http_status, 503);
  EXPECT_EQ(response->body_prefix, "Service Unavailable");
}

TEST_F(CurlWebhookClientTest, KeepsThePrefixOfALargeResponseBodyAndHangsUp) {
  std::string body;
  for (int i = 0; body.size() < 1024 * 1024; ++i) body += std::to_string(i) + ",";
  receiver_.SetResponseBody(body);

  absl::StatusOr<WebhookResponse> response = client_->Post(Request());

  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->http_status, 200);
  EXPECT_EQ(response->body_prefix, body.substr(0, kResponseBodyPrefixLength));
  // The client hung up: the next request needs a new connection.
  receiver_.SetResponseBody("");
  ASSERT_THAT(client_->Post(Request()), IsOk());
  EXPECT_EQ(receiver_.connections_accepted(), 2);
}

TEST_F(CurlWebhookClientTest, DoesNotFollowRedirects) {
  receiver_.FailNext(1, 301);

  absl::StatusOr<WebhookResponse> response = client_->Post(Request());

  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->http_status, 301);
  EXPECT_THAT(receiver_.requests(), SizeIs(1));
}

TEST_F(CurlWebhookClientTest, ReusesTheConnection) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_THAT(client_->Post(Request()), IsOk());
  }

  EXPECT_EQ(receiver_.connections_accepted(), 1);
}

TEST_F(CurlWebhookClientTest, PostsFromManyThreadsAtOnce) {
  constexpr int kThreads = 4;
  constexpr int kPostsPerThread = 5;
  std::vector<std::thread> threads;
  std::vector<int> delivered(kThreads, 0);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPostsPerThread; ++i) {
        absl::StatusOr<WebhookResponse> response = client_->Post(Request());
        if (response.ok() && response->http_status == 200) ++delivered[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();

  EXPECT_THAT(delivered, ::testing::Each(kPostsPerThread));
  EXPECT_THAT(receiver_.requests(), SizeIs(kThreads * kPostsPerThread));
  // Connections are pooled, not opened per request.
  EXPECT_LE(receiver_.connections_accepted(), kThreads);
}

TEST_F(CurlWebhookClientTest, ReportsARefusedConnectionAsUnavailable) {
  const std::string url = receiver_.Url();
  receiver_.Stop();
  WebhookRequest request = Request();
  request.url = url;

  EXPECT_THAT(client_->Post(request),
              StatusIs(absl::StatusCode::kUnavailable, AllOf(HasSubstr(url), HasSubstr("onnect"))));
}

TEST_F(CurlWebhookClientTest, ReconnectsWhenTheEndpointComesBackOnItsPort) {
  ASSERT_THAT(client_->Post(Request()), IsOk());
  const int port = receiver_.port();
  receiver_.Stop();
  EXPECT_THAT(client_->Post(Request()), StatusIs(absl::StatusCode::kUnavailable));
  ASSERT_THAT(receiver_.Start(port), IsOk());

  absl::StatusOr<WebhookResponse> response = client_->Post(Request());

  ASSERT_THAT(response, IsOk());
  EXPECT_EQ(response->http_status, 200);
  EXPECT_EQ(receiver_.connections_accepted(), 2);
}

TEST_F(CurlWebhookClientTest, ReportsATimeoutAsDeadlineExceeded) {
  receiver_.SetResponseDelay(absl::Seconds(30));  // Stop cuts it short.
  WebhookRequest request = Request();
  request.timeout = absl::Milliseconds(200);

  const absl::Time start = absl::Now();
  absl::StatusOr<WebhookResponse> response = client_->Post(request);

  EXPECT_THAT(response, StatusIs(absl::StatusCode::kDeadlineExceeded,
                                 AllOf(HasSubstr(request.url), HasSubstr("timed out"))));
  EXPECT_LT(absl::Now() - start, absl::Seconds(5));
}

TEST_F(CurlWebhookClientTest, RefusesHeadersThatWouldInjectOthers) {
  WebhookRequest request = Request();
  request.headers.push_back({"Idempotency-Key", "abc\r\nX-Evil: 1"});

  EXPECT_THAT(client_->Post(request),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("Idempotency-Key")));
  EXPECT_THAT(receiver_.requests(), SizeIs(0));
}

TEST_F(CurlWebhookClientTest, RefusesSchemesOtherThanHttp) {
  WebhookRequest request = Request();
  request.url = "file:///etc/passwd";

  EXPECT_THAT(client_->Post(request), StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace corematch::notification
