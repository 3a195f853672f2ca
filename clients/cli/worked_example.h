// clients/cli/worked_example.h
//
// A worked example (proto/corematch/demo/v1/worked_example.proto): read from
// its JSON file and checked for what the schema cannot say, so that a bad file
// is refused before anything is sent to a server.
//
//   absl::StatusOr<demo::v1::WorkedExample> example =
//       ReadWorkedExample("data/demo/jobb_forst_example.json", std::cin);
//
// Pure and thread-safe, except that reading "-" consumes `in`.
#ifndef COREMATCH_CLIENTS_CLI_WORKED_EXAMPLE_H_
#define COREMATCH_CLIENTS_CLI_WORKED_EXAMPLE_H_

#include <istream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "corematch/demo/v1/worked_example.pb.h"

namespace corematch::cli {

// Where `load example` finds the Jobb Först example when no file is given.
inline constexpr const char* kWorkedExampleFile = "data/demo/jobb_forst_example.json";

// Parses the file at `path` ("-" = `in`) and checks it. INVALID_ARGUMENT names
// the file and the field at fault.
absl::StatusOr<demo::v1::WorkedExample> ReadWorkedExample(absl::string_view path, std::istream& in);

// Checks what the schema cannot: every organisation key is set and unique,
// every key used names an organisation, an adoption adopts only from an
// earlier adoption that republishes, a stage to reach is set, an anchored
// adoption has effects, and only an anchored one republishes.
absl::Status CheckWorkedExample(const demo::v1::WorkedExample& example);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_WORKED_EXAMPLE_H_
