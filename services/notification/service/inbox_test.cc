#include "services/notification/service/inbox.h"

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

class InboxTest : public testing::NotificationFixture {};

TEST_F(InboxTest, AcknowledgingMovesTheStreamStartForwardOnly) {
  Subscribe("aarhus", EmploymentProfile());
  ASSERT_THAT(Publish(1, EmploymentSolution("s1", "goteborg")), IsOk());
  ASSERT_THAT(Publish(2, EmploymentSolution("s2", "goteborg")), IsOk());
  EXPECT_EQ(inbox_->StreamStart("aarhus", 0).value(), 0);
  EXPECT_EQ(inbox_->Acknowledge(OrganizationCaller("aarhus"), 2).value(), 2);
  EXPECT_EQ(inbox_->Acknowledge(OrganizationCaller("aarhus"), 1).value(), 2);
  EXPECT_EQ(inbox_->StreamStart("aarhus", 0).value(), 2);
  EXPECT_EQ(inbox_->StreamStart("aarhus", 1).value(), 1) << "an explicit cursor wins";
  EXPECT_THAT(inbox_->Acknowledge(OrganizationCaller("aarhus"), 99),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("sequence")));
  EXPECT_THAT(inbox_->Acknowledge(OperatorCaller(), 1),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(InboxTest, ListPagesThroughTheRetainedNotifications) {
  Subscribe("aarhus", EmploymentProfile());
  for (int i = 1; i <= 5; ++i) {
    ASSERT_THAT(Publish(i, EmploymentSolution(absl::StrCat("s", i), "goteborg")), IsOk());
  }
  pb::ListNotificationsRequest request;
  request.set_page_size(2);
  std::vector<int64_t> seen;
  do {
    auto page = inbox_->List(OrganizationCaller("aarhus"), request);
    ASSERT_THAT(page, IsOk());
    for (const auto& n : page->notifications()) seen.push_back(n.sequence());
    EXPECT_EQ(page->latest_sequence(), 5);
    request.set_page_token(page->next_page_token());
  } while (!request.page_token().empty());
  EXPECT_EQ(seen, (std::vector<int64_t>{1, 2, 3, 4, 5}));
  auto other = inbox_->List(OrganizationCaller("malmo"), {});
  ASSERT_THAT(other, IsOk());
  EXPECT_THAT(other->notifications(), SizeIs(0));
}

TEST_F(InboxTest, ACursorOlderThanRetentionIsOutOfRangeAndSaysToReList) {
  Subscribe("aarhus", EmploymentProfile());
  ASSERT_THAT(Publish(1, EmploymentSolution("s1", "goteborg")), IsOk());
  clock_.Advance(absl::Hours(24 * 8));
  ASSERT_THAT(Publish(2, EmploymentSolution("s2", "goteborg")), IsOk());
  ASSERT_THAT(inbox_->Trim(absl::Hours(24 * 7)), IsOk());
  EXPECT_THAT(inbox_->StreamStart("aarhus", 0),
              StatusIs(absl::StatusCode::kOutOfRange, HasSubstr("ListNotifications")));
  EXPECT_EQ(inbox_->StreamStart("aarhus", 1).value(), 1);
  auto listed = inbox_->List(OrganizationCaller("aarhus"), {});
  ASSERT_THAT(listed, IsOk());
  ASSERT_THAT(listed->notifications(), SizeIs(1));
  EXPECT_EQ(listed->notifications(0).sequence(), 2);
}

TEST_F(InboxTest, DigestSubscriptionsGetOneDigestAtTheBoundary) {
  pb::Subscription daily = EmploymentProfile();
  daily.set_rhythm(pb::RHYTHM_DAILY_DIGEST);
  Subscribe("aarhus", daily);
  // The fake clock starts at midnight UTC; the first check marks the boundary.
  ASSERT_THAT(inbox_->EmitDueDigests({}), IsOk());
  ASSERT_THAT(Publish(1, EmploymentSolution("s1", "goteborg")), IsOk());
  ASSERT_THAT(Publish(2, EmploymentSolution("s2", "goteborg")), IsOk());
  EXPECT_THAT(InboxOf("aarhus"), SizeIs(0)) << "held for the digest";
  ASSERT_THAT(inbox_->EmitDueDigests({}), IsOk());
  EXPECT_THAT(InboxOf("aarhus"), SizeIs(0)) << "not 06:00 yet";
  clock_.Advance(absl::Hours(6));
  ASSERT_THAT(inbox_->EmitDueDigests({}), IsOk());
  ASSERT_THAT(inbox_->EmitDueDigests({}), IsOk());
  std::vector<pb::Notification> inbox = InboxOf("aarhus");
  ASSERT_THAT(inbox, SizeIs(1));
  EXPECT_EQ(inbox[0].type(), pb::EVENT_TYPE_DIGEST);
  ASSERT_THAT(inbox[0].digest_items(), SizeIs(2));
  EXPECT_EQ(inbox[0].digest_items(0).subject(), "solutions/s1");
}

TEST(DigestBoundaryTest, DailyAtSixAndWeeklyOnMonday) {
  const absl::TimeZone utc = absl::UTCTimeZone();
  // Thursday 2026-01-01 05:00 → Wednesday 06:00; 07:00 → Thursday 06:00.
  EXPECT_EQ(LastDigestBoundary(pb::RHYTHM_DAILY_DIGEST,
                               absl::FromCivil(absl::CivilHour(2026, 1, 1, 5), utc)),
            absl::FromCivil(absl::CivilHour(2025, 12, 31, 6), utc));
  EXPECT_EQ(LastDigestBoundary(pb::RHYTHM_DAILY_DIGEST,
                               absl::FromCivil(absl::CivilHour(2026, 1, 1, 7), utc)),
            absl::FromCivil(absl::CivilHour(2026, 1, 1, 6), utc));
  EXPECT_EQ(LastDigestBoundary(pb::RHYTHM_WEEKLY_DIGEST,
                               absl::FromCivil(absl::CivilHour(2026, 1, 1, 7), utc)),
            absl::FromCivil(absl::CivilHour(2025, 12, 29, 6), utc));
}

}  // namespace
}  // namespace corematch::notification
