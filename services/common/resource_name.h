// services/common/resource_name.h
//
// AIP-122 resource names: "{collection}/{id}", ids of lower-case letters,
// digits and '-', at most 63 characters.
#ifndef COREMATCH_SERVICES_COMMON_RESOURCE_NAME_H_
#define COREMATCH_SERVICES_COMMON_RESOURCE_NAME_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace corematch {

// The id of `name` in `collection`; INVALID_ARGUMENT naming `field` when
// `name` is not of the form "{collection}/{id}".
absl::StatusOr<std::string> ParseResourceName(absl::string_view name, absl::string_view collection,
                                              absl::string_view field);

// NOT_FOUND with reason `{RESOURCE}_NOT_FOUND` for `name`.
absl::Status NotFound(absl::string_view name);

}  // namespace corematch

#endif  // COREMATCH_SERVICES_COMMON_RESOURCE_NAME_H_
