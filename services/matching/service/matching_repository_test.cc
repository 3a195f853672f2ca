// Incremental updates from the feeds, restart and resume, expiry, and the
// engine rebuilt from stored analysed documents.
#include "services/matching/service/matching_repository.h"

#include <atomic>
#include <filesystem>
#include <map>
#include <random>
#include <set>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"
#include "services/matching/service/analyzed_document.h"
#include "services/matching/service/match_state.h"
#include "services/matching/service/matching_test_fixture.h"
#include "services/matching/service/quoted_solutions.h"
#include "services/matching/service/record_conversion.h"
#include "storage/testing/forwarding_kv_store.h"
#include "tests/testing/temp_dir.h"

namespace corematch::matching {
namespace {

using ::corematch::testing::IsOk;
using ::corematch::testing::TempDir;
using ::testing::Contains;
using testing::DanishNeed;
using ::testing::Field;
using testing::Homework;
using ::testing::IsEmpty;
using testing::JobbForst;
using ::testing::Not;

constexpr char kMatch[] = "matches/aarhusneed-jobbforst";

std::vector<std::string> Actions(const pb::Match& match) {
  std::vector<std::string> actions;
  for (const pb::MatchEvent& event : match.history()) actions.push_back(event.action());
  return actions;
}

class MatchingRepositoryTest : public testing::MatchingRepositoryFixture {
 protected:
  // Both sides interested, committed as the API would.
  void Connect(absl::string_view match_id) {
    ASSERT_THAT(repository_->committer().Run([&](storage::Transaction& txn) -> absl::Status {
      ASSIGN_OR_RETURN(std::optional<pb::Match> match, MatchStore::Load(txn, match_id));
      Sides both{.adopter = true, .owner = true};
      ASSIGN_OR_RETURN(bool changed, SetStance(*match, both, pb::INTEREST_INTERESTED,
                                               testing::kAarhus, "", clock_.Now()));
      EXPECT_TRUE(changed);
      return repository_->matches().Save(txn, *match, pb::CHANGE_TYPE_UPDATED, clock_.Now());
    }),
                IsOk());
  }

  std::vector<RankedSolution> Rank(const adoption_pb::AdoptionRequest& request) {
    return repository_->engine().Match(NeedQueryFor(request), nullptr);
  }

  // Two solutions and the Danish need; the need's ranking.
  std::vector<RankedSolution> PublishTwoAndFileTheDanishNeed() {
    Publish(JobbForst());
    Publish(Homework());
    File(DanishNeed());
    return Rank(DanishNeed());
  }

  // After a reopen: both solutions and the need indexed, ranked as `before`
  // (scores may move a little: the index freezes each document's length
  // normalisation at the average when it was added, and a rebuild adds them
  // in key order rather than in the order they came), and the need found as
  // an adopter.
  void ExpectIndexedAsBefore(const std::vector<RankedSolution>& before) {
    EXPECT_EQ(repository_->engine().solution_count(), 2u);
    EXPECT_EQ(repository_->engine().request_count(), 1u);
    const std::vector<RankedSolution> after = Rank(DanishNeed());
    ASSERT_EQ(after.size(), before.size());
    for (size_t i = 0; i < before.size(); ++i) {
      EXPECT_EQ(after[i].name, before[i].name);
      EXPECT_NEAR(after[i].score, before[i].score, 0.01);
    }
    EXPECT_THAT(repository_->engine().FindAdopters(ToSolutionRecord(JobbForst()), 10),
                Contains(Field(&RankedRequest::name, "adoptionRequests/aarhusneed")));
  }
};

TEST_F(MatchingRepositoryTest, ANewSolutionReachesAnOpenRequestWithoutAnyoneAsking) {
  File(DanishNeed());
  EXPECT_THAT(StoredMatches(), IsEmpty());
  Publish(Homework());
  Publish(JobbForst());

  std::optional<pb::Match> match = StoredMatch(kMatch);
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->state(), pb::MATCH_STATE_PROPOSED);
  EXPECT_EQ(match->solution_title(), JobbForst().title());
  EXPECT_EQ(match->adopter_organization(), testing::kAarhus);
  EXPECT_GT(match->score(), 0.0);
  // Danish meets Swedish through the English pivot.
  std::vector<pb::TermMatchKind> kinds;
  for (const pb::TermMatch& term : match->explanation().term_matches()) {
    kinds.push_back(term.kind());
  }
  EXPECT_THAT(kinds, Contains(pb::TERM_MATCH_KIND_TRANSLATION));
  EXPECT_THAT(match->explanation().matched_core_elements(),
              Contains("Arbete först inom 48 timmar"));
  EXPECT_THAT(Actions(*match), ::testing::ElementsAre("PROPOSED"));
  EXPECT_FALSE(match->etag().empty());
  const std::vector<pb::WatchChangesResponse> events = FeedEvents();
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().type(), pb::CHANGE_TYPE_CREATED);
  EXPECT_EQ(events.back().match().name(), kMatch);
}

