#include "services/common/resource_name.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/errors.h"

namespace corematch {
namespace {

bool IsValidId(absl::string_view id) {
  if (id.empty() || id.size() > 63) return false;
  for (char c : id) {
    if (!absl::ascii_islower(static_cast<unsigned char>(c)) &&
        !absl::ascii_isdigit(static_cast<unsigned char>(c)) && c != '-') {
      return false;
    }
  }
  return true;
}

}  // namespace

absl::StatusOr<std::string> ParseResourceName(absl::string_view name, absl::string_view collection,
                                              absl::string_view field) {
  std::string prefix = absl::StrCat(collection, "/");
  if (absl::StartsWith(name, prefix) && IsValidId(name.substr(prefix.size()))) {
    return std::string(name.substr(prefix.size()));
  }
  FieldViolations violations;
  violations.Add(std::string(field),
                 absl::StrCat(name.empty() ? "required" : absl::StrCat("'", name, "' is malformed"),
                              "; expected a resource name like \"", collection, "/abc123\""));
  return violations.ToStatus("INVALID_RESOURCE_NAME");
}

absl::Status NotFound(absl::string_view name) {
  // "adoptionRequests/x" → ADOPTION_REQUEST_NOT_FOUND.
  absl::string_view collection = name.substr(0, name.find('/'));
  if (absl::EndsWith(collection, "s")) collection.remove_suffix(1);
  std::string reason;
  for (char c : collection) {
    if (absl::ascii_isupper(static_cast<unsigned char>(c))) reason.push_back('_');
    reason.push_back(absl::ascii_toupper(static_cast<unsigned char>(c)));
  }
  absl::StrAppend(&reason, "_NOT_FOUND");
  return MakeError(absl::StatusCode::kNotFound, reason, absl::StrCat(name, " does not exist"));
}

}  // namespace corematch
