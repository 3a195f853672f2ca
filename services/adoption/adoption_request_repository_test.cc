// Filing, updating and closing requests. What others see of them is in
// adoption_request_visibility_test.cc.
#include "services/adoption/adoption_request_repository.h"

#include "gmock/gmock.h"
#include "google/protobuf/util/message_differencer.h"
#include "gtest/gtest.h"
#include "services/adoption/testing/adoption_test_fixture.h"
#include "services/common/errors.h"
#include "services/common/proto_time.h"
#include "services/common/testing/status_matchers.h"

namespace corematch::adoption {
namespace {

using ::corematch::testing::IsOk;
using ::corematch::testing::StatusIs;
using ::google::protobuf::util::MessageDifferencer;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

constexpr absl::string_view kRequestId = "3f2b8c1e-7d4a-4e0b-9c55-2a1f0e6b7d90";

using CreateTest = AdoptionRepositoryTest;

TEST_F(CreateTest, FillsDefaultsFromTheOrganization) {
  const absl::Time now = clock_.Now();
  pb::AdoptionRequest created = MustCreate(kAarhus, pb::VISIBILITY_UNSPECIFIED);
  EXPECT_EQ(created.name(), "adoptionRequests/id00000000000001");
  EXPECT_EQ(created.requester(), kAarhus);
  EXPECT_EQ(created.requester_kind(), "MUNICIPALITY");
  EXPECT_EQ(created.context().country(), "DK");
  EXPECT_EQ(created.context().region(), "DK042");
  EXPECT_EQ(created.context().population(), 350000);
  EXPECT_EQ(created.state(), pb::ADOPTION_REQUEST_STATE_OPEN);
  EXPECT_EQ(created.visibility(), pb::VISIBILITY_PUBLIC);
  EXPECT_EQ(FromProtoTime(created.create_time()), now);
  EXPECT_EQ(FromProtoTime(created.expire_time()), now + absl::Hours(24 * 365));
  EXPECT_FALSE(created.etag().empty());

  absl::StatusOr<pb::AdoptionRequest> got =
      repository_->Get(OrganizationCaller(kAarhus), created.name());
  ASSERT_THAT(got, IsOk());
  EXPECT_TRUE(MessageDifferencer::Equals(*got, created));
}

TEST_F(CreateTest, KeepsTheContextTheRequestGives) {
  pb::AdoptionRequest r = ValidAdoptionRequest();
  r.mutable_context()->set_region("SE232");
  r.mutable_context()->set_country("SE");
  absl::StatusOr<pb::AdoptionRequest> created = Create(OrganizationCaller(kMalmo), r);
  ASSERT_THAT(created, IsOk());
  EXPECT_EQ(created->context().region(), "SE232");
  EXPECT_EQ(created->context().population(), 360000);

  // Another country: the organisation's region and size say nothing about it.
  r.mutable_context()->set_country("NO");
  r.mutable_context()->clear_region();
  created = Create(OrganizationCaller(kMalmo), r);
  ASSERT_THAT(created, IsOk());
  EXPECT_EQ(created->context().region(), "");
  EXPECT_EQ(created->context().population(), 0);
}

TEST_F(CreateTest, RegionWithoutCountryMustFitTheOrganizationsCountry) {
  pb::AdoptionRequest r = ValidAdoptionRequest();
  r.mutable_context()->set_region("Østjylland");
  absl::Status status = Create(OrganizationCaller(kAarhus), r).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(BadFields(status), ElementsAre("adoption_request.context.region"));
  EXPECT_THAT(FeedEvents(), IsEmpty());
}

TEST_F(CreateTest, ValidationErrorsNameEachFieldAndStoreNothing) {
  MustCreate(kAarhus);
  const auto before = StoreContents();
  pb::AdoptionRequest r = ValidAdoptionRequest();
  r.clear_title();
  r.set_language("english");
  r.add_sectors("11");
  r.mutable_constraints()->set_budget(-1);
  absl::Status status = Create(OrganizationCaller(kAarhus), r, "not-a-uuid").status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(BadFields(status),
              UnorderedElementsAre("adoption_request.title", "adoption_request.language",
                                   "adoption_request.sectors[1]",
                                   "adoption_request.constraints.budget", "request_id"));
  EXPECT_EQ(StoreContents(), before);
  EXPECT_EQ(FeedEvents().size(), 1u);
}

TEST_F(CreateTest, UnknownOrganizationIsFailedPrecondition) {
  absl::Status status =
      Create(OrganizationCaller("organizations/nowhere"), ValidAdoptionRequest()).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("unknown")));
  EXPECT_EQ(ErrorReason(status), "ORGANIZATION_UNKNOWN");
  EXPECT_THAT(StoreContents(), IsEmpty());
}

