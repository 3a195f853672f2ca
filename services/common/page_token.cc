#include "services/common/page_token.h"

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/common/id_generator.h"

namespace corematch {
namespace {
constexpr size_t kFingerprintLength = 16;

absl::Status BadToken(absl::string_view why) {
  return MakeError(absl::StatusCode::kInvalidArgument, "INVALID_PAGE_TOKEN",
                   absl::StrCat("page_token: ", why,
                                "; pass the next_page_token of the previous response unchanged, "
                                "with the same filter and order_by"));
}
}  // namespace

absl::StatusOr<int> EffectivePageSize(int page_size) {
  if (page_size < 0) {
    FieldViolations violations;
    violations.Add("page_size", "must not be negative; 0 means the default of 50");
    return violations.ToStatus();
  }
  if (page_size == 0) return kDefaultPageSize;
  return page_size > kMaxPageSize ? kMaxPageSize : page_size;
}

std::string QueryFingerprint(absl::string_view filter, absl::string_view order_by,
                             absl::string_view caller) {
  return Sha256Hex(absl::StrCat(filter, "\n", order_by, "\n", caller))
      .substr(0, kFingerprintLength);
}

std::string EncodePageToken(absl::string_view last_key, absl::string_view fingerprint) {
  return absl::WebSafeBase64Escape(absl::StrCat(fingerprint, last_key));
}

absl::StatusOr<std::string> DecodePageToken(absl::string_view token,
                                            absl::string_view fingerprint) {
  if (token.empty()) return std::string();
  std::string raw;
  if (!absl::WebSafeBase64Unescape(token, &raw) || raw.size() <= kFingerprintLength) {
    return BadToken("not a token this server issued");
  }
  if (absl::string_view(raw).substr(0, kFingerprintLength) != fingerprint) {
    return BadToken("the query changed since this token was issued");
  }
  return raw.substr(kFingerprintLength);
}

}  // namespace corematch
