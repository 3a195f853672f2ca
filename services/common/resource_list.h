// services/common/resource_list.h
//
// How services lay out a collection in their store and page through it
// (AIP-132, AIP-158):
//
//   {collection}/{id}                            → the resource, serialized
//   idx/{collection}/ctime/{micros, hex}/{id}    → "" (create-time order)
//
// ListResources walks the index in the requested order, hands each resource to
// `accept` (filter and visibility) and stops at a full page. A page may hold
// fewer than page_size resources when the scan budget runs out: the token then
// continues the scan, as AIP-158 allows.
#ifndef COREMATCH_SERVICES_COMMON_RESOURCE_LIST_H_
#define COREMATCH_SERVICES_COMMON_RESOURCE_LIST_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "storage/committer.h"
#include "storage/kv_store.h"

namespace corematch {

std::string ResourceKey(absl::string_view collection, absl::string_view id);
std::string CreateTimeIndexKey(absl::string_view collection, absl::Time create_time,
                               absl::string_view id);

// "" or "create_time" → ascending, "create_time desc" → descending; anything
// else is INVALID_ARGUMENT naming the supported orders.
absl::StatusOr<storage::ScanOrder> ParseOrderBy(absl::string_view order_by);

struct ListRequest {
  absl::string_view collection;
  storage::ScanOrder order = storage::ScanOrder::kAscending;
  // The index key the previous page ended at ("" for the first page).
  std::string start_after;
  int page_size = 50;
  // How many resources one page may examine before it returns early.
  int scan_budget = 100000;
};

struct ListPage {
  std::vector<std::string> resources;
  // The index key to continue after, or "" when the collection is exhausted.
  std::string next_start_after;
};

absl::StatusOr<ListPage> ListResources(storage::KvStore& store, const ListRequest& request,
                                       const std::function<bool(absl::string_view)>& accept);

}  // namespace corematch

#endif  // COREMATCH_SERVICES_COMMON_RESOURCE_LIST_H_
