// services/common/change_feed.h
//
// A service's change feed: an outbox of events inside the service's own store,
// appended in the same transaction (so the same write batch) as the change it
// describes. Sequence numbers are strictly increasing in commit order. Readers
// resume from the last sequence they saw, and followers block until something
// new is committed — as etcd and Kubernetes watches do.
//
// Thread-safe.
#ifndef COREMATCH_SERVICES_COMMON_CHANGE_FEED_H_
#define COREMATCH_SERVICES_COMMON_CHANGE_FEED_H_

#include <cstdint>
#include <functional>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "storage/committer.h"
#include "storage/kv_store.h"

namespace corematch {

class ChangeFeed {
 public:
  // Reads the last committed sequence from `store` (not owned).
  static absl::StatusOr<std::unique_ptr<ChangeFeed>> Open(storage::KvStore* store);

  ChangeFeed(const ChangeFeed&) = delete;
  ChangeFeed& operator=(const ChangeFeed&) = delete;

  // Appends `event` inside `txn` and returns its sequence number. Waiters are
  // woken once `txn` is durably committed; if it fails, nothing was appended.
  absl::StatusOr<int64_t> Append(storage::Transaction& txn, absl::string_view event);

  // Calls `visit(sequence, event)` for up to `limit` events after `after`, in
  // order. Returns the number visited.
  absl::StatusOr<int> Read(int64_t after, int limit,
                           const std::function<void(int64_t, absl::string_view)>& visit);

  // Blocks until an event after `after` is committed, `deadline` passes or the
  // feed is shut down. True when there is something new to read.
  bool WaitForNewerThan(int64_t after, absl::Time deadline);

  int64_t last_committed();

  // Wakes every waiter for good; used on server shutdown so streams end.
  void Shutdown();
  bool is_shut_down();

 private:
  ChangeFeed(storage::KvStore* store, int64_t last) : store_(store), last_committed_(last) {}
  void Committed(int64_t sequence);

  storage::KvStore* const store_;
  absl::Mutex mutex_;
  int64_t last_committed_ ABSL_GUARDED_BY(mutex_);
  bool shut_down_ ABSL_GUARDED_BY(mutex_) = false;
};

// Serves a WatchChanges stream: sends every event after `after`, then follows
// new ones until `cancelled()` turns true or the feed shuts down. `send`
// returns false when the client is gone.
absl::Status ServeWatch(ChangeFeed& feed, int64_t after, const std::function<bool()>& cancelled,
                        const std::function<bool(int64_t, absl::string_view)>& send);

}  // namespace corematch

#endif  // COREMATCH_SERVICES_COMMON_CHANGE_FEED_H_