TEST_F(MatchingRepositoryTest, ASolutionThatEntersARequestsTopPushesTheLastOneOut) {
  File(DanishNeed());
  // The need's words known to the index first: a fit is measured against
  // how much of the need the index could answer, and stored as measured.
  publishing_pb::Solution background = JobbForst();
  background.set_name("solutions/background");
  background.set_language("da");
  background.set_title("Borgerservice");
  background.set_summary(
      "Borgere der søger kontanthjælp, kontanthjælpsmodtagere og arbejdsgivere mødes hurtigere.");
  background.clear_description();
  background.clear_core_elements();
  Publish(background);
  // Twenty that answer only the need's "job".
  for (int i = 0; i < 20; ++i) {
    publishing_pb::Solution copy = JobbForst();
    copy.set_name(absl::StrCat("solutions/copy", i));
    copy.set_summary("Jobb.");
    copy.clear_description();
    copy.clear_core_elements();
    Publish(copy);
  }
  ASSERT_EQ(StoredMatches().size(), 20u);

  // Says what the Danish need says, in Danish: it ranks above every copy.
  publishing_pb::Solution better = JobbForst();
  better.set_name("solutions/better");
  better.set_title("Kontanthjælpsmodtagere hurtigere i job og arbejde");
  Publish(better);

  std::vector<std::string> names;
  for (const auto& [name, match] : StoredMatches()) names.push_back(match.solution());
  EXPECT_EQ(names.size(), 20u);
  EXPECT_THAT(names, Contains("solutions/better"));
}

// The count GetIndexStatus reports follows matches stored and dropped, and a
// restart counts them again from the store.
TEST_F(MatchingRepositoryTest, TheMatchCountFollowsTheStoreAcrossARestart) {
  EXPECT_EQ(repository_->matches().count(), 0);
  File(DanishNeed());
  for (int i = 0; i < 21; ++i) {
    publishing_pb::Solution copy = JobbForst();
    copy.set_name(absl::StrCat("solutions/copy", i));
    if (i == 20) copy.set_title("Kontanthjælpsmodtagere hurtigere i job og arbejde");
    Publish(copy);
  }
  // The twenty-first pushed one out: stored 21 times, dropped once.
  ASSERT_EQ(StoredMatches().size(), 20u);
  EXPECT_EQ(repository_->matches().count(), 20);
  Reopen();
  EXPECT_EQ(repository_->matches().count(), 20);
  // A closed request's matches stay, inactive.
  Close(DanishNeed());
  EXPECT_EQ(repository_->matches().count(), 20);
  Reopen();
  EXPECT_EQ(repository_->matches().count(), static_cast<int64_t>(StoredMatches().size()));
}

TEST_F(MatchingRepositoryTest, ASolutionThatCannotEnterAFullTopLeavesItAsItIs) {
  File(DanishNeed());
  for (int i = 0; i < 20; ++i) {
    publishing_pb::Solution copy = JobbForst();
    copy.set_name(absl::StrCat("solutions/copy", i));
    Publish(copy);
  }
  const auto before = StoredMatches();
  ASSERT_EQ(before.size(), 20u);

  // Homework help fits the Danish need's context a little (a public
  // service for families) and its text not at all.
  publishing_pb::Solution weak = Homework();
  weak.set_name("solutions/weak");
  Publish(weak);

  const auto after = StoredMatches();
  ASSERT_EQ(after.size(), 20u);
  for (const auto& [name, match] : after) {
    EXPECT_NE(match.solution(), "solutions/weak");
    EXPECT_EQ(match.etag(), before.at(name).etag()) << name << " was rewritten";
  }
}

