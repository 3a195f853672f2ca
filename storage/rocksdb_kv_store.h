// storage/rocksdb_kv_store.h
//
// The production KvStore: one RocksDB database in a directory the calling
// service owns. Synced writes go through RocksDB's write-ahead log with fsync,
// so an acknowledged write survives kill -9 and power loss.
#ifndef COREMATCH_STORAGE_ROCKSDB_KV_STORE_H_
#define COREMATCH_STORAGE_ROCKSDB_KV_STORE_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "storage/kv_store.h"

namespace rocksdb {
class Env;
}

namespace corematch::storage {

// RocksDB's own memtable budget (OptimizeLevelStyleCompaction's default): a
// store then holds up to 1.5 × this in memtables.
inline constexpr uint64_t kDefaultMemtableBudgetBytes = uint64_t{512} << 20;

struct RocksDbOptions {
  // Where the database lives; created if missing.
  std::string path;
  // Optional environment (e.g. rocksdb::NewMemEnv for hermetic tests). Not owned.
  rocksdb::Env* env = nullptr;
  // Memory for writes not yet flushed to tables: memtables of a quarter of
  // it, up to six. Larger budgets flush and compact less often; a store
  // beside a large in-memory index may want a smaller one.
  uint64_t memtable_budget_bytes = kDefaultMemtableBudgetBytes;
  // Threads that GetMany reads on besides its caller's once a read has
  // waited on the disk (ReadPool); with none it reads on its caller alone.
  size_t read_threads = 0;
};

// Opens (creating if needed) the database at `options.path`. Fails with
// FAILED_PRECONDITION when another process holds it open.
absl::StatusOr<std::unique_ptr<KvStore>> OpenRocksDbKvStore(const RocksDbOptions& options);

}  // namespace corematch::storage

#endif  // COREMATCH_STORAGE_ROCKSDB_KV_STORE_H_
