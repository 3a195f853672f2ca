// storage/rocksdb_kv_store.h
//
// The production KvStore: one RocksDB database in a directory the calling
// service owns. Synced writes go through RocksDB's write-ahead log with fsync,
// so an acknowledged write survives kill -9 and power loss.
#ifndef COREMATCH_STORAGE_ROCKSDB_KV_STORE_H_
#define COREMATCH_STORAGE_ROCKSDB_KV_STORE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "storage/kv_store.h"

namespace rocksdb {
class Env;
}

namespace corematch::storage {

struct RocksDbOptions {
  // Where the database lives; created if missing.
  std::string path;
  // Optional environment (e.g. rocksdb::NewMemEnv for hermetic tests). Not owned.
  rocksdb::Env* env = nullptr;
};

// Opens (creating if needed) the database at `options.path`. Fails with
// FAILED_PRECONDITION when another process holds it open.
absl::StatusOr<std::unique_ptr<KvStore>> OpenRocksDbKvStore(const RocksDbOptions& options);

}  // namespace corematch::storage

#endif  // COREMATCH_STORAGE_ROCKSDB_KV_STORE_H_
