#include "services/publishing/solution_repository.h"

#include <set>

#include "absl/synchronization/notification.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/errors.h"
#include "services/common/testing/status_matchers.h"
#include "storage/memory_kv_store.h"

namespace corematch::publishing {
namespace {

using ::corematch::testing::IsOk;
using ::corematch::testing::StatusIs;
using ::testing::HasSubstr;

const Caller kAarhus{"organizations/aarhus", false, "k1"};
const Caller kMalmo{"organizations/malmo", false, "k2"};
const Caller kOperator{"", true, "op"};

pb::Solution JobbForst() {
  pb::Solution s;
  s.set_title("Jobb Först");
  s.set_summary("Income support applicants meet an employer within 48 hours.");
  s.set_language("sv");
  s.mutable_origin()->set_country("SE");
  s.mutable_origin()->set_region("SE232");
  s.mutable_origin()->set_municipality("Göteborg (Angered)");
  s.add_sectors("10.5");
  s.add_target_groups("income support applicants");
  auto* core = s.add_core_elements();
  core->set_title("Work first within 48 hours");
  core->set_value_rationale("Keeps the applicant's momentum");
  auto* evidence = s.add_evidence();
  evidence->set_metric("households on income support");
  evidence->set_baseline(100);
  evidence->set_result(60);
  evidence->set_unit("%");
  s.set_maturity(pb::MATURITY_PROVEN);
  return s;
}

class SolutionRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override { repository_ = SolutionRepository::Open(&store_, &clock_, &ids_).value(); }

  pb::Solution Create(const Caller& caller, pb::Solution s, bool publish = false) {
    pb::CreateSolutionRequest request;
    *request.mutable_solution() = std::move(s);
    request.set_publish(publish);
    absl::StatusOr<pb::Solution> created = repository_->Create(caller, request);
    EXPECT_THAT(created, IsOk());
    return created.value_or(pb::Solution());
  }

  std::vector<pb::WatchChangesResponse> Feed() {
    std::vector<pb::WatchChangesResponse> events;
    EXPECT_THAT(
        repository_->feed().Read(0, 1000,
                                 [&](int64_t, absl::string_view bytes) {
                                   events.emplace_back().ParseFromString(std::string(bytes));
                                 }),
        IsOk());
    return events;
  }

  storage::MemoryKvStore store_;
  FakeClock clock_;
  SequentialIdGenerator ids_;
  std::unique_ptr<SolutionRepository> repository_;
};

TEST_F(SolutionRepositoryTest, CreateMakesAnOwnedDraftWithOutputFields) {
  pb::Solution s = Create(kMalmo, JobbForst());
  EXPECT_EQ(s.name(), "solutions/id00000000000001");
  EXPECT_EQ(s.owner(), "organizations/malmo");
  EXPECT_EQ(s.state(), pb::SOLUTION_STATE_DRAFT);
  EXPECT_FALSE(s.etag().empty());
  EXPECT_EQ(s.create_time().seconds(), absl::ToUnixSeconds(clock_.Now()));
  EXPECT_FALSE(s.has_publish_time());
}

TEST_F(SolutionRepositoryTest, InvalidSolutionNamesEveryBadFieldAndStoresNothing) {
  pb::Solution s = JobbForst();
  s.set_title(std::string(201, 'x'));
  s.set_language("swedish!");
  s.mutable_origin()->set_country("XX");
  s.add_sectors("99.9");
  s.mutable_core_elements(0)->clear_title();
  pb::CreateSolutionRequest request;
  *request.mutable_solution() = s;
  absl::StatusOr<pb::Solution> created = repository_->Create(kMalmo, request);
  ASSERT_THAT(created, StatusIs(absl::StatusCode::kInvalidArgument));
  std::string message(created.status().message());
  EXPECT_THAT(message, HasSubstr("solution.title"));
  EXPECT_EQ(ErrorReason(created.status()), "INVALID_FIELDS");
  bool any = false;
  ASSERT_THAT(store_.Scan("", "", storage::ScanOrder::kAscending,
                          [&](absl::string_view, absl::string_view) { return any = true, false; }),
              IsOk());
  EXPECT_FALSE(any) << "a rejected create wrote to the store";
}

TEST_F(SolutionRepositoryTest, RetryWithSameRequestIdCreatesOnce) {
  pb::CreateSolutionRequest request;
  *request.mutable_solution() = JobbForst();
  request.set_request_id("3f2b8c1e-7d4a-4e0b-9c55-2a1f0e6b7d90");
  pb::Solution first = repository_->Create(kMalmo, request).value();
  pb::Solution second = repository_->Create(kMalmo, request).value();
  EXPECT_EQ(first.name(), second.name());
  EXPECT_EQ(first.etag(), second.etag());
  EXPECT_EQ(Feed().size(), 1u);
  request.set_request_id("not-a-uuid");
  EXPECT_THAT(repository_->Create(kMalmo, request), StatusIs(absl::StatusCode::kInvalidArgument));
}

// What CreateSolution's gRPC handler does: hand the create over and be told.
TEST_F(SolutionRepositoryTest, StartCreateTellsTheStoredSolutionOrTheRejection) {
  pb::CreateSolutionRequest request;
  *request.mutable_solution() = JobbForst();
  request.set_request_id("5d0c6f3a-1b2e-4c7d-8e9f-0a1b2c3d4e5f");
  absl::Notification told;
  absl::StatusOr<pb::Solution> created;
  repository_->StartCreate(kMalmo, request, [&](absl::StatusOr<pb::Solution> solution) {
    created = std::move(solution);
    told.Notify();
  });
  told.WaitForNotification();
  ASSERT_THAT(created, IsOk());
  EXPECT_EQ(created->owner(), kMalmo.organization);
  EXPECT_FALSE(created->etag().empty());
  absl::StatusOr<pb::Solution> stored = repository_->Get(kMalmo, created->name());
  ASSERT_THAT(stored, IsOk());
  EXPECT_EQ(stored->etag(), created->etag());
  // A retry is told the first solution; nothing is created twice.
  EXPECT_EQ(repository_->Create(kMalmo, request)->name(), created->name());
  EXPECT_EQ(Feed().size(), 1u);

  // A bad request is told at once, on the caller's thread, and stores nothing.
  request.mutable_solution()->clear_title();
  request.set_request_id("");
  bool rejected = false;
  repository_->StartCreate(kMalmo, request, [&](absl::StatusOr<pb::Solution> solution) {
    EXPECT_THAT(solution, StatusIs(absl::StatusCode::kInvalidArgument));
    rejected = true;
  });
  EXPECT_TRUE(rejected);
  EXPECT_EQ(Feed().size(), 1u);
}

TEST_F(SolutionRepositoryTest, PublishUpdateWithdrawLifecycle) {
  pb::Solution s = Create(kMalmo, JobbForst());
  clock_.Advance(absl::Minutes(1));
  pb::PublishSolutionRequest publish;
  publish.set_name(s.name());
  publish.set_etag(s.etag());
  pb::Solution published = repository_->Publish(kMalmo, publish).value();
  EXPECT_EQ(published.state(), pb::SOLUTION_STATE_PUBLISHED);
  EXPECT_THAT(repository_->Publish(kMalmo, publish), StatusIs(absl::StatusCode::kAborted));
  publish.clear_etag();
  EXPECT_THAT(repository_->Publish(kMalmo, publish),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("PUBLISHED")));