// A published solution enters the matches of every open request whose
// stored top it beats — not only of the requests its own text would rank
// first — and of no other, also after tops have shrunk (the engine's entry
// scores must fall with them).
TEST_F(MatchingRepositoryTest, APublishedSolutionEntersEveryOpenRequestsTopItBeats) {
  static const std::vector<std::string> kVocabulary = {
      "work",    "income", "support", "school", "care",    "elderly", "digital", "health",
      "housing", "youth",  "job",     "coach",  "citizen", "library", "nurse",   "transport",
      "climate", "energy", "waste",   "water",  "safety",  "sport",   "culture", "family"};
  std::mt19937 random(7);
  std::geometric_distribution<int> pick(0.15);
  auto words = [&](int count) {
    std::string text;
    for (int i = 0; i < count; ++i) {
      absl::StrAppend(&text, i == 0 ? "" : " ", kVocabulary[pick(random) % kVocabulary.size()]);
    }
    return text;
  };
  std::vector<adoption_pb::AdoptionRequest> requests;
  for (int r = 0; r < 30; ++r) {
    adoption_pb::AdoptionRequest request = DanishNeed(absl::StrCat("need", r));
    request.set_language("en");
    request.set_title(words(2));
    request.set_need_statement(words(2 + r % 7));
    request.clear_target_groups();
    request.clear_desired_effects();
    File(request);
    requests.push_back(request);
  }
  size_t entered = 0, stayed_out_of_full_tops = 0;
  std::vector<publishing_pb::Solution> published;
  for (int i = 0; i < 45; ++i) {
    // Tops shrink: withdrawn solutions leave them, an edited one falls out.
    if (i == 30) {
      for (int w = 0; w < 25; ++w) Withdraw(published[w]);
    }
    if (i == 36) {
      publishing_pb::Solution weaker = published[10];
      weaker.set_title("Snow clearing");
      weaker.set_summary("Snow and ice on cycle paths.");
      weaker.set_description("");
      Publish(weaker);
    }
    publishing_pb::Solution solution = Homework();
    solution.set_name(absl::StrCat("solutions/s", i));
    solution.set_title(words(3));
    solution.set_summary(words(8));
    solution.set_description(words(25));
    if (i == 30) {
      // Weak everywhere: it enters only the tops that shrank.
      solution.set_title("income");
      solution.set_summary("");
      solution.set_description("");
    }
    std::map<std::string, std::optional<double>> kth;  // by request; nullopt: top not full
    for (const adoption_pb::AdoptionRequest& request : requests) {
      absl::StatusOr<std::vector<StoredRank>> ranks = ScanActiveRanks(store_, IdOf(request.name()));
      ASSERT_THAT(ranks, IsOk());
      std::vector<double> scores;
      for (const StoredRank& rank : *ranks) scores.push_back(rank.score);
      std::sort(scores.rbegin(), scores.rend());
      if (scores.size() >= kMatchesPerRequest) kth[request.name()] = scores[kMatchesPerRequest - 1];
    }
    Publish(solution);
    published.push_back(solution);
    const std::map<std::string, pb::Match> stored = StoredMatches();
    for (const adoption_pb::AdoptionRequest& request : requests) {
      std::optional<RankedSolution> scored =
          repository_->engine().MatchSolution(NeedQueryFor(request), solution.name(), nullptr);
      ASSERT_TRUE(scored.has_value());
      const std::optional<double> bar = kth[request.name()];
      // A request's ranking holds only solutions that share a word with it.
      const bool beats =
          scored->explanation.text_bm25 > 0 && (!bar.has_value() || scored->score > *bar);
      const bool matched = stored.contains(MatchName(IdOf(request.name()), IdOf(solution.name())));
      EXPECT_EQ(matched, beats) << request.name() << ", " << solution.name() << " scored "
                                << scored->score << " against " << bar.value_or(0);
      entered += matched;
      stayed_out_of_full_tops += bar.has_value() && !matched;
    }
  }
  EXPECT_GT(entered, 100u);
  EXPECT_GT(stayed_out_of_full_tops, 100u) << "full tops, which a solution must beat to enter";
}

