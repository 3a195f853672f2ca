#include "services/notification/service/webhook_dispatcher.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "google/protobuf/util/json_util.h"
#include "services/common/errors.h"
#include "services/common/page_token.h"
#include "services/common/proto_time.h"
#include "services/common/resource_name.h"
#include "services/common/status_macros.h"
#include "services/notification/service/outbox.h"
#include "services/notification/webhook/delivery_attempt.h"

namespace corematch::notification {
namespace {

// How long an idle worker sleeps before looking again; also bounds how late
// a delivery is when an injected clock jumps.
constexpr absl::Duration kIdleWait = absl::Seconds(1);

constexpr absl::string_view kEventSource = "corematch/notification";

// "subscriptions/{s}/deliveries/{sequence}" → {s, sequence}.
absl::StatusOr<std::pair<std::string, int64_t>> ParseDeliveryName(absl::string_view name) {
  const std::vector<absl::string_view> parts = absl::StrSplit(name, '/');
  int64_t sequence = 0;
  if (parts.size() != 4 || parts[0] != "subscriptions" || parts[1].empty() ||
      parts[2] != "deliveries" || !absl::SimpleAtoi(parts[3], &sequence) || sequence <= 0) {
    FieldViolations violations;
    violations.Add("name", absl::StrCat("'", name,
                                        "' is malformed; expected "
                                        "subscriptions/{subscription}/deliveries/{sequence}"));
    return violations.ToStatus();
  }
  return std::make_pair(std::string(parts[1]), sequence);
}

CloudEvent EventOf(const pb::Notification& notification) {
  CloudEvent event;
  event.id = notification.event_id();
  event.source = std::string(kEventSource);
  std::string type = absl::AsciiStrToLower(
      absl::string_view(pb::EventType_Name(notification.type())).substr(11));  // EVENT_TYPE_
  event.type = absl::StrCat("org.corematch.notification.", type);
  event.subject = notification.subject();
  event.time = FromProtoTime(notification.event_time());
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = false;
  // A message always prints; the status only reports unknown Any types.
  (void)google::protobuf::util::MessageToJsonString(notification, &event.data_json, options);
  return event;
}

absl::StatusOr<pb::Delivery> LoadDelivery(const storage::Transaction& txn, absl::string_view key,
                                          absl::string_view name) {
  ASSIGN_OR_RETURN(std::optional<std::string> bytes, txn.Get(key));
  if (!bytes.has_value()) return NotFound(name);
  pb::Delivery delivery;
  if (!delivery.ParseFromString(*bytes)) return absl::DataLossError(absl::StrCat("corrupt ", key));
  return delivery;
}

}  // namespace

WebhookDispatcher::WebhookDispatcher(storage::Committer* committer,
                                     SubscriptionRepository* subscriptions, WebhookClient* client,
                                     Clock* clock, DispatcherOptions options)
    : committer_(committer),
      subscriptions_(subscriptions),
      client_(client),
      clock_(clock),
      options_(options) {}

WebhookDispatcher::~WebhookDispatcher() { Stop(); }

absl::Status WebhookDispatcher::Start() {
  std::set<std::string> queued;
  RETURN_IF_ERROR(committer_->store()->Scan("pending/", "", storage::ScanOrder::kAscending,
                                            [&](absl::string_view key, absl::string_view) {
                                              absl::string_view rest = key.substr(8);
                                              queued.emplace(rest.substr(0, rest.find('/')));
                                              return true;
                                            }));
  {
    absl::MutexLock lock(&mutex_);
    for (const std::string& id : queued) due_[id] = absl::InfinitePast();
  }
  for (int i = 0; i < options_.workers; ++i) workers_.emplace_back([this] { Work(); });
  return absl::OkStatus();
}

void WebhookDispatcher::Stop() {
  {
    absl::MutexLock lock(&mutex_);
    stopping_ = true;
  }
  for (std::thread& worker : workers_) worker.join();
  workers_.clear();
}

void WebhookDispatcher::Wake(const std::string& subscription_id) {
  Schedule(subscription_id, absl::InfinitePast());
}

void WebhookDispatcher::Schedule(const std::string& subscription_id, absl::Time due) {
  absl::MutexLock lock(&mutex_);
  auto [it, inserted] = due_.emplace(subscription_id, due);
  if (!inserted) it->second = std::min(it->second, due);
}

void WebhookDispatcher::Work() {
  while (true) {
    std::string id;
    {
      absl::MutexLock lock(&mutex_);
      while (!stopping_) {
        const absl::Time now = clock_->Now();
        absl::Time earliest = absl::InfiniteFuture();
        for (const auto& [candidate, due] : due_) {
          if (busy_.contains(candidate)) continue;
          if (due <= now) {
            id = candidate;
            break;
          }
          earliest = std::min(earliest, due);
        }
        if (!id.empty()) break;
        mutex_.AwaitWithTimeout(absl::Condition(&stopping_),
                                std::clamp(earliest - now, absl::Milliseconds(1), kIdleWait));
      }
      if (stopping_) return;
      busy_.insert(id);
      due_.erase(id);
    }
    absl::StatusOr<absl::Time> next = Serve(id);
    // A store error is retried after a pause rather than lost.
    const absl::Time due = next.ok() ? *next : clock_->Now() + kIdleWait;
    absl::MutexLock lock(&mutex_);
    busy_.erase(id);
    if (due != absl::InfiniteFuture()) {
      auto [it, inserted] = due_.emplace(id, due);
      if (!inserted) it->second = std::min(it->second, due);
    }
  }
}

absl::StatusOr<absl::Time> WebhookDispatcher::Serve(const std::string& subscription_id) {
  std::string head;
  RETURN_IF_ERROR(committer_->store()->Scan(PendingPrefix(subscription_id), "",
                                            storage::ScanOrder::kAscending,
                                            [&](absl::string_view key, absl::string_view) {
                                              head = std::string(key);
                                              return false;
                                            }));
  if (head.empty()) return absl::InfiniteFuture();
  ASSIGN_OR_RETURN(int64_t sequence,
                   ParseSequenceKeyPart(absl::string_view(head).substr(head.rfind('/') + 1)));
  const std::string key = DeliveryKey(subscription_id, sequence);
  ASSIGN_OR_RETURN(std::optional<std::string> bytes, committer_->store()->Get(key));
  pb::Delivery delivery;
  if (!bytes.has_value() || !delivery.ParseFromString(*bytes)) {
    return absl::DataLossError(absl::StrCat("pending delivery without a record: ", key));
  }
  const absl::Time now = clock_->Now();
  const absl::Time due = FromProtoTime(delivery.next_attempt_time());
  if (due > now) return due;
  ASSIGN_OR_RETURN(std::optional<pb::Subscription> subscription,
                   subscriptions_->Find(subscription_id));
  ASSIGN_OR_RETURN(delivery,
                   Attempt(subscription.value_or(pb::Subscription()), std::move(delivery), now));
  RETURN_IF_ERROR(committer_->Run([&](storage::Transaction& txn) -> absl::Status {
    txn.Put(key, delivery.SerializeAsString());
    if (delivery.state() != pb::DELIVERY_STATE_PENDING) txn.Delete(head);
    return absl::OkStatus();
  }));
  if (delivery.state() == pb::DELIVERY_STATE_PENDING) {
    return FromProtoTime(delivery.next_attempt_time());
  }
  return now;  // The next one in line, at once.
}

absl::StatusOr<pb::Delivery> WebhookDispatcher::Attempt(const pb::Subscription& subscription,
                                                        pb::Delivery delivery, absl::Time now) {
  if (delivery.attempts() == 0 || !delivery.has_first_attempt_time()) {
    *delivery.mutable_first_attempt_time() = ToProtoTime(now);
  }
  delivery.set_attempts(delivery.attempts() + 1);
  *delivery.mutable_last_attempt_time() = ToProtoTime(now);
  if (!subscription.has_webhook()) {
    // Deleted, or its webhook removed: nowhere to post any more.
    delivery.set_state(pb::DELIVERY_STATE_DEAD_LETTER);
    delivery.set_last_error("the subscription no longer has a webhook");
    delivery.clear_next_attempt_time();
    return delivery;
  }
  Delivery attempt{.url = subscription.webhook().url(),
                   .secret = subscription.webhook().secret(),
                   .event = EventOf(delivery.notification()),
                   .timeout = options_.timeout};
  const AttemptOutcome outcome = AttemptDelivery(*client_, attempt, now);
  delivery.set_last_http_status(outcome.http_status);
  delivery.set_last_error(outcome.error);
  if (outcome.delivered) {
    delivery.set_state(pb::DELIVERY_STATE_DELIVERED);
    delivery.clear_next_attempt_time();
    return delivery;
  }
  if (ShouldGiveUp(options_.retry, FromProtoTime(delivery.first_attempt_time()), now)) {
    delivery.set_state(pb::DELIVERY_STATE_DEAD_LETTER);
    delivery.clear_next_attempt_time();
    return delivery;
  }
  absl::Duration delay;
  {
    absl::MutexLock lock(&mutex_);
    delay = RetryDelay(options_.retry, delivery.attempts(), random_);
  }
  *delivery.mutable_next_attempt_time() = ToProtoTime(now + delay);
  return delivery;
}

absl::StatusOr<pb::ListDeliveriesResponse> WebhookDispatcher::List(
    const Caller& caller, const pb::ListDeliveriesRequest& request) {
  ASSIGN_OR_RETURN(std::string id, ParseResourceName(request.parent(), "subscriptions", "parent"));
  ASSIGN_OR_RETURN(std::optional<pb::Subscription> subscription, subscriptions_->Find(id));
  if (!subscription.has_value() || !caller.CanModify(subscription->subscriber())) {
    return NotFound(request.parent());
  }
  pb::DeliveryState state = pb::DELIVERY_STATE_UNSPECIFIED;
  if (!request.filter().empty()) {
    absl::string_view filter = absl::StripAsciiWhitespace(request.filter());
    std::string value;
    if (absl::ConsumePrefix(&filter, "state")) {
      filter = absl::StripLeadingAsciiWhitespace(filter);
      if (absl::ConsumePrefix(&filter, "=")) {
        value = absl::StrCat("DELIVERY_STATE_", absl::StripAsciiWhitespace(filter));
      }
    }
    if (value.empty() || !pb::DeliveryState_Parse(value, &state) ||
        state == pb::DELIVERY_STATE_UNSPECIFIED) {
      FieldViolations violations;
      violations.Add("filter", absl::StrCat("'", request.filter(),
                                            "' is not supported; use state = PENDING, "
                                            "state = DELIVERED or state = DEAD_LETTER"));
      return violations.ToStatus();
    }
  }
  ASSIGN_OR_RETURN(int page_size, EffectivePageSize(request.page_size()));
  const std::string fingerprint = QueryFingerprint(request.filter(), request.parent(), caller.id());
  ASSIGN_OR_RETURN(std::string start, DecodePageToken(request.page_token(), fingerprint));

  pb::ListDeliveriesResponse response;
  std::string last_key;
  bool more = false;
  absl::Status parse;
  RETURN_IF_ERROR(committer_->store()->Scan(
      DeliveryPrefix(id), start, storage::ScanOrder::kAscending,
      [&](absl::string_view key, absl::string_view value) {
        if (response.deliveries_size() == page_size) {
          more = true;
          return false;
        }
        pb::Delivery delivery;
        if (!delivery.ParseFromArray(value.data(), value.size())) {
          parse = absl::DataLossError(absl::StrCat("corrupt delivery at ", key));
          return false;
        }
        last_key = std::string(key);
        if (state == pb::DELIVERY_STATE_UNSPECIFIED || delivery.state() == state) {
          *response.add_deliveries() = std::move(delivery);
        }
        return true;
      }));
  RETURN_IF_ERROR(parse);
  if (more) response.set_next_page_token(EncodePageToken(last_key, fingerprint));
  return response;
}

absl::StatusOr<pb::Delivery> WebhookDispatcher::Redeliver(const Caller& caller,
                                                          absl::string_view name) {
  ASSIGN_OR_RETURN(auto parsed, ParseDeliveryName(name));
  const auto& [id, sequence] = parsed;
  ASSIGN_OR_RETURN(std::optional<pb::Subscription> subscription, subscriptions_->Find(id));
  if (!subscription.has_value() || !caller.CanModify(subscription->subscriber())) {
    return NotFound(name);
  }
  if (!subscription->has_webhook()) {
    return MakeError(absl::StatusCode::kFailedPrecondition, "NO_WEBHOOK",
                     absl::StrCat(subscription->name(),
                                  " has no webhook to deliver to; set subscription.webhook first"));
  }
  pb::Delivery delivery;
  RETURN_IF_ERROR(committer_->Run([&](storage::Transaction& txn) -> absl::Status {
    const std::string key = DeliveryKey(id, sequence);
    ASSIGN_OR_RETURN(delivery, LoadDelivery(txn, key, name));
    if (delivery.state() == pb::DELIVERY_STATE_PENDING) return absl::OkStatus();
    delivery.set_state(pb::DELIVERY_STATE_PENDING);
    // A fresh retry period: the endpoint is presumably fixed.
    delivery.clear_first_attempt_time();
    *delivery.mutable_next_attempt_time() = ToProtoTime(clock_->Now());
    txn.Put(key, delivery.SerializeAsString());
    txn.Put(absl::StrCat(PendingPrefix(id), SequenceKeyPart(sequence)), "");
    return absl::OkStatus();
  }));
  Wake(id);
  return delivery;
}

}  // namespace corematch::notification
