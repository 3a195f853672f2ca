#include "storage/kv_store.h"

namespace corematch::storage {

absl::StatusOr<std::vector<std::optional<std::string>>> KvStore::GetMany(
    absl::Span<const std::string> keys) {
  std::vector<std::optional<std::string>> values;
  values.reserve(keys.size());
  for (const std::string& key : keys) {
    absl::StatusOr<std::optional<std::string>> value = Get(key);
    if (!value.ok()) return value.status();
    values.push_back(*std::move(value));
  }
  return values;
}

}  // namespace corematch::storage
