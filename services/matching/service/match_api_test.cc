// The match API without gRPC: who sees what, the sides' stances through the
// API, etags and request ids, listing, and the live rankings.
#include "services/matching/service/match_api.h"

#include <map>
#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/errors.h"
#include "services/common/testing/status_matchers.h"
#include "services/matching/service/match_ranking.h"
#include "services/matching/service/matching_test_fixture.h"

namespace corematch::matching {
namespace {

using ::corematch::testing::IsOk;
using ::corematch::testing::StatusIs;
using testing::DanishNeed;
using ::testing::HasSubstr;
using testing::Homework;
using ::testing::IsEmpty;
using testing::JobbForst;
using testing::OperatorCaller;
using testing::OrgCaller;

constexpr char kMatch[] = "matches/aarhusneed-jobbforst";
const Caller kRequester = OrgCaller(testing::kAarhus);
const Caller kOwner = OrgCaller(testing::kGoteborg);
const Caller kStranger = OrgCaller(testing::kOdense);

class MatchApiTest : public testing::MatchingRepositoryFixture {
 protected:
  void SetUp() override {
    MatchingRepositoryFixture::SetUp();
    Publish(JobbForst());
  }

  MatchApi api() { return MatchApi(repository_.get()); }
  MatchRanking ranking() { return MatchRanking(repository_.get()); }

  absl::StatusOr<pb::Match> Interested(const Caller& caller, absl::string_view etag = "",
                                       absl::string_view request_id = "") {
    pb::ExpressInterestRequest request;
    request.set_name(kMatch);
    request.set_note("Vi vil gerne høre mere");
    request.set_etag(std::string(etag));
    request.set_request_id(std::string(request_id));
    return api().ExpressInterest(caller, request);
  }

  absl::StatusOr<pb::Match> Decline(const Caller& caller, absl::string_view request_id = "") {
    pb::DeclineMatchRequest request;
    request.set_name(kMatch);
    request.set_reason("not now");
    request.set_request_id(std::string(request_id));
    return api().DeclineMatch(caller, request);
  }

