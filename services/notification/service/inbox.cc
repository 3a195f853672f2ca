#include "services/notification/service/inbox.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/common/page_token.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"

namespace corematch::notification {
namespace {

std::string AckKey(absl::string_view subscriber_id) { return absl::StrCat("ack/", subscriber_id); }
std::string TrimmedKey(absl::string_view subscriber_id) {
  return absl::StrCat("trimmed/", subscriber_id);
}
std::string DigestSentKey(absl::string_view subscription_id) {
  return absl::StrCat("digest_sent/", subscription_id);
}

constexpr absl::Duration kDigestHour = absl::Hours(6);

}  // namespace

absl::StatusOr<std::string> SubscriberIdOf(const Caller& caller) {
  if (caller.organization.empty()) {
    return MakeError(absl::StatusCode::kFailedPrecondition, "NO_SUBSCRIBER",
                     "notifications belong to an organisation; call with an organisation's API "
                     "key, not the operator key");
  }
  return std::string(IdOf(caller.organization));
}

absl::Time LastDigestBoundary(pb::Rhythm rhythm, absl::Time now) {
  const absl::CivilDay day = absl::ToCivilDay(now, absl::UTCTimeZone());
  absl::Time boundary = absl::FromCivil(day, absl::UTCTimeZone()) + kDigestHour;
  if (boundary > now) boundary -= absl::Hours(24);
  if (rhythm == pb::RHYTHM_WEEKLY_DIGEST) {
    while (absl::GetWeekday(absl::ToCivilDay(boundary, absl::UTCTimeZone())) !=
           absl::Weekday::monday) {
      boundary -= absl::Hours(24);
    }
  }
  return boundary;
}

absl::StatusOr<int64_t> Inbox::Acknowledge(const Caller& caller, int64_t sequence) {
  ASSIGN_OR_RETURN(std::string subscriber, SubscriberIdOf(caller));
  if (sequence <= 0) {
    FieldViolations violations;
    violations.Add("sequence", "must be the positive sequence of a notification you processed");
    return violations.ToStatus();
  }
  if (sequence > outbox_->last_committed()) {
    FieldViolations violations;
    violations.Add("sequence", absl::StrCat("no notification has sequence ", sequence,
                                            " yet; acknowledge one you received"));
    return violations.ToStatus();
  }
  int64_t acknowledged = 0;
  RETURN_IF_ERROR(committer_->Run([&](storage::Transaction& txn) -> absl::Status {
    ASSIGN_OR_RETURN(acknowledged, ReadInt(txn, AckKey(subscriber)));
    if (sequence > acknowledged) {
      acknowledged = sequence;
      txn.Put(AckKey(subscriber), absl::StrCat(acknowledged));
    }
    return absl::OkStatus();
  }));
  return acknowledged;
}

absl::StatusOr<int64_t> Inbox::StreamStart(absl::string_view subscriber_id, int64_t after) {
  if (after < 0) {
    FieldViolations violations;
    violations.Add("after_sequence", "must be 0 (resume after the acknowledged cursor) or more");
    return violations.ToStatus();
  }
  storage::KvStore& store = *committer_->store();
  if (after == 0) {
    ASSIGN_OR_RETURN(after, ReadInt(store, AckKey(subscriber_id)));
  }
  ASSIGN_OR_RETURN(int64_t trimmed, ReadInt(store, TrimmedKey(subscriber_id)));
  if (after < trimmed) {
    return MakeError(absl::StatusCode::kOutOfRange, "CURSOR_TOO_OLD",
                     absl::StrCat("after_sequence ", after,
                                  " is older than the retained history (up to ", trimmed,
                                  " was removed); re-list with ListNotifications and stream after "
                                  "its latest_sequence"));
  }
  return after;
}

absl::StatusOr<pb::ListNotificationsResponse> Inbox::List(
    const Caller& caller, const pb::ListNotificationsRequest& request) {
  ASSIGN_OR_RETURN(std::string subscriber, SubscriberIdOf(caller));
  ASSIGN_OR_RETURN(int page_size, EffectivePageSize(request.page_size()));
  const std::string fingerprint = QueryFingerprint("", "", caller.id());
  ASSIGN_OR_RETURN(std::string start, DecodePageToken(request.page_token(), fingerprint));
  int64_t after = 0;
  if (!start.empty()) {
    ASSIGN_OR_RETURN(after, ParseSequenceKeyPart(start));
  }

  pb::ListNotificationsResponse response;
  // Read before the page, so a notification committed meanwhile is after it.
  const int64_t latest = outbox_->last_committed();
  bool more = false;
  RETURN_IF_ERROR(outbox_->ReadInbox(subscriber, after, page_size + 1,
                                     [&](const pb::Notification& notification) {
                                       if (response.notifications_size() == page_size) {
                                         more = true;
                                         return false;
                                       }
                                       *response.add_notifications() = notification;
                                       return true;
                                     }));
  if (more) {
    const int64_t last = response.notifications(response.notifications_size() - 1).sequence();
    response.set_next_page_token(EncodePageToken(SequenceKeyPart(last), fingerprint));
  }
  response.set_latest_sequence(latest);
  ASSIGN_OR_RETURN(int64_t acknowledged, ReadInt(*committer_->store(), AckKey(subscriber)));
  response.set_acknowledged_sequence(acknowledged);
  return response;
}

absl::Status Inbox::Trim(absl::Duration retention) {
  const absl::Time cutoff = clock_->Now() - retention;
  storage::KvStore& store = *committer_->store();
  // Gathered first, deleted in one batch per pass: retention is not urgent.
  std::vector<std::pair<std::string, int64_t>> old;  // key, sequence
  absl::Status status;
  RETURN_IF_ERROR(store.Scan("inbox/", "", storage::ScanOrder::kAscending,
                             [&](absl::string_view key, absl::string_view value) {
                               pb::Notification n;
                               if (!n.ParseFromArray(value.data(), value.size())) return true;
                               if (FromProtoTime(n.event_time()) >= cutoff) return true;
                               old.emplace_back(std::string(key), n.sequence());
                               return true;
                             }));
  std::vector<std::string> old_deliveries;
  RETURN_IF_ERROR(store.Scan("delivery/", "", storage::ScanOrder::kAscending,
                             [&](absl::string_view key, absl::string_view value) {
                               pb::Delivery d;
                               if (!d.ParseFromArray(value.data(), value.size())) return true;
                               if (d.state() == pb::DELIVERY_STATE_DELIVERED &&
                                   FromProtoTime(d.notification().event_time()) < cutoff) {
                                 old_deliveries.emplace_back(key);
                               }
                               return true;
                             }));
  if (old.empty() && old_deliveries.empty()) return absl::OkStatus();
  return committer_->Run([&](storage::Transaction& txn) -> absl::Status {
    for (const auto& [key, sequence] : old) {
      // inbox/{subscriber}/{sequence}
      absl::string_view rest = absl::string_view(key).substr(std::string("inbox/").size());
      const std::string subscriber(rest.substr(0, rest.find('/')));
      ASSIGN_OR_RETURN(int64_t trimmed, ReadInt(txn, TrimmedKey(subscriber)));
      if (sequence > trimmed) txn.Put(TrimmedKey(subscriber), absl::StrCat(sequence));
      txn.Delete(key);
    }
    for (const std::string& key : old_deliveries) txn.Delete(key);
    return absl::OkStatus();
  });
}

absl::Status Inbox::EmitDueDigests(const DeliveryListener& listener) {
  const absl::Time now = clock_->Now();
  for (const std::string& id : subscriptions_->DigestSubscriptions()) {
    RETURN_IF_ERROR(EmitDigest(id, now, listener));
  }
  return absl::OkStatus();
}

absl::Status Inbox::EmitDigest(absl::string_view subscription_id, absl::Time now,
                               const DeliveryListener& listener) {
  ASSIGN_OR_RETURN(std::optional<pb::Subscription> subscription,
                   subscriptions_->Find(subscription_id));
  if (!subscription.has_value()) return absl::OkStatus();
  const absl::Time boundary = LastDigestBoundary(subscription->rhythm(), now);
  return committer_->Run([&](storage::Transaction& txn) -> absl::Status {
    ASSIGN_OR_RETURN(int64_t sent, ReadInt(txn, DigestSentKey(subscription_id)));
    if (sent >= absl::ToUnixSeconds(boundary)) return absl::OkStatus();
    std::vector<pb::Notification> items;
    std::vector<std::string> keys;
    absl::Status parse;
    RETURN_IF_ERROR(committer_->store()->Scan(
        DigestPrefix(subscription_id), "", storage::ScanOrder::kAscending,
        [&](absl::string_view key, absl::string_view value) {
          pb::Notification item;
          if (!item.ParseFromArray(value.data(), value.size())) {
            parse = absl::DataLossError(absl::StrCat("corrupt digest item at ", key));
            return false;
          }
          keys.emplace_back(key);
          items.push_back(std::move(item));
          return true;
        }));
    RETURN_IF_ERROR(parse);
    txn.Put(DigestSentKey(subscription_id), absl::StrCat(absl::ToUnixSeconds(boundary)));
    if (items.empty()) return absl::OkStatus();
    ASSIGN_OR_RETURN(int64_t sequence, outbox_->NextSequence(txn));
    pb::Notification digest;
    digest.set_sequence(sequence);
    digest.set_type(pb::EVENT_TYPE_DIGEST);
    digest.set_event_id(
        absl::StrCat("digest-", subscription_id, "-", absl::ToUnixSeconds(boundary)));
    digest.set_subscriber(subscription->subscriber());
    digest.add_subscriptions(subscription->name());
    digest.set_subject(subscription->name());
    digest.set_title(absl::StrCat(items.size(), " events for ", subscription->display_name()));
    *digest.mutable_event_time() = ToProtoTime(now);
    for (pb::Notification& item : items) *digest.add_digest_items() = std::move(item);
    for (const std::string& key : keys) txn.Delete(key);
    if (subscription->stream()) outbox_->PutInInbox(txn, IdOf(subscription->subscriber()), digest);
    if (subscription->has_webhook()) {
      QueueDelivery(txn, *subscription, digest, now);
      if (listener) {
        txn.OnCommit([listener, id = std::string(subscription_id)] { listener(id); });
      }
    }
    return absl::OkStatus();
  });
}

}  // namespace corematch::notification