// The engine remembers each request's 20th score to pass over requests a
// solution cannot enter; when a withdrawal or an edit shrinks a top, it must
// forget it.
TEST_F(MatchingRepositoryTest, AWeakSolutionEntersATopThatShrank) {
  for (const bool by_edit : {false, true}) {
    const std::string id = by_edit ? "edited" : "withdrawn";
    adoption_pb::AdoptionRequest need = DanishNeed(id);
    need.set_language("en");
    need.set_title("Income support");
    need.set_need_statement("Income support and work for citizens");
    need.clear_target_groups();
    need.clear_desired_effects();
    File(need);
    std::vector<publishing_pb::Solution> strong;
    for (int i = 0; i < 20; ++i) {
      publishing_pb::Solution s = Homework();
      s.set_name(absl::StrCat("solutions/", id, "strong", i));
      s.set_title(absl::StrCat("Income support and work ", i));
      s.set_summary("Citizens on income support find work.");
      Publish(s);
      strong.push_back(s);
    }
    auto weak = [&](int i) {
      publishing_pb::Solution s = Homework();
      s.set_name(absl::StrCat("solutions/", id, "weak", i));
      s.set_summary("Help for pupils, teachers, parents and citizens in the evening.");
      return s;
    };
    auto matched = [&](int i) {
      return StoredMatch(MatchName(id, absl::StrCat(id, "weak", i))).has_value();
    };
    Publish(weak(1));
    ASSERT_FALSE(matched(1)) << id << ": it cannot beat a full top of strong solutions";
    for (int i = 0; i < 5; ++i) {
      if (by_edit) {
        strong[i].set_title("Snow clearing");
        strong[i].set_summary("Snow and ice on cycle paths.");
        Publish(strong[i]);
      } else {
        Withdraw(strong[i]);
      }
    }
    Publish(weak(2));
    EXPECT_TRUE(matched(2)) << id << ": the top has room now";
  }
}

// A new solution is compared with each candidate request's stored scores,
// read from the request's index without loading its matches.
TEST_F(MatchingRepositoryTest, ARequestsActiveScoresAreReadFromItsIndex) {
  File(DanishNeed());
  Publish(JobbForst());
  std::optional<pb::Match> match = StoredMatch(kMatch);
  ASSERT_TRUE(match.has_value());
  absl::StatusOr<std::vector<StoredRank>> ranks = ScanActiveRanks(store_, "aarhusneed");
  ASSERT_THAT(ranks, IsOk());
  ASSERT_EQ(ranks->size(), 1u);
  EXPECT_EQ((*ranks)[0].solution_id, "jobbforst");
  EXPECT_EQ((*ranks)[0].score, match->score()) << "exactly, not rounded";

  // An index entry written before entries carried the score: read from the match.
  storage::WriteBatch old_entry;
  old_entry.Put(absl::StrCat(keys::ByRequestPrefix("aarhusneed"), "jobbforst"), "");
  ASSERT_THAT(store_.Write(old_entry, storage::WriteOptions{}), IsOk());
  ranks = ScanActiveRanks(store_, "aarhusneed");
  ASSERT_THAT(ranks, IsOk());
  ASSERT_EQ(ranks->size(), 1u);
  EXPECT_EQ((*ranks)[0].score, match->score());

  Withdraw(JobbForst());
  ranks = ScanActiveRanks(store_, "aarhusneed");
  ASSERT_THAT(ranks, IsOk());
  EXPECT_THAT(*ranks, IsEmpty()) << "an INACTIVE match does not rank";
}

TEST_F(MatchingRepositoryTest, FilingARequestMatchesThePublishedSolutions) {
  Publish(JobbForst());
  File(DanishNeed());
  std::optional<pb::Match> match = StoredMatch(kMatch);
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->adoption_request(), "adoptionRequests/aarhusneed");
  EXPECT_EQ(repository_->engine().request_count(), 1u);
  EXPECT_EQ(repository_->engine().solution_count(), 1u);
}

TEST_F(MatchingRepositoryTest, APublishedSolutionsQuoteIsKeptUntilItIsWithdrawn) {
  Publish(JobbForst());
  std::optional<std::string> blob = store_.Get("squo/jobbforst").value();
  ASSERT_TRUE(blob.has_value());
  absl::StatusOr<SolutionRecord> quote = ParseQuote(*blob);
  ASSERT_THAT(quote, IsOk());
  const SolutionRecord record = ToSolutionRecord(JobbForst());
  EXPECT_EQ(quote->title, record.title);
  EXPECT_EQ(quote->language, record.language);
  ASSERT_EQ(quote->core_elements.size(), record.core_elements.size());
  EXPECT_EQ(quote->core_elements[0].title, record.core_elements[0].title);
  EXPECT_EQ(quote->core_terms, repository_->engine().CoreElementTerms(record));
  EXPECT_THAT(quote->core_terms[0], Not(IsEmpty()));
  ASSERT_EQ(quote->preconditions.size(), record.preconditions.size());
  EXPECT_EQ(quote->preconditions[0].description, record.preconditions[0].description);

  Withdraw(JobbForst());
  EXPECT_FALSE(store_.Get("squo/jobbforst").value().has_value());
}

