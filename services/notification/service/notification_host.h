// services/notification/service/notification_host.h
//
// Everything a server needs to host the notification service: its store's
// parts (subscriptions with their profile index, outbox, inbox), the gRPC
// service, the followers of the publishing, adoption and matching feeds, the
// webhook dispatcher, and the housekeeping that sends digests and trims
// what is past retention.
//
//   ASSIGN_OR_RETURN(auto notification, NotificationHost::Open(store, clock, ids,
//                                                              authenticator, analyzer));
//   builder.RegisterService(notification->service());
//   ... build and start the grpc::Server ...
//   RETURN_IF_ERROR(notification->Start(publishing, adoption, matching, operator_secret));
//   ...
//   notification->Stop();  // before the grpc::Server shuts down
//
// Thread-safe.
#ifndef COREMATCH_SERVICES_NOTIFICATION_SERVICE_NOTIFICATION_HOST_H_
#define COREMATCH_SERVICES_NOTIFICATION_SERVICE_NOTIFICATION_HOST_H_

#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/impl/service_type.h"
#include "services/common/auth.h"
#include "services/common/clock.h"
#include "services/common/feed_follower.h"
#include "services/common/id_generator.h"
#include "services/notification/service/event_router.h"
#include "services/notification/service/inbox.h"
#include "services/notification/service/notification_service.h"
#include "services/notification/service/outbox.h"
#include "services/notification/service/subscription_repository.h"
#include "services/notification/service/webhook_dispatcher.h"
#include "storage/committer.h"
#include "storage/kv_store.h"

namespace corematch::notification {

struct NotificationHostOptions {
  // How long notifications stay listable and resumable.
  absl::Duration retention = absl::Hours(24 * 7);
  // A quiet stream gets a progress marker this often.
  absl::Duration progress_interval = absl::Seconds(10);
  // How often digests are checked for and retention applied.
  absl::Duration housekeeping_interval = absl::Minutes(1);
  DispatcherOptions dispatcher;
  Backoff backoff;
  // Whether webhooks may go to loopback, private and link-local addresses
  // (WebhookClientOptions): for tests and receivers inside the operator's
  // own network.
  bool allow_private_webhook_addresses = false;
};

class NotificationHost {
 public:
  // None of the pointers is owned; all must outlive the host. `analyzer`
  // may be null (need texts are then not scored), `lexicon` too (needs then
  // meet solutions in their own language only).
  static absl::StatusOr<std::unique_ptr<NotificationHost>> Open(
      storage::KvStore* store, Clock* clock, IdGenerator* ids, Authenticator* authenticator,
      const matching::Analyzer* analyzer, const matching::PivotLexicon* lexicon,
      NotificationHostOptions options = {});

  ~NotificationHost();
  NotificationHost(const NotificationHost&) = delete;
  NotificationHost& operator=(const NotificationHost&) = delete;

  // corematch.notification.v1.NotificationService, to register with a ServerBuilder.
  grpc::Service* service() { return service_.get(); }

  // Starts following the three feeds, the webhook dispatcher and the
  // housekeeping. Call once, after the servers of the feeds are up.
  absl::Status Start(std::shared_ptr<grpc::Channel> publishing,
                     std::shared_ptr<grpc::Channel> adoption,
                     std::shared_ptr<grpc::Channel> matching, std::string operator_secret);
  // Stops all of it and ends notification streams. Idempotent.
  void Stop();

  EventRouter& router() { return *router_; }
  Inbox& inbox() { return *inbox_; }
  Outbox& outbox() { return *outbox_; }
  // Null before Start.
  FeedFollower* follower(absl::string_view feed);

 private:
  NotificationHost(storage::KvStore* store, Clock* clock, NotificationHostOptions options);
  void Housekeeping();

  const NotificationHostOptions options_;
  Clock* const clock_;
  storage::Committer committer_;
  std::unique_ptr<Outbox> outbox_;
  std::unique_ptr<SubscriptionRepository> subscriptions_;
  std::unique_ptr<EventRouter> router_;
  std::unique_ptr<Inbox> inbox_;
  std::unique_ptr<WebhookClient> webhook_client_;
  std::unique_ptr<WebhookDispatcher> dispatcher_;
  std::unique_ptr<NotificationServiceImpl> service_;
  std::unique_ptr<FeedFollower> publishing_;
  std::unique_ptr<FeedFollower> adoption_;
  std::unique_ptr<FeedFollower> matching_;
  std::thread housekeeper_;

  absl::Mutex mutex_;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
};

}  // namespace corematch::notification

#endif  // COREMATCH_SERVICES_NOTIFICATION_SERVICE_NOTIFICATION_HOST_H_
