// services/matching/service/match_visibility.h
//
// Who sees a match, and how much of it. The parties are the request's
// requester (the adopter side) and the solution's owner (the owner side);
// operators see everything; nobody else sees a match at all. What the owner
// sees depends on the request's visibility, as the adoption service decides
// it for the request itself:
//
//   visibility         the owner sees the match         and the requester's name
//   PUBLIC (or unset)  yes                              yes
//   ANONYMOUS          yes                              once the adopter is interested
//   PRIVATE            once the adopter is interested  once the adopter is interested
//
// A private request's match stays hidden from the owner until the requester
// itself reaches out by saying it is interested: until then the owner learns
// nothing, not even that the request exists; after that it must see the
// match to answer. Every read path goes through ViewMatch. Pure, thread-safe.
#ifndef COREMATCH_SERVICES_MATCHING_SERVICE_MATCH_VISIBILITY_H_
#define COREMATCH_SERVICES_MATCHING_SERVICE_MATCH_VISIBILITY_H_

#include <optional>
#include <string>

#include "services/common/auth.h"
#include "services/matching/service/match_state.h"
#include "services/matching/service/record_conversion.h"

namespace corematch::matching {

// What a match's visibility rules need to know of its two resources.
struct Parties {
  std::string requester;
  std::string owner;
  adoption_pb::Visibility visibility = adoption_pb::VISIBILITY_UNSPECIFIED;
};

Parties PartiesOf(const adoption_pb::AdoptionRequest& request,
                  const publishing_pb::Solution& solution);

// The sides `caller` speaks for; none for an operator key, which speaks for
// no organisation.
Sides SidesOf(const Caller& caller, const Parties& parties);

// What `caller` may see of `match`: std::nullopt when nothing.
std::optional<pb::Match> ViewMatch(const Caller& caller, const Parties& parties, pb::Match match);

// Whether a request of `visibility` is shown to organisations other than
// its requester (FindAdopters), and whether its requester is named.
bool RequestShownToOthers(adoption_pb::Visibility visibility);
bool RequesterShownToOthers(adoption_pb::Visibility visibility);

// A match's etag: its content without the requester's name (the
// adopter_organization, and the adopter side's actor in stance and history),
// so every view of it carries the same etag and the etag cannot be matched
// against organisations' names to unmask an anonymous requester. The
// explanation, most of a match's bytes and the same in every view, comes
// apart from the rest so that it need not be copied: `match` is the match
// without it (its etag field ignored).
std::string MatchEtag(const pb::Match& match, const pb::Explanation& explanation);

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_SERVICE_MATCH_VISIBILITY_H_
