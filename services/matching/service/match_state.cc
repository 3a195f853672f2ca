#include "services/matching/service/match_state.h"

#include <cmath>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "google/protobuf/util/message_differencer.h"
#include "services/common/errors.h"
#include "services/common/proto_time.h"

namespace corematch::matching {

void AddHistory(pb::Match& match, absl::string_view action, absl::string_view actor,
                absl::Time now) {
  pb::MatchEvent* event = match.add_history();
  event->set_action(action.data(), action.size());
  event->set_actor(actor.data(), actor.size());
  *event->mutable_time() = ToProtoTime(now);
}

namespace {

absl::string_view InterestName(pb::Interest interest) {
  return interest == pb::INTEREST_INTERESTED ? "INTERESTED" : "DECLINED";
}

// Sets one side's stance; false when it already was `interest`.
bool SetSide(pb::SideStance& stance, absl::string_view side, pb::Match& match,
             pb::Interest interest, absl::string_view actor, absl::string_view note,
             absl::Time now) {
  if (stance.interest() == interest) return false;
  stance.set_interest(interest);
  stance.set_actor(actor.data(), actor.size());
  stance.set_note(note.data(), note.size());
  *stance.mutable_time() = ToProtoTime(now);
  AddHistory(match, absl::StrCat(side, "_", InterestName(interest)), actor, now);
  return true;
}

void CopyParties(pb::Match& match, const adoption_pb::AdoptionRequest& request,
                 const publishing_pb::Solution& solution) {
  match.set_adoption_request(request.name());
  match.set_solution(solution.name());
  match.set_adoption_request_title(request.title());
  match.set_solution_title(solution.title());
  // Stored whole; views decide who may see it (match_visibility.h).
  match.set_adopter_organization(request.requester());
}

}  // namespace

std::string MatchId(absl::string_view request_id, absl::string_view solution_id) {
  return absl::StrCat(request_id, "-", solution_id);
}

std::string MatchName(absl::string_view request_id, absl::string_view solution_id) {
  return absl::StrCat("matches/", MatchId(request_id, solution_id));
}

std::string StateName(pb::MatchState state) {
  const std::string& full = pb::MatchState_Name(state);
  return absl::StartsWith(full, "MATCH_STATE_") ? full.substr(12) : full;
}

pb::MatchState StateFromStances(const pb::Match& match) {
  const pb::Interest adopter = match.adopter().interest();
  const pb::Interest owner = match.owner().interest();
  if (adopter == pb::INTEREST_DECLINED || owner == pb::INTEREST_DECLINED) {
    return pb::MATCH_STATE_DECLINED;
  }
  if (adopter == pb::INTEREST_INTERESTED && owner == pb::INTEREST_INTERESTED) {
    return pb::MATCH_STATE_CONNECTED;
  }
  return pb::MATCH_STATE_PROPOSED;
}

bool HasStance(const pb::Match& match) {
  return match.adopter().interest() != pb::INTEREST_UNSPECIFIED ||
         match.owner().interest() != pb::INTEREST_UNSPECIFIED;
}

pb::Match NewMatch(const adoption_pb::AdoptionRequest& request,
                   const publishing_pb::Solution& solution, double score,
                   pb::Explanation explanation, absl::Time now) {
  pb::Match match;
  match.set_name(MatchName(IdOf(request.name()), IdOf(solution.name())));
  CopyParties(match, request, solution);
  match.set_score(score);
  *match.mutable_explanation() = std::move(explanation);
  match.set_state(pb::MATCH_STATE_PROPOSED);
  *match.mutable_create_time() = ToProtoTime(now);
  *match.mutable_update_time() = ToProtoTime(now);
  AddHistory(match, kActionProposed, kMatchingActor, now);
  return match;
}

bool Refresh(pb::Match& match, const adoption_pb::AdoptionRequest& request,
             const publishing_pb::Solution& solution, double score, pb::Explanation explanation,
             absl::Time now) {
  const pb::Match before = match;
  CopyParties(match, request, solution);
  const bool rescored = std::abs(score - match.score()) > kRescoreThreshold;
  match.set_score(score);
  *match.mutable_explanation() = std::move(explanation);
  if (rescored) AddHistory(match, kActionRescored, kMatchingActor, now);
  Reactivate(match, now);
  if (google::protobuf::util::MessageDifferencer::Equals(before, match)) return false;
  *match.mutable_update_time() = ToProtoTime(now);
  return true;
}

bool Reactivate(pb::Match& match, absl::Time now) {
  if (match.state() != pb::MATCH_STATE_INACTIVE) return false;
  match.set_state(StateFromStances(match));
  AddHistory(match, kActionReactivated, kMatchingActor, now);
  *match.mutable_update_time() = ToProtoTime(now);
  return true;
}

bool Deactivate(pb::Match& match, absl::string_view action, absl::Time now) {
  if (match.state() == pb::MATCH_STATE_INACTIVE) return false;
  match.set_state(pb::MATCH_STATE_INACTIVE);
  AddHistory(match, action, kMatchingActor, now);
  *match.mutable_update_time() = ToProtoTime(now);
  return true;
}

absl::StatusOr<bool> SetStance(pb::Match& match, Sides sides, pb::Interest interest,
                               absl::string_view actor, absl::string_view note, absl::Time now) {
  if (match.state() == pb::MATCH_STATE_INACTIVE) {
    return MakeError(absl::StatusCode::kFailedPrecondition, "MATCH_INACTIVE",
                     absl::StrCat(match.name(),
                                  " is inactive: its solution was withdrawn or its request closed "
                                  "or expired"));
  }
  bool changed = false;
  if (sides.adopter) {
    changed |= SetSide(*match.mutable_adopter(), "ADOPTER", match, interest, actor, note, now);
  }
  if (sides.owner) {
    changed |= SetSide(*match.mutable_owner(), "OWNER", match, interest, actor, note, now);
  }
  if (!changed) return false;
  const pb::MatchState state = StateFromStances(match);
  if (state == pb::MATCH_STATE_CONNECTED && match.state() != pb::MATCH_STATE_CONNECTED) {
    AddHistory(match, kActionConnected, actor, now);
  }
  match.set_state(state);
  *match.mutable_update_time() = ToProtoTime(now);
  return true;
}

}  // namespace corematch::matching
