#include "services/notification/service/notification_service.h"

#include <algorithm>
#include <set>
#include <string>

#include "services/common/status_macros.h"

namespace corematch::notification {
namespace {

// Notifications read from the store per pass of a stream.
constexpr int kStreamBatch = 100;
// How often a waiting stream checks whether its client is gone.
constexpr absl::Duration kCancelCheck = absl::Milliseconds(500);

bool Selected(const pb::Notification& notification, const std::set<std::string>& only) {
  if (only.empty()) return true;
  return std::any_of(notification.subscriptions().begin(), notification.subscriptions().end(),
                     [&](const std::string& name) { return only.contains(name); });
}

}  // namespace

grpc::Status NotificationServiceImpl::CreateSubscription(
    grpc::ServerContext* context, const pb::CreateSubscriptionRequest* request,
    pb::Subscription* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, parts_.subscriptions->Create(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status NotificationServiceImpl::GetSubscription(grpc::ServerContext* context,
                                                      const pb::GetSubscriptionRequest* request,
                                                      pb::Subscription* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, parts_.subscriptions->Get(caller, request->name()));
    return absl::OkStatus();
  });
}

grpc::Status NotificationServiceImpl::ListSubscriptions(grpc::ServerContext* context,
                                                        const pb::ListSubscriptionsRequest* request,
                                                        pb::ListSubscriptionsResponse* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, parts_.subscriptions->List(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status NotificationServiceImpl::UpdateSubscription(
    grpc::ServerContext* context, const pb::UpdateSubscriptionRequest* request,
    pb::Subscription* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, parts_.subscriptions->Update(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status NotificationServiceImpl::DeleteSubscription(
    grpc::ServerContext* context, const pb::DeleteSubscriptionRequest* request,
    google::protobuf::Empty*) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) {
    return parts_.subscriptions->Delete(caller, *request);
  });
}

grpc::Status NotificationServiceImpl::StreamNotifications(
    grpc::ServerContext* context, const pb::StreamNotificationsRequest* request,
    grpc::ServerWriter<pb::StreamNotificationsResponse>* writer) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) {
    return Stream(*context, caller, *request, *writer);
  });
}

absl::Status NotificationServiceImpl::Stream(
    grpc::ServerContext& context, const Caller& caller,
    const pb::StreamNotificationsRequest& request,
    grpc::ServerWriter<pb::StreamNotificationsResponse>& writer) {
  ASSIGN_OR_RETURN(std::string subscriber, SubscriberIdOf(caller));
  ASSIGN_OR_RETURN(int64_t cursor, parts_.inbox->StreamStart(subscriber, request.after_sequence()));
  const std::set<std::string> only(request.subscriptions().begin(), request.subscriptions().end());
  absl::Time quiet_since = absl::Now();
  int64_t marked = cursor;
  while (!context.IsCancelled() && !parts_.outbox->is_shut_down()) {
    // Read before scanning: whatever committed after this is read next pass,
    // so a progress marker never skips a notification.
    const int64_t committed = parts_.outbox->last_committed();
    bool sent_any = false;
    bool client_gone = false;
    int read = 0;
    RETURN_IF_ERROR(parts_.outbox->ReadInbox(subscriber, cursor, kStreamBatch,
                                             [&](const pb::Notification& notification) {
                                               cursor = notification.sequence();
                                               ++read;
                                               if (!Selected(notification, only)) return true;
                                               pb::StreamNotificationsResponse response;
                                               *response.mutable_notification() = notification;
                                               client_gone = !writer.Write(response);
                                               sent_any = true;
                                               return !client_gone;
                                             }));
    if (client_gone) return absl::OkStatus();
    if (sent_any) quiet_since = absl::Now();
    if (sent_any || read == kStreamBatch) continue;
    cursor = std::max(cursor, committed);
    if (absl::Now() - quiet_since >= parts_.progress_interval && committed > marked) {
      pb::StreamNotificationsResponse response;
      response.mutable_progress()->set_sequence(committed);
      if (!writer.Write(response)) return absl::OkStatus();
      marked = committed;
      quiet_since = absl::Now();
    }
    const absl::Time wake =
        std::min(quiet_since + parts_.progress_interval, absl::Now() + kCancelCheck);
    parts_.outbox->WaitForNewerThan(committed, wake);
  }
  return absl::OkStatus();
}

grpc::Status NotificationServiceImpl::AcknowledgeNotifications(
    grpc::ServerContext* context, const pb::AcknowledgeNotificationsRequest* request,
    pb::AcknowledgeNotificationsResponse* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(int64_t acknowledged, parts_.inbox->Acknowledge(caller, request->sequence()));
    response->set_acknowledged_sequence(acknowledged);
    return absl::OkStatus();
  });
}

grpc::Status NotificationServiceImpl::ListNotifications(grpc::ServerContext* context,
                                                        const pb::ListNotificationsRequest* request,
                                                        pb::ListNotificationsResponse* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, parts_.inbox->List(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status NotificationServiceImpl::ListDeliveries(grpc::ServerContext* context,
                                                     const pb::ListDeliveriesRequest* request,
                                                     pb::ListDeliveriesResponse* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, parts_.dispatcher->List(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status NotificationServiceImpl::RedeliverDelivery(grpc::ServerContext* context,
                                                        const pb::RedeliverDeliveryRequest* request,
                                                        pb::Delivery* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, parts_.dispatcher->Redeliver(caller, request->name()));
    return absl::OkStatus();
  });
}

}  // namespace corematch::notification
