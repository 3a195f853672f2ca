// services/matching/service/match_planner.h
//
// Works out what a change of a solution or a request does to the matches,
// then applies that inside a transaction. Ranking is the slow part, so it runs
// before the transaction (MatchPlanner::For*); the transaction only merges
// the outcome with what the sides said meanwhile (ExecutePlan), so stance
// changes committed in between are never lost.
//
//   request filed or edited  → its top kMatchesPerRequest solutions become or
//                              stay matches; the ones that fell out are
//                              dropped unless a side has taken a stance
//   solution published/edited→ for every open request it may fit (the
//                              engine's LikelyAdopters, with an estimate of
//                              the score the request's ranking would give it)
//                              and does not match yet: where the estimate
//                              comes near the request's kMatchesPerRequest-th
//                              stored score (or the request has fewer), the
//                              solution alone is scored and explained as the
//                              request's ranking would (MatchSolution), and it
//                              becomes a match if it beats that score,
//                              pushing out what falls below; one document
//                              scored per request, no ranking. The requests
//                              it already matches are ranked again (an edit
//                              can move it anywhere).
//   solution withdrawn,      → its matches become INACTIVE, kept for history
//   request closed or expired
//
// Callers serialise the planning and execution of feed events (the
// repository's apply lock), so the index keys a plan read are still those the
// transaction sees. Thread-compatible.
#ifndef COREMATCH_SERVICES_MATCHING_SERVICE_MATCH_PLANNER_H_
#define COREMATCH_SERVICES_MATCHING_SERVICE_MATCH_PLANNER_H_

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/matching/engine/matching_engine.h"
#include "services/matching/service/match_store.h"
#include "services/matching/service/record_conversion.h"
#include "storage/committer.h"
#include "storage/kv_store.h"

namespace corematch::matching {

struct MatchPlan {
  struct Upsert {
    adoption_pb::AdoptionRequest request;
    publishing_pb::Solution solution;
    double score = 0;
    pb::Explanation explanation;
  };
  std::vector<Upsert> upserts;
  // Match ids no longer ranked: dropped unless a side has taken a stance,
  // then kept (and active again if they were INACTIVE).
  std::vector<std::string> unranked;
  // Match ids to make INACTIVE, with this history action.
  std::vector<std::string> deactivate;
  std::string deactivate_action;
};

// Whether `request` is matched: open and not expired at `now`.
bool IsLive(const adoption_pb::AdoptionRequest& request, absl::Time now);

class MatchPlanner {
 public:
  // Neither is owned.
  MatchPlanner(storage::KvStore* store, MatchingEngine* engine) : store_(store), engine_(engine) {}

  // `request` is live and already in the engine.
  absl::StatusOr<MatchPlan> ForRequest(const adoption_pb::AdoptionRequest& request);
  // `solution` is published and already in the engine, analysed as
  // `document`; `quoted` is its record with its core terms
  // (MatchingEngine::CoreElementTerms), which every pair's explanation reads.
  absl::StatusOr<MatchPlan> ForSolution(const publishing_pb::Solution& solution,
                                        const SolutionRecord& quoted,
                                        const IndexedDocument& document, absl::Time now);
  // Every match under `prefix` (keys::ByRequestPrefix or BySolutionPrefix)
  // becomes INACTIVE with `action`; a solution's requests lose it from their
  // tops, so their entry scores fall to 0.
  absl::StatusOr<MatchPlan> Deactivation(absl::string_view prefix, bool by_request,
                                         absl::string_view parent_id, absl::string_view action);

 private:
  // `request`'s ranking with `solution` in the index: the solution's match
  // if it made the top, and the ids of every solution that did.
  struct PairRanking {
    std::optional<MatchPlan::Upsert> upsert;
    std::set<std::string> ranked_ids;
  };
  // `quoted` as for ForSolution.
  PairRanking RankPair(const adoption_pb::AdoptionRequest& request,
                       const publishing_pb::Solution& solution, const SolutionRecord& quoted);
  // `solution` (not matched with `candidate` yet) entering the request's top
  // kMatchesPerRequest:
  // its match, and the ids of the stored matches it pushes below the top;
  // nullopt when it does not enter or the request is not live at `now`.
  struct Entry {
    MatchPlan::Upsert upsert;
    std::vector<std::string> pushed_out;
  };
  absl::StatusOr<std::optional<Entry>> Enter(const MatchingEngine::AdopterCandidate& candidate,
                                             const publishing_pb::Solution& solution,
                                             const SolutionRecord& quoted, absl::Time now);

  storage::KvStore* const store_;
  // Planning reads the engine and tells it the requests' entry scores it
  // reads from the store (MatchingEngine::SetEntryScore).
  MatchingEngine* const engine_;
};

// Applies `plan` inside `txn` at `now`, merging with the stored matches. The
// explanations move from the plan into the matches: a plan is executed once.
absl::Status ExecutePlan(storage::Transaction& txn, MatchStore& matches, MatchPlan& plan,
                         absl::Time now);

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_SERVICE_MATCH_PLANNER_H_
