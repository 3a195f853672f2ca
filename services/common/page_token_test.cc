#include "services/common/page_token.h"

#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"

namespace corematch {
namespace {

using ::corematch::testing::StatusIs;

TEST(PageTokenTest, RoundTripsTheLastKey) {
  std::string fingerprint = QueryFingerprint("state = PUBLISHED", "", "organizations/a");
  std::string token = EncodePageToken("idx/0001/abc", fingerprint);
  EXPECT_EQ(token.find_first_of("+/="), std::string::npos) << "not URL-safe: " << token;
  EXPECT_EQ(DecodePageToken(token, fingerprint).value(), "idx/0001/abc");
}

TEST(PageTokenTest, ChangedQueryIsInvalidArgument) {
  std::string token = EncodePageToken("k", QueryFingerprint("a", "", "c"));
  EXPECT_THAT(DecodePageToken(token, QueryFingerprint("b", "", "c")),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(DecodePageToken(token, QueryFingerprint("a", "", "other caller")),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(PageTokenTest, GarbageIsInvalidArgument) {
  EXPECT_THAT(DecodePageToken("%%%not-a-token", QueryFingerprint("", "", "")),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST(PageTokenTest, PageSizeDefaultsClampsAndRejectsNegative) {
  EXPECT_EQ(EffectivePageSize(0).value(), kDefaultPageSize);
  EXPECT_EQ(EffectivePageSize(7).value(), 7);
  EXPECT_EQ(EffectivePageSize(1000000).value(), kMaxPageSize);
  EXPECT_THAT(EffectivePageSize(-1), StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace corematch
