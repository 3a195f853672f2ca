#include "storage/memory_kv_store.h"

#include <vector>

#include "absl/strings/match.h"

namespace corematch::storage {

absl::StatusOr<std::optional<std::string>> MemoryKvStore::Get(absl::string_view key) {
  absl::MutexLock lock(&mutex_);
  auto it = data_.find(key);
  if (it == data_.end()) return std::nullopt;
  return it->second;
}

absl::Status MemoryKvStore::Write(const WriteBatch& batch, const WriteOptions& /*options*/) {
  absl::MutexLock lock(&mutex_);
  for (const WriteBatch::Op& op : batch.ops()) {
    if (op.kind == WriteBatch::Op::Kind::kPut) {
      data_[op.key] = op.value;
    } else {
      data_.erase(op.key);
    }
  }
  return absl::OkStatus();
}

absl::Status MemoryKvStore::Scan(
    absl::string_view prefix, absl::string_view start_after, ScanOrder order,
    const std::function<bool(absl::string_view, absl::string_view)>& visit) {
  // Copy the range first so `visit` runs without the lock (it may call back in).
  std::vector<std::pair<std::string, std::string>> snapshot;
  {
    absl::MutexLock lock(&mutex_);
    for (auto it = data_.lower_bound(prefix); it != data_.end(); ++it) {
      if (!absl::StartsWith(it->first, prefix)) break;
      snapshot.emplace_back(it->first, it->second);
    }
  }
  if (order == ScanOrder::kAscending) {
    for (const auto& [key, value] : snapshot) {
      if (!start_after.empty() && key <= start_after) continue;
      if (!visit(key, value)) break;
    }
  } else {
    for (auto it = snapshot.rbegin(); it != snapshot.rend(); ++it) {
      if (!start_after.empty() && it->first >= start_after) continue;
      if (!visit(it->first, it->second)) break;
    }
  }
  return absl::OkStatus();
}

}  // namespace corematch::storage
