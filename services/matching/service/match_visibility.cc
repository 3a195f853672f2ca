#include "services/matching/service/match_visibility.h"

#include <utility>

#include "services/common/etag.h"

namespace corematch::matching {
namespace {

// Removes the requester's name wherever the adopter side left it: a decline
// must not unmask an anonymous requester either.
void HideRequester(pb::Match& match, const std::string& requester) {
  match.clear_adopter_organization();
  match.mutable_adopter()->clear_actor();
  for (pb::MatchEvent& event : *match.mutable_history()) {
    if (event.actor() == requester) event.clear_actor();
  }
}

}  // namespace

Parties PartiesOf(const adoption_pb::AdoptionRequest& request,
                  const publishing_pb::Solution& solution) {
  return Parties{request.requester(), solution.owner(), request.visibility()};
}

Sides SidesOf(const Caller& caller, const Parties& parties) {
  Sides sides;
  if (caller.is_operator || caller.organization.empty()) return sides;
  sides.adopter = caller.organization == parties.requester;
  sides.owner = caller.organization == parties.owner;
  return sides;
}

bool RequestShownToOthers(adoption_pb::Visibility visibility) {
  return visibility == adoption_pb::VISIBILITY_UNSPECIFIED ||
         visibility == adoption_pb::VISIBILITY_PUBLIC ||
         visibility == adoption_pb::VISIBILITY_ANONYMOUS;
}

bool RequesterShownToOthers(adoption_pb::Visibility visibility) {
  return visibility == adoption_pb::VISIBILITY_UNSPECIFIED ||
         visibility == adoption_pb::VISIBILITY_PUBLIC;
}

std::optional<pb::Match> ViewMatch(const Caller& caller, const Parties& parties, pb::Match match) {
  const Sides sides = SidesOf(caller, parties);
  if (caller.is_operator || sides.adopter) return match;
  if (!sides.owner) return std::nullopt;
  const bool adopter_interested = match.adopter().interest() == pb::INTEREST_INTERESTED;
  if (!RequestShownToOthers(parties.visibility) && !adopter_interested) return std::nullopt;
  if (!RequesterShownToOthers(parties.visibility) && !adopter_interested) {
    HideRequester(match, parties.requester);
  }
  return match;
}

std::string MatchEtag(const pb::Match& match, const pb::Explanation& explanation) {
  pb::Match hashed = match;
  hashed.clear_etag();
  hashed.clear_explanation();
  HideRequester(hashed, match.adopter_organization());
  return ComputeEtagOfParts({&hashed, &explanation});
}

}  // namespace corematch::matching
