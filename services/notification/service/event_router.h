// services/notification/service/event_router.h
//
// Turns the other services' change events into notifications. Each feed event
// is applied in one transaction that writes every notification it yields (to
// the subscribers' inboxes, webhook delivery queues and digests) together with
// the feed's new cursor: after a crash the follower resumes exactly after the
// last event applied, so nothing is lost and nothing is notified twice.
//
//   publishing  PUBLISHED (or CREATED published) → SOLUTION_PUBLISHED,
//               UPDATED while published         → SOLUTION_UPDATED,
//               to every profile the solution fits (percolated, never scanned)
//   matching    CREATED                          → REQUEST_MATCHED (adopter),
//                                                  SOLUTION_MATCHED (owner)
//               UPDATED, a side now interested    → OWNER_ / ADOPTER_INTERESTED
//               UPDATED, now CONNECTED            → MATCH_CONNECTED (both)
//   adoption    requests: remembered (who filed one, who may see it);
//               ADOPTION_OPENED        → ADOPTION_OPENED (owner),
//               ADOPTION_STAGE_CHANGED → ADOPTION_STAGE_CHANGED (the other side)
//
// The owner learns of a match only as matching's visibility rules allow
// (services/matching/service/match_visibility.h): a private request's match
// reaches the owner once the adopter is interested, and an anonymous
// requester's name is never in a notification to the owner.
//
// Event ids are stable, derived from the source feed position, the event type
// and the subscriber, so the same event never reaches a subscriber twice
// under different ids. Thread-safe; each feed's events are applied in order.
#ifndef COREMATCH_SERVICES_NOTIFICATION_SERVICE_EVENT_ROUTER_H_
#define COREMATCH_SERVICES_NOTIFICATION_SERVICE_EVENT_ROUTER_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "corematch/adoption/v1/adoption.pb.h"
#include "corematch/matching/v1/matching.pb.h"
#include "corematch/notification/v1/notification.pb.h"
#include "corematch/publishing/v1/publishing.pb.h"
#include "services/common/clock.h"
#include "services/notification/service/outbox.h"
#include "services/notification/service/subscription_repository.h"
#include "storage/committer.h"

namespace corematch::notification {

namespace publishing_pb = ::corematch::publishing::v1;
namespace adoption_pb = ::corematch::adoption::v1;
namespace matching_pb = ::corematch::matching::v1;

// The feeds the router follows, as named in its cursors.
inline constexpr absl::string_view kPublishingFeed = "publishing";
inline constexpr absl::string_view kAdoptionFeed = "adoption";
inline constexpr absl::string_view kMatchingFeed = "matching";

// Where a notification goes, once its transaction commits: told to the
// webhook dispatcher so it need not poll.
using DeliveryListener = std::function<void(const std::string& subscription_id)>;

class EventRouter {
 public:
  // None is owned.
  EventRouter(storage::Committer* committer, Outbox* outbox, SubscriptionRepository* subscriptions,
              Clock* clock)
      : committer_(committer), outbox_(outbox), subscriptions_(subscriptions), clock_(clock) {}

  // Called after commit with each subscription that got a new delivery.
  void SetDeliveryListener(DeliveryListener listener) { listener_ = std::move(listener); }

  absl::Status ApplySolutionEvent(const publishing_pb::WatchChangesResponse& event);
  absl::Status ApplyRequestEvent(const adoption_pb::WatchChangesResponse& event);
  // UNAVAILABLE while the match's solution or request has not yet arrived on
  // its own feed (the follower retries; the cursor does not move).
  absl::Status ApplyMatchEvent(const matching_pb::WatchChangesResponse& event);

  // The last sequence applied from `feed`; 0 before the first.
  absl::StatusOr<int64_t> cursor(absl::string_view feed);

 private:
  // One notification to one organisation, with the subscriptions that asked.
  struct Target {
    std::string subscriber;  // organizations/{id}
    std::vector<pb::Subscription> subscriptions;
    // Per subscription (same order), the profile's reasons and score, if any.
    std::vector<std::vector<std::string>> reasons;
    std::vector<double> scores;
  };

  // Runs `apply` with the feed cursor checked and advanced in one transaction.
  absl::Status ApplyInOrder(absl::string_view feed, int64_t sequence,
                            const std::function<absl::Status(storage::Transaction&)>& apply);
  absl::Status ApplyAdoptionEvent(const adoption_pb::WatchChangesResponse& event);
  absl::Status NotifyOrganization(storage::Transaction& txn, absl::string_view organization,
                                  pb::EventType type, const pb::Notification& draft);
  // Writes the notification for `target` to its channels.
  absl::Status Deliver(storage::Transaction& txn, const Target& target,
                       const pb::Notification& draft);

  storage::Committer* const committer_;
  Outbox* const outbox_;
  SubscriptionRepository* const subscriptions_;
  Clock* const clock_;
  DeliveryListener listener_;
};

// A solution as the profile index compares it: the profile index compares, with analysed terms.
SolutionFacts FactsOf(const publishing_pb::Solution& solution, const matching::Analyzer* analyzer,
                      const matching::PivotLexicon* lexicon);

// The stable event id of `type` from feed position (`feed`, `sequence`) for
// organizations/{subscriber_id}.
std::string EventId(absl::string_view feed, int64_t sequence, pb::EventType type,
                    absl::string_view subscriber_id);

}  // namespace corematch::notification

#endif  // COREMATCH_SERVICES_NOTIFICATION_SERVICE_EVENT_ROUTER_H_
