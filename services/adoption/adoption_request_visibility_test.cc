// What each caller sees through Get and List: visibility, filters, pages.
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/adoption/adoption_request_repository.h"
#include "services/adoption/testing/adoption_test_fixture.h"
#include "services/common/errors.h"
#include "services/common/testing/status_matchers.h"

namespace corematch::adoption {
namespace {

using ::corematch::testing::IsOk;
using ::corematch::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

class VisibilityTest : public AdoptionRepositoryTest {
 protected:
  // The names `caller` lists under `filter`, all pages together.
  std::vector<std::string> ListNames(const Caller& caller, absl::string_view filter = "",
                                     absl::string_view order_by = "") {
    std::vector<std::string> names;
    pb::ListAdoptionRequestsRequest request;
    request.set_filter(std::string(filter));
    request.set_order_by(std::string(order_by));
    do {
      absl::StatusOr<pb::ListAdoptionRequestsResponse> page = repository_->List(caller, request);
      EXPECT_THAT(page, IsOk());
      if (!page.ok()) break;
      for (const auto& r : page->adoption_requests()) names.push_back(r.name());
      request.set_page_token(page->next_page_token());
    } while (!request.page_token().empty());
    return names;
  }
};

TEST_F(VisibilityTest, AnonymousHidesTheRequesterFromOthersOnly) {
  pb::AdoptionRequest created = MustCreate(kAarhus, pb::VISIBILITY_ANONYMOUS);

  absl::StatusOr<pb::AdoptionRequest> seen =
      repository_->Get(OrganizationCaller(kMalmo), created.name());
  ASSERT_THAT(seen, IsOk());
  EXPECT_EQ(seen->requester(), "");
  EXPECT_EQ(seen->requester_kind(), "MUNICIPALITY");
  EXPECT_EQ(seen->context().country(), "DK");
  EXPECT_EQ(seen->context().region(), "DK042");
  EXPECT_EQ(seen->context().population(), 350000);
  EXPECT_EQ(seen->title(), created.title());
  // The stored etag hashes the requester; others get one that does not.
  EXPECT_NE(seen->etag(), created.etag());

  for (const Caller& insider : {OrganizationCaller(kAarhus), OperatorCaller()}) {
    seen = repository_->Get(insider, created.name());
    ASSERT_THAT(seen, IsOk());
    EXPECT_EQ(seen->requester(), kAarhus);
    EXPECT_EQ(seen->etag(), created.etag());
  }

  pb::ListAdoptionRequestsRequest request;
  absl::StatusOr<pb::ListAdoptionRequestsResponse> list =
      repository_->List(OrganizationCaller(kMalmo), request);
  ASSERT_THAT(list, IsOk());
  ASSERT_EQ(list->adoption_requests_size(), 1);
  EXPECT_EQ(list->adoption_requests(0).requester(), "");
}

TEST_F(VisibilityTest, PrivateIsNotFoundForOthersAndAbsentFromTheirList) {
  pb::AdoptionRequest hidden = MustCreate(kAarhus, pb::VISIBILITY_PRIVATE);
  pb::AdoptionRequest shown = MustCreate(kAarhus, pb::VISIBILITY_PUBLIC);

  absl::Status status = repository_->Get(OrganizationCaller(kMalmo), hidden.name()).status();
  absl::Status missing =
      repository_->Get(OrganizationCaller(kMalmo), "adoptionRequests/nothing").status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kNotFound));
  // Indistinguishable from a request that does not exist.
  EXPECT_EQ(ErrorReason(status), ErrorReason(missing));

  EXPECT_THAT(ListNames(OrganizationCaller(kMalmo)), ElementsAre(shown.name()));
  EXPECT_THAT(ListNames(OrganizationCaller(kAarhus)), ElementsAre(hidden.name(), shown.name()));
  EXPECT_THAT(ListNames(OperatorCaller()), ElementsAre(hidden.name(), shown.name()));
  EXPECT_THAT(repository_->Get(OrganizationCaller(kAarhus), hidden.name()), IsOk());