  absl::StatusOr<pb::ListMatchesResponse> List(const Caller& caller, absl::string_view parent,
                                               absl::string_view filter = "", int page_size = 0,
                                               absl::string_view token = "") {
    pb::ListMatchesRequest request;
    request.set_parent(std::string(parent));
    request.set_filter(std::string(filter));
    request.set_page_size(page_size);
    request.set_page_token(std::string(token));
    return api().ListMatches(caller, request);
  }
};

TEST_F(MatchApiTest, BothSidesInterestedConnectsWithWhoAndWhen) {
  File(DanishNeed());
  absl::StatusOr<pb::Match> adopter = Interested(kRequester);
  ASSERT_THAT(adopter, IsOk());
  EXPECT_EQ(adopter->state(), pb::MATCH_STATE_PROPOSED);
  EXPECT_EQ(adopter->adopter().interest(), pb::INTEREST_INTERESTED);
  EXPECT_EQ(adopter->adopter().actor(), testing::kAarhus);
  EXPECT_EQ(adopter->adopter().note(), "Vi vil gerne høre mere");
  EXPECT_EQ(FromProtoTime(adopter->adopter().time()), clock_.Now());

  clock_.Advance(absl::Hours(1));
  absl::StatusOr<pb::Match> owner = Interested(kOwner);
  ASSERT_THAT(owner, IsOk());
  EXPECT_EQ(owner->state(), pb::MATCH_STATE_CONNECTED);
  EXPECT_EQ(owner->owner().actor(), testing::kGoteborg);
  ASSERT_GE(owner->history_size(), 2);
  EXPECT_EQ(owner->history(owner->history_size() - 1).action(), "CONNECTED");
  EXPECT_EQ(owner->history(owner->history_size() - 1).actor(), testing::kGoteborg);
  EXPECT_EQ(repository_->connected_adopters("solutions/jobbforst"), 1);
  EXPECT_EQ(FeedEvents().back().match().state(), pb::MATCH_STATE_CONNECTED);
}

TEST_F(MatchApiTest, DeclineAndChangeOfMind) {
  File(DanishNeed());
  ASSERT_THAT(Interested(kOwner), IsOk());
  absl::StatusOr<pb::Match> declined = Decline(kRequester);
  ASSERT_THAT(declined, IsOk());
  EXPECT_EQ(declined->state(), pb::MATCH_STATE_DECLINED);
  EXPECT_EQ(declined->adopter().note(), "not now");
  absl::StatusOr<pb::Match> again = Interested(kRequester);
  ASSERT_THAT(again, IsOk());
  EXPECT_EQ(again->state(), pb::MATCH_STATE_CONNECTED);
  absl::StatusOr<pb::Match> owner_declines = Decline(kOwner);
  ASSERT_THAT(owner_declines, IsOk());
  EXPECT_EQ(owner_declines->state(), pb::MATCH_STATE_DECLINED);
  EXPECT_EQ(repository_->connected_adopters("solutions/jobbforst"), 0);
}

TEST_F(MatchApiTest, OperatorsSpeakForNoSide) {
  File(DanishNeed());
  absl::StatusOr<pb::Match> result = Interested(OperatorCaller());
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kPermissionDenied, HasSubstr("operators")));
  EXPECT_EQ(ErrorReason(result.status()), "OPERATOR_HAS_NO_SIDE");
  EXPECT_THAT(Decline(OperatorCaller()), StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(MatchApiTest, StrangersNeitherSeeNorAct) {
  File(DanishNeed());
  EXPECT_THAT(Interested(kStranger), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(api().GetMatch(kStranger, kMatch), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(List(kStranger, "adoptionRequests/aarhusneed"),
              StatusIs(absl::StatusCode::kPermissionDenied));
  EXPECT_THAT(List(kStranger, "solutions/jobbforst"),
              StatusIs(absl::StatusCode::kPermissionDenied));
}

TEST_F(MatchApiTest, InactiveMatchesTakeNoStance) {
  File(DanishNeed());
  Withdraw(JobbForst());
  absl::StatusOr<pb::Match> result = Interested(kRequester);
  EXPECT_THAT(result, StatusIs(absl::StatusCode::kFailedPrecondition));
  EXPECT_EQ(ErrorReason(result.status()), "MATCH_INACTIVE");
  EXPECT_THAT(Decline(kOwner), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST_F(MatchApiTest, UnknownOrMalformedNamesAndBadFields) {
  EXPECT_THAT(api().GetMatch(kRequester, "matches/nope-nope"),
              StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(api().GetMatch(kRequester, "solutions/jobbforst"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  File(DanishNeed());
  pb::ExpressInterestRequest long_note;
  long_note.set_name(kMatch);
  long_note.set_note(std::string(2001, 'x'));
  EXPECT_THAT(api().ExpressInterest(kRequester, long_note),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(Interested(kRequester, "", "not-a-uuid"),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(MatchApiTest, AStaleEtagIsAborted) {
  File(DanishNeed());
  const std::string etag = api().GetMatch(kRequester, kMatch)->etag();
  ASSERT_THAT(Interested(kOwner, etag), IsOk());
  absl::StatusOr<pb::Match> stale = Interested(kRequester, etag);
  EXPECT_THAT(stale, StatusIs(absl::StatusCode::kAborted));
  EXPECT_EQ(ErrorReason(stale.status()), "ETAG_MISMATCH");
  const std::string fresh = api().GetMatch(kRequester, kMatch)->etag();
  EXPECT_NE(fresh, etag);
  EXPECT_THAT(Interested(kRequester, fresh), IsOk());
}

TEST_F(MatchApiTest, ARetriedRequestIdReturnsTheFirstResultAndWritesNothing) {
  File(DanishNeed());
  constexpr char kId[] = "3f2b8c1e-7d4a-4e0b-9c55-2a1f0e6b7d90";
  absl::StatusOr<pb::Match> first = Interested(kRequester, "", kId);
  ASSERT_THAT(first, IsOk());
  ASSERT_THAT(Decline(kRequester), IsOk());
  const size_t events = FeedEvents().size();
  // The retry answers as the first call did, though the match moved on.
  absl::StatusOr<pb::Match> retry = Interested(kRequester, "stale-etag-ignored", kId);
  ASSERT_THAT(retry, IsOk());
  EXPECT_EQ(retry->adopter().interest(), pb::INTEREST_INTERESTED);
  EXPECT_EQ(retry->etag(), first->etag());
  EXPECT_EQ(FeedEvents().size(), events);
  EXPECT_EQ(api().GetMatch(kRequester, kMatch)->adopter().interest(), pb::INTEREST_DECLINED);
  // The same id for another method is another request.
  absl::StatusOr<pb::Match> decline = Decline(kRequester, kId);
  ASSERT_THAT(decline, IsOk());
  EXPECT_EQ(decline->adopter().interest(), pb::INTEREST_DECLINED);
}

TEST_F(MatchApiTest, OwnerSeesAPublicRequestsMatchWithTheRequester) {
  File(DanishNeed());
  absl::StatusOr<pb::Match> seen = api().GetMatch(kOwner, kMatch);
  ASSERT_THAT(seen, IsOk());
  EXPECT_EQ(seen->adopter_organization(), testing::kAarhus);
  EXPECT_EQ(seen->etag(), api().GetMatch(kRequester, kMatch)->etag());
}

TEST_F(MatchApiTest, AnAnonymousRequesterIsHiddenUntilItIsInterested) {
  File(DanishNeed("aarhusneed", adoption_pb::VISIBILITY_ANONYMOUS));
  absl::StatusOr<pb::Match> seen = api().GetMatch(kOwner, kMatch);
  ASSERT_THAT(seen, IsOk());
  EXPECT_EQ(seen->adopter_organization(), "");
  EXPECT_EQ(seen->etag(), api().GetMatch(kRequester, kMatch)->etag());
  EXPECT_EQ(api().GetMatch(kRequester, kMatch)->adopter_organization(), testing::kAarhus);

  // A decline does not unmask it either, in stance or history.
  ASSERT_THAT(Decline(kRequester), IsOk());
  seen = api().GetMatch(kOwner, kMatch);
  EXPECT_EQ(seen->adopter_organization(), "");
  EXPECT_EQ(seen->adopter().actor(), "");
  for (const pb::MatchEvent& event : seen->history()) EXPECT_NE(event.actor(), testing::kAarhus);

  ASSERT_THAT(Interested(kRequester), IsOk());
  seen = api().GetMatch(kOwner, kMatch);
  EXPECT_EQ(seen->adopter_organization(), testing::kAarhus);
  EXPECT_EQ(List(kOwner, "solutions/jobbforst")->matches(0).adopter_organization(),
            testing::kAarhus);
}

TEST_F(MatchApiTest, APrivateRequestsMatchIsHiddenFromTheOwnerUntilTheAdopterReachesOut) {
  File(DanishNeed("aarhusneed", adoption_pb::VISIBILITY_PRIVATE));
  EXPECT_THAT(api().GetMatch(kOwner, kMatch), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_THAT(List(kOwner, "solutions/jobbforst")->matches(), IsEmpty());
  EXPECT_THAT(Interested(kOwner), StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(List(kRequester, "adoptionRequests/aarhusneed")->matches_size(), 1);
  EXPECT_EQ(List(OperatorCaller(), "solutions/jobbforst")->matches_size(), 1);

  ASSERT_THAT(Interested(kRequester), IsOk());
  EXPECT_THAT(api().GetMatch(kOwner, kMatch), IsOk());
  absl::StatusOr<pb::Match> connected = Interested(kOwner);
  ASSERT_THAT(connected, IsOk());
  EXPECT_EQ(connected->state(), pb::MATCH_STATE_CONNECTED);
}

TEST_F(MatchApiTest, ListsBestFirstInPagesAndFiltersOnState) {
  publishing_pb::Solution second = JobbForst();
  second.set_name("solutions/jobbforst2");
  second.set_title("Jobb direkt");
  second.clear_core_elements();
  second.set_description("");
  Publish(second);
  File(DanishNeed());
  absl::StatusOr<pb::ListMatchesResponse> all = List(kRequester, "adoptionRequests/aarhusneed");
  ASSERT_THAT(all, IsOk());
  ASSERT_EQ(all->matches_size(), 2);
  EXPECT_GE(all->matches(0).score(), all->matches(1).score());
  EXPECT_EQ(all->next_page_token(), "");

  absl::StatusOr<pb::ListMatchesResponse> page =
      List(kRequester, "adoptionRequests/aarhusneed", "", 1);
  ASSERT_THAT(page, IsOk());
  ASSERT_EQ(page->matches_size(), 1);
  EXPECT_EQ(page->matches(0).name(), all->matches(0).name());
  ASSERT_NE(page->next_page_token(), "");
  absl::StatusOr<pb::ListMatchesResponse> next =
      List(kRequester, "adoptionRequests/aarhusneed", "", 1, page->next_page_token());
  ASSERT_THAT(next, IsOk());
  ASSERT_EQ(next->matches_size(), 1);
  EXPECT_EQ(next->matches(0).name(), all->matches(1).name());
  EXPECT_EQ(next->next_page_token(), "");
  EXPECT_THAT(List(kRequester, "adoptionRequests/aarhusneed", "state = CONNECTED", 1,
                   page->next_page_token()),
              StatusIs(absl::StatusCode::kInvalidArgument));

  ASSERT_THAT(Decline(kRequester), IsOk());
  absl::StatusOr<pb::ListMatchesResponse> declined =
      List(kRequester, "adoptionRequests/aarhusneed", "state = DECLINED");
  ASSERT_THAT(declined, IsOk());
  ASSERT_EQ(declined->matches_size(), 1);
  EXPECT_EQ(declined->matches(0).name(), kMatch);
  EXPECT_THAT(List(kRequester, "adoptionRequests/aarhusneed", "score > 1"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(List(kRequester, "organizations/aarhus"),
              StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(List(kRequester, "adoptionRequests/aarhusneed", "", -1),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

// Each solution of the Danish need's ranking, as its requester is answered,
// with the match name the answer gives it.
std::map<std::string, std::string> NamedMatches(MatchRanking ranking) {
  pb::MatchAdoptionRequestRequest request;
  request.set_adoption_request("adoptionRequests/aarhusneed");
  absl::StatusOr<pb::MatchAdoptionRequestResponse> ranked =
      ranking.MatchAdoptionRequest(kRequester, request);
  EXPECT_THAT(ranked, IsOk());
  std::map<std::string, std::string> named;
  if (!ranked.ok()) return named;
  for (const pb::ScoredSolution& s : ranked->solutions()) named[s.solution()] = s.match();
  return named;
}

// Ranked, but its match not stored (as when the ranking races the feed):
// the answer names only the matches that exist.
TEST_F(MatchApiTest, MatchAdoptionRequestNamesNoMatchThatIsNotStored) {
  Publish(Homework());
  File(DanishNeed());
  std::map<std::string, std::string> named = NamedMatches(ranking());
  ASSERT_EQ(named["solutions/jobbforst"], kMatch);
  ASSERT_EQ(named["solutions/homework"], "matches/aarhusneed-homework");

  storage::WriteBatch forget;
  forget.Delete(keys::Match("aarhusneed-homework"));
  forget.Delete(absl::StrCat(keys::ByRequestPrefix("aarhusneed"), "homework"));
  ASSERT_THAT(store_.Write(forget, {}), IsOk());
  named = NamedMatches(ranking());
  EXPECT_EQ(named["solutions/jobbforst"], kMatch);
  ASSERT_TRUE(named.contains("solutions/homework"));
  EXPECT_EQ(named["solutions/homework"], "");
}

TEST_F(MatchApiTest, MatchAdoptionRequestRanksLiveAndNamesPersistedMatches) {
  Publish(Homework());
  File(DanishNeed());
  pb::MatchAdoptionRequestRequest request;
  request.set_adoption_request("adoptionRequests/aarhusneed");
  absl::StatusOr<pb::MatchAdoptionRequestResponse> ranked =
      ranking().MatchAdoptionRequest(kRequester, request);
  ASSERT_THAT(ranked, IsOk());
  ASSERT_GE(ranked->solutions_size(), 1);
  const pb::ScoredSolution& best = ranked->solutions(0);
  EXPECT_EQ(best.solution(), "solutions/jobbforst");
  EXPECT_EQ(best.title(), JobbForst().title());
  EXPECT_EQ(best.language(), "sv");
  EXPECT_EQ(best.match(), kMatch);
  EXPECT_NEAR(best.score(), StoredMatch(kMatch)->score(), 1e-9);
  EXPECT_FALSE(best.explanation().summary().empty());

  // Others see a public request's ranking, without the matches.
  ranked = ranking().MatchAdoptionRequest(kStranger, request);
  ASSERT_THAT(ranked, IsOk());
  EXPECT_EQ(ranked->solutions(0).match(), "");

  request.mutable_filter()->set_min_maturity("SCALED");
  ranked = ranking().MatchAdoptionRequest(kRequester, request);
  ASSERT_THAT(ranked, IsOk());
  for (const auto& s : ranked->solutions()) EXPECT_NE(s.solution(), "solutions/jobbforst");
  request.mutable_filter()->set_min_maturity("RIPE");
  EXPECT_THAT(ranking().MatchAdoptionRequest(kRequester, request),
              StatusIs(absl::StatusCode::kInvalidArgument));
  request.clear_filter();
  request.set_top_k(-1);
  EXPECT_THAT(ranking().MatchAdoptionRequest(kRequester, request),
              StatusIs(absl::StatusCode::kInvalidArgument));
  request.set_top_k(0);
  request.set_adoption_request("adoptionRequests/unknown");
  EXPECT_THAT(ranking().MatchAdoptionRequest(kRequester, request),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(MatchApiTest, APrivateRequestIsRankedForItsRequesterOnly) {
  File(DanishNeed("aarhusneed", adoption_pb::VISIBILITY_PRIVATE));
  pb::MatchAdoptionRequestRequest request;
  request.set_adoption_request("adoptionRequests/aarhusneed");
  EXPECT_THAT(ranking().MatchAdoptionRequest(kRequester, request), IsOk());
  EXPECT_THAT(ranking().MatchAdoptionRequest(OperatorCaller(), request), IsOk());
  EXPECT_THAT(ranking().MatchAdoptionRequest(kOwner, request),
              StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(MatchApiTest, MatchTextRanksAnAdHocNeedAndSaysItsLanguage) {
  pb::MatchTextRequest request;
  request.set_text(
      "Vi vil have kontanthjælpsmodtagere hurtigere i arbejde. Borgere der søger kontanthjælp "
      "skal mødes af en arbejdsgiver med det samme.");
  request.add_sectors("10.5");
  absl::StatusOr<pb::MatchTextResponse> ranked = ranking().MatchText(kStranger, request);
  ASSERT_THAT(ranked, IsOk());
  EXPECT_EQ(ranked->language(), "da");
  ASSERT_GE(ranked->solutions_size(), 1);
  EXPECT_EQ(ranked->solutions(0).solution(), "solutions/jobbforst");
  EXPECT_EQ(ranked->solutions(0).match(), "");

  request.set_language("da-DK");
  EXPECT_EQ(ranking().MatchText(kStranger, request)->language(), "da");
  request.set_text("");
  EXPECT_THAT(ranking().MatchText(kStranger, request),
              StatusIs(absl::StatusCode::kInvalidArgument));
  request.set_text(std::string(20001, 'a'));
  EXPECT_THAT(ranking().MatchText(kStranger, request),
              StatusIs(absl::StatusCode::kInvalidArgument));
  request.set_text("arbejde");
  request.set_language("not a language!");
  EXPECT_THAT(ranking().MatchText(kStranger, request),
              StatusIs(absl::StatusCode::kInvalidArgument));
}

TEST_F(MatchApiTest, FindAdoptersShowsWhatVisibilityAllows) {
  File(DanishNeed("publicneed", adoption_pb::VISIBILITY_PUBLIC));
  File(DanishNeed("anonneed", adoption_pb::VISIBILITY_ANONYMOUS));
  File(DanishNeed("privateneed", adoption_pb::VISIBILITY_PRIVATE));
  pb::FindAdoptersRequest request;
  request.set_solution("solutions/jobbforst");
  absl::StatusOr<pb::FindAdoptersResponse> found = ranking().FindAdopters(kOwner, request);
  ASSERT_THAT(found, IsOk());
  std::map<std::string, pb::ScoredAdoptionRequest> by_name;
  for (const auto& r : found->adoption_requests()) by_name[r.adoption_request()] = r;
  ASSERT_TRUE(by_name.contains("adoptionRequests/publicneed"));
  ASSERT_TRUE(by_name.contains("adoptionRequests/anonneed"));
  EXPECT_FALSE(by_name.contains("adoptionRequests/privateneed"));
  EXPECT_EQ(by_name["adoptionRequests/publicneed"].requester(), testing::kAarhus);
  EXPECT_EQ(by_name["adoptionRequests/anonneed"].requester(), "");
  EXPECT_EQ(by_name["adoptionRequests/anonneed"].country(), "DK");
  EXPECT_EQ(by_name["adoptionRequests/publicneed"].match(), "matches/publicneed-jobbforst");
  EXPECT_GT(by_name["adoptionRequests/publicneed"].score(), 0.0);

  absl::StatusOr<pb::FindAdoptersResponse> all = ranking().FindAdopters(OperatorCaller(), request);
  ASSERT_THAT(all, IsOk());
  EXPECT_EQ(all->adoption_requests_size(), 3);
  EXPECT_THAT(ranking().FindAdopters(kRequester, request),
              StatusIs(absl::StatusCode::kPermissionDenied));
  request.set_top_k(1);
  EXPECT_EQ(ranking().FindAdopters(kOwner, request)->adoption_requests_size(), 1);
}

}  // namespace
}  // namespace corematch::matching
