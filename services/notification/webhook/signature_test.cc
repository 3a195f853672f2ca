// services/notification/webhook/signature_test.cc
#include "services/notification/webhook/signature.h"

#include <string>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"

namespace corematch::notification {
namespace {

using ::corematch::testing::IsOk;
using ::corematch::testing::StatusIs;
using ::testing::HasSubstr;

constexpr char kSecret[] = "secret";
constexpr char kBody[] = R"({"a":1})";
const absl::Time kSent = absl::FromUnixSeconds(1700000000);
// Computed independently of this code, with
//   printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac secret
constexpr char kKnownHeader[] =
    "t=1700000000,v1=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686";

TEST(SignatureHeaderValueTest, MatchesOpensslForAKnownVector) {
  EXPECT_EQ(SignatureHeaderValue(kSecret, kSent, kBody), kKnownHeader);
}

TEST(SignatureHeaderValueTest, MatchesOpensslForALongerSecret) {
  // printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'whsec_0123456789abcdef'
  EXPECT_EQ(SignatureHeaderValue("whsec_0123456789abcdef", kSent, kBody),
            "t=1700000000,v1=9f5e37cdc7ea587c7c02062d93283cad000d66a831b2a1676418696db47ed6c2");
}

TEST(SignatureHeaderValueTest, TruncatesTheTimestampToWholeSeconds) {
  EXPECT_EQ(SignatureHeaderValue(kSecret, kSent + absl::Milliseconds(999), kBody), kKnownHeader);
}

TEST(VerifySignatureTest, AcceptsTheKnownVector) {
  EXPECT_THAT(VerifySignature(kSecret, kKnownHeader, kBody, kSent), IsOk());
}

TEST(VerifySignatureTest, AcceptsClockSkewWithinTheToleranceEitherWay) {
  EXPECT_THAT(VerifySignature(kSecret, kKnownHeader, kBody, kSent + absl::Minutes(5)), IsOk());
  EXPECT_THAT(VerifySignature(kSecret, kKnownHeader, kBody, kSent - absl::Minutes(5)), IsOk());
}

TEST(VerifySignatureTest, RejectsATimestampOutsideTheTolerance) {
  EXPECT_THAT(VerifySignature(kSecret, kKnownHeader, kBody, kSent + absl::Seconds(301)),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("outside the tolerance")));
  EXPECT_THAT(VerifySignature(kSecret, kKnownHeader, kBody, kSent - absl::Seconds(301)),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("outside the tolerance")));
  EXPECT_THAT(
      VerifySignature(kSecret, kKnownHeader, kBody, kSent + absl::Seconds(301), absl::Minutes(10)),
      IsOk());
}

TEST(VerifySignatureTest, RejectsATamperedBody) {
  EXPECT_THAT(VerifySignature(kSecret, kKnownHeader, R"({"a":2})", kSent),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("does not match")));
}

TEST(VerifySignatureTest, RejectsTheWrongSecret) {
  EXPECT_THAT(VerifySignature("secreT", kKnownHeader, kBody, kSent),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("does not match")));
}

TEST(VerifySignatureTest, RejectsAChangedTimestamp) {
  // The timestamp is signed: moving it forward to pass the tolerance check
  // breaks the MAC.
  const std::string header =
      "t=1700000600,v1=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686";
  EXPECT_THAT(VerifySignature(kSecret, header, kBody, kSent + absl::Minutes(10)),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("does not match")));
}

TEST(VerifySignatureTest, RejectsAChangedMac) {
  const std::string header =
      "t=1700000000,v1=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411687";
  EXPECT_THAT(VerifySignature(kSecret, header, kBody, kSent),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("does not match")));
}

TEST(VerifySignatureTest, RejectsAMissingOrGarbledHeader) {
  const std::string mac = "49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686";
  const struct {
    std::string header;
    std::string says;
  } cases[] = {
      {"", "missing"},
      {"sha256=" + mac, "no t= part"},
      {"garbage", "expected key=value"},
      {"t=1700000000", "no v1= part"},
      {"v1=" + mac, "no t= part"},
      {"t=17000x0000,v1=" + mac, "t must be"},
      {"t=-1700000000,v1=" + mac, "t must be"},
      {"t=,v1=" + mac, "t must be"},
      {"t=1700000000,t=1700000000,v1=" + mac, "t must be"},
      {"t=1700000000,v1=" + mac.substr(1), "v1 must be 64 hex digits"},
      {"t=1700000000,v1=" + mac.substr(1) + "g", "v1 must be 64 hex digits"},
  };
  for (const auto& c : cases) {
    EXPECT_THAT(VerifySignature(kSecret, c.header, kBody, kSent),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(c.says)))
        << c.header;
  }
}

TEST(VerifySignatureTest, AcceptsUppercaseHexSpacesAndUnknownParts) {
  EXPECT_THAT(VerifySignature(kSecret,
                              "t=1700000000, v2=whatever, "
                              "v1=49F24E537407743FA4A0242BB63B94B9A47EE99CBBE071CCD8A22550AE411686",
                              kBody, kSent),
              IsOk());
}

TEST(VerifySignatureTest, AcceptsAnyOfSeveralMacsWhileASecretIsRotated) {
  const std::string old_mac = "v1=" + std::string(64, '0');
  const std::string header = "t=1700000000," + old_mac +
                             ",v1=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686";
  EXPECT_THAT(VerifySignature(kSecret, header, kBody, kSent), IsOk());
}

TEST(VerifySignatureTest, RoundTripsWithAnEmptySecretAndBody) {
  const std::string header = SignatureHeaderValue("", kSent, "");
  EXPECT_THAT(VerifySignature("", header, "", kSent), IsOk());
  EXPECT_THAT(VerifySignature("x", header, "", kSent),
              StatusIs(absl::StatusCode::kUnauthenticated));
}

}  // namespace
}  // namespace corematch::notification
