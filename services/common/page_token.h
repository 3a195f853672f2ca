// services/common/page_token.h
//
// AIP-158 pagination: opaque, URL-safe page tokens. A token holds the storage
// key the previous page ended at and a fingerprint of the query; it grants
// nothing (every row is still filtered by what the caller may see) and a
// token used with a different filter or order is INVALID_ARGUMENT.
#ifndef COREMATCH_SERVICES_COMMON_PAGE_TOKEN_H_
#define COREMATCH_SERVICES_COMMON_PAGE_TOKEN_H_

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace corematch {

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 1000;

// 0 → default, above the maximum → the maximum, negative → INVALID_ARGUMENT.
absl::StatusOr<int> EffectivePageSize(int page_size);

// A fingerprint of the parts of a List request that must not change between
// pages (the filter, the order, the caller).
std::string QueryFingerprint(absl::string_view filter, absl::string_view order_by,
                             absl::string_view caller);

std::string EncodePageToken(absl::string_view last_key, absl::string_view fingerprint);

// Returns the last key of the previous page; "" for an empty token.
absl::StatusOr<std::string> DecodePageToken(absl::string_view token, absl::string_view fingerprint);

}  // namespace corematch

#endif  // COREMATCH_SERVICES_COMMON_PAGE_TOKEN_H_
