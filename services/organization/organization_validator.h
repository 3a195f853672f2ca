// services/organization/organization_validator.h
//
// What a well-formed organisation is.
#ifndef COREMATCH_SERVICES_ORGANIZATION_ORGANIZATION_VALIDATOR_H_
#define COREMATCH_SERVICES_ORGANIZATION_ORGANIZATION_VALIDATOR_H_

#include "absl/strings/string_view.h"
#include "corematch/organization/v1/organization.pb.h"
#include "services/common/errors.h"

namespace corematch::organization {

// Adds a violation, under `prefix` (e.g. "organization"), for every bad field.
void ValidateOrganization(const corematch::organization::v1::Organization& organization,
                          absl::string_view prefix, FieldViolations& violations);

}  // namespace corematch::organization

#endif  // COREMATCH_SERVICES_ORGANIZATION_ORGANIZATION_VALIDATOR_H_