  pb::UpdateSolutionRequest update;
  update.mutable_solution()->set_name(s.name());
  update.mutable_solution()->set_title("Jobb Först 2.0");
  update.mutable_solution()->set_etag(published.etag());
  pb::Solution updated = repository_->Update(kMalmo, update).value();
  EXPECT_EQ(updated.title(), "Jobb Först 2.0");
  EXPECT_EQ(updated.summary(), s.summary());
  EXPECT_NE(updated.etag(), published.etag());
  EXPECT_THAT(repository_->Update(kMalmo, update), StatusIs(absl::StatusCode::kAborted));

  pb::WithdrawSolutionRequest withdraw;
  withdraw.set_name(s.name());
  EXPECT_THAT(repository_->Withdraw(kMalmo, withdraw),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("reason")));
  withdraw.set_reason("replaced by a regional programme");
  pb::Solution withdrawn = repository_->Withdraw(kMalmo, withdraw).value();
  EXPECT_EQ(withdrawn.state(), pb::SOLUTION_STATE_WITHDRAWN);
  EXPECT_EQ(withdrawn.withdraw_reason(), "replaced by a regional programme");
  EXPECT_EQ(repository_->Get(kAarhus, s.name()).value().state(), pb::SOLUTION_STATE_WITHDRAWN);

  std::vector<pb::WatchChangesResponse> events = Feed();
  ASSERT_EQ(events.size(), 4u);
  EXPECT_EQ(events[0].type(), pb::CHANGE_TYPE_CREATED);
  EXPECT_EQ(events[1].type(), pb::CHANGE_TYPE_PUBLISHED);
  EXPECT_EQ(events[2].type(), pb::CHANGE_TYPE_UPDATED);
  EXPECT_EQ(events[3].type(), pb::CHANGE_TYPE_WITHDRAWN);
  EXPECT_EQ(events[3].solution().etag(), withdrawn.etag());
}

