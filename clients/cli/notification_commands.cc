#include "clients/cli/notification_commands.h"

#include <fstream>
#include <memory>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "clients/cli/enum_names.h"
#include "clients/cli/errors.h"
#include "clients/cli/input.h"
#include "clients/cli/output.h"
#include "clients/cli/table.h"
#include "corematch/notification/v1/notification.grpc.pb.h"
#include "google/protobuf/util/json_util.h"

namespace corematch::cli {
namespace {

namespace nt = ::corematch::notification::v1;

constexpr const char* kSubscriptions = "subscriptions";

std::unique_ptr<nt::NotificationService::Stub> Stub(CommandContext& ctx) {
  return nt::NotificationService::NewStub(ctx.connection().channel());
}

std::string ShortName(const google::protobuf::EnumDescriptor* type, int value) {
  const google::protobuf::EnumValueDescriptor* descriptor = type->FindValueByNumber(value);
  return descriptor == nullptr ? absl::StrCat(value) : EnumShortName(*descriptor);
}

std::string Channels(const nt::Subscription& s) {
  std::vector<std::string> channels;
  if (s.stream()) channels.push_back("stream");
  if (s.has_webhook()) channels.push_back(absl::StrCat("webhook ", s.webhook().url()));
  return absl::StrJoin(channels, " + ");
}

Table SubscriptionTable(const nt::ListSubscriptionsResponse& response) {
  Table table({"NAME", "DISPLAY NAME", "CHANNELS", "RHYTHM", "EVENTS"});
  for (const nt::Subscription& s : response.subscriptions()) {
    std::vector<std::string> events;
    for (int type : s.event_types()) events.push_back(ShortName(nt::EventType_descriptor(), type));
    table.AddRow({s.name(), s.display_name(), Channels(s),
                  ShortName(nt::Rhythm_descriptor(), s.rhythm()),
                  events.empty() ? "all" : absl::StrJoin(events, ",")});
  }
  return table;
}

struct CreateFlags {
  std::string display_name;
  std::string subscriber;
  std::vector<std::string> sectors, target_groups, countries, languages, events;
  std::string need, need_language;
  double min_score = 0;
  bool no_stream = false;
  std::string webhook_url, webhook_secret, webhook_secret_file;
  std::string rhythm = "immediate";
  std::string request_id;
};

absl::StatusOr<nt::Subscription> SubscriptionFromFlags(const CreateFlags& f) {
  nt::Subscription s;
  s.set_display_name(f.display_name);
  s.set_subscriber(f.subscriber.empty() ? "" : ResourceName("organizations", f.subscriber));
  nt::InterestProfile& p = *s.mutable_profile();
  for (const auto& v : f.sectors) p.add_sectors(v);
  for (const auto& v : f.target_groups) p.add_target_groups(v);
  for (const auto& v : f.countries) p.add_countries(v);
  for (const auto& v : f.languages) p.add_languages(v);
  p.set_need_text(f.need);
  p.set_need_language(f.need_language);
  p.set_min_score(f.min_score);
  for (const std::string& event : f.events) {
    std::optional<int> type = ParseEnumName(*nt::EventType_descriptor(), event);
    if (!type.has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--event: unknown event '", event,
                       "'; use e.g. solution_published, request_matched, adopter_interested"));
    }
    s.add_event_types(static_cast<nt::EventType>(*type));
  }
  std::optional<int> rhythm = ParseEnumName(*nt::Rhythm_descriptor(), f.rhythm);
  if (!rhythm.has_value()) {
    std::optional<int> digest =
        ParseEnumName(*nt::Rhythm_descriptor(), absl::StrCat(f.rhythm, "_digest"));
    if (!digest.has_value()) {
      return absl::InvalidArgumentError(
          absl::StrCat("--rhythm: '", f.rhythm, "'; choose immediate, daily or weekly"));
    }
    rhythm = digest;
  }
  s.set_rhythm(static_cast<nt::Rhythm>(*rhythm));
  s.set_stream(!f.no_stream);
  if (!f.webhook_url.empty()) {
    s.mutable_webhook()->set_url(f.webhook_url);
    std::string secret = f.webhook_secret;
    if (!f.webhook_secret_file.empty()) {
      std::ifstream in(f.webhook_secret_file);
      if (!in || !std::getline(in, secret)) {
        return absl::InvalidArgumentError(
            absl::StrCat("--webhook-secret-file: cannot read ", f.webhook_secret_file));
      }
    }
    s.mutable_webhook()->set_secret(secret);
  }
  return s;
}

