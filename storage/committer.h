// storage/committer.h
//
// Committer runs read-modify-write transactions one at a time and commits them
// in groups: every transaction that arrives while a synced write is under way
// joins the next group, and the group is made durable with a single fsync.
// This is how a service gets serializable updates (etag checks, request-id
// de-duplication, change-feed sequence numbers in commit order) and still
// acknowledges thousands of durable writes a second. Run waits for its
// transaction: when no group is being committed it commits one itself, on its
// own thread, as a lone writer wants; otherwise it waits for the group that
// takes it in. Submit hands a transaction over and is told when it is durable,
// without waiting (what a server answering on gRPC's callback API needs: no
// thread of its few blocks on the disk); such transactions are committed by a
// thread of the committer's own, or by a Run that finds them queued.
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
// Thread-safe. Transactions must not call the committer themselves.
#ifndef COREMATCH_STORAGE_COMMITTER_H_
#define COREMATCH_STORAGE_COMMITTER_H_

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <thread>
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

  // The committer moves the writes out once the transaction has succeeded.
  Overlay& writes() { return writes_; }
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
  // Told the transaction's outcome, as Run returns it, after its OnCommit
  // functions, on a thread that tells one caller after another in commit
  // order: it must not block.
  using DoneFn = std::function<void(absl::Status)>;

  // `store` is not owned and must outlive the committer.
  explicit Committer(KvStore* store, WriteOptions options = WriteOptions{.sync = true});
  // Commits what was handed over before it returns.
  ~Committer();
  Committer(const Committer&) = delete;
  Committer& operator=(const Committer&) = delete;

  absl::Status Run(const TransactionFn& fn);
  void Submit(TransactionFn fn, DoneFn done);

  KvStore* store() const { return store_; }

 private:
  struct Pending {
    TransactionFn fn;
    DoneFn done;
    // Run's: told on the committing thread (it only wakes the caller).
    bool tell_inline = false;
  };

  struct Outcome {
    DoneFn done;
    absl::Status status;
  };

  bool MayCommit() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    return !committing_ && (stopping_ || !queue_.empty());
  }
  // The queue's front, up to the largest group; marks a group as committing.
  std::vector<Pending> TakeGroup() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  bool HasOutcomesOrStopping() const ABSL_EXCLUSIVE_LOCKS_REQUIRED(outcomes_mutex_) {
    return outcomes_stopping_ || !outcomes_.empty();
  }
  // The commit thread: takes what is queued as a group, commits it, repeats.
  void CommitLoop();
  // Runs the group's transactions, writes them as one batch, and tells each
  // its outcome (Run's at once, Submit's through the telling thread).
  void CommitGroup(std::vector<Pending>& group);
  // The telling thread. Telling a caller may cost as much as a transaction
  // (a gRPC handler sends its answer there), so the commit thread leaves it
  // and goes on to write the next group meanwhile.
  void TellLoop();

  KvStore* const store_;
  const WriteOptions options_;
  absl::Mutex mutex_;
  std::deque<Pending> queue_ ABSL_GUARDED_BY(mutex_);
  // A group is being committed (one at a time: the commit order is the
  // order of the groups).
  bool committing_ ABSL_GUARDED_BY(mutex_) = false;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  absl::Mutex outcomes_mutex_;
  std::deque<Outcome> outcomes_ ABSL_GUARDED_BY(outcomes_mutex_);
  bool outcomes_stopping_ ABSL_GUARDED_BY(outcomes_mutex_) = false;
  // Started last: they use all of the above.
  std::thread tell_thread_;
  std::thread commit_thread_;
};

}  // namespace corematch::storage

#endif  // COREMATCH_STORAGE_COMMITTER_H_
