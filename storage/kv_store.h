// storage/kv_store.h
//
// KvStore is the small storage interface every corematch service writes
// through: ordered byte keys, atomic multi-key batches, prefix scans. Each
// service owns one KvStore (one RocksDB directory in production, an in-memory
// map in unit tests) and no service opens another's.
//
//   ASSIGN_OR_RETURN(auto store, OpenRocksDbKvStore("var/publishing"));
//   WriteBatch batch;
//   batch.Put("solutions/abc", bytes);
//   RETURN_IF_ERROR(store->Write(batch, WriteOptions{.sync = true}));
//
// Implementations are safe for concurrent use from many threads.
#ifndef COREMATCH_STORAGE_KV_STORE_H_
#define COREMATCH_STORAGE_KV_STORE_H_

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace corematch::storage {

// A group of puts and deletes applied atomically: all or none.
class WriteBatch {
 public:
  struct Op {
    enum class Kind { kPut, kDelete };
    Kind kind;
    std::string key;
    std::string value;
  };

  void Put(absl::string_view key, absl::string_view value) {
    ops_.push_back(Op{Op::Kind::kPut, std::string(key), std::string(value)});
  }
  void Delete(absl::string_view key) {
    ops_.push_back(Op{Op::Kind::kDelete, std::string(key), {}});
  }
  // Appends every op of `other`, keeping their order.
  void Append(const WriteBatch& other) {
    ops_.insert(ops_.end(), other.ops_.begin(), other.ops_.end());
  }
  void Clear() { ops_.clear(); }

  const std::vector<Op>& ops() const { return ops_; }
  bool empty() const { return ops_.empty(); }

 private:
  std::vector<Op> ops_;
};

struct WriteOptions {
  // When true, Write returns only once the batch is on stable storage, so it
  // survives a crash of the process or the machine.
  bool sync = true;
};

// Direction of a scan.
enum class ScanOrder { kAscending, kDescending };

class KvStore {
 public:
  virtual ~KvStore() = default;

  // Returns the value of `key`, std::nullopt if absent, or an error status if
  // the store failed.
  virtual absl::StatusOr<std::optional<std::string>> Get(absl::string_view key) = 0;

  // The values of `keys`, in their order (std::nullopt for each absent one),
  // or an error status if the store failed on any. The RocksDB store reads
  // them on several threads at once, so that reads waiting on the disk
  // overlap; this default reads them one after another.
  virtual absl::StatusOr<std::vector<std::optional<std::string>>> GetMany(
      absl::Span<const std::string> keys);

  // Applies `batch` atomically.
  virtual absl::Status Write(const WriteBatch& batch, const WriteOptions& options) = 0;

  // Calls `visit(key, value)` for the keys that start with `prefix`, in `order`,
  // beginning strictly after `start_after` (ascending) or strictly before it
  // (descending) when it is non-empty. Stops when `visit` returns false.
  // Sees a consistent snapshot of the store.
  virtual absl::Status Scan(
      absl::string_view prefix, absl::string_view start_after, ScanOrder order,
      const std::function<bool(absl::string_view key, absl::string_view value)>& visit) = 0;

  // Flushes buffered state to stable storage; called on graceful shutdown.
  virtual absl::Status Flush() = 0;
};

}  // namespace corematch::storage

#endif  // COREMATCH_STORAGE_KV_STORE_H_
