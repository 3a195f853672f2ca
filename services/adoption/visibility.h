// services/adoption/visibility.h
//
// Who sees which adoption request, and how much of it. A request's requester
// and operators see it whole; everyone else sees it as its visibility says:
//
//   PUBLIC (or unset)  whole
//   ANONYMOUS          without `requester`; kind and context stay, so that
//                      others can judge whether the need resembles theirs
//   PRIVATE            not at all, not even that it exists
//
// Every read path (Get, List and its filter) goes through ViewFor, so there is
// one place that decides. Pure and thread-safe.
#ifndef COREMATCH_SERVICES_ADOPTION_VISIBILITY_H_
#define COREMATCH_SERVICES_ADOPTION_VISIBILITY_H_

#include <optional>

#include "absl/status/status.h"
#include "corematch/adoption/v1/adoption.pb.h"
#include "services/common/auth.h"

namespace corematch::adoption {

// What `caller` may see of `request`: std::nullopt when nothing. An
// anonymised view carries an etag of its own, since the stored one hashes the
// requester and could be matched against every organisation's name.
std::optional<corematch::adoption::v1::AdoptionRequest> ViewFor(
    const Caller& caller, corematch::adoption::v1::AdoptionRequest request);

// OK when `caller` may change `request` (its requester or an operator).
// Otherwise NOT_FOUND when the caller may not even see it, as Get answers,
// else PERMISSION_DENIED without naming the requester, who may be anonymous.
absl::Status CheckMayChange(const Caller& caller,
                            const corematch::adoption::v1::AdoptionRequest& request);

}  // namespace corematch::adoption

#endif  // COREMATCH_SERVICES_ADOPTION_VISIBILITY_H_
