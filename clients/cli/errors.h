// clients/cli/errors.h
//
// How the CLI reports failures: its exit codes, and a failed gRPC call printed
// with the details the server put in the `grpc-status-details-bin` trailer
// (a google.rpc.Status carrying ErrorInfo, BadRequest, PreconditionFailure,
// RetryInfo):
//
//   error: INVALID_ARGUMENT: solution has 2 invalid fields
//     solution.title: required
//     solution.language: not a BCP 47 language tag
//     reason: FIELD_INVALID
//
// Pure and thread-safe.
#ifndef COREMATCH_CLIENTS_CLI_ERRORS_H_
#define COREMATCH_CLIENTS_CLI_ERRORS_H_

#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "grpcpp/support/status.h"

namespace corematch::cli {

// Exit codes of the `corematch` command.
inline constexpr int kExitOk = 0;
// Bad flags, an unreadable file, bad JSON: nothing was sent.
inline constexpr int kExitUsage = 1;
// The server answered a call with a non-OK status (or could not be reached).
inline constexpr int kExitServer = 2;

// The canonical name of `code`, e.g. "NOT_FOUND"; "UNKNOWN_CODE_<n>" for a
// number outside the canonical range.
std::string StatusCodeName(grpc::StatusCode code);

// The lines that describe the details of `status` (without indentation), in
// the order the server sent them: one "field: description" per BadRequest
// field violation, "reason: R" (and "domain: D", "metadata.k: v") per
// ErrorInfo, "precondition TYPE subject: description" per PreconditionFailure
// violation, "retry after: Ns" for RetryInfo. Empty if the trailer is absent or
// cannot be parsed.
std::vector<std::string> StatusDetailLines(const grpc::Status& status);

// The ErrorInfo reason of `status` (e.g. "MATCH_NOT_CONNECTED"); empty if it
// carries none.
std::string ErrorReason(const grpc::Status& status);

// Prints "error: CODE: message" and then each detail line indented by two
// spaces, each line ending in '\n'.
void PrintRpcError(const grpc::Status& status, std::ostream& err);

// `status` on one line, for summaries of many calls:
// "CODE: message (field: description; reason: R)".
std::string FormatRpcErrorLine(const grpc::Status& status);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_ERRORS_H_
