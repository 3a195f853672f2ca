// services/common/filter.h
//
// A subset of the AIP-160 filter language, enough for portals to narrow a
// List:
//
//   state = PUBLISHED AND sector = "10.5" AND (country = "SE" OR country = "DK")
//   NOT state = WITHDRAWN
//   tags:"employment"
//
// Restrictions are `field = value`, `field != value` and `field : value` (has);
// they combine with AND, OR (binding tighter than AND, as AIP-160 says), NOT
// and parentheses. Values are bare words or double-quoted strings, compared
// case-insensitively. A repeated field matches when any of its values does.
// Each service names the fields it supports; any other field is
// INVALID_ARGUMENT naming the supported ones.
#ifndef COREMATCH_SERVICES_COMMON_FILTER_H_
#define COREMATCH_SERVICES_COMMON_FILTER_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace corematch {

// Returns the values of a named field of the row being tested.
using FieldValues = std::function<std::vector<std::string>(absl::string_view field)>;

class Filter {
 public:
  // Parses `text`; an empty text matches everything.
  static absl::StatusOr<Filter> Parse(absl::string_view text,
                                      const std::vector<std::string>& allowed_fields);

  bool Matches(const FieldValues& values) const;

  struct Node;

 private:
  explicit Filter(std::shared_ptr<const Node> root) : root_(std::move(root)) {}
  std::shared_ptr<const Node> root_;
};

}  // namespace corematch

#endif  // COREMATCH_SERVICES_COMMON_FILTER_H_
