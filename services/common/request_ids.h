// services/common/request_ids.h
//
// AIP-155 request ids: a client may send a UUID with a Create or a state
// change; a retry with the same id returns the first response and writes
// nothing twice. The first response is stored in the same transaction as the
// change it answered.
#ifndef COREMATCH_SERVICES_COMMON_REQUEST_IDS_H_
#define COREMATCH_SERVICES_COMMON_REQUEST_IDS_H_

#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/common/errors.h"
#include "storage/committer.h"

namespace corematch {

// True for a UUID in its canonical 8-4-4-4-12 hex form.
bool IsUuid(absl::string_view text);

// Adds a violation for `field` when `request_id` is set but not a UUID.
void ValidateRequestId(absl::string_view request_id, absl::string_view field,
                       FieldViolations& violations);

// The stored response of an earlier call by `caller` with `request_id`, if any.
// `method` keeps ids of different methods apart.
absl::StatusOr<std::optional<std::string>> FindEarlierResponse(storage::Transaction& txn,
                                                               absl::string_view caller,
                                                               absl::string_view method,
                                                               absl::string_view request_id);

// Stores `response` as the answer to `request_id`; does nothing for an empty id.
void RememberResponse(storage::Transaction& txn, absl::string_view caller, absl::string_view method,
                      absl::string_view request_id, absl::string_view response);

}  // namespace corematch

#endif  // COREMATCH_SERVICES_COMMON_REQUEST_IDS_H_
