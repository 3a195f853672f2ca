// storage/testing/forwarding_kv_store.h
//
// ForwardingKvStore: a KvStore for tests that passes every call to an
// in-memory store of its own. A test derives from it and overrides the calls
// it wants to count, slow down or fail; the rest behave as MemoryKvStore.
//
//   class FlakyStore final : public storage::ForwardingKvStore {
//     absl::Status Write(...) override { return failing ? Unavailable : Forward... }
//   };
#ifndef COREMATCH_STORAGE_TESTING_FORWARDING_KV_STORE_H_
#define COREMATCH_STORAGE_TESTING_FORWARDING_KV_STORE_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "storage/kv_store.h"
#include "storage/memory_kv_store.h"

namespace corematch::storage {

class ForwardingKvStore : public KvStore {
 public:
  absl::StatusOr<std::optional<std::string>> Get(absl::string_view key) override {
    return inner_.Get(key);
  }
  absl::StatusOr<std::vector<std::optional<std::string>>> GetMany(
      absl::Span<const std::string> keys) override {
    return inner_.GetMany(keys);
  }
  absl::Status Write(const WriteBatch& batch, const WriteOptions& options) override {
    return inner_.Write(batch, options);
  }
  absl::Status Scan(
      absl::string_view prefix, absl::string_view start_after, ScanOrder order,
      const std::function<bool(absl::string_view, absl::string_view)>& visit) override {
    return inner_.Scan(prefix, start_after, order, visit);
  }
  absl::Status Flush() override { return inner_.Flush(); }

 private:
  MemoryKvStore inner_;
};

}  // namespace corematch::storage

#endif  // COREMATCH_STORAGE_TESTING_FORWARDING_KV_STORE_H_
