#include "services/adoption/journey/adoption_repository.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/adoption/journey/cohort_repository.h"
#include "services/adoption/testing/adoption_test_fixture.h"
#include "services/common/proto_time.h"
#include "services/common/testing/status_matchers.h"

namespace corematch::adoption {
namespace {

using ::corematch::testing::IsOk;
using ::corematch::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;

namespace pub = ::corematch::publishing::v1;
namespace mat = ::corematch::matching::v1;

constexpr absl::string_view kGoteborg = "organizations/goteborg";

class AdoptionJourneyTest : public AdoptionRepositoryTest {
 protected:
  void SetUp() override {
    AdoptionRepositoryTest::SetUp();
    adoptions_ = AdoptionRepository::Open(repository_.get(), &store_, &clock_, &ids_).value();
    cohorts_ =
        CohortRepository::Open(adoptions_->committer(), adoptions_->lineage(), &clock_, &ids_)
            .value();
    ASSERT_THAT(adoptions_->ApplySolutionEvent(SolutionEvent(JobbForst())), IsOk());
    request_ = MustCreate(kAarhus);
    ASSERT_THAT(adoptions_->ApplyMatchEvent(MatchEvent("m1", request_, "jobb")), IsOk());
  }

  static pub::Solution JobbForst() {
    pub::Solution s;
    s.set_name("solutions/jobb");
    s.set_title("Jobb Först");
    s.set_owner(std::string(kGoteborg));
    s.mutable_origin()->set_country("SE");
    s.set_state(pub::SOLUTION_STATE_PUBLISHED);
    s.set_support_capacity(2);
    s.add_core_elements()->set_title("Arbete eller studier inom 48 timmar");
    s.add_preconditions()->set_description("En jobbcoach per 30 deltagare");
    pub::Evidence* evidence = s.add_evidence();
    evidence->set_metric("households on income support");
    evidence->set_baseline(100);
    evidence->set_result(70);
    return s;
  }

  pub::WatchChangesResponse SolutionEvent(const pub::Solution& s) {
    pub::WatchChangesResponse event;
    event.set_sequence(++publishing_sequence_);
    event.set_type(pub::CHANGE_TYPE_PUBLISHED);
    *event.mutable_solution() = s;
    return event;
  }

  mat::WatchChangesResponse MatchEvent(const std::string& id, const pb::AdoptionRequest& request,
                                       const std::string& solution,
                                       mat::MatchState state = mat::MATCH_STATE_CONNECTED) {
    mat::WatchChangesResponse event;
    event.set_sequence(++matching_sequence_);
    event.set_type(mat::CHANGE_TYPE_UPDATED);
    mat::Match& m = *event.mutable_match();
    m.set_name("matches/" + id);
    m.set_adoption_request(request.name());
    m.set_solution("solutions/" + solution);
    m.set_state(state);
    return event;
  }

  absl::StatusOr<pb::Adoption> OpenFrom(absl::string_view caller, const std::string& match,
                                        const std::string& cohort = "") {
    pb::OpenAdoptionRequest request;
    request.mutable_adoption()->set_match(match);
    request.mutable_adoption()->set_cohort(cohort);
    return adoptions_->Open(OrganizationCaller(caller), request);
  }

  absl::StatusOr<pb::Adoption> Advance(const pb::Adoption& a, pb::AdoptionStage stage,
                                       const std::string& reason = "") {
    pb::AdvanceAdoptionRequest request;
    request.set_name(a.name());
    request.set_stage(stage);
    request.set_reason(reason);
    return adoptions_->Advance(OrganizationCaller(kAarhus), request);
  }

  absl::StatusOr<pb::Adoption> Evaluate(const pb::Adoption& a) {
    pb::EvaluateAdoptionRequest request;
    request.set_name(a.name());
    pb::EvaluatedEffect* effect = request.add_effects();
    effect->set_metric("households on income support");
    effect->set_baseline(400);
    effect->set_result(300);
    effect->set_period("2026");
    return adoptions_->Evaluate(OrganizationCaller(kAarhus), request);
  }

  // Opens, and moves through to ANCHORED with an evaluation.
  pb::Adoption Anchored() {
    pb::Adoption a = OpenFrom(kAarhus, "matches/m1").value();
    for (auto stage : {pb::ADOPTION_STAGE_PLAN, pb::ADOPTION_STAGE_LAUNCH, pb::ADOPTION_STAGE_LEAD,
                       pb::ADOPTION_STAGE_EVALUATE}) {
      a = Advance(a, stage).value();
    }
    EXPECT_THAT(Evaluate(a), IsOk());
    return Advance(a, pb::ADOPTION_STAGE_ANCHORED).value();
  }

