// services/notification/service/outbox.h
//
// The notification outbox: every notification gets the next sequence number
// inside the transaction that derives it (the same write batch as the cursor
// of the feed it came from), so none is lost across a crash and none is
// created twice. Subscribers' inboxes are keyed by that sequence; streams wait
// here until something newer is durably committed.
//
//   inbox/{subscriber id}/{sequence, 20 digits}   → Notification
//   meta/sequence                                 → last sequence handed out
//
// Thread-safe.
#ifndef COREMATCH_SERVICES_NOTIFICATION_SERVICE_OUTBOX_H_
#define COREMATCH_SERVICES_NOTIFICATION_SERVICE_OUTBOX_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "corematch/notification/v1/notification.pb.h"
#include "storage/committer.h"
#include "storage/kv_store.h"

namespace corematch::notification {

namespace pb = ::corematch::notification::v1;

// Key helpers shared by the notification service's parts.
std::string SequenceKeyPart(int64_t sequence);
absl::StatusOr<int64_t> ParseSequenceKeyPart(absl::string_view part);
std::string InboxPrefix(absl::string_view subscriber_id);
// delivery/{subscription id}/{sequence}: a webhook delivery (pb::Delivery).
std::string DeliveryPrefix(absl::string_view subscription_id);
std::string DeliveryKey(absl::string_view subscription_id, int64_t sequence);
// Queues `notification` for `subscription`'s webhook inside `txn`:
// delivery/{subscription id}/{sequence} (pb::Delivery, PENDING) and
// pending/{subscription id}/{sequence}, the dispatcher's queue.
void QueueDelivery(storage::Transaction& txn, const pb::Subscription& subscription,
                   const pb::Notification& notification, absl::Time now);
std::string PendingPrefix(absl::string_view subscription_id);
// digest/{subscription id}/{sequence}: an event waiting for its digest.
std::string DigestPrefix(absl::string_view subscription_id);
// The id part of "collection/{id}".
absl::string_view IdOf(absl::string_view name);
absl::StatusOr<int64_t> ReadInt(const storage::Transaction& txn, absl::string_view key);
absl::StatusOr<int64_t> ReadInt(storage::KvStore& store, absl::string_view key);

class Outbox {
 public:
  static absl::StatusOr<std::unique_ptr<Outbox>> Open(storage::KvStore* store);

  // Hands out the next sequence inside `txn`; watchers wake once `txn` is
  // durably committed.
  absl::StatusOr<int64_t> NextSequence(storage::Transaction& txn);

  // Stores `notification` (its sequence set) in its subscriber's inbox.
  void PutInInbox(storage::Transaction& txn, absl::string_view subscriber_id,
                  const pb::Notification& notification);

  // Calls `visit` for up to `limit` of the subscriber's notifications after
  // `after`, in order; stops early when `visit` returns false.
  absl::Status ReadInbox(absl::string_view subscriber_id, int64_t after, int limit,
                         const std::function<bool(const pb::Notification&)>& visit);

  // The last sequence whose transaction is durably committed.
  int64_t last_committed();
  // Blocks until a sequence after `after` is committed, `deadline` passes or
  // Shutdown; true when there may be something new.
  bool WaitForNewerThan(int64_t after, absl::Time deadline);
  void Shutdown();
  bool is_shut_down();

 private:
  Outbox(storage::KvStore* store, int64_t last) : store_(store), last_committed_(last) {}
  void Committed(int64_t sequence);

  storage::KvStore* const store_;
  absl::Mutex mutex_;
  int64_t last_committed_ ABSL_GUARDED_BY(mutex_);
  bool shut_down_ ABSL_GUARDED_BY(mutex_) = false;
};

}  // namespace corematch::notification

#endif  // COREMATCH_SERVICES_NOTIFICATION_SERVICE_OUTBOX_H_