void AddCreate(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("create", "Subscribe an interest profile");
  auto f = std::make_shared<CreateFlags>();
  cmd->add_option("--display-name", f->display_name, "What you call it");
  cmd->add_option("--subscriber", f->subscriber,
                  "organizations/{id} to subscribe (operator key only)");
  cmd->add_option("--sector", f->sectors, "COFOG code, repeatable (10 covers 10.1 ...)");
  cmd->add_option("--target-group", f->target_groups, "Target-group code, repeatable");
  cmd->add_option("--country", f->countries, "ISO country of the solution's origin, repeatable");
  cmd->add_option("--language", f->languages, "BCP 47 language of the solution, repeatable");
  cmd->add_option("--need", f->need, "A standing need, in your words");
  cmd->add_option("--need-language", f->need_language, "BCP 47 language of --need");
  cmd->add_option("--min-score", f->min_score, "0..1: how much of --need a solution must cover")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--event", f->events,
                  "Event type wanted, repeatable (default all): solution_published, "
                  "solution_updated, request_matched, solution_matched, owner_interested, "
                  "adopter_interested, match_connected");
  cmd->add_flag("--no-stream", f->no_stream, "Do not deliver on `corematch watch` streams");
  cmd->add_option("--webhook-url", f->webhook_url, "POST each notification here (CloudEvents)");
  cmd->add_option("--webhook-secret", f->webhook_secret, "16-256 characters to sign POSTs with");
  cmd->add_option("--webhook-secret-file", f->webhook_secret_file, "Read the secret from a file");
  cmd->add_option("--rhythm", f->rhythm, "immediate (default), daily or weekly (digests)");
  cmd->add_option("--request-id", f->request_id, "UUID making a retry safe");
  OnRun(cmd, ctx, [&ctx, f] {
    absl::StatusOr<nt::Subscription> subscription = SubscriptionFromFlags(*f);
    if (!subscription.ok()) return ctx.UsageError(subscription.status());
    nt::CreateSubscriptionRequest request;
    *request.mutable_subscription() = *std::move(subscription);
    request.set_request_id(f->request_id);
    nt::Subscription response;
    auto stub = Stub(ctx);
    return ctx.CallAndPrint(response, [&](grpc::ClientContext* c) {
      return stub->CreateSubscription(c, request, &response);
    });
  });
}

void AddList(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("list", "List your subscriptions");
  auto all = std::make_shared<bool>(false);
  cmd->add_flag("--all", *all, "Follow next_page_token to the last page");
  OnRun(cmd, ctx, [&ctx, all] {
    auto stub = Stub(ctx);
    nt::ListSubscriptionsResponse response;
    grpc::Status status =
        ctx.FetchPages<nt::ListSubscriptionsRequest, nt::ListSubscriptionsResponse>(
            nt::ListSubscriptionsRequest(), *all, &response,
            [&](grpc::ClientContext* c, const nt::ListSubscriptionsRequest& r,
                nt::ListSubscriptionsResponse* page) {
              return stub->ListSubscriptions(c, r, page);
            });
    if (!status.ok()) return ctx.RpcError(status);
    ctx.printer().List(response, SubscriptionTable(response), response.next_page_token());
    return kExitOk;
  });
}

void AddGet(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("get", "Show one subscription");
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, "subscriptions/{id} or {id}")->required();
  OnRun(cmd, ctx, [&ctx, name] {
    nt::GetSubscriptionRequest request;
    request.set_name(ResourceName(kSubscriptions, *name));
    nt::Subscription response;
    auto stub = Stub(ctx);
    return ctx.CallAndPrint(response, [&](grpc::ClientContext* c) {
      return stub->GetSubscription(c, request, &response);
    });
  });
}

