// services/publishing/solution_validator.h
//
// What a well-formed solution is: every field checked, every problem named.
#ifndef COREMATCH_SERVICES_PUBLISHING_SOLUTION_VALIDATOR_H_
#define COREMATCH_SERVICES_PUBLISHING_SOLUTION_VALIDATOR_H_

#include "corematch/publishing/v1/publishing.pb.h"
#include "services/common/errors.h"

namespace corematch::publishing {

// The most a serialized solution may weigh: well above any real one, far
// below what would hurt the store.
inline constexpr size_t kMaxSolutionBytes = 512 * 1024;

// Adds a violation under "solution." for every bad field of `solution`'s
// writable content. Output-only fields are not looked at.
void ValidateSolution(const corematch::publishing::v1::Solution& solution,
                      FieldViolations& violations);

// Lower-cases language tags and trims list entries, so that filters and
// matching see one spelling.
void NormalizeSolution(corematch::publishing::v1::Solution& solution);

}  // namespace corematch::publishing

#endif  // COREMATCH_SERVICES_PUBLISHING_SOLUTION_VALIDATOR_H_
