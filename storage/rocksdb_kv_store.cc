#include "storage/rocksdb_kv_store.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "rocksdb/db.h"
#include "rocksdb/filter_policy.h"
#include "rocksdb/table.h"
#include "rocksdb/write_batch.h"
#include "storage/read_pool.h"

namespace corematch::storage {
namespace {

absl::Status FromRocksDb(const rocksdb::Status& status, absl::string_view what) {
  if (status.ok()) return absl::OkStatus();
  std::string message = absl::StrCat(what, ": ", status.ToString());
  if (status.IsIOError() && absl::StrContains(status.ToString(), "lock")) {
    return absl::FailedPreconditionError(
        absl::StrCat(message, " (is another corematch-server using this directory?)"));
  }
  if (status.IsBusy() || status.IsTryAgain()) return absl::UnavailableError(message);
  if (status.IsCorruption()) return absl::DataLossError(message);
  return absl::InternalError(message);
}

// The smallest string greater than every string starting with `prefix`, or
// empty when there is none (prefix of only 0xff bytes).
std::string PrefixSuccessor(absl::string_view prefix) {
  std::string successor(prefix);
  while (!successor.empty()) {
    unsigned char last = static_cast<unsigned char>(successor.back());
    if (last != 0xff) {
      successor.back() = static_cast<char>(last + 1);
      return successor;
    }
    successor.pop_back();
  }
  return successor;
}

rocksdb::Slice ToSlice(absl::string_view s) { return rocksdb::Slice(s.data(), s.size()); }

class RocksDbKvStore final : public KvStore {
 public:
  RocksDbKvStore(std::unique_ptr<rocksdb::DB> db, size_t read_threads)
      : db_(std::move(db)), read_pool_(read_threads) {}
  RocksDbKvStore(const RocksDbKvStore&) = delete;
  RocksDbKvStore& operator=(const RocksDbKvStore&) = delete;
  ~RocksDbKvStore() override {
    // Best effort: the WAL already holds every synced write.
    db_->FlushWAL(/*sync=*/true).PermitUncheckedError();
    db_->Close().PermitUncheckedError();
  }

  absl::StatusOr<std::optional<std::string>> Get(absl::string_view key) override {
    std::string value;
    rocksdb::Status status = db_->Get(rocksdb::ReadOptions(), ToSlice(key), &value);
    if (status.IsNotFound()) return std::nullopt;
    if (!status.ok()) return FromRocksDb(status, "get");
    return value;
  }

  absl::StatusOr<std::vector<std::optional<std::string>>> GetMany(
      absl::Span<const std::string> keys) override {
    std::vector<std::optional<std::string>> values(keys.size());
    std::vector<rocksdb::Status> statuses(keys.size());
    read_pool_.Run(keys.size(), [&](size_t i) {
      std::string value;
      statuses[i] = db_->Get(rocksdb::ReadOptions(), ToSlice(keys[i]), &value);
      if (statuses[i].ok()) values[i] = std::move(value);
    });
    for (const rocksdb::Status& status : statuses) {
      if (!status.ok() && !status.IsNotFound()) return FromRocksDb(status, "get");
    }
    return values;
  }

  absl::Status Write(const WriteBatch& batch, const WriteOptions& options) override {
    rocksdb::WriteBatch rocks_batch;
    for (const WriteBatch::Op& op : batch.ops()) {
      rocksdb::Status status = op.kind == WriteBatch::Op::Kind::kPut
                                   ? rocks_batch.Put(op.key, op.value)
                                   : rocks_batch.Delete(op.key);
      if (!status.ok()) return FromRocksDb(status, "batch");
    }
    rocksdb::WriteOptions write_options;
    write_options.sync = options.sync;
    return FromRocksDb(db_->Write(write_options, &rocks_batch), "write");
  }

  absl::Status Scan(
      absl::string_view prefix, absl::string_view start_after, ScanOrder order,
      const std::function<bool(absl::string_view, absl::string_view)>& visit) override {
    rocksdb::ReadOptions read_options;
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(read_options));
    if (order == ScanOrder::kAscending) {
      if (start_after.empty()) {
        it->Seek(ToSlice(prefix));
      } else {
        it->Seek(ToSlice(start_after));
        if (it->Valid() && it->key() == ToSlice(start_after)) it->Next();
      }
      for (; it->Valid(); it->Next()) {
        absl::string_view key(it->key().data(), it->key().size());
        if (!absl::StartsWith(key, prefix)) break;
        if (!visit(key, absl::string_view(it->value().data(), it->value().size()))) break;
      }
    } else {
      if (!start_after.empty()) {
        it->SeekForPrev(ToSlice(start_after));
        if (it->Valid() && it->key() == ToSlice(start_after)) it->Prev();
      } else {
        std::string successor = PrefixSuccessor(prefix);
        if (successor.empty()) {
          it->SeekToLast();
        } else {
          it->SeekForPrev(successor);
          if (it->Valid() && it->key() == rocksdb::Slice(successor)) it->Prev();
        }
      }
      for (; it->Valid(); it->Prev()) {
        absl::string_view key(it->key().data(), it->key().size());
        if (!absl::StartsWith(key, prefix)) break;
        if (!visit(key, absl::string_view(it->value().data(), it->value().size()))) break;
      }
    }
    return FromRocksDb(it->status(), "scan");
  }

  absl::Status Flush() override {
    absl::Status wal = FromRocksDb(db_->FlushWAL(/*sync=*/true), "flush wal");
    if (!wal.ok()) return wal;
    return FromRocksDb(db_->Flush(rocksdb::FlushOptions()), "flush");
  }

 private:
  std::unique_ptr<rocksdb::DB> db_;
  ReadPool read_pool_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<KvStore>> OpenRocksDbKvStore(const RocksDbOptions& options) {
  rocksdb::Options rocks_options;
  rocks_options.create_if_missing = true;
  rocks_options.IncreaseParallelism(2);
  rocks_options.OptimizeLevelStyleCompaction(options.memtable_budget_bytes);
  rocks_options.compression = rocksdb::kLZ4Compression;
  rocksdb::BlockBasedTableOptions table_options;
  table_options.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  rocks_options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table_options));
  if (options.env != nullptr) rocks_options.env = options.env;

  rocksdb::DB* raw = nullptr;
  absl::Status status = FromRocksDb(rocksdb::DB::Open(rocks_options, options.path, &raw),
                                    absl::StrCat("open ", options.path));
  if (!status.ok()) return status;
  return std::unique_ptr<KvStore>(
      new RocksDbKvStore(std::unique_ptr<rocksdb::DB>(raw), options.read_threads));
}

}  // namespace corematch::storage
