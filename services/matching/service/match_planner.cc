#include "services/matching/service/match_planner.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <set>
#include <utility>

#include "services/common/proto_time.h"
#include "services/matching/service/fetched_solutions.h"
#include "services/matching/service/match_state.h"

namespace corematch::matching {
namespace {

// How many of the open requests likeliest to take a published solution
// (LikelyAdopters) are checked against their stored 20th match. The engine
// bench (docs/benchmarks.md, "reach") finds the requests a new solution
// enters spread deep in that order: at 100,000 open requests nine in ten lie
// within its first 1,200, the deepest found at 3,299.
constexpr size_t kAdopterCandidates = 4000;

// Fetches `solution`'s text and no other: only its explanation is kept.
SolutionFetcher OnlyThis(const SolutionRecord& solution) {
  return FetchEach([&solution](absl::string_view name) -> std::optional<SolutionRecord> {
    if (name == solution.name) return solution;
    return std::nullopt;
  });
}

}  // namespace

bool IsLive(const adoption_pb::AdoptionRequest& request, absl::Time now) {
  if (request.state() != adoption_pb::ADOPTION_REQUEST_STATE_OPEN) return false;
  return !request.has_expire_time() || FromProtoTime(request.expire_time()) > now;
}

absl::StatusOr<MatchPlan> MatchPlanner::ForRequest(const adoption_pb::AdoptionRequest& request) {
  const std::string request_id(IdOf(request.name()));
  FetchedSolutions fetched(store_);
  const std::vector<RankedSolution> ranked =
      engine_->Match(NeedQueryFor(request), fetched.Fetcher());
  MatchPlan plan;
  std::set<std::string> ranked_ids;
  for (const RankedSolution& r : ranked) {
    const std::string solution_id(IdOf(r.name));
    ASSIGN_OR_RETURN(const publishing_pb::Solution* solution, fetched.Find(solution_id));
    if (solution == nullptr) continue;
    ranked_ids.insert(solution_id);
    plan.upserts.push_back({request, *solution, r.score, ToProtoExplanation(r.explanation)});
  }
  ASSIGN_OR_RETURN(std::vector<std::string> existing,
                   ScanIds(*store_, keys::ByRequestPrefix(request_id)));
  for (const std::string& solution_id : existing) {
    if (ranked_ids.contains(solution_id)) continue;
    ASSIGN_OR_RETURN(std::optional<publishing_pb::Solution> solution,
                     LoadProto<publishing_pb::Solution>(*store_, keys::Solution(solution_id)));
    // A withdrawn solution's matches stay INACTIVE, as they are.
    if (!solution.has_value() || solution->state() != publishing_pb::SOLUTION_STATE_PUBLISHED) {
      continue;
    }
    plan.unranked.push_back(MatchId(request_id, solution_id));
  }
  return plan;
}

MatchPlanner::PairRanking MatchPlanner::RankPair(const adoption_pb::AdoptionRequest& request,
                                                 const publishing_pb::Solution& solution,
                                                 const SolutionRecord& quoted) {
  PairRanking ranking;
  for (const RankedSolution& r : engine_->Match(NeedQueryFor(request), OnlyThis(quoted))) {
    ranking.ranked_ids.emplace(IdOf(r.name));
    if (r.name != solution.name()) continue;
    ranking.upsert =
        MatchPlan::Upsert{request, solution, r.score, ToProtoExplanation(r.explanation)};
  }
  return ranking;
}

absl::StatusOr<std::optional<MatchPlanner::Entry>> MatchPlanner::Enter(
    const MatchingEngine::AdopterCandidate& candidate, const publishing_pb::Solution& solution,
    const SolutionRecord& quoted, absl::Time now) {
  const std::string request_id(IdOf(candidate.name));
  ASSIGN_OR_RETURN(std::vector<StoredRank> stored, ScanActiveRanks(*store_, request_id));
  std::sort(stored.begin(), stored.end(),
            [](const StoredRank& a, const StoredRank& b) { return a.score > b.score; });
  const size_t last = kMatchesPerRequest - 1;
  const bool full = stored.size() > last;
  // Entering only raises it, so it stays a floor until a top shrinks.
  engine_->SetEntryScore(candidate.name, full ? stored[last].score : 0.0);
  // Candidates whose entry score the engine did not know yet stop here, on
  // two numbers: only those the estimate puts near the top are loaded and
  // scored.
  if (full && candidate.estimate + MatchingEngine::kEstimateMargin < stored[last].score) {
    return std::nullopt;
  }
  ASSIGN_OR_RETURN(std::optional<adoption_pb::AdoptionRequest> request,
                   LoadProto<adoption_pb::AdoptionRequest>(*store_, keys::Request(request_id)));
  if (!request.has_value() || !IsLive(*request, now)) return std::nullopt;
  std::optional<RankedSolution> ranked =
      engine_->MatchSolution(NeedQueryFor(*request), solution.name(), OnlyThis(quoted));
  if (!ranked.has_value()) return std::nullopt;
  if (full && ranked->score <= stored[last].score) return std::nullopt;
  Entry entry{
      {*std::move(request), solution, ranked->score, ToProtoExplanation(ranked->explanation)}, {}};
  for (size_t i = last; i < stored.size(); ++i) {
    entry.pushed_out.push_back(MatchId(request_id, stored[i].solution_id));
  }
  return entry;
}

absl::StatusOr<MatchPlan> MatchPlanner::ForSolution(const publishing_pb::Solution& solution,
                                                    const SolutionRecord& quoted,
                                                    const IndexedDocument& document,
                                                    absl::Time now) {
  const std::string solution_id(IdOf(solution.name()));
  ASSIGN_OR_RETURN(std::vector<std::string> existing,
                   ScanIds(*store_, keys::BySolutionPrefix(solution_id)));
  const std::set<std::string> matched(existing.begin(), existing.end());
  MatchPlan plan;
  for (const MatchingEngine::AdopterCandidate& candidate :
       engine_->LikelyAdopters(solution.name(), document, kAdopterCandidates)) {
    if (matched.contains(std::string(IdOf(candidate.name)))) continue;
    ASSIGN_OR_RETURN(std::optional<Entry> entry, Enter(candidate, solution, quoted, now));
    if (!entry.has_value()) continue;
    plan.upserts.push_back(std::move(entry->upsert));
    for (std::string& id : entry->pushed_out) plan.unranked.push_back(std::move(id));
  }
  // The requests it already matches are ranked again: an edit can move it
  // anywhere, down or out of their tops too.
  for (const std::string& request_id : matched) {
    engine_->SetEntryScore(RequestName(request_id), 0.0);
    ASSIGN_OR_RETURN(std::optional<adoption_pb::AdoptionRequest> request,
                     LoadProto<adoption_pb::AdoptionRequest>(*store_, keys::Request(request_id)));
    if (!request.has_value() || !IsLive(*request, now)) continue;
    PairRanking ranking = RankPair(*request, solution, quoted);
    if (!ranking.upsert.has_value()) {
      plan.unranked.push_back(MatchId(request_id, solution_id));
      continue;
    }
    plan.upserts.push_back(*std::move(ranking.upsert));
    // The solution entered the request's top: what it pushed out leaves the
    // request's matches, as when the request itself is re-ranked.
    ASSIGN_OR_RETURN(std::vector<std::string> others,
                     ScanIds(*store_, keys::ByRequestPrefix(request_id)));
    for (const std::string& other : others) {
      if (other == solution_id || ranking.ranked_ids.contains(other)) continue;
      ASSIGN_OR_RETURN(std::optional<publishing_pb::Solution> pushed_out,
                       LoadProto<publishing_pb::Solution>(*store_, keys::Solution(other)));
      // A withdrawn solution's matches stay INACTIVE, as they are.
      if (pushed_out.has_value() &&
          pushed_out->state() == publishing_pb::SOLUTION_STATE_PUBLISHED) {
        plan.unranked.push_back(MatchId(request_id, other));
      }
    }
  }
  return plan;
}

absl::StatusOr<MatchPlan> MatchPlanner::Deactivation(absl::string_view prefix, bool by_request,
                                                     absl::string_view parent_id,
                                                     absl::string_view action) {
  ASSIGN_OR_RETURN(std::vector<std::string> others, ScanIds(*store_, prefix));
  MatchPlan plan;
  plan.deactivate_action = std::string(action);
  for (const std::string& other : others) {
    plan.deactivate.push_back(by_request ? MatchId(parent_id, other) : MatchId(other, parent_id));
    if (!by_request) engine_->SetEntryScore(RequestName(other), 0.0);
  }
  return plan;
}

absl::Status ExecutePlan(storage::Transaction& txn, MatchStore& matches, MatchPlan& plan,
                         absl::Time now) {
  for (MatchPlan::Upsert& u : plan.upserts) {
    const std::string id = MatchId(IdOf(u.request.name()), IdOf(u.solution.name()));
    ASSIGN_OR_RETURN(std::optional<pb::Match> match, MatchStore::Load(txn, id));
    if (!match.has_value()) {
      pb::Match created = NewMatch(u.request, u.solution, u.score, std::move(u.explanation), now);
      RETURN_IF_ERROR(matches.Save(txn, created, pb::CHANGE_TYPE_CREATED, now));
    } else if (Refresh(*match, u.request, u.solution, u.score, std::move(u.explanation), now)) {
      RETURN_IF_ERROR(matches.Save(txn, *match, pb::CHANGE_TYPE_UPDATED, now));
    }
  }
  for (const std::string& id : plan.unranked) {
    ASSIGN_OR_RETURN(std::optional<pb::Match> match, MatchStore::Load(txn, id));
    if (!match.has_value()) continue;
    if (!HasStance(*match)) {
      RETURN_IF_ERROR(matches.Drop(txn, *std::move(match), now));
    } else if (Reactivate(*match, now)) {
      RETURN_IF_ERROR(matches.Save(txn, *match, pb::CHANGE_TYPE_UPDATED, now));
    }
  }
  for (const std::string& id : plan.deactivate) {
    ASSIGN_OR_RETURN(std::optional<pb::Match> match, MatchStore::Load(txn, id));
    if (match.has_value() && Deactivate(*match, plan.deactivate_action, now)) {
      RETURN_IF_ERROR(matches.Save(txn, *match, pb::CHANGE_TYPE_UPDATED, now));
    }
  }
  return absl::OkStatus();
}

}  // namespace corematch::matching
