#include "services/common/resource_list.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"

namespace corematch {

std::string ResourceKey(absl::string_view collection, absl::string_view id) {
  return absl::StrCat(collection, "/", id);
}

std::string CreateTimeIndexKey(absl::string_view collection, absl::Time create_time,
                               absl::string_view id) {
  return absl::StrFormat("idx/%s/ctime/%016x/%s", collection,
                         static_cast<uint64_t>(absl::ToUnixMicros(create_time)), id);
}

absl::StatusOr<storage::ScanOrder> ParseOrderBy(absl::string_view order_by) {
  std::string normalized = absl::AsciiStrToLower(absl::StripAsciiWhitespace(order_by));
  if (normalized.empty() || normalized == "create_time" || normalized == "create_time asc") {
    return storage::ScanOrder::kAscending;
  }
  if (normalized == "create_time desc") return storage::ScanOrder::kDescending;
  FieldViolations violations;
  violations.Add("order_by", "supported: \"create_time\" (oldest first) or \"create_time desc\"");
  return violations.ToStatus("INVALID_ORDER_BY");
}

absl::StatusOr<ListPage> ListResources(storage::KvStore& store, const ListRequest& request,
                                       const std::function<bool(absl::string_view)>& accept) {
  const std::string prefix = absl::StrCat("idx/", request.collection, "/ctime/");
  ListPage page;
  int examined = 0;
  bool more = false;
  std::string last_key;
  absl::Status lookup_status;
  RETURN_IF_ERROR(store.Scan(prefix, request.start_after, request.order,
                             [&](absl::string_view key, absl::string_view) {
                               if (static_cast<int>(page.resources.size()) == request.page_size ||
                                   examined == request.scan_budget) {
                                 more = true;
                                 return false;
                               }
                               ++examined;
                               last_key = std::string(key);
                               absl::string_view id = key.substr(key.rfind('/') + 1);
                               absl::StatusOr<std::optional<std::string>> value =
                                   store.Get(ResourceKey(request.collection, id));
                               if (!value.ok()) {
                                 lookup_status = value.status();
                                 return false;
                               }
                               if (value->has_value() && accept(**value))
                                 page.resources.push_back(**std::move(value));
                               return true;
                             }));
  RETURN_IF_ERROR(lookup_status);
  if (more) page.next_start_after = last_key;
  return page;
}

}  // namespace corematch
