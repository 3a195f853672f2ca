// clients/cli/enum_names.h
//
// Enum values as users type and read them: without the enum's prefix, which
// our protos put on every value (AIP-126 and buf's ENUM_VALUE_PREFIX):
// SOLUTION_STATE_PUBLISHED <-> "PUBLISHED", flags accept "published".
//
// Pure and thread-safe.
#ifndef COREMATCH_CLIENTS_CLI_ENUM_NAMES_H_
#define COREMATCH_CLIENTS_CLI_ENUM_NAMES_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/descriptor.h"

namespace corematch::cli {

// "SolutionState" -> "SOLUTION_STATE_".
std::string EnumValuePrefix(absl::string_view enum_name);

// PUBLISHED for SOLUTION_STATE_PUBLISHED; "" for the zero (unspecified) value.
std::string EnumShortName(const google::protobuf::EnumValueDescriptor& value);

// The number of the value of `type` named `name`, with or without prefix, in
// any case ("published", "SOLUTION_STATE_PUBLISHED"). nullopt if none, or if
// it is the zero value.
std::optional<int> ParseEnumName(const google::protobuf::EnumDescriptor& type,
                                 absl::string_view name);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_ENUM_NAMES_H_