  std::unique_ptr<AdoptionRepository> adoptions_;
  std::unique_ptr<CohortRepository> cohorts_;
  pb::AdoptionRequest request_;
  int64_t publishing_sequence_ = 0;
  int64_t matching_sequence_ = 0;
};

TEST_F(AdoptionJourneyTest, AConnectedMatchOpensAnAdoptionWithThePlanToFillIn) {
  auto a = OpenFrom(kAarhus, "matches/m1");
  ASSERT_THAT(a, IsOk());
  EXPECT_EQ(a->stage(), pb::ADOPTION_STAGE_PREPARE);
  EXPECT_EQ(a->solution(), "solutions/jobb");
  EXPECT_EQ(a->adopter(), kAarhus);
  EXPECT_EQ(a->owner(), kGoteborg);
  EXPECT_EQ(a->context().country(), "DK");
  ASSERT_THAT(a->core_elements(), SizeIs(1));
  EXPECT_EQ(a->core_elements(0).core_element(), "Arbete eller studier inom 48 timmar");
  ASSERT_THAT(a->preconditions(), SizeIs(1));
  EXPECT_THAT(a->stage_history(), SizeIs(1));
  EXPECT_THAT(OpenFrom(kAarhus, "matches/m1"), StatusIs(absl::StatusCode::kAlreadyExists));
}

TEST_F(AdoptionJourneyTest, OnlyAConnectedMatchesAdopterOpens) {
  EXPECT_THAT(OpenFrom(kMalmo, "matches/m1"), StatusIs(absl::StatusCode::kPermissionDenied));
  pb::AdoptionRequest malmo = MustCreate(kMalmo);
  ASSERT_THAT(
      adoptions_->ApplyMatchEvent(MatchEvent("m2", malmo, "jobb", mat::MATCH_STATE_PROPOSED)),
      IsOk());
  EXPECT_THAT(OpenFrom(kMalmo, "matches/m2"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("CONNECTED")));
  EXPECT_THAT(OpenFrom(kMalmo, "matches/unknown"), StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(OpenFrom(kMalmo, "not-a-match"), StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(AdoptionJourneyTest, TheOwnersSupportCapacityLimitsOpenAdoptions) {
  ASSERT_THAT(OpenFrom(kAarhus, "matches/m1"), IsOk());
  pb::AdoptionRequest malmo = MustCreate(kMalmo);
  ASSERT_THAT(adoptions_->ApplyMatchEvent(MatchEvent("m2", malmo, "jobb")), IsOk());
  ASSERT_THAT(OpenFrom(kMalmo, "matches/m2"), IsOk());
  pb::AdoptionRequest skane = MustCreate(kSkane);
  ASSERT_THAT(adoptions_->ApplyMatchEvent(MatchEvent("m3", skane, "jobb")), IsOk());
  EXPECT_THAT(OpenFrom(kSkane, "matches/m3"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("at most 2")));
}

TEST_F(AdoptionJourneyTest, TheOwnerReadsOnlyTheAdopterChangesOthersSeeNothing) {
  pb::Adoption a = OpenFrom(kAarhus, "matches/m1").value();
  Caller owner = OrganizationCaller(kGoteborg);
  EXPECT_THAT(adoptions_->Get(owner, a.name()), IsOk());
  EXPECT_THAT(adoptions_->Get(OrganizationCaller(kMalmo), a.name()),
              StatusIs(absl::StatusCode::kNotFound));
  pb::UpdateAdoptionRequest update;
  update.mutable_adoption()->set_name(a.name());
  update.mutable_adoption()->add_implementation_keys("Ledningens stöd");
  EXPECT_THAT(adoptions_->Update(owner, update), StatusIs(absl::StatusCode::kPermissionDenied));
  auto updated = adoptions_->Update(OrganizationCaller(kAarhus), update);
  ASSERT_THAT(updated, IsOk());
  EXPECT_THAT(updated->implementation_keys(), ElementsAre("Ledningens stöd"));
  auto listed = adoptions_->List(owner, {});
  ASSERT_THAT(listed, IsOk());
  EXPECT_THAT(listed->adoptions(), SizeIs(1));
  EXPECT_THAT(adoptions_->List(OrganizationCaller(kMalmo), {})->adoptions(), SizeIs(0));
}

TEST_F(AdoptionJourneyTest, BadPlanFieldsAreNamed) {
  pb::Adoption a = OpenFrom(kAarhus, "matches/m1").value();
  pb::UpdateAdoptionRequest update;
  update.mutable_adoption()->set_name(a.name());
  pb::Effort* effort = update.mutable_adoption()->add_efforts();
  effort->set_title("Jobbcoacher");
  effort->add_actions()->set_due_date("next week");
  EXPECT_THAT(adoptions_->Update(OrganizationCaller(kAarhus), update),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("due_date")));
  EXPECT_EQ(adoptions_->Get(OrganizationCaller(kAarhus), a.name())->etag(), a.etag())
      << "a rejected update stores nothing";
}

TEST_F(AdoptionJourneyTest, StagesMoveOneAtATimeAndAnchorOnlyOnceEvaluated) {
  pb::Adoption a = OpenFrom(kAarhus, "matches/m1").value();
  EXPECT_THAT(Advance(a, pb::ADOPTION_STAGE_LAUNCH),
              StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_THAT(Evaluate(a), StatusIs(absl::StatusCode::kFailedPrecondition));
  for (auto stage : {pb::ADOPTION_STAGE_PLAN, pb::ADOPTION_STAGE_LAUNCH, pb::ADOPTION_STAGE_LEAD,
                     pb::ADOPTION_STAGE_EVALUATE}) {
    auto moved = Advance(a, stage);
    ASSERT_THAT(moved, IsOk());
    a = *moved;
  }
  EXPECT_THAT(Advance(a, pb::ADOPTION_STAGE_ANCHORED),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("evaluat")));
  EXPECT_THAT(Advance(a, pb::ADOPTION_STAGE_LAUNCH), StatusIs(absl::StatusCode::kInvalidArgument));
  a = Advance(a, pb::ADOPTION_STAGE_LEAD, "the first evaluation came too early").value();
  EXPECT_EQ(a.stage_history(a.stage_history_size() - 1).reason(),
            "the first evaluation came too early");
  a = Advance(a, pb::ADOPTION_STAGE_EVALUATE).value();
  ASSERT_THAT(Evaluate(a), IsOk());
  auto anchored = Advance(a, pb::ADOPTION_STAGE_ANCHORED);
  ASSERT_THAT(anchored, IsOk());
  EXPECT_EQ(anchored->stage(), pb::ADOPTION_STAGE_ANCHORED);
  EXPECT_THAT(anchored->stage_history(), SizeIs(8));
}

TEST_F(AdoptionJourneyTest, AnAnchoredAdoptionRepublishesADerivedSolutionAndSpreadsOn) {
  pb::Adoption a = Anchored();
  pb::RepublishAdoptionRequest republish;
  republish.set_name(a.name());
  republish.set_solution("solutions/aarhus-jobb");
  EXPECT_THAT(adoptions_->Republish(OrganizationCaller(kAarhus), republish),
              StatusIs(absl::StatusCode::kUnavailable))
      << "not on the feed yet";
  pub::Solution adapted = JobbForst();
  adapted.set_name("solutions/aarhus-jobb");
  adapted.set_owner(std::string(kAarhus));
  adapted.set_title("Job Først, Aarhus");
  ASSERT_THAT(adoptions_->ApplySolutionEvent(SolutionEvent(adapted)), IsOk());
  EXPECT_THAT(adoptions_->Republish(OrganizationCaller(kAarhus), republish),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("derived_from")));
  adapted.set_derived_from("solutions/jobb");
  ASSERT_THAT(adoptions_->ApplySolutionEvent(SolutionEvent(adapted)), IsOk());
  auto republished = adoptions_->Republish(OrganizationCaller(kAarhus), republish);
  ASSERT_THAT(republished, IsOk());
  EXPECT_EQ(republished->republished_as(), "solutions/aarhus-jobb");

  auto tree = adoptions_->SpreadTree("solutions/jobb");
  ASSERT_THAT(tree, IsOk());
  EXPECT_EQ(tree->generations(), 1);
  EXPECT_EQ(tree->root().adoptions(0).adopter(), kAarhus);
  EXPECT_EQ(tree->root().adoptions(0).republished().title(), "Job Først, Aarhus");
  auto value = adoptions_->ValueSummary("solutions/jobb");
  ASSERT_THAT(value, IsOk());
  EXPECT_EQ(value->adopters(), 1);
  EXPECT_EQ(value->population_reached(), 350000);
  EXPECT_DOUBLE_EQ(value->effects(0).mean_relative_change(), -0.25);

  // A restart rebuilds the lineage from the store.
  adoptions_ = AdoptionRepository::Open(repository_.get(), &store_, &clock_, &ids_).value();
  auto again = adoptions_->SpreadTree("solutions/jobb");
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->SerializeAsString(), tree->SerializeAsString());
}

TEST_F(AdoptionJourneyTest, RetriesAnsweredFromEarlierResponsesLeaveTheTreeAsItIs) {
  pb::OpenAdoptionRequest open;
  open.mutable_adoption()->set_match("matches/m1");
  open.set_request_id("3f2b8c1e-7d4a-4e0b-9c55-2a1f0e6b7d90");
  pb::Adoption a = adoptions_->Open(OrganizationCaller(kAarhus), open).value();
  pb::AdvanceAdoptionRequest to_plan;
  to_plan.set_name(a.name());
  to_plan.set_stage(pb::ADOPTION_STAGE_PLAN);
  to_plan.set_request_id("5a1c2e3f-0b4d-4e6f-8a9b-0c1d2e3f4a5b");
  ASSERT_THAT(adoptions_->Advance(OrganizationCaller(kAarhus), to_plan), IsOk());
  a = Advance(adoptions_->Get(OrganizationCaller(kAarhus), a.name()).value(),
              pb::ADOPTION_STAGE_LAUNCH)
          .value();

  // Both retries answer with what they answered first (PREPARE, PLAN) ...
  EXPECT_EQ(adoptions_->Open(OrganizationCaller(kAarhus), open)->stage(),
            pb::ADOPTION_STAGE_PREPARE);
  EXPECT_EQ(adoptions_->Advance(OrganizationCaller(kAarhus), to_plan)->stage(),
            pb::ADOPTION_STAGE_PLAN);
  // ... and the tree still shows the adoption where it is, with its adopter.
  auto tree = adoptions_->SpreadTree("solutions/jobb");
  ASSERT_THAT(tree, IsOk());
  ASSERT_THAT(tree->root().adoptions(), SizeIs(1));
  EXPECT_EQ(tree->root().adoptions(0).stage(), pb::ADOPTION_STAGE_LAUNCH);
  EXPECT_EQ(tree->root().adoptions(0).adopter(), kAarhus);
}

TEST_F(AdoptionJourneyTest, AnAnonymousAdopterIsNotNamedInTheTree) {
  pb::AdoptionRequest hidden = MustCreate(kMalmo, pb::VISIBILITY_ANONYMOUS);
  ASSERT_THAT(adoptions_->ApplyMatchEvent(MatchEvent("m2", hidden, "jobb")), IsOk());
  ASSERT_THAT(OpenFrom(kMalmo, "matches/m2"), IsOk());
  auto tree = adoptions_->SpreadTree("solutions/jobb");
  ASSERT_THAT(tree, IsOk());
  ASSERT_THAT(tree->root().adoptions(), SizeIs(1));
  EXPECT_EQ(tree->root().adoptions(0).adopter(), "");
  EXPECT_EQ(tree->root().adoptions(0).country(), "SE");
}

TEST_F(AdoptionJourneyTest, AdoptionChangesAreOnTheAdoptionFeedInOrder) {
  pb::Adoption a = OpenFrom(kAarhus, "matches/m1").value();
  ASSERT_THAT(Advance(a, pb::ADOPTION_STAGE_PLAN), IsOk());
  std::vector<pb::ChangeType> types;
  for (const pb::WatchChangesResponse& event : FeedEvents()) {
    if (event.has_adoption()) {
      types.push_back(event.type());
      EXPECT_EQ(event.adoption().name(), a.name());
    }
  }
  EXPECT_THAT(types,
              ElementsAre(pb::CHANGE_TYPE_ADOPTION_OPENED, pb::CHANGE_TYPE_ADOPTION_STAGE_CHANGED));
  std::vector<int64_t> sequences;
  for (const pb::WatchChangesResponse& event : FeedEvents()) sequences.push_back(event.sequence());
  EXPECT_TRUE(std::is_sorted(sequences.begin(), sequences.end()));
  EXPECT_EQ(std::adjacent_find(sequences.begin(), sequences.end()), sequences.end())
      << "requests and adoptions share one sequence";
}

TEST_F(AdoptionJourneyTest, TheOwnerRunsACohortThatCountsOnceAgainstItsCapacity) {
  pb::CreateCohortRequest create;
  create.mutable_cohort()->set_solution("solutions/jobb");
  create.mutable_cohort()->set_display_name("Spridningslabbet 2026");
  pb::Workshop* workshop = create.mutable_cohort()->add_workshops();
  workshop->set_title("Kärnan i Jobb Först");
  workshop->set_date("2026-02-10");
  EXPECT_THAT(cohorts_->Create(OrganizationCaller(kAarhus), create),
              StatusIs(absl::StatusCode::kPermissionDenied));
  auto cohort = cohorts_->Create(OrganizationCaller(kGoteborg), create);
  ASSERT_THAT(cohort, IsOk());
  EXPECT_EQ(cohort->owner(), kGoteborg);

  // Capacity 2: the cohort is one; Aarhus alone is the second.
  ASSERT_THAT(OpenFrom(kAarhus, "matches/m1"), IsOk());
  pb::AdoptionRequest malmo = MustCreate(kMalmo);
  ASSERT_THAT(adoptions_->ApplyMatchEvent(MatchEvent("m2", malmo, "jobb")), IsOk());
  EXPECT_THAT(OpenFrom(kMalmo, "matches/m2"),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("cohorts")));
  // Joining the cohort takes nothing more.
  auto joined = OpenFrom(kMalmo, "matches/m2", cohort->name());
  ASSERT_THAT(joined, IsOk());
  EXPECT_EQ(joined->cohort(), cohort->name());
  pb::AdoptionRequest skane = MustCreate(kSkane);
  ASSERT_THAT(adoptions_->ApplyMatchEvent(MatchEvent("m3", skane, "jobb")), IsOk());
  ASSERT_THAT(OpenFrom(kSkane, "matches/m3", cohort->name()), IsOk());
  auto members = cohorts_->Get(cohort->name());
  ASSERT_THAT(members, IsOk());
  EXPECT_THAT(members->adoptions(), SizeIs(2));
  // A third unit is too many, for a cohort as for an adoption.
  EXPECT_THAT(cohorts_->Create(OrganizationCaller(kGoteborg), create),
              StatusIs(absl::StatusCode::kFailedPrecondition));