void AddDelete(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("delete", "Remove a subscription");
  auto name = std::make_shared<std::string>();
  auto etag = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, "subscriptions/{id} or {id}")->required();
  cmd->add_option("--etag", *etag, "Only if it is still this version");
  OnRun(cmd, ctx, [&ctx, name, etag] {
    nt::DeleteSubscriptionRequest request;
    request.set_name(ResourceName(kSubscriptions, *name));
    request.set_etag(*etag);
    google::protobuf::Empty response;
    auto stub = Stub(ctx);
    grpc::Status status = ctx.Call(
        [&](grpc::ClientContext* c) { return stub->DeleteSubscription(c, request, &response); });
    if (!status.ok()) return ctx.RpcError(status);
    ctx.out() << "deleted " << request.name() << "\n";
    return kExitOk;
  });
}

struct WatchFlags {
  int64_t after = 0;
  std::string cursor_file;
  std::vector<std::string> subscriptions;
  int count = 0;
  bool no_ack = false;
};

int64_t ReadCursor(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  int64_t cursor = 0;
  if (in && std::getline(in, line)) {
    (void)absl::SimpleAtoi(absl::StripAsciiWhitespace(line), &cursor);
  }
  return cursor;
}

void WriteCursor(const std::string& path, int64_t cursor) {
  // Written whole then renamed, so a crash never leaves half a number.
  const std::string temporary = absl::StrCat(path, ".tmp");
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << cursor << "\n";
  }
  std::rename(temporary.c_str(), path.c_str());
}

void PrintNotification(CommandContext& ctx, const nt::Notification& n) {
  if (ctx.printer().format() == OutputFormat::kJson) {
    std::string json;
    google::protobuf::util::JsonPrintOptions options;
    (void)google::protobuf::util::MessageToJsonString(n, &json, options);
    ctx.out() << json << "\n";
  } else {
    ctx.out() << NotificationLine(n) << "\n";
    if (!n.reasons().empty()) ctx.out() << "     " << absl::StrJoin(n.reasons(), "; ") << "\n";
    for (const nt::Notification& item : n.digest_items()) {
      ctx.out() << "     - " << NotificationLine(item) << "\n";
    }
  }
  ctx.out().flush();
}

int Watch(CommandContext& ctx, const WatchFlags& f) {
  auto stub = Stub(ctx);
  nt::StreamNotificationsRequest request;
  request.set_after_sequence(f.after);
  if (request.after_sequence() == 0 && !f.cursor_file.empty()) {
    request.set_after_sequence(ReadCursor(f.cursor_file));
  }
  for (const std::string& s : f.subscriptions) {
    request.add_subscriptions(ResourceName(kSubscriptions, s));
  }
  grpc::ClientContext context;
  // A watch has no deadline: it follows until interrupted (or --count).
  context.AddMetadata("authorization", absl::StrCat("Bearer ", ctx.connection().options().api_key));
  std::unique_ptr<grpc::ClientReader<nt::StreamNotificationsResponse>> reader =
      stub->StreamNotifications(&context, request);
  nt::StreamNotificationsResponse item;
  int printed = 0;
  while (reader->Read(&item)) {
    const int64_t cursor =
        item.has_notification() ? item.notification().sequence() : item.progress().sequence();
    if (item.has_notification()) {
      PrintNotification(ctx, item.notification());
      ++printed;
      if (!f.no_ack) {
        nt::AcknowledgeNotificationsRequest ack;
        ack.set_sequence(cursor);
        nt::AcknowledgeNotificationsResponse acked;
        grpc::Status status = ctx.Call(
            [&](grpc::ClientContext* c) { return stub->AcknowledgeNotifications(c, ack, &acked); });
        if (!status.ok()) return ctx.RpcError(status);
      }
    }
    if (!f.cursor_file.empty()) WriteCursor(f.cursor_file, cursor);
    if (f.count > 0 && printed >= f.count) {
      context.TryCancel();
      while (reader->Read(&item)) {
      }
      reader->Finish().ok();
      return kExitOk;
    }
  }
  grpc::Status status = reader->Finish();
  if (!status.ok()) return ctx.RpcError(status);
  return kExitOk;
}

