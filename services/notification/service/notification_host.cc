#include "services/notification/service/notification_host.h"

#include <iostream>
#include <utility>

#include "corematch/adoption/v1/adoption.grpc.pb.h"
#include "corematch/matching/v1/matching.grpc.pb.h"
#include "corematch/publishing/v1/publishing.grpc.pb.h"
#include "services/common/status_macros.h"

namespace corematch::notification {

NotificationHost::NotificationHost(storage::KvStore* store, Clock* clock,
                                   NotificationHostOptions options)
    : options_(std::move(options)), clock_(clock), committer_(store) {}

absl::StatusOr<std::unique_ptr<NotificationHost>> NotificationHost::Open(
    storage::KvStore* store, Clock* clock, IdGenerator* ids, Authenticator* authenticator,
    const matching::Analyzer* analyzer, const matching::PivotLexicon* lexicon,
    NotificationHostOptions options) {
  std::unique_ptr<NotificationHost> host(new NotificationHost(store, clock, std::move(options)));
  ASSIGN_OR_RETURN(host->outbox_, Outbox::Open(store));
  ASSIGN_OR_RETURN(
      host->subscriptions_,
      SubscriptionRepository::Open(store, &host->committer_, clock, ids, analyzer, lexicon));
  host->router_ = std::make_unique<EventRouter>(&host->committer_, host->outbox_.get(),
                                                host->subscriptions_.get(), clock);
  host->inbox_ = std::make_unique<Inbox>(&host->committer_, host->outbox_.get(),
                                         host->subscriptions_.get(), clock);
  host->webhook_client_ = NewCurlWebhookClient(
      {.allow_private_addresses = host->options_.allow_private_webhook_addresses});
  host->dispatcher_ = std::make_unique<WebhookDispatcher>(
      &host->committer_, host->subscriptions_.get(), host->webhook_client_.get(), clock,
      host->options_.dispatcher);
  WebhookDispatcher* dispatcher = host->dispatcher_.get();
  host->router_->SetDeliveryListener([dispatcher](const std::string& id) { dispatcher->Wake(id); });
  host->service_ = std::make_unique<NotificationServiceImpl>(
      NotificationServiceParts{.subscriptions = host->subscriptions_.get(),
                               .outbox = host->outbox_.get(),
                               .inbox = host->inbox_.get(),
                               .dispatcher = dispatcher,
                               .progress_interval = host->options_.progress_interval},
      authenticator);
  return host;
}

NotificationHost::~NotificationHost() { Stop(); }

absl::Status NotificationHost::Start(std::shared_ptr<grpc::Channel> publishing,
                                     std::shared_ptr<grpc::Channel> adoption,
                                     std::shared_ptr<grpc::Channel> matching,
                                     std::string operator_secret) {
  namespace pub = ::corematch::publishing::v1;
  namespace adp = ::corematch::adoption::v1;
  namespace mat = ::corematch::matching::v1;
  EventRouter* router = router_.get();
  publishing_ = std::make_unique<FeedFollower>(
      WatchFeed<pub::PublishingService, pub::WatchChangesRequest, pub::WatchChangesResponse>(
          "notification: publishing", std::move(publishing),
          [router](const pub::WatchChangesResponse& e) { return router->ApplySolutionEvent(e); },
          [router] { return router->cursor(kPublishingFeed); }),
      operator_secret, options_.backoff);
  adoption_ = std::make_unique<FeedFollower>(
      WatchFeed<adp::AdoptionService, adp::WatchChangesRequest, adp::WatchChangesResponse>(
          "notification: adoption", std::move(adoption),
          [router](const adp::WatchChangesResponse& e) { return router->ApplyRequestEvent(e); },
          [router] { return router->cursor(kAdoptionFeed); }),
      operator_secret, options_.backoff);
  matching_ = std::make_unique<FeedFollower>(
      WatchFeed<mat::MatchingService, mat::WatchChangesRequest, mat::WatchChangesResponse>(
          "notification: matching", std::move(matching),
          [router](const mat::WatchChangesResponse& e) { return router->ApplyMatchEvent(e); },
          [router] { return router->cursor(kMatchingFeed); }),
      operator_secret, options_.backoff);
  RETURN_IF_ERROR(dispatcher_->Start());
  publishing_->Start();
  adoption_->Start();
  matching_->Start();
  housekeeper_ = std::thread([this] { Housekeeping(); });
  return absl::OkStatus();
}

void NotificationHost::Stop() {
  {
    absl::MutexLock lock(&mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  outbox_->Shutdown();
  for (FeedFollower* follower : {publishing_.get(), adoption_.get(), matching_.get()}) {
    if (follower != nullptr) follower->Stop();
  }
  dispatcher_->Stop();
  if (housekeeper_.joinable()) housekeeper_.join();
}

FeedFollower* NotificationHost::follower(absl::string_view feed) {
  if (feed == kPublishingFeed) return publishing_.get();
  if (feed == kAdoptionFeed) return adoption_.get();
  if (feed == kMatchingFeed) return matching_.get();
  return nullptr;
}

void NotificationHost::Housekeeping() {
  WebhookDispatcher* dispatcher = dispatcher_.get();
  const DeliveryListener wake = [dispatcher](const std::string& id) { dispatcher->Wake(id); };
  while (true) {
    if (absl::Status digests = inbox_->EmitDueDigests(wake); !digests.ok()) {
      std::cerr << "notification: digests: " << digests.message() << "\n";
    }
    if (absl::Status trim = inbox_->Trim(options_.retention); !trim.ok()) {
      std::cerr << "notification: retention: " << trim.message() << "\n";
    }
    absl::MutexLock lock(&mutex_);
    if (mutex_.AwaitWithTimeout(absl::Condition(&stopping_), options_.housekeeping_interval)) {
      return;
    }
  }
}

}  // namespace corematch::notification