  pb::UpdateCohortRequest update;
  update.mutable_cohort()->set_name(cohort->name());
  pb::Milestone* milestone = update.mutable_cohort()->add_milestones();
  milestone->set_title("Alla fyra har startat");
  milestone->set_due_date("someday");
  update.mutable_update_mask()->add_paths("milestones");
  EXPECT_THAT(cohorts_->Update(OrganizationCaller(kGoteborg), update),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("due_date")));
  milestone->set_due_date("2026-06-30");
  EXPECT_THAT(cohorts_->Update(OrganizationCaller(kMalmo), update),
              StatusIs(absl::StatusCode::kPermissionDenied));
  auto updated = cohorts_->Update(OrganizationCaller(kGoteborg), update);
  ASSERT_THAT(updated, IsOk());
  EXPECT_THAT(updated->milestones(), SizeIs(1));
  EXPECT_THAT(updated->adoptions(), SizeIs(2)) << "members are kept";

  // A restart counts the cohort again.
  adoptions_ = AdoptionRepository::Open(repository_.get(), &store_, &clock_, &ids_).value();
  cohorts_ = CohortRepository::Open(adoptions_->committer(), adoptions_->lineage(), &clock_, &ids_)
                 .value();
  EXPECT_EQ(adoptions_->lineage()->SupportUnits("solutions/jobb"), 2);
}

