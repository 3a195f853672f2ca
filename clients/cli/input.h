// clients/cli/input.h
//
// What the CLI reads from its user: files (or stdin for "-"), protobuf JSON,
// resource names given with or without their collection, and field masks.
// Failures are INVALID_ARGUMENT with a message fit to print after "error: ",
// and make the command exit with kExitUsage.
//
// Pure and thread-safe, except that ReadInput("-") consumes `in`.
#ifndef COREMATCH_CLIENTS_CLI_INPUT_H_
#define COREMATCH_CLIENTS_CLI_INPUT_H_

#include <istream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/message.h"

namespace corematch::cli {

// The whole contents of the file at `path`, or of `in` if `path` is "-".
absl::StatusOr<std::string> ReadInput(absl::string_view path, std::istream& in);

// Parses `json` (protobuf JSON mapping: lowerCamelCase or proto field names,
// enum names or numbers) into `message`, which is cleared first. Unknown
// fields are an error; `source` names the input in the message ("patch.json").
absl::Status ParseJsonMessage(absl::string_view json, absl::string_view source,
                              google::protobuf::Message* message);

// ReadInput and ParseJsonMessage together.
absl::Status ReadJsonMessage(absl::string_view path, std::istream& in,
                             google::protobuf::Message* message);

// "solutions/abc" for ("solutions", "abc") and for ("solutions", "solutions/abc").
std::string ResourceName(absl::string_view collection, absl::string_view name_or_id);

// A field mask from comma-separated paths; lowerCamelCase paths become
// snake_case ("coreElements,title" -> core_elements, title). "*" stays "*".
google::protobuf::FieldMask ParseFieldMask(absl::string_view paths);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_INPUT_H_