TEST_F(MatchingRepositoryTest, AQuoteAndTheWholeSolutionExplainAlike) {
  Publish(JobbForst());
  const NeedQuery need = NeedQueryFor(DanishNeed());
  QuotedSolutions from_quote(&store_);
  const std::vector<RankedSolution> quoted =
      repository_->engine().Match(need, from_quote.Fetcher());

  storage::WriteBatch erase;
  erase.Delete("squo/jobbforst");
  ASSERT_THAT(store_.Write(erase, {}), IsOk());
  QuotedSolutions from_solution(&store_);
  const std::vector<RankedSolution> whole =
      repository_->engine().Match(need, from_solution.Fetcher());

  ASSERT_EQ(quoted.size(), 1u);
  ASSERT_EQ(whole.size(), 1u);
  EXPECT_THAT(quoted[0].explanation.matched_core_elements, Not(IsEmpty()));
  EXPECT_EQ(quoted[0].explanation.matched_core_elements,
            whole[0].explanation.matched_core_elements);
  EXPECT_EQ(quoted[0].explanation.preconditions_to_check,
            whole[0].explanation.preconditions_to_check);
  EXPECT_EQ(quoted[0].explanation.summary, whole[0].explanation.summary);
  EXPECT_EQ(quoted[0].score, whole[0].score);
}

TEST_F(MatchingRepositoryTest, DraftsAreRememberedButNotMatched) {
  publishing_pb::Solution draft = JobbForst();
  draft.set_state(publishing_pb::SOLUTION_STATE_DRAFT);
  Publish(draft);
  File(DanishNeed());
  EXPECT_THAT(StoredMatches(), IsEmpty());
  EXPECT_EQ(repository_->engine().solution_count(), 0u);
  absl::StatusOr<std::optional<publishing_pb::Solution>> stored =
      repository_->FindSolution("jobbforst");
  ASSERT_THAT(stored, IsOk());
  EXPECT_TRUE(stored->has_value());
}

TEST_F(MatchingRepositoryTest, WithdrawnSolutionsMatchesBecomeInactiveAndStay) {
  Publish(JobbForst());
  File(DanishNeed());
  Withdraw(JobbForst());
  std::optional<pb::Match> match = StoredMatch(kMatch);
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->state(), pb::MATCH_STATE_INACTIVE);
  EXPECT_EQ(Actions(*match).back(), "SOLUTION_WITHDRAWN");
  EXPECT_EQ(repository_->engine().solution_count(), 0u);

  // Editing the request later neither revives nor forgets it.
  adoption_pb::AdoptionRequest edited = DanishNeed();
  edited.set_title("Kontanthjælpsmodtagere i job inden for 48 timer");
  File(edited);
  match = StoredMatch(kMatch);
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->state(), pb::MATCH_STATE_INACTIVE);
}

TEST_F(MatchingRepositoryTest, ClosedRequestsMatchesBecomeInactive) {
  Publish(JobbForst());
  File(DanishNeed());
  Close(DanishNeed());
  std::optional<pb::Match> match = StoredMatch(kMatch);
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->state(), pb::MATCH_STATE_INACTIVE);
  EXPECT_EQ(Actions(*match).back(), "REQUEST_CLOSED");
  EXPECT_EQ(repository_->engine().request_count(), 0u);
  // A solution published afterwards does not reach the closed request.
  publishing_pb::Solution another = JobbForst();
  another.set_name("solutions/jobbforst2");
  Publish(another);
  EXPECT_FALSE(StoredMatch("matches/aarhusneed-jobbforst2").has_value());
}

