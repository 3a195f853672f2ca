// services/notification/webhook/webhook_target_test.cc
#include "services/notification/webhook/webhook_target.h"

#include <string>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"

namespace corematch::notification {
namespace {

using ::corematch::testing::IsOk;
using ::corematch::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(ValidateWebhookUrlTest, AcceptsHttpAndHttpsUrls) {
  for (const char* url : {
           "http://127.0.0.1:8080/hook",
           "https://portal.example.dk/corematch/events?x=1",
           "https://portal.example.dk",
           "HTTPS://Portal.Example.DK/Events",
           "http://[::1]:9000/hook",
           "https://xn--rd-oka.example/hook",
       }) {
    EXPECT_THAT(ValidateWebhookUrl(url), IsOk()) << url;
  }
}

TEST(ValidateWebhookUrlTest, RejectsEachProblemNamingTheFieldAndTheFix) {
  const struct {
    std::string url;
    std::string says;
  } cases[] = {
      {"", "required"},
      {"portal.example.dk/hook", "not a valid absolute URL"},
      {"https://portal.example.dk/a b", "not a valid absolute URL"},
      {"https://portal.example.dk:70000/", "not a valid absolute URL"},
      {"ftp://portal.example.dk/hook", "scheme \"ftp\"; use https://"},
      {"file:///etc/passwd", "scheme \"file\""},
      {"mailto:ops@example.dk", "not a valid absolute URL"},
      {"https://", "not a valid absolute URL"},
      {"https:///hook", "has no host"},
      {"https://user:pw@portal.example.dk/hook", "user name or password"},
      {"https://user@portal.example.dk/hook", "user name or password"},
      {"https://:pw@portal.example.dk/hook", "user name or password"},
      {"https://portal.example.dk/hook#events", "#fragment"},
      {"https://portal.example.dk/hook#", "#fragment"},
      {"https://portal.example.dk/" + std::string(2048, 'a'), "at most 2048"},
  };
  for (const auto& c : cases) {
    EXPECT_THAT(ValidateWebhookUrl(c.url),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         AllOf(HasSubstr("webhook.url"), HasSubstr(c.says))))
        << c.url;
  }
}

TEST(ValidateWebhookUrlTest, AcceptsExactlyTheMaximumLength) {
  const std::string prefix = "https://portal.example.dk/";
  const std::string url = prefix + std::string(kMaxWebhookUrlLength - prefix.size(), 'a');
  EXPECT_THAT(ValidateWebhookUrl(url), IsOk());
}

TEST(ValidateWebhookSecretTest, AcceptsPrintableAsciiOfAllowedLengths) {
  EXPECT_THAT(ValidateWebhookSecret(std::string(16, 'x')), IsOk());
  EXPECT_THAT(ValidateWebhookSecret(std::string(256, '~')), IsOk());
  EXPECT_THAT(ValidateWebhookSecret("whsec_ 0123456789!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}"), IsOk());
}

TEST(ValidateWebhookSecretTest, RejectsSecretsTooShortOrTooLong) {
  EXPECT_THAT(
      ValidateWebhookSecret(""),
      StatusIs(absl::StatusCode::kInvalidArgument,
               AllOf(HasSubstr("webhook.secret"), HasSubstr("0 bytes"), HasSubstr("16 to 256"))));
  EXPECT_THAT(ValidateWebhookSecret(std::string(15, 'x')),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("15 bytes")));
  EXPECT_THAT(ValidateWebhookSecret(std::string(257, 'x')),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("257 bytes")));
}

TEST(ValidateWebhookSecretTest, RejectsControlAndNonAsciiCharactersWithoutEchoingThem) {
  for (const std::string& secret :
       {std::string("0123456789abcdef\n"), std::string("0123456789abcdef\t"),
        std::string("0123456789abcdef\x7f"), std::string("0123456789abcdæf"),
        std::string("0123456789abcdef\0", 17)}) {
    EXPECT_THAT(ValidateWebhookSecret(secret),
                StatusIs(absl::StatusCode::kInvalidArgument,
                         AllOf(HasSubstr("webhook.secret"), HasSubstr("printable ASCII"),
                               Not(HasSubstr("0123456789")))));
  }
}

}  // namespace
}  // namespace corematch::notification
