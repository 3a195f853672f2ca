// services/adoption/adoption_request_validator.h
//
// What a well-formed adoption request is: every writable field checked, every
// problem named under "adoption_request.", so a portal can point at the field.
//
//   AdoptionRequest request = create.adoption_request();
//   NormalizeAdoptionRequest(request);
//   FieldViolations violations;
//   ValidateAdoptionRequest(request, clock->Now(), violations);
//   RETURN_IF_ERROR(violations.ToStatus());
//
// Every function is pure and thread-safe.
#ifndef COREMATCH_SERVICES_ADOPTION_ADOPTION_REQUEST_VALIDATOR_H_
#define COREMATCH_SERVICES_ADOPTION_ADOPTION_REQUEST_VALIDATOR_H_

#include <cstddef>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "corematch/adoption/v1/adoption.pb.h"
#include "services/common/errors.h"

namespace corematch::adoption {

// The most a serialized request may weigh: well above any real need, far
// below what would hurt the store or the matching service that reads it.
inline constexpr size_t kMaxAdoptionRequestBytes = 512 * 1024;

// How far ahead a request may be set to expire: three years, a leap day
// included, so that "three years from today" is always accepted.
inline constexpr absl::Duration kMaxExpireAhead = absl::Hours(24 * (3 * 365 + 1));

// Adds a violation under "adoption_request." for every bad writable field of
// `request`. Output-only fields are not looked at. `now` is the injected
// clock's time, against which expire_time must lie in the future.
void ValidateAdoptionRequest(const corematch::adoption::v1::AdoptionRequest& request,
                             absl::Time now, FieldViolations& violations);

// Checks a context on its own, naming fields under `field` (e.g.
// "adoption_request.context"). The repository calls it again once it has
// filled the context from the organisation: a region given without a country
// must then fit the organisation's country.
void ValidateContext(const corematch::adoption::v1::Context& context, absl::string_view field,
                     FieldViolations& violations);

// Canonical case for language tags ("SV-se" → "sv-SE") and list entries
// trimmed of surrounding white space, so that filters and matching see one
// spelling. Safe on invalid input: what it cannot canonicalise it leaves as it
// is, so call it before ValidateAdoptionRequest and the errors still quote
// what the client sent.
void NormalizeAdoptionRequest(corematch::adoption::v1::AdoptionRequest& request);

}  // namespace corematch::adoption

#endif  // COREMATCH_SERVICES_ADOPTION_ADOPTION_REQUEST_VALIDATOR_H_