TEST_F(SolutionRepositoryTest, OnlyTheOwnerOrAnOperatorChangesASolution) {
  pb::Solution s = Create(kMalmo, JobbForst(), /*publish=*/true);
  pb::UpdateSolutionRequest update;
  update.mutable_solution()->set_name(s.name());
  update.mutable_solution()->set_title("Hijacked");
  EXPECT_THAT(repository_->Update(kAarhus, update), StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_EQ(repository_->Get(kMalmo, s.name()).value().title(), "Jobb Först");
  EXPECT_THAT(repository_->Update(kOperator, update), IsOk());
}

TEST_F(SolutionRepositoryTest, DraftsAreVisibleToTheirOwnerOnly) {
  pb::Solution draft = Create(kMalmo, JobbForst());
  EXPECT_THAT(repository_->Get(kAarhus, draft.name()),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(repository_->Get(kMalmo, draft.name()), IsOk());
  EXPECT_EQ(repository_->List(kAarhus, {}).value().solutions_size(), 0);
  EXPECT_EQ(repository_->List(kMalmo, {}).value().solutions_size(), 1);
  EXPECT_THAT(repository_->Get(kMalmo, "solutions/nope"), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(repository_->Get(kMalmo, "bogus"), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(SolutionRepositoryTest, ListPagesThroughEverythingOnceInEitherOrder) {
  for (int i = 0; i < 7; ++i) {
    clock_.Advance(absl::Seconds(1));
    Create(kMalmo, JobbForst(), /*publish=*/true);
  }
  for (const char* order : {"create_time", "create_time desc"}) {
    std::vector<std::string> names;
    pb::ListSolutionsRequest request;
    request.set_page_size(3);
    request.set_order_by(order);
    do {
      pb::ListSolutionsResponse page = repository_->List(kAarhus, request).value();
      EXPECT_LE(page.solutions_size(), 3);
      for (const auto& s : page.solutions()) names.push_back(s.name());
      request.set_page_token(page.next_page_token());
    } while (!request.page_token().empty());
    ASSERT_EQ(names.size(), 7u) << order;
    EXPECT_EQ(std::set<std::string>(names.begin(), names.end()).size(), 7u);
    EXPECT_EQ(names.front() < names.back(), std::string(order) == "create_time") << order;
  }
}

TEST_F(SolutionRepositoryTest, ListFiltersAndRejectsAChangedQueryBetweenPages) {
  Create(kMalmo, JobbForst(), /*publish=*/true);
  pb::Solution danish = JobbForst();
  danish.set_language("da");
  danish.mutable_origin()->set_country("DK");
  danish.mutable_origin()->set_region("DK042");
  danish.set_sectors(0, "09.1");
  Create(kAarhus, danish, /*publish=*/true);
  Create(kAarhus, danish, /*publish=*/false);

  auto count = [&](absl::string_view filter) {
    pb::ListSolutionsRequest request;
    request.set_filter(std::string(filter));
    return repository_->List(kAarhus, request).value().solutions_size();
  };
  EXPECT_EQ(count("country = \"SE\""), 1);
  EXPECT_EQ(count("sector = 10"), 1);
  EXPECT_EQ(count("sector = \"09.1\" AND state = PUBLISHED"), 1);
  EXPECT_EQ(count("state = DRAFT"), 1);
  EXPECT_EQ(count("language = da OR language = sv"), 3);
  EXPECT_EQ(count("owner = \"organizations/malmo\""), 1);
  EXPECT_EQ(count("maturity = PROVEN"), 3);

  pb::ListSolutionsRequest request;
  request.set_page_size(1);
  std::string token = repository_->List(kAarhus, request).value().next_page_token();
  ASSERT_FALSE(token.empty());
  request.set_page_token(token);
  request.set_filter("country = DK");
  EXPECT_THAT(repository_->List(kAarhus, request), StatusIs(absl::StatusCode::kInvalidArgument));
  request.set_page_size(-1);
  EXPECT_THAT(repository_->List(kAarhus, request), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(SolutionRepositoryTest, LineageMustPointAtAnExistingSolutionWithoutCycles) {
  pb::Solution a = Create(kMalmo, JobbForst(), true);
  pb::Solution b_in = JobbForst();
  b_in.set_derived_from(a.name());
  pb::Solution b = Create(kAarhus, b_in, true);
  EXPECT_EQ(b.derived_from(), a.name());

  pb::Solution orphan = JobbForst();
  orphan.set_derived_from("solutions/missing");
  pb::CreateSolutionRequest request;
  *request.mutable_solution() = orphan;
  EXPECT_THAT(repository_->Create(kAarhus, request),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("derived_from")));

  pb::UpdateSolutionRequest loop;
  loop.mutable_solution()->set_name(a.name());
  loop.mutable_solution()->set_derived_from(b.name());
  EXPECT_THAT(repository_->Update(kMalmo, loop),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("descendant")));
}

TEST_F(SolutionRepositoryTest, UpdateMaskRejectsOutputOnlyFields) {
  pb::Solution s = Create(kMalmo, JobbForst());
  pb::UpdateSolutionRequest update;
  update.mutable_solution()->set_name(s.name());
  update.mutable_solution()->set_state(pb::SOLUTION_STATE_PUBLISHED);
  update.mutable_update_mask()->add_paths("state");
  EXPECT_THAT(repository_->Update(kMalmo, update),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("state")));
  EXPECT_EQ(repository_->Get(kMalmo, s.name()).value().state(), pb::SOLUTION_STATE_DRAFT);
}

}  // namespace
}  // namespace corematch::publishing