TEST_F(CreateTest, UnreachableDirectoryIsUnavailable) {
  directory_.SetFailure(absl::UnavailableError("organization service down"));
  EXPECT_THAT(Create(OrganizationCaller(kAarhus), ValidAdoptionRequest()),
              StatusIs(absl::StatusCode::kUnavailable));
  EXPECT_THAT(StoreContents(), IsEmpty());
}

TEST_F(CreateTest, OperatorFilesOnBehalfOfAnOrganization) {
  pb::AdoptionRequest r = ValidAdoptionRequest();
  absl::Status status = Create(OperatorCaller(), r).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(BadFields(status), ElementsAre("adoption_request.requester"));

  r.set_requester(std::string(kSkane));
  absl::StatusOr<pb::AdoptionRequest> created = Create(OperatorCaller(), r);
  ASSERT_THAT(created, IsOk());
  EXPECT_EQ(created->requester(), kSkane);
  EXPECT_EQ(created->requester_kind(), "REGION");
  EXPECT_EQ(created->context().region(), "SE22");
}

TEST_F(CreateTest, OrganizationCannotFileForAnother) {
  pb::AdoptionRequest r = ValidAdoptionRequest();
  r.set_requester(std::string(kMalmo));
  r.set_state(pb::ADOPTION_REQUEST_STATE_FULFILLED);
  absl::StatusOr<pb::AdoptionRequest> created = Create(OrganizationCaller(kAarhus), r);
  ASSERT_THAT(created, IsOk());
  EXPECT_EQ(created->requester(), kAarhus);
  EXPECT_EQ(created->state(), pb::ADOPTION_REQUEST_STATE_OPEN);
}

TEST_F(CreateTest, RetryWithTheSameRequestIdCreatesOnce) {
  absl::StatusOr<pb::AdoptionRequest> first =
      Create(OrganizationCaller(kAarhus), ValidAdoptionRequest(), kRequestId);
  ASSERT_THAT(first, IsOk());
  clock_.Advance(absl::Minutes(1));
  // Answered from the store, even while the organization service is down.
  directory_.SetFailure(absl::UnavailableError("down"));
  absl::StatusOr<pb::AdoptionRequest> retry =
      Create(OrganizationCaller(kAarhus), ValidAdoptionRequest(), kRequestId);
  ASSERT_THAT(retry, IsOk());
  EXPECT_TRUE(MessageDifferencer::Equals(*first, *retry));
  EXPECT_EQ(FeedEvents().size(), 1u);
  absl::StatusOr<pb::ListAdoptionRequestsResponse> list =
      repository_->List(OperatorCaller(), pb::ListAdoptionRequestsRequest());
  ASSERT_THAT(list, IsOk());
  EXPECT_EQ(list->adoption_requests_size(), 1);
}

using UpdateTest = AdoptionRepositoryTest;

pb::UpdateAdoptionRequestRequest TitleUpdate(const pb::AdoptionRequest& current,
                                             absl::string_view title) {
  pb::UpdateAdoptionRequestRequest request;
  request.mutable_adoption_request()->set_name(current.name());
  request.mutable_adoption_request()->set_etag(current.etag());
  request.mutable_adoption_request()->set_title(std::string(title));
  request.mutable_update_mask()->add_paths("title");
  return request;
}

TEST_F(UpdateTest, MaskSelectsTheFields) {
  pb::AdoptionRequest created = MustCreate(kAarhus);
  clock_.Advance(absl::Hours(1));
  pb::UpdateAdoptionRequestRequest request = TitleUpdate(created, "A new title");
  request.mutable_adoption_request()->set_need_statement("not in the mask");
  absl::StatusOr<pb::AdoptionRequest> updated =
      repository_->Update(OrganizationCaller(kAarhus), request);
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(updated->title(), "A new title");
  EXPECT_EQ(updated->need_statement(), created.need_statement());
  EXPECT_EQ(FromProtoTime(updated->update_time()), clock_.Now());
  EXPECT_NE(updated->etag(), created.etag());

  request.mutable_adoption_request()->clear_etag();
  request.mutable_update_mask()->add_paths("state");
  absl::Status status = repository_->Update(OrganizationCaller(kAarhus), request).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(BadFields(status), ElementsAre("update_mask"));
}

