// services/notification/service/notification_service.h
//
// The gRPC edge of the notification service: authenticates each call, hands
// it to the subscriptions, the inbox or the webhook dispatcher, and converts
// the result to a gRPC status.
#ifndef COREMATCH_SERVICES_NOTIFICATION_SERVICE_NOTIFICATION_SERVICE_H_
#define COREMATCH_SERVICES_NOTIFICATION_SERVICE_NOTIFICATION_SERVICE_H_

#include "absl/time/time.h"
#include "corematch/notification/v1/notification.grpc.pb.h"
#include "services/common/auth.h"
#include "services/notification/service/inbox.h"
#include "services/notification/service/outbox.h"
#include "services/notification/service/subscription_repository.h"
#include "services/notification/service/webhook_dispatcher.h"

namespace corematch::notification {

struct NotificationServiceParts {
  SubscriptionRepository* subscriptions;
  Outbox* outbox;
  Inbox* inbox;
  WebhookDispatcher* dispatcher;
  // A stream quiet this long gets a progress marker.
  absl::Duration progress_interval = absl::Seconds(10);
};

class NotificationServiceImpl final : public pb::NotificationService::Service {
 public:
  // Nothing is owned; all must outlive the service.
  NotificationServiceImpl(NotificationServiceParts parts, Authenticator* authenticator)
      : parts_(parts), authenticator_(authenticator) {}

  grpc::Status CreateSubscription(grpc::ServerContext* context,
                                  const pb::CreateSubscriptionRequest* request,
                                  pb::Subscription* response) override;
  grpc::Status GetSubscription(grpc::ServerContext* context,
                               const pb::GetSubscriptionRequest* request,
                               pb::Subscription* response) override;
  grpc::Status ListSubscriptions(grpc::ServerContext* context,
                                 const pb::ListSubscriptionsRequest* request,
                                 pb::ListSubscriptionsResponse* response) override;
  grpc::Status UpdateSubscription(grpc::ServerContext* context,
                                  const pb::UpdateSubscriptionRequest* request,
                                  pb::Subscription* response) override;
  grpc::Status DeleteSubscription(grpc::ServerContext* context,
                                  const pb::DeleteSubscriptionRequest* request,
                                  google::protobuf::Empty* response) override;
  grpc::Status StreamNotifications(
      grpc::ServerContext* context, const pb::StreamNotificationsRequest* request,
      grpc::ServerWriter<pb::StreamNotificationsResponse>* writer) override;
  grpc::Status AcknowledgeNotifications(grpc::ServerContext* context,
                                        const pb::AcknowledgeNotificationsRequest* request,
                                        pb::AcknowledgeNotificationsResponse* response) override;
  grpc::Status ListNotifications(grpc::ServerContext* context,
                                 const pb::ListNotificationsRequest* request,
                                 pb::ListNotificationsResponse* response) override;
  grpc::Status ListDeliveries(grpc::ServerContext* context,
                              const pb::ListDeliveriesRequest* request,
                              pb::ListDeliveriesResponse* response) override;
  grpc::Status RedeliverDelivery(grpc::ServerContext* context,
                                 const pb::RedeliverDeliveryRequest* request,
                                 pb::Delivery* response) override;

 private:
  absl::Status Stream(grpc::ServerContext& context, const Caller& caller,
                      const pb::StreamNotificationsRequest& request,
                      grpc::ServerWriter<pb::StreamNotificationsResponse>& writer);

  const NotificationServiceParts parts_;
  Authenticator* const authenticator_;
};

}  // namespace corematch::notification

#endif  // COREMATCH_SERVICES_NOTIFICATION_SERVICE_NOTIFICATION_SERVICE_H_
