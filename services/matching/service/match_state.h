// services/matching/service/match_state.h
//
// The life of a match, as pure functions on the Match proto:
//
//   found ──▶ PROPOSED ──both sides interested──▶ CONNECTED
//                │  ▲                                 │
//      a side    │  │ the side that declined says     │ a side
//      declines  ▼  │ interested again                ▼ declines
//             DECLINED ◀──────────────────────────────┘
//
//   any of them ──solution withdrawn, request closed or expired──▶ INACTIVE
//
// The state follows from the two sides' stances while the match is active;
// INACTIVE is kept for history and no side may act on it. Every step is
// appended to the history with actor and time. Thread-compatible.
#ifndef COREMATCH_SERVICES_MATCHING_SERVICE_MATCH_STATE_H_
#define COREMATCH_SERVICES_MATCHING_SERVICE_MATCH_STATE_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/matching/service/record_conversion.h"

namespace corematch::matching {

// The actor of steps matching takes on its own (found, rescored, inactive).
inline constexpr absl::string_view kMatchingActor = "matching";
// A rescore smaller than this is applied silently, without a history entry.
inline constexpr double kRescoreThreshold = 0.01;

// History actions.
inline constexpr absl::string_view kActionProposed = "PROPOSED";
inline constexpr absl::string_view kActionRescored = "RESCORED";
inline constexpr absl::string_view kActionConnected = "CONNECTED";
inline constexpr absl::string_view kActionReactivated = "REACTIVATED";
inline constexpr absl::string_view kActionDropped = "DROPPED";
inline constexpr absl::string_view kActionSolutionWithdrawn = "SOLUTION_WITHDRAWN";
inline constexpr absl::string_view kActionRequestClosed = "REQUEST_CLOSED";
inline constexpr absl::string_view kActionRequestExpired = "REQUEST_EXPIRED";

// The sides an organisation speaks for on a match: the requester is the
// adopter, the solution's owner the owner (an organisation can be both).
struct Sides {
  bool adopter = false;
  bool owner = false;
  bool any() const { return adopter || owner; }
};

// "{request_id}-{solution_id}": deterministic, so a pair has one match.
std::string MatchId(absl::string_view request_id, absl::string_view solution_id);
// "matches/{request_id}-{solution_id}".
std::string MatchName(absl::string_view request_id, absl::string_view solution_id);

// The state an active match's stances give.
pb::MatchState StateFromStances(const pb::Match& match);
// Whether either side has said anything.
bool HasStance(const pb::Match& match);

// A newly found match, PROPOSED, with a "PROPOSED" history entry.
pb::Match NewMatch(const adoption_pb::AdoptionRequest& request,
                   const publishing_pb::Solution& solution, double score,
                   pb::Explanation explanation, absl::Time now);

// Brings a match up to date with a new ranking: score, explanation, titles
// and requester. Adds "RESCORED" when the score moved by more than
// kRescoreThreshold, and reactivates an INACTIVE match ("REACTIVATED").
// Returns whether anything changed.
bool Refresh(pb::Match& match, const adoption_pb::AdoptionRequest& request,
             const publishing_pb::Solution& solution, double score, pb::Explanation explanation,
             absl::Time now);

// Reactivates an INACTIVE match with its state from the stances; false when
// it was active.
bool Reactivate(pb::Match& match, absl::Time now);

// Makes the match INACTIVE with `action` in its history; false when it
// already was.
bool Deactivate(pb::Match& match, absl::string_view action, absl::Time now);

// Records `interest` for each side in `sides`, then the resulting state
// ("CONNECTED" in the history when both became interested). Repeating a
// side's current stance changes nothing. FAILED_PRECONDITION for an INACTIVE
// match. Returns whether anything changed.
absl::StatusOr<bool> SetStance(pb::Match& match, Sides sides, pb::Interest interest,
                               absl::string_view actor, absl::string_view note, absl::Time now);

// Appends a step to the history.
void AddHistory(pb::Match& match, absl::string_view action, absl::string_view actor,
                absl::Time now);

// The short name of a state: "PROPOSED", "CONNECTED", ...
std::string StateName(pb::MatchState state);

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_SERVICE_MATCH_STATE_H_
