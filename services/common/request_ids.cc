#include "services/common/request_ids.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace corematch {
namespace {

std::string RequestKey(absl::string_view caller, absl::string_view method,
                       absl::string_view request_id) {
  return absl::StrCat("requestid/", caller, "/", method, "/", absl::AsciiStrToLower(request_id));
}

}  // namespace

bool IsUuid(absl::string_view text) {
  if (text.size() != 36) return false;
  for (size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !absl::ascii_isxdigit(static_cast<unsigned char>(text[i]))) {
      return false;
    }
  }
  return true;
}

void ValidateRequestId(absl::string_view request_id, absl::string_view field,
                       FieldViolations& violations) {
  if (!request_id.empty() && !IsUuid(request_id)) {
    violations.Add(std::string(field),
                   "must be a UUID such as 3f2b8c1e-7d4a-4e0b-9c55-2a1f0e6b7d90, or empty");
  }
}

absl::StatusOr<std::optional<std::string>> FindEarlierResponse(storage::Transaction& txn,
                                                               absl::string_view caller,
                                                               absl::string_view method,
                                                               absl::string_view request_id) {
  if (request_id.empty()) return std::nullopt;
  return txn.Get(RequestKey(caller, method, request_id));
}

void RememberResponse(storage::Transaction& txn, absl::string_view caller, absl::string_view method,
                      absl::string_view request_id, absl::string_view response) {
  if (request_id.empty()) return;
  txn.Put(RequestKey(caller, method, request_id), response);
}

}  // namespace corematch