TEST_F(MatchingRepositoryTest, AnEditedRequestIsRescoredAndLosesWhatNoLongerFits) {
  Publish(JobbForst());
  File(DanishNeed());
  const double before = StoredMatch(kMatch)->score();

  // Same need from Sweden: the country now fits, the score moves.
  adoption_pb::AdoptionRequest moved = DanishNeed();
  moved.mutable_context()->set_country("SE");
  File(moved);
  std::optional<pb::Match> match = StoredMatch(kMatch);
  ASSERT_TRUE(match.has_value());
  EXPECT_GT(match->score(), before + kRescoreThreshold);
  EXPECT_EQ(Actions(*match).back(), "RESCORED");
  EXPECT_EQ(FeedEvents().back().type(), pb::CHANGE_TYPE_UPDATED);

  // A need about school meals no longer fits: the unclaimed match is dropped.
  adoption_pb::AdoptionRequest meals = DanishNeed();
  meals.set_title("Sundere skolemad");
  meals.set_need_statement("Vi ønsker sundere mad i skolerne til alle elever.");
  meals.clear_desired_effects();
  meals.clear_target_groups();
  File(meals);
  EXPECT_FALSE(StoredMatch(kMatch).has_value());
  const pb::WatchChangesResponse last = FeedEvents().back();
  EXPECT_EQ(last.match().name(), kMatch);
  EXPECT_EQ(last.match().state(), pb::MATCH_STATE_INACTIVE);
  EXPECT_EQ(Actions(last.match()).back(), "DROPPED");
}

TEST_F(MatchingRepositoryTest, AMatchASideHasSpokenOnIsKeptWhenItNoLongerRanks) {
  Publish(JobbForst());
  File(DanishNeed());
  Connect("aarhusneed-jobbforst");
  adoption_pb::AdoptionRequest meals = DanishNeed();
  meals.set_title("Sundere skolemad");
  meals.set_need_statement("Vi ønsker sundere mad i skolerne til alle elever.");
  meals.clear_desired_effects();
  meals.clear_target_groups();
  File(meals);
  std::optional<pb::Match> match = StoredMatch(kMatch);
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->state(), pb::MATCH_STATE_CONNECTED);
}

TEST_F(MatchingRepositoryTest, ReapplyingTheSameContentWritesNothing) {
  Publish(JobbForst());
  File(DanishNeed());
  const size_t events = FeedEvents().size();
  File(DanishNeed());
  EXPECT_EQ(FeedEvents().size(), events);
  EXPECT_THAT(Actions(*StoredMatch(kMatch)), ::testing::ElementsAre("PROPOSED"));
}

TEST_F(MatchingRepositoryTest, ExpiredRequestsLeaveTheIndexAndTheirMatchesBecomeInactive) {
  Publish(JobbForst());
  adoption_pb::AdoptionRequest soon = DanishNeed();
  *soon.mutable_expire_time() = ToProtoTime(clock_.Now() + absl::Hours(1));
  File(soon);
  ASSERT_THAT(repository_->ExpireDue(), IsOk());
  EXPECT_EQ(StoredMatch(kMatch)->state(), pb::MATCH_STATE_PROPOSED);

  clock_.Advance(absl::Hours(2));
  ASSERT_THAT(repository_->ExpireDue(), IsOk());
  EXPECT_EQ(StoredMatch(kMatch)->state(), pb::MATCH_STATE_INACTIVE);
  EXPECT_EQ(Actions(*StoredMatch(kMatch)).back(), "REQUEST_EXPIRED");
  EXPECT_EQ(repository_->engine().request_count(), 0u);

  // Renewed by an edit: matched again.
  *soon.mutable_expire_time() = ToProtoTime(clock_.Now() + absl::Hours(24 * 365));
  File(soon);
  EXPECT_EQ(StoredMatch(kMatch)->state(), pb::MATCH_STATE_PROPOSED);
  EXPECT_EQ(Actions(*StoredMatch(kMatch)).back(), "REACTIVATED");
}

TEST_F(MatchingRepositoryTest, ARequestAlreadyExpiredWhenItArrivesIsNotMatched) {
  Publish(JobbForst());
  adoption_pb::AdoptionRequest old = DanishNeed();
  *old.mutable_expire_time() = ToProtoTime(clock_.Now() - absl::Hours(1));
  File(old);
  EXPECT_THAT(StoredMatches(), IsEmpty());
  EXPECT_EQ(repository_->engine().request_count(), 0u);
}

TEST_F(MatchingRepositoryTest, ExpiryIsRememberedAcrossARestart) {
  Publish(JobbForst());
  adoption_pb::AdoptionRequest soon = DanishNeed();
  *soon.mutable_expire_time() = ToProtoTime(clock_.Now() + absl::Hours(1));
  File(soon);
  Reopen();
  clock_.Advance(absl::Hours(2));
  ASSERT_THAT(repository_->ExpireDue(), IsOk());
  EXPECT_EQ(StoredMatch(kMatch)->state(), pb::MATCH_STATE_INACTIVE);
}