TEST_F(AdoptionJourneyTest, AnAdoptionJoinsOnlyACohortOfItsSolution) {
  pub::Solution other = JobbForst();
  other.set_name("solutions/other");
  ASSERT_THAT(adoptions_->ApplySolutionEvent(SolutionEvent(other)), IsOk());
  pb::CreateCohortRequest create;
  create.mutable_cohort()->set_solution("solutions/other");
  auto cohort = cohorts_->Create(OrganizationCaller(kGoteborg), create);
  ASSERT_THAT(cohort, IsOk());
  EXPECT_THAT(OpenFrom(kAarhus, "matches/m1", cohort->name()),
              StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("solutions/other")));
  EXPECT_THAT(OpenFrom(kAarhus, "matches/m1", "cohorts/missing"),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(AdoptionJourneyTest, FeedEventsAtOrBeforeTheCursorAreSkipped) {
  EXPECT_EQ(adoptions_->cursor(kJourneyMatchingFeed).value(), 1);
  mat::WatchChangesResponse stale = MatchEvent("m9", request_, "jobb");
  stale.set_sequence(1);
  ASSERT_THAT(adoptions_->ApplyMatchEvent(stale), IsOk());
  EXPECT_THAT(OpenFrom(kAarhus, "matches/m9"), StatusIs(absl::StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace corematch::adoption
