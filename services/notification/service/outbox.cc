#include "services/notification/service/outbox.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"

namespace corematch::notification {
namespace {

constexpr absl::string_view kSequenceKey = "meta/sequence";

absl::StatusOr<int64_t> ParseInt(absl::string_view key, const std::optional<std::string>& value) {
  if (!value.has_value()) return 0;
  int64_t parsed = 0;
  if (!absl::SimpleAtoi(*value, &parsed)) {
    return absl::DataLossError(absl::StrCat("corrupt counter at ", key));
  }
  return parsed;
}

}  // namespace

std::string SequenceKeyPart(int64_t sequence) { return absl::StrFormat("%020d", sequence); }

absl::StatusOr<int64_t> ParseSequenceKeyPart(absl::string_view part) {
  int64_t sequence = 0;
  if (!absl::SimpleAtoi(part, &sequence)) {
    return absl::DataLossError(absl::StrCat("corrupt sequence in key: ", part));
  }
  return sequence;
}

std::string InboxPrefix(absl::string_view subscriber_id) {
  return absl::StrCat("inbox/", subscriber_id, "/");
}

std::string DeliveryPrefix(absl::string_view subscription_id) {
  return absl::StrCat("delivery/", subscription_id, "/");
}

std::string DeliveryKey(absl::string_view subscription_id, int64_t sequence) {
  return absl::StrCat(DeliveryPrefix(subscription_id), SequenceKeyPart(sequence));
}

std::string PendingPrefix(absl::string_view subscription_id) {
  return absl::StrCat("pending/", subscription_id, "/");
}

void QueueDelivery(storage::Transaction& txn, const pb::Subscription& subscription,
                   const pb::Notification& notification, absl::Time now) {
  const absl::string_view id = IdOf(subscription.name());
  pb::Delivery delivery;
  delivery.set_name(absl::StrCat(subscription.name(), "/deliveries/", notification.sequence()));
  *delivery.mutable_notification() = notification;
  delivery.set_state(pb::DELIVERY_STATE_PENDING);
  *delivery.mutable_next_attempt_time() = ToProtoTime(now);
  txn.Put(DeliveryKey(id, notification.sequence()), delivery.SerializeAsString());
  txn.Put(absl::StrCat(PendingPrefix(id), SequenceKeyPart(notification.sequence())), "");
}

std::string DigestPrefix(absl::string_view subscription_id) {
  return absl::StrCat("digest/", subscription_id, "/");
}

absl::string_view IdOf(absl::string_view name) { return name.substr(name.rfind('/') + 1); }

absl::StatusOr<int64_t> ReadInt(const storage::Transaction& txn, absl::string_view key) {
  ASSIGN_OR_RETURN(std::optional<std::string> value, txn.Get(key));
  return ParseInt(key, value);
}

absl::StatusOr<int64_t> ReadInt(storage::KvStore& store, absl::string_view key) {
  ASSIGN_OR_RETURN(std::optional<std::string> value, store.Get(key));
  return ParseInt(key, value);
}

absl::StatusOr<std::unique_ptr<Outbox>> Outbox::Open(storage::KvStore* store) {
  ASSIGN_OR_RETURN(int64_t last, ReadInt(*store, kSequenceKey));
  return std::unique_ptr<Outbox>(new Outbox(store, last));
}

absl::StatusOr<int64_t> Outbox::NextSequence(storage::Transaction& txn) {
  ASSIGN_OR_RETURN(int64_t last, ReadInt(txn, kSequenceKey));
  const int64_t next = last + 1;
  txn.Put(kSequenceKey, absl::StrCat(next));
  txn.OnCommit([this, next] { Committed(next); });
  return next;
}

void Outbox::PutInInbox(storage::Transaction& txn, absl::string_view subscriber_id,
                        const pb::Notification& notification) {
  txn.Put(absl::StrCat(InboxPrefix(subscriber_id), SequenceKeyPart(notification.sequence())),
          notification.SerializeAsString());
}

absl::Status Outbox::ReadInbox(absl::string_view subscriber_id, int64_t after, int limit,
                               const std::function<bool(const pb::Notification&)>& visit) {
  const std::string prefix = InboxPrefix(subscriber_id);
  const std::string start = after > 0 ? absl::StrCat(prefix, SequenceKeyPart(after)) : "";
  int seen = 0;
  absl::Status status;
  RETURN_IF_ERROR(store_->Scan(prefix, start, storage::ScanOrder::kAscending,
                               [&](absl::string_view key, absl::string_view value) {
                                 pb::Notification notification;
                                 if (!notification.ParseFromArray(value.data(), value.size())) {
                                   status = absl::DataLossError(
                                       absl::StrCat("corrupt notification at ", key));
                                   return false;
                                 }
                                 ++seen;
                                 return visit(notification) && seen < limit;
                               }));
  return status;
}

int64_t Outbox::last_committed() {
  absl::MutexLock lock(&mutex_);
  return last_committed_;
}

void Outbox::Committed(int64_t sequence) {
  absl::MutexLock lock(&mutex_);
  last_committed_ = std::max(last_committed_, sequence);
}

bool Outbox::WaitForNewerThan(int64_t after, absl::Time deadline) {
  absl::MutexLock lock(&mutex_);
  auto ready = [this, after]()
                   ABSL_NO_THREAD_SAFETY_ANALYSIS { return last_committed_ > after || shut_down_; };
  mutex_.AwaitWithDeadline(absl::Condition(&ready), deadline);
  return last_committed_ > after && !shut_down_;
}

void Outbox::Shutdown() {
  absl::MutexLock lock(&mutex_);
  shut_down_ = true;
}

bool Outbox::is_shut_down() {
  absl::MutexLock lock(&mutex_);
  return shut_down_;
}

}  // namespace corematch::notification