TEST_F(MatchingRepositoryTest, RestartRebuildsTheEngineFromAnalysedDocumentsAlone) {
  const std::vector<RankedSolution> before = PublishTwoAndFileTheDanishNeed();
  ASSERT_FALSE(before.empty());

  // Without the texts, only the stored analysis can rebuild the index.
  for (const std::string key : {"msol/jobbforst", "msol/homework", "mreq/aarhusneed"}) {
    storage::WriteBatch batch;
    batch.Delete(key);
    ASSERT_THAT(store_.Write(batch, {}), IsOk());
  }
  Reopen();
  ExpectIndexedAsBefore(before);
}

TEST_F(MatchingRepositoryTest, DocumentsAnalysedInAnOlderFormatAreAnalysedAgainOnRestart) {
  const std::vector<RankedSolution> before = PublishTwoAndFileTheDanishNeed();
  ASSERT_FALSE(before.empty());

  // As older builds left them: the same bytes under an older format byte
  // (requests of format 2 hold three pivots a stem; the need's query two).
  const std::map<std::string, char> older = {
      {"asol/jobbforst", 1}, {"asol/homework", 1}, {"areq/aarhusneed", 2}};
  for (const auto& [key, format] : older) {
    std::optional<std::string> blob = store_.Get(key).value();
    ASSERT_TRUE(blob.has_value()) << key;
    (*blob)[0] = format;
    storage::WriteBatch batch;
    batch.Put(key, *blob);
    ASSERT_THAT(store_.Write(batch, {}), IsOk());
  }
  Reopen();
  ExpectIndexedAsBefore(before);
  // Stored anew in the current format: the next restart reads them as they are.
  EXPECT_THAT(ParseAnalyzedSolution(store_.Get("asol/jobbforst").value().value()), IsOk());
  EXPECT_THAT(ParseAnalyzedRequest(store_.Get("areq/aarhusneed").value().value()), IsOk());
}

TEST_F(MatchingRepositoryTest, RestartFromASnapshotServesExactlyWhatWasServedBefore) {
  Publish(JobbForst());
  Publish(Homework());
  adoption_pb::AdoptionRequest need = DanishNeed();
  *need.mutable_expire_time() = ToProtoTime(clock_.Now() + absl::Hours(1));
  File(need);
  Connect("aarhusneed-jobbforst");
  const std::vector<RankedSolution> before = Rank(DanishNeed());
  ASSERT_FALSE(before.empty());
  const TempDir dir;
  const std::string snapshot = dir.File("snapshot");
  ASSERT_THAT(repository_->SaveSnapshot(snapshot), IsOk());

  // Without the solutions' analysed documents only the snapshot can hold them.
  for (const std::string key : {"msol/jobbforst", "msol/homework"}) {
    storage::WriteBatch batch;
    batch.Delete(key);
    ASSERT_THAT(store_.Write(batch, {}), IsOk());
  }
  Reopen(snapshot);
  EXPECT_FALSE(std::filesystem::exists(snapshot)) << "a snapshot is used once";
  EXPECT_EQ(repository_->engine().solution_count(), 2u);
  EXPECT_EQ(repository_->engine().request_count(), 1u);
  const std::vector<RankedSolution> after = Rank(DanishNeed());
  ASSERT_EQ(after.size(), before.size());
  for (size_t i = 0; i < before.size(); ++i) {
    EXPECT_EQ(after[i].name, before[i].name);
    EXPECT_EQ(after[i].score, before[i].score);
  }
  EXPECT_EQ(repository_->connected_adopters("solutions/jobbforst"), 1);
  // Expiry is tracked as after a rebuild.
  clock_.Advance(absl::Hours(2));
  ASSERT_THAT(repository_->ExpireDue(), IsOk());
  EXPECT_EQ(repository_->engine().request_count(), 0u);
}

TEST_F(MatchingRepositoryTest, ASnapshotOlderThanTheStoreIsNotUsed) {
  Publish(JobbForst());
  Publish(Homework());
  const TempDir dir;
  const std::string snapshot = dir.File("snapshot");
  ASSERT_THAT(repository_->SaveSnapshot(snapshot), IsOk());
  // Applied after the snapshot: the snapshot still has the solution.
  Withdraw(Homework());
  Reopen(snapshot);
  EXPECT_FALSE(std::filesystem::exists(snapshot));
  EXPECT_EQ(repository_->engine().solution_count(), 1u);
  for (const RankedSolution& r : Rank(DanishNeed())) EXPECT_NE(r.name, "solutions/homework");
}

