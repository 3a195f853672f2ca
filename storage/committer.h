// storage/committer.h
//
// Committer runs read-modify-write transactions one at a time and commits them
// in groups: every transaction that arrives while a synced write is under way
// joins the next group, and the group is made durable with a single fsync.
// This is how a service gets serializable updates (etag checks, request-id
// de-duplication, change-feed sequence numbers in commit order) and still
// acknowledges thousands of durable writes a second.
//
//   Committer committer(store);
//   absl::Status status = committer.Run([&](Transaction& txn) -> absl::Status {
//     ASSIGN_OR_RETURN(std::optional<std::string> current, txn.Get(key));
//     if (current.has_value()) return absl::AlreadyExistsError("...");
//     txn.Put(key, value);
//     return absl::OkStatus();
//   });
//
// Run returns once the transaction's writes are on stable storage, or with the
// transaction's own error (its writes discarded), or with the store's error.
// Thread-safe.
#ifndef COREMATCH_STORAGE_COMMITTER_H_
#define COREMATCH_STORAGE_COMMITTER_H_

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "storage/kv_store.h"

namespace corematch::storage {

// Pending writes, keyed for lookup; std::nullopt marks a delete.
using Overlay = std::map<std::string, std::optional<std::string>, std::less<>>;

// One transaction's view: its own writes, then the earlier writes of its
// group, then the store.
class Transaction {
 public:
  Transaction(KvStore* store, const Overlay* group) : store_(store), group_(group) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  absl::StatusOr<std::optional<std::string>> Get(absl::string_view key) const;
  void Put(absl::string_view key, absl::string_view value);
  void Delete(absl::string_view key);

  // Runs `fn` after the transaction is durably committed, in commit order.
  // Used to wake change-feed watchers; `fn` must not block.
  void OnCommit(std::function<void()> fn) { on_commit_.push_back(std::move(fn)); }

  const Overlay& writes() const { return writes_; }
  std::vector<std::function<void()>>& on_commit() { return on_commit_; }

 private:
  KvStore* store_;
  const Overlay* group_;
  Overlay writes_;
  std::vector<std::function<void()>> on_commit_;
};

class Committer {
 public:
  using TransactionFn = std::function<absl::Status(Transaction&)>;

  // `store` is not owned and must outlive the committer.
  explicit Committer(KvStore* store, WriteOptions options = WriteOptions{.sync = true});
  Committer(const Committer&) = delete;
  Committer& operator=(const Committer&) = delete;

  absl::Status Run(const TransactionFn& fn);

  KvStore* store() const { return store_; }

 private:
  struct Waiter;

  // Runs the queued transactions starting at the front, writes them as one
  // batch, and completes them. Called by the front waiter only.
  void CommitGroup(Waiter* leader) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  KvStore* const store_;
  const WriteOptions options_;
  absl::Mutex mutex_;
  std::deque<Waiter*> queue_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace corematch::storage

#endif  // COREMATCH_STORAGE_COMMITTER_H_