void AddWatch(CLI::App& app, CommandContext& ctx) {
  CLI::App* cmd = app.add_subcommand(
      "watch", "Stream your notifications to the terminal, resuming where the last watch stopped");
  auto f = std::make_shared<WatchFlags>();
  cmd->add_option("--after", f->after,
                  "Start after this sequence (default: after the last acknowledged one)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--cursor-file", f->cursor_file,
                  "Keep the cursor in this file too, and start after it");
  cmd->add_option("--subscription", f->subscriptions, "Only this subscription's, repeatable");
  cmd->add_option("--count", f->count, "Stop after this many notifications")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--no-ack", f->no_ack, "Do not acknowledge what was printed");
  OnRun(cmd, ctx, [&ctx, f] { return Watch(ctx, *f); });
}

Table DeliveryTable(const nt::ListDeliveriesResponse& response) {
  Table table({"NAME", "STATE", "ATTEMPTS", "HTTP", "EVENT", "LAST ERROR"});
  for (const nt::Delivery& d : response.deliveries()) {
    table.AddRow({d.name(), ShortName(nt::DeliveryState_descriptor(), d.state()),
                  absl::StrCat(d.attempts()),
                  d.last_http_status() == 0 ? "-" : absl::StrCat(d.last_http_status()),
                  d.notification().event_id(), d.last_error()});
  }
  return table;
}

void AddDeliveries(CLI::App& app, CommandContext& ctx) {
  CLI::App* group =
      app.add_subcommand("deliveries", "Webhook deliveries of a subscription, and redelivery");
  group->require_subcommand(1);
  CLI::App* list = group->add_subcommand("list", "List a subscription's webhook deliveries");
  auto parent = std::make_shared<std::string>();
  auto state = std::make_shared<std::string>();
  auto all = std::make_shared<bool>(false);
  list->add_option("SUBSCRIPTION", *parent, "subscriptions/{id} or {id}")->required();
  list->add_option("--state", *state, "pending, delivered or dead_letter");
  list->add_flag("--all", *all, "Follow next_page_token to the last page");
  OnRun(list, ctx, [&ctx, parent, state, all] {
    nt::ListDeliveriesRequest request;
    request.set_parent(ResourceName(kSubscriptions, *parent));
    if (!state->empty())
      request.set_filter(absl::StrCat("state = ", absl::AsciiStrToUpper(*state)));
    auto stub = Stub(ctx);
    nt::ListDeliveriesResponse response;
    grpc::Status status = ctx.FetchPages<nt::ListDeliveriesRequest, nt::ListDeliveriesResponse>(
        request, *all, &response,
        [&](grpc::ClientContext* c, const nt::ListDeliveriesRequest& r,
            nt::ListDeliveriesResponse* page) { return stub->ListDeliveries(c, r, page); });
    if (!status.ok()) return ctx.RpcError(status);
    ctx.printer().List(response, DeliveryTable(response), response.next_page_token());
    return kExitOk;
  });
  CLI::App* redeliver = group->add_subcommand("redeliver", "Queue a delivery again");
  auto name = std::make_shared<std::string>();
  redeliver->add_option("NAME", *name, "subscriptions/{id}/deliveries/{sequence}")->required();
  OnRun(redeliver, ctx, [&ctx, name] {
    nt::RedeliverDeliveryRequest request;
    request.set_name(*name);
    nt::Delivery response;
    auto stub = Stub(ctx);
    return ctx.CallAndPrint(response, [&](grpc::ClientContext* c) {
      return stub->RedeliverDelivery(c, request, &response);
    });
  });
}

}  // namespace

std::string NotificationLine(const nt::Notification& n) {
  std::string line = absl::StrCat(
      "#", n.sequence(), "  ", ShortName(nt::EventType_descriptor(), n.type()), "  ", n.subject());
  if (!n.title().empty()) absl::StrAppend(&line, "  ", n.title());
  if (n.score() > 0) absl::StrAppend(&line, absl::StrFormat("  score %.2f", n.score()));
  return line;
}

void AddNotificationCommands(CLI::App& app, CommandContext& ctx) {
  CLI::App* group = app.add_subcommand("subscription", "Interest profiles (NotificationService)");
  group->require_subcommand(1);
  AddCreate(*group, ctx);
  AddList(*group, ctx);
  AddGet(*group, ctx);
  AddDelete(*group, ctx);
  AddWatch(app, ctx);
  AddDeliveries(app, ctx);
}

}  // namespace corematch::cli