  // Trying to change it does not reveal it either.
  EXPECT_THAT(Close(OrganizationCaller(kMalmo), hidden.name()),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(VisibilityTest, FilterOnRequesterDoesNotUnmaskAnonymousRequests) {
  pb::AdoptionRequest anonymous = MustCreate(kAarhus, pb::VISIBILITY_ANONYMOUS);
  pb::AdoptionRequest open = MustCreate(kAarhus, pb::VISIBILITY_PUBLIC);
  const std::string filter = "requester = \"organizations/aarhus\"";

  EXPECT_THAT(ListNames(OrganizationCaller(kMalmo), filter), ElementsAre(open.name()));
  EXPECT_THAT(ListNames(OrganizationCaller(kMalmo), "NOT " + filter),
              ElementsAre(anonymous.name()));
  EXPECT_THAT(ListNames(OrganizationCaller(kAarhus), filter),
              ElementsAre(anonymous.name(), open.name()));
  EXPECT_THAT(ListNames(OperatorCaller(), filter), ElementsAre(anonymous.name(), open.name()));
}

TEST_F(VisibilityTest, FiltersOnStateSectorCountryAndLanguage) {
  pb::AdoptionRequest danish = MustCreate(kAarhus);  // sector 10.5, language da
  pb::AdoptionRequest r = ValidAdoptionRequest();
  r.set_language("sv-SE");
  r.clear_sectors();
  r.add_sectors("07.3");
  pb::AdoptionRequest swedish = *Create(OrganizationCaller(kMalmo), r);
  ASSERT_THAT(Close(OrganizationCaller(kMalmo), swedish.name()), IsOk());
  const Caller reader = OrganizationCaller(kSkane);

  EXPECT_THAT(ListNames(reader, "state = OPEN"), ElementsAre(danish.name()));
  EXPECT_THAT(ListNames(reader, "state = FULFILLED"), ElementsAre(swedish.name()));
  EXPECT_THAT(ListNames(reader, "state = ABANDONED"), IsEmpty());
  EXPECT_THAT(ListNames(reader, "sector = \"10\""), ElementsAre(danish.name()));
  EXPECT_THAT(ListNames(reader, "sector = \"07.3\""), ElementsAre(swedish.name()));
  EXPECT_THAT(ListNames(reader, "country = \"SE\""), ElementsAre(swedish.name()));
  EXPECT_THAT(ListNames(reader, "language = sv"), ElementsAre(swedish.name()));
  EXPECT_THAT(ListNames(reader, "language = \"sv-SE\" OR country = DK"),
              ElementsAre(danish.name(), swedish.name()));

  absl::Status status = repository_
                            ->List(reader,
                                   [] {
                                     pb::ListAdoptionRequestsRequest request;
                                     request.set_filter("title = x");
                                     return request;
                                   }())
                            .status();
  EXPECT_THAT(status, StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(BadFields(status), ElementsAre("filter"));
}

TEST_F(VisibilityTest, PagesReturnEveryRequestExactlyOnce) {
  std::vector<std::string> created;
  for (int i = 0; i < 7; ++i) {
    created.push_back(MustCreate(i % 2 == 0 ? kAarhus : kMalmo).name());
    clock_.Advance(absl::Seconds(1));
  }
  pb::ListAdoptionRequestsRequest request;
  request.set_page_size(3);
  std::vector<std::string> listed;
  std::vector<int> page_sizes;
  do {
    absl::StatusOr<pb::ListAdoptionRequestsResponse> page =
        repository_->List(OrganizationCaller(kSkane), request);
    ASSERT_THAT(page, IsOk());
    page_sizes.push_back(page->adoption_requests_size());
    for (const auto& r : page->adoption_requests()) listed.push_back(r.name());
    request.set_page_token(page->next_page_token());
  } while (!request.page_token().empty());
  EXPECT_EQ(listed, created);
  EXPECT_THAT(page_sizes, ElementsAre(3, 3, 1));

  std::vector<std::string> newest_first(created.rbegin(), created.rend());
  EXPECT_EQ(ListNames(OrganizationCaller(kSkane), "", "create_time desc"), newest_first);
}

TEST_F(VisibilityTest, TokenOfAnotherQueryIsInvalid) {
  for (int i = 0; i < 4; ++i) MustCreate(kAarhus);
  pb::ListAdoptionRequestsRequest request;
  request.set_page_size(2);
  absl::StatusOr<pb::ListAdoptionRequestsResponse> first =
      repository_->List(OrganizationCaller(kMalmo), request);
  ASSERT_THAT(first, IsOk());
  ASSERT_FALSE(first->next_page_token().empty());

  request.set_page_token(first->next_page_token());
  request.set_filter("state = OPEN");
  EXPECT_THAT(repository_->List(OrganizationCaller(kMalmo), request),
              StatusIs(absl::StatusCode::kInvalidArgument));
  // Nor may another caller continue it.
  request.clear_filter();
  EXPECT_THAT(repository_->List(OrganizationCaller(kSkane), request),
              StatusIs(absl::StatusCode::kInvalidArgument));
  request.set_page_size(-1);
  EXPECT_THAT(repository_->List(OrganizationCaller(kMalmo), request),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(VisibilityTest, ExpiredOpenRequestsAreStillListed) {
  pb::AdoptionRequest created = MustCreate(kAarhus);
  clock_.Advance(absl::Hours(24 * 400));
  EXPECT_THAT(ListNames(OrganizationCaller(kMalmo), "state = OPEN"), ElementsAre(created.name()));
}

TEST_F(VisibilityTest, BadOrderByIsInvalid) {
  pb::ListAdoptionRequestsRequest request;
  request.set_order_by("title");
  EXPECT_THAT(repository_->List(OrganizationCaller(kMalmo), request),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

}  // namespace
}  // namespace corematch::adoption
