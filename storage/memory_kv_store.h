// storage/memory_kv_store.h
//
// An in-memory KvStore for unit tests: same contract as the RocksDB store,
// nothing on disk. Thread-safe.
#ifndef COREMATCH_STORAGE_MEMORY_KV_STORE_H_
#define COREMATCH_STORAGE_MEMORY_KV_STORE_H_

#include <map>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "storage/kv_store.h"

namespace corematch::storage {

class MemoryKvStore final : public KvStore {
 public:
  MemoryKvStore() = default;
  MemoryKvStore(const MemoryKvStore&) = delete;
  MemoryKvStore& operator=(const MemoryKvStore&) = delete;

  absl::StatusOr<std::optional<std::string>> Get(absl::string_view key) override;
  absl::Status Write(const WriteBatch& batch, const WriteOptions& options) override;
  absl::Status Scan(
      absl::string_view prefix, absl::string_view start_after, ScanOrder order,
      const std::function<bool(absl::string_view, absl::string_view)>& visit) override;
  absl::Status Flush() override { return absl::OkStatus(); }

 private:
  absl::Mutex mutex_;
  std::map<std::string, std::string, std::less<>> data_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace corematch::storage

#endif  // COREMATCH_STORAGE_MEMORY_KV_STORE_H_