TEST_F(MatchingRepositoryTest, AReplayAfterRestartAppliesNothingTwiceAndMissesNothing) {
  publishing_pb::WatchChangesResponse published;
  published.set_sequence(1);
  *published.mutable_solution() = JobbForst();
  adoption_pb::WatchChangesResponse filed;
  filed.set_sequence(1);
  *filed.mutable_adoption_request() = DanishNeed();
  ASSERT_THAT(repository_->ApplySolutionEvent(published), IsOk());
  ASSERT_THAT(repository_->ApplyRequestEvent(filed), IsOk());
  const auto contents = StoreContents();

  Reopen();
  EXPECT_EQ(*repository_->publishing_cursor(), 1);
  EXPECT_EQ(*repository_->adoption_cursor(), 1);
  // A follower that reconnects from an older cursor sees the events again.
  ASSERT_THAT(repository_->ApplySolutionEvent(published), IsOk());
  ASSERT_THAT(repository_->ApplyRequestEvent(filed), IsOk());
  EXPECT_EQ(StoreContents(), contents);

  // What happened while matching was down is applied after the restart.
  publishing_pb::WatchChangesResponse withdrawn = published;
  withdrawn.set_sequence(2);
  withdrawn.mutable_solution()->set_state(publishing_pb::SOLUTION_STATE_WITHDRAWN);
  ASSERT_THAT(repository_->ApplySolutionEvent(withdrawn), IsOk());
  EXPECT_EQ(*repository_->publishing_cursor(), 2);
  EXPECT_EQ(StoredMatch(kMatch)->state(), pb::MATCH_STATE_INACTIVE);
  // An old event replayed after a newer one changes nothing either.
  ASSERT_THAT(repository_->ApplySolutionEvent(published), IsOk());
  EXPECT_EQ(StoredMatch(kMatch)->state(), pb::MATCH_STATE_INACTIVE);
  EXPECT_EQ(repository_->engine().solution_count(), 0u);
}

TEST_F(MatchingRepositoryTest, ConnectedAdoptersAreCountedAndSurviveARestart) {
  Publish(JobbForst());
  File(DanishNeed());
  EXPECT_EQ(repository_->connected_adopters("solutions/jobbforst"), 0);
  Connect("aarhusneed-jobbforst");
  EXPECT_EQ(repository_->connected_adopters("solutions/jobbforst"), 1);
  Reopen();
  EXPECT_EQ(repository_->connected_adopters("solutions/jobbforst"), 1);
  Close(DanishNeed());
  EXPECT_EQ(repository_->connected_adopters("solutions/jobbforst"), 0);
}

TEST_F(MatchingRepositoryTest, RejectsEventsWithoutAResourceName) {
  publishing_pb::WatchChangesResponse event;
  event.set_sequence(1);
  EXPECT_FALSE(repository_->ApplySolutionEvent(event).ok());
  EXPECT_EQ(*repository_->publishing_cursor(), 0);
}

// A store whose writes fail while `failing` is set.
class FlakyStore final : public storage::ForwardingKvStore {
 public:
  absl::Status Write(const storage::WriteBatch& batch,
                     const storage::WriteOptions& options) override {
    if (failing) return absl::UnavailableError("disk on fire");
    return ForwardingKvStore::Write(batch, options);
  }

  std::atomic<bool> failing = false;
};

TEST(MatchingRepositoryFailureTest, AFailedCommitMovesNeitherCursorNorIndex) {
  FlakyStore store;
  FakeClock clock;
  auto repository =
      MatchingRepository::Open(&store, &clock, &testing::SharedAnalyzer(), testing::SharedLexicon())
          .value();
  publishing_pb::WatchChangesResponse event;
  event.set_sequence(1);
  *event.mutable_solution() = JobbForst();
  store.failing = true;
  EXPECT_FALSE(repository->ApplySolutionEvent(event).ok());
  EXPECT_EQ(*repository->publishing_cursor(), 0);
  EXPECT_EQ(repository->engine().solution_count(), 0u);

  store.failing = false;
  ASSERT_THAT(repository->ApplySolutionEvent(event), IsOk());
  EXPECT_EQ(*repository->publishing_cursor(), 1);
  EXPECT_EQ(repository->engine().solution_count(), 1u);
}

}  // namespace
}  // namespace corematch::matching
