// services/notification/service/webhook_dispatcher.h
//
// Posts queued deliveries to subscriptions' webhooks: per subscription in
// sequence order (a failing head holds back what follows, so an endpoint that
// comes back after an hour gets everything afterwards, in order), retried
// with exponential backoff and jitter (services/notification/webhook/
// retry_policy.h) until the policy gives up, then dead-lettered so the queue
// moves on. Every attempt's outcome is stored before the next is made, and a
// retry carries the same event id, so a receiver can de-duplicate.
//
// Threads: `workers` threads share the subscriptions with due deliveries;
// each subscription is worked by one thread at a time. Thread-safe.
#ifndef COREMATCH_SERVICES_NOTIFICATION_SERVICE_WEBHOOK_DISPATCHER_H_
#define COREMATCH_SERVICES_NOTIFICATION_SERVICE_WEBHOOK_DISPATCHER_H_

#include <map>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/random/random.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "services/common/auth.h"
#include "services/common/clock.h"
#include "services/notification/service/subscription_repository.h"
#include "services/notification/webhook/retry_policy.h"
#include "services/notification/webhook/webhook_client.h"
#include "storage/committer.h"

namespace corematch::notification {

struct DispatcherOptions {
  int workers = 4;
  RetryPolicy retry;
  absl::Duration timeout = absl::Seconds(10);
};

class WebhookDispatcher {
 public:
  // None is owned.
  WebhookDispatcher(storage::Committer* committer, SubscriptionRepository* subscriptions,
                    WebhookClient* client, Clock* clock, DispatcherOptions options = {});
  ~WebhookDispatcher();

  // Finds the queued deliveries and starts the workers.
  absl::Status Start();
  // Stops the workers after their attempts in flight. Idempotent.
  void Stop();

  // A new delivery is queued for subscriptions/{subscription_id}.
  void Wake(const std::string& subscription_id);

  absl::StatusOr<pb::ListDeliveriesResponse> List(const Caller& caller,
                                                  const pb::ListDeliveriesRequest& request);
  // Queues a delivery (dead letter or delivered) again, at once.
  absl::StatusOr<pb::Delivery> Redeliver(const Caller& caller, absl::string_view name);

 private:
  void Work();
  // Attempts subscription_id's first pending delivery if due; returns when
  // the subscription should be looked at again (InfiniteFuture when idle).
  absl::StatusOr<absl::Time> Serve(const std::string& subscription_id);
  absl::StatusOr<pb::Delivery> Attempt(const pb::Subscription& subscription, pb::Delivery delivery,
                                       absl::Time now);
  void Schedule(const std::string& subscription_id, absl::Time due);

  storage::Committer* const committer_;
  SubscriptionRepository* const subscriptions_;
  WebhookClient* const client_;
  Clock* const clock_;
  const DispatcherOptions options_;
  std::vector<std::thread> workers_;

  absl::Mutex mutex_;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  // When each subscription with pending deliveries is next due.
  std::map<std::string, absl::Time> due_ ABSL_GUARDED_BY(mutex_);
  std::set<std::string> busy_ ABSL_GUARDED_BY(mutex_);
  absl::BitGen random_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace corematch::notification

#endif  // COREMATCH_SERVICES_NOTIFICATION_SERVICE_WEBHOOK_DISPATCHER_H_
