#include "services/adoption/visibility.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/common/etag.h"
#include "services/common/resource_name.h"

namespace corematch::adoption {

std::optional<v1::AdoptionRequest> ViewFor(const Caller& caller, v1::AdoptionRequest request) {
  if (caller.CanModify(request.requester())) return request;
  switch (request.visibility()) {
    case v1::VISIBILITY_UNSPECIFIED:
    case v1::VISIBILITY_PUBLIC:
      return request;
    case v1::VISIBILITY_ANONYMOUS:
      request.clear_requester();
      request.set_etag(ComputeEtag(request));
      return request;
    default:
      // PRIVATE, and any value a newer writer might store: fail closed.
      return std::nullopt;
  }
}

absl::Status CheckMayChange(const Caller& caller, const v1::AdoptionRequest& request) {
  if (caller.CanModify(request.requester())) return absl::OkStatus();
  if (!ViewFor(caller, request).has_value()) return NotFound(request.name());
  return MakeError(absl::StatusCode::kPermissionDenied, "NOT_REQUESTER",
                   absl::StrCat(request.name(),
                                " was filed by another organization; only its requester or an "
                                "operator may change it"));
}

}  // namespace corematch::adoption