TEST_F(UpdateTest, StaleEtagIsAbortedAndChangesNothing) {
  pb::AdoptionRequest created = MustCreate(kAarhus);
  ASSERT_THAT(repository_->Update(OrganizationCaller(kAarhus), TitleUpdate(created, "First")),
              IsOk());
  const auto before = StoreContents();
  EXPECT_THAT(repository_->Update(OrganizationCaller(kAarhus), TitleUpdate(created, "Second")),
              StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(StoreContents(), before);
}

TEST_F(UpdateTest, InvalidResultIsRejectedAndChangesNothing) {
  pb::AdoptionRequest created = MustCreate(kAarhus);
  const auto before = StoreContents();
  pb::UpdateAdoptionRequestRequest request = TitleUpdate(created, "");
  request.mutable_update_mask()->add_paths("context.country");
  request.mutable_adoption_request()->mutable_context()->set_country("Denmark");
  absl::Status status = repository_->Update(OrganizationCaller(kAarhus), request).status();
  EXPECT_THAT(BadFields(status),
              UnorderedElementsAre("adoption_request.title", "adoption_request.context.country"));
  EXPECT_EQ(StoreContents(), before);
}

TEST_F(UpdateTest, RenewsARequestAboutToExpire) {
  pb::AdoptionRequest created = MustCreate(kAarhus);
  clock_.Advance(absl::Hours(24 * 300));  // 65 days left: not yet due
  absl::StatusOr<pb::AdoptionRequest> updated =
      repository_->Update(OrganizationCaller(kAarhus), TitleUpdate(created, "Still needed"));
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(FromProtoTime(updated->expire_time()), FromProtoTime(created.expire_time()));

  clock_.Advance(absl::Hours(24 * 40));  // 25 days left: renewed for a year from now
  updated = repository_->Update(OrganizationCaller(kAarhus), TitleUpdate(*updated, "Still!"));
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(FromProtoTime(updated->expire_time()), clock_.Now() + kDefaultLifetime);

  // An update that sets expire_time itself gets what it asked for.
  pb::UpdateAdoptionRequestRequest request = TitleUpdate(*updated, "Soon over");
  request.mutable_update_mask()->add_paths("expire_time");
  *request.mutable_adoption_request()->mutable_expire_time() =
      ToProtoTime(clock_.Now() + absl::Hours(24 * 7));
  updated = repository_->Update(OrganizationCaller(kAarhus), request);
  ASSERT_THAT(updated, IsOk());
  EXPECT_EQ(FromProtoTime(updated->expire_time()), clock_.Now() + absl::Hours(24 * 7));
}

TEST_F(UpdateTest, OnlyTheRequesterOrAnOperatorMayUpdate) {
  pb::AdoptionRequest created = MustCreate(kAarhus);
  EXPECT_THAT(repository_->Update(OrganizationCaller(kMalmo), TitleUpdate(created, "Mine now")),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(repository_->Update(OperatorCaller(), TitleUpdate(created, "Fixed typo")), IsOk());
}

TEST_F(UpdateTest, ClosedRequestCannotBeUpdated) {
  pb::AdoptionRequest created = MustCreate(kAarhus);
  ASSERT_THAT(Close(OrganizationCaller(kAarhus), created.name()), IsOk());
  pb::UpdateAdoptionRequestRequest request = TitleUpdate(created, "Reopen?");
  request.mutable_adoption_request()->clear_etag();
  absl::Status status = repository_->Update(OrganizationCaller(kAarhus), request).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReason(status), "INVALID_STATE");
}

using CloseTest = AdoptionRepositoryTest;

TEST_F(CloseTest, ClosesOnceWithOutcomeAndReason) {
  pb::AdoptionRequest created = MustCreate(kAarhus);
  clock_.Advance(absl::Hours(2));
  absl::StatusOr<pb::AdoptionRequest> closed =
      Close(OrganizationCaller(kAarhus), created.name(), pb::CLOSE_OUTCOME_ABANDONED);
  ASSERT_THAT(closed, IsOk());
  EXPECT_EQ(closed->state(), pb::ADOPTION_REQUEST_STATE_ABANDONED);
  EXPECT_EQ(closed->close_reason(), "adopted Jobb Först");
  EXPECT_EQ(FromProtoTime(closed->close_time()), clock_.Now());

  EXPECT_THAT(Close(OrganizationCaller(kAarhus), created.name()),
              StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(CloseTest, RetryWithTheSameRequestIdReturnsTheFirstResult) {
  pb::AdoptionRequest created = MustCreate(kAarhus);
  absl::StatusOr<pb::AdoptionRequest> first =
      Close(OrganizationCaller(kAarhus), created.name(), pb::CLOSE_OUTCOME_FULFILLED, kRequestId);
  ASSERT_THAT(first, IsOk());
  absl::StatusOr<pb::AdoptionRequest> retry =
      Close(OrganizationCaller(kAarhus), created.name(), pb::CLOSE_OUTCOME_FULFILLED, kRequestId);
  ASSERT_THAT(retry, IsOk());
  EXPECT_TRUE(MessageDifferencer::Equals(*first, *retry));
  EXPECT_EQ(FeedEvents().size(), 2u);
}

TEST_F(CloseTest, OutcomeAndReasonAreRequired) {
  pb::AdoptionRequest created = MustCreate(kAarhus);
  pb::CloseAdoptionRequestRequest request;
  request.set_name(created.name());
  absl::Status status = repository_->Close(OrganizationCaller(kAarhus), request).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(BadFields(status), UnorderedElementsAre("outcome", "reason"));
}

TEST_F(CloseTest, StaleEtagIsAborted) {
  pb::AdoptionRequest created = MustCreate(kAarhus);
  ASSERT_THAT(repository_->Update(OrganizationCaller(kAarhus), TitleUpdate(created, "New")),
              IsOk());
  pb::CloseAdoptionRequestRequest request;
  request.set_name(created.name());
  request.set_outcome(pb::CLOSE_OUTCOME_FULFILLED);
  request.set_reason("done");
  request.set_etag(created.etag());
  EXPECT_THAT(repository_->Close(OrganizationCaller(kAarhus), request),
              StatusIs(absl::StatusCode::kAborted));
}

TEST_F(CloseTest, OnlyTheRequesterOrAnOperatorMayClose) {
  pb::AdoptionRequest created = MustCreate(kAarhus, pb::VISIBILITY_ANONYMOUS);
  absl::Status status = Close(OrganizationCaller(kMalmo), created.name()).status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kPermissionDenied));
  // The error must not unmask an anonymous requester.
  EXPECT_THAT(std::string(status.message()), Not(HasSubstr("aarhus")));
  EXPECT_THAT(Close(OperatorCaller(), created.name()), IsOk());
}

TEST_F(CloseTest, UnknownRequestIsNotFound) {
  EXPECT_THAT(Close(OrganizationCaller(kAarhus), "adoptionRequests/nothing"),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(Close(OrganizationCaller(kAarhus), "solutions/abc"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(AdoptionRepositoryTest, ChangeFeedCarriesEveryChangeInOrder) {
  pb::AdoptionRequest created = MustCreate(kAarhus, pb::VISIBILITY_PRIVATE);
  clock_.Advance(absl::Seconds(5));
  ASSERT_THAT(repository_->Update(OrganizationCaller(kAarhus), TitleUpdate(created, "Renamed")),
              IsOk());
  clock_.Advance(absl::Seconds(5));
  ASSERT_THAT(Close(OrganizationCaller(kAarhus), created.name()), IsOk());

  std::vector<pb::WatchChangesResponse> events = FeedEvents();
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].type(), pb::CHANGE_TYPE_CREATED);
  EXPECT_EQ(events[1].type(), pb::CHANGE_TYPE_UPDATED);
  EXPECT_EQ(events[2].type(), pb::CHANGE_TYPE_CLOSED);
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i].sequence(), static_cast<int64_t>(i + 1));
    // The feed carries the whole request, private or not, requester included.
    EXPECT_EQ(events[i].adoption_request().requester(), kAarhus);
    EXPECT_EQ(events[i].commit_time().seconds(),
              events[i].adoption_request().update_time().seconds());
  }
  EXPECT_EQ(events[1].adoption_request().title(), "Renamed");
  EXPECT_EQ(events[2].adoption_request().state(), pb::ADOPTION_REQUEST_STATE_FULFILLED);
}

TEST_F(AdoptionRepositoryTest, StoredEventsLeaveTheSequenceUnset) {
  MustCreate(kAarhus);
  bool seen = false;
  ASSERT_THAT(store_.Scan("feed/e/", "", storage::ScanOrder::kAscending,
                          [&](absl::string_view, absl::string_view bytes) {
                            pb::WatchChangesResponse event;
                            EXPECT_TRUE(event.ParseFromString(std::string(bytes)));
                            EXPECT_EQ(event.sequence(), 0);
                            seen = true;
                            return true;
                          }),
              IsOk());
  EXPECT_TRUE(seen);
}

}  // namespace
}  // namespace corematch::adoption
