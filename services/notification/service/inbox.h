// services/notification/service/inbox.h
//
// A subscriber's side of the outbox: its acknowledged cursor, its retained
// notifications, where a stream starts, and the retention that trims old
// notifications (a cursor older than what is retained is OUT_OF_RANGE, as
// etcd answers a watch from a compacted revision) and gathers digests.
//
//   ack/{subscriber id}       → acknowledged sequence
//   trimmed/{subscriber id}   → the last sequence removed by retention
//   digest_sent/{subscription id} → when its last digest went out (unix seconds)
//
// Thread-safe.
#ifndef COREMATCH_SERVICES_NOTIFICATION_SERVICE_INBOX_H_
#define COREMATCH_SERVICES_NOTIFICATION_SERVICE_INBOX_H_

#include <cstdint>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "services/common/auth.h"
#include "services/common/clock.h"
#include "services/notification/service/event_router.h"
#include "services/notification/service/outbox.h"
#include "services/notification/service/subscription_repository.h"
#include "storage/committer.h"

namespace corematch::notification {

class Inbox {
 public:
  // None is owned.
  Inbox(storage::Committer* committer, Outbox* outbox, SubscriptionRepository* subscriptions,
        Clock* clock)
      : committer_(committer), outbox_(outbox), subscriptions_(subscriptions), clock_(clock) {}

  // Moves the caller's acknowledged cursor forward (never back).
  absl::StatusOr<int64_t> Acknowledge(const Caller& caller, int64_t sequence);
  absl::StatusOr<pb::ListNotificationsResponse> List(const Caller& caller,
                                                     const pb::ListNotificationsRequest& request);
  // Where a stream for `subscriber_id` asked to start after `after` (0 = the
  // acknowledged cursor) begins; OUT_OF_RANGE when that is before what is
  // retained.
  absl::StatusOr<int64_t> StreamStart(absl::string_view subscriber_id, int64_t after);

  // Removes notifications older than `retention` from every inbox, and
  // delivered webhook deliveries with them.
  absl::Status Trim(absl::Duration retention);
  // Sends every digest that is due: one DIGEST notification per digest
  // subscription with events waiting, daily at 06:00 UTC or weekly on Monday.
  absl::Status EmitDueDigests(const DeliveryListener& listener);

 private:
  absl::Status EmitDigest(absl::string_view subscription_id, absl::Time now,
                          const DeliveryListener& listener);

  storage::Committer* const committer_;
  Outbox* const outbox_;
  SubscriptionRepository* const subscriptions_;
  Clock* const clock_;
};

// The last digest boundary at or before `now` for `rhythm`.
absl::Time LastDigestBoundary(pb::Rhythm rhythm, absl::Time now);

// The subscriber id ("organizations/{id}" → id) a caller reads notifications as.
absl::StatusOr<std::string> SubscriberIdOf(const Caller& caller);

}  // namespace corematch::notification

#endif  // COREMATCH_SERVICES_NOTIFICATION_SERVICE_INBOX_H_
