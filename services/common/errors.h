// services/common/errors.h
//
// Builders for the errors corematch returns. A status carries, as payloads,
// the google.rpc details AIP-193 asks for: an ErrorInfo with an UPPER_SNAKE
// reason always, a BadRequest naming each bad field for INVALID_ARGUMENT.
// ToGrpcStatus (grpc_status.h) turns them into the gRPC status details at the
// service edge.
//
//   FieldViolations violations;
//   if (solution.title().empty()) violations.Add("solution.title", "required; at most 200
//   characters"); RETURN_IF_ERROR(violations.ToStatus());
#ifndef COREMATCH_SERVICES_COMMON_ERRORS_H_
#define COREMATCH_SERVICES_COMMON_ERRORS_H_

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace corematch {

// The ErrorInfo domain of every corematch error.
inline constexpr absl::string_view kErrorDomain = "corematch.dev";

// Returns a status of `code` whose ErrorInfo carries `reason`.
absl::Status MakeError(absl::StatusCode code, absl::string_view reason, absl::string_view message);

// The ErrorInfo reason attached to `status`, or "" if none.
std::string ErrorReason(const absl::Status& status);

// Collects the bad fields of a request, then becomes one INVALID_ARGUMENT.
class FieldViolations {
 public:
  // `field` is a path such as "solution.core_elements[2].title"; `description`
  // says what is wrong and what is expected.
  void Add(std::string field, std::string description) {
    violations_.emplace_back(std::move(field), std::move(description));
  }
  bool empty() const { return violations_.empty(); }
  const std::vector<std::pair<std::string, std::string>>& violations() const { return violations_; }

  // OK when nothing was added; otherwise INVALID_ARGUMENT whose message names
  // the first bad fields, with a BadRequest listing all of them.
  absl::Status ToStatus(absl::string_view reason = "INVALID_FIELDS") const;

 private:
  std::vector<std::pair<std::string, std::string>> violations_;
};

}  // namespace corematch

#endif  // COREMATCH_SERVICES_COMMON_ERRORS_H_
