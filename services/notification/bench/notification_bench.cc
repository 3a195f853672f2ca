// corematch-notification-bench: how fast notifications reach subscribers, in
// a real all-in-one server started inside this process (its own temporary
// data directory, 127.0.0.1:0), driven over gRPC as a portal drives it.
//
//   corematch-notification-bench stream  --subscriptions 100000 --streams 100 --solutions 100
//   corematch-notification-bench webhook --rate 200 --duration 20s
//
// `stream` subscribes --subscriptions random interest profiles (sectors,
// countries, languages, an English need text and a minimum score, drawn from
// the vocabulary below) spread over --organizations organisations, opens
// StreamNotifications for the first --streams of them, then publishes
// --solutions random solutions one every --interval. For every notification a
// stream receives it records the time from the solution's publication (the
// publishing feed's commit time) to its arrival, and for every solution the
// time until the last sampled stream had it. Percentiles of both are printed.
//
// `webhook` subscribes one organisation with a webhook to a local HTTP
// receiver (services/notification/webhook/testing) and a profile every
// solution fits, publishes solutions at --rate per second for --duration, and
// reports the deliveries per second during the run, the time each took from
// publication to the receiver, and how long the backlog took to drain.
//
// Figures and the exact commands: docs/benchmarks.md ("Notification").
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "corematch/notification/v1/notification.grpc.pb.h"
#include "corematch/organization/v1/organization.grpc.pb.h"
#include "corematch/publishing/v1/publishing.grpc.pb.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/json_util.h"
#include "grpcpp/create_channel.h"
#include "services/common/proto_time.h"
#include "services/notification/webhook/testing/http_receiver.h"
#include "services/server/server.h"

namespace corematch::notification::bench {
namespace {

namespace nt = ::corematch::notification::v1;
namespace pub = ::corematch::publishing::v1;
namespace org = ::corematch::organization::v1;

// Words of public-sector needs and solutions; profiles and solutions draw from
// them with a skew, so common words are shared widely and rare ones seldom.
constexpr const char* kVocabulary[] = {
    "unemployed",  "citizens",   "work",         "job",
    "youth",       "elderly",    "care",         "home",
    "digital",     "school",     "children",     "families",
    "health",      "mental",     "loneliness",   "housing",
    "homeless",    "refugees",   "integration",  "language",
    "training",    "education",  "skills",       "employers",
    "welfare",     "benefits",   "disability",   "inclusion",
    "volunteers",  "library",    "transport",    "mobility",
    "climate",     "energy",     "waste",        "recycling",
    "water",       "safety",     "crime",        "prevention",
    "violence",    "addiction",  "dementia",     "rehabilitation",
    "nurses",      "hospital",   "primary",      "prevention",
    "nutrition",   "sport",      "culture",      "participation",
    "democracy",   "budget",     "procurement",  "data",
    "privacy",     "services",   "appointments", "waiting",
    "caseworkers", "coaching",   "mentoring",    "apprenticeship",
    "internship",  "startup",    "rural",        "villages",
    "tourism",     "farmers",    "food",         "poverty",
    "debt",        "income",     "pensions",     "students",
    "teachers",    "dropout",    "bullying",     "parents",
    "pregnancy",   "infants",    "kindergarten", "playgrounds",
    "parks",       "trees",      "flooding",     "heat",
    "buses",       "cycling",    "parking",      "roads",
    "permits",     "licences",   "taxes",        "chatbot",
    "sensors",     "platform",   "open",         "cooperation",
    "network",     "evaluation",
};
constexpr int kVocabularySize = sizeof(kVocabulary) / sizeof(kVocabulary[0]);
constexpr const char* kSectors[] = {"01",   "03",   "04",   "05",   "07",   "07.1", "07.3",
                                    "07.4", "08",   "09",   "09.1", "09.2", "10",   "10.1",
                                    "10.2", "10.4", "10.5", "10.6", "10.7"};
constexpr const char* kCountries[] = {"DK", "SE", "NO", "FI", "DE", "NL", "FR", "GB"};
constexpr const char* kLanguages[] = {"en", "da", "sv", "de"};

template <typename T, size_t N>
const T& Pick(const T (&values)[N], std::mt19937& random) {
  return values[std::uniform_int_distribution<size_t>(0, N - 1)(random)];
}

std::string Word(std::mt19937& random) {
  // Squared uniform: the first words are much more frequent than the last.
  const double u = std::uniform_real_distribution<double>(0, 1)(random);
  return kVocabulary[static_cast<int>(u * u * kVocabularySize) % kVocabularySize];
}

std::string Words(std::mt19937& random, int count) {
  std::vector<std::string> words;
  for (int i = 0; i < count; ++i) words.push_back(Word(random));
  return absl::StrJoin(words, " ");
}

bool Chance(std::mt19937& random, double p) {
  return std::uniform_real_distribution<double>(0, 1)(random) < p;
}

nt::Subscription RandomProfile(std::mt19937& random) {
  nt::Subscription s;
  s.set_stream(true);
  nt::InterestProfile& p = *s.mutable_profile();
  if (Chance(random, 0.8)) {
    const int n = Chance(random, 0.5) ? 1 : 2;
    for (int i = 0; i < n; ++i) p.add_sectors(Pick(kSectors, random));
  }
  if (Chance(random, 0.5)) p.add_countries(Pick(kCountries, random));
  if (Chance(random, 0.3)) p.add_languages("en");
  if (Chance(random, 0.6)) {
    p.set_need_text(Words(random, std::uniform_int_distribution<int>(3, 8)(random)));
    p.set_need_language("en");
    p.set_min_score(std::uniform_real_distribution<double>(0, 0.6)(random));
  }
  return s;
}

pub::Solution RandomSolution(std::mt19937& random, int i) {
  pub::Solution s;
  s.set_title(absl::StrCat(Words(random, 4), " ", i));
  s.set_summary(Words(random, 30));
  s.set_description(Words(random, 120));
  s.set_language("en");
  s.mutable_origin()->set_country(Pick(kCountries, random));
  s.add_sectors(Pick(kSectors, random));
  s.add_core_elements()->set_title(Words(random, 6));
  s.set_maturity(pub::MATURITY_PROVEN);
  return s;
}

std::unique_ptr<grpc::ClientContext> Context(const std::string& key) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", "Bearer " + key);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
  return context;
}

void Check(const grpc::Status& status, absl::string_view what) {
  if (status.ok()) return;
  std::cerr << "corematch-notification-bench: " << what << ": " << status.error_message() << "\n";
  std::exit(1);
}

std::string Percentiles(std::vector<absl::Duration> samples) {
  if (samples.empty()) return "no samples";
  std::sort(samples.begin(), samples.end());
  auto at = [&](double p) {
    return samples[std::min(samples.size() - 1, static_cast<size_t>(p / 100 * samples.size()))];
  };
  return absl::StrFormat("n %d  p50 %s  p90 %s  p99 %s  max %s", samples.size(),
                         absl::FormatDuration(at(50)), absl::FormatDuration(at(90)),
                         absl::FormatDuration(at(99)), absl::FormatDuration(samples.back()));
}

// An all-in-one server in a fresh directory, with its operator key.
struct Server {
  std::string dir;
  std::unique_ptr<server::CorematchServer> server;
  std::string operator_key;
  std::shared_ptr<grpc::Channel> channel;

  explicit Server(const std::string& lexicon_cache) {
    dir = (std::filesystem::temp_directory_path() /
           absl::StrCat("corematch-notification-bench-", getpid()))
              .string();
    std::filesystem::remove_all(dir);
    server::ServerOptions options;
    options.listen_address = "127.0.0.1:0";
    options.data_dir = dir;
    options.services = {"organization", "publishing", "adoption", "matching", "notification"};
    options.lexicon_cache = lexicon_cache;
    // The webhook receiver runs on 127.0.0.1.
    options.notification.allow_private_webhook_addresses = true;
    auto started = server::CorematchServer::Start(options);
    if (!started.ok()) {
      std::cerr << "corematch-notification-bench: " << started.status() << "\n";
      std::exit(1);
    }
    server = *std::move(started);
    std::ifstream in(server->operator_key_file());
    std::getline(in, operator_key);
    channel = grpc::CreateChannel(server->address(), grpc::InsecureChannelCredentials());
  }
  ~Server() {
    server->Shutdown(absl::Seconds(5));
    std::filesystem::remove_all(dir);
  }

  // Creates an organisation; with `key`, also an API key for it.
  std::string Organization(int i, std::string* key) {
    auto stub = org::OrganizationService::NewStub(channel);
    org::CreateOrganizationRequest create;
    create.mutable_organization()->set_display_name(absl::StrCat("Municipality ", i));
    create.mutable_organization()->set_kind(org::ORGANIZATION_KIND_MUNICIPALITY);
    create.mutable_organization()->set_country(kCountries[i % 8]);
    create.mutable_organization()->set_population(50000 + i);
    org::Organization created;
    Check(stub->CreateOrganization(Context(operator_key).get(), create, &created),
          "CreateOrganization");
    if (key != nullptr) {
      org::CreateApiKeyRequest request;
      request.set_parent(created.name());
      org::CreateApiKeyResponse response;
      Check(stub->CreateApiKey(Context(operator_key).get(), request, &response), "CreateApiKey");
      *key = response.secret();
    }
    return created.name();
  }

  // Creates and publishes `solution` as the owner of `key`; returns when
  // PublishSolution answered.
  void Publish(const std::string& key, const pub::Solution& solution) {
    auto stub = pub::PublishingService::NewStub(channel);
    pub::CreateSolutionRequest create;
    *create.mutable_solution() = solution;
    pub::Solution created;
    Check(stub->CreateSolution(Context(key).get(), create, &created), "CreateSolution");
    pub::PublishSolutionRequest publish;
    publish.set_name(created.name());
    pub::Solution published;
    Check(stub->PublishSolution(Context(key).get(), publish, &published), "PublishSolution");
  }
};

struct StreamFlags {
  int organizations = 1000;
  int subscriptions = 100000;
  int streams = 100;
  int solutions = 100;
  double interval_s = 0.5;
  int clients = 16;
  uint32_t seed = 1;
  std::string lexicon_cache;
};

int RunStream(const StreamFlags& f) {
  Server server(f.lexicon_cache);
  std::vector<std::string> orgs(f.organizations), keys(f.streams);
  for (int i = 0; i < f.organizations; ++i) {
    orgs[i] = server.Organization(i, i < f.streams ? &keys[i] : nullptr);
  }
  std::string publisher_key;
  server.Organization(f.organizations, &publisher_key);

  const absl::Time subscribe_start = absl::Now();
  std::atomic<int> next{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < f.clients; ++c) {
    clients.emplace_back([&, c] {
      std::mt19937 random(f.seed * 1000 + c);
      auto stub = nt::NotificationService::NewStub(server.channel);
      for (int i = next++; i < f.subscriptions; i = next++) {
        nt::CreateSubscriptionRequest request;
        *request.mutable_subscription() = RandomProfile(random);
        request.mutable_subscription()->set_subscriber(orgs[i % f.organizations]);
        nt::Subscription created;
        Check(stub->CreateSubscription(Context(server.operator_key).get(), request, &created),
              "CreateSubscription");
      }
    });
  }
  for (std::thread& client : clients) client.join();
  const absl::Duration subscribe_time = absl::Now() - subscribe_start;
  std::cout << absl::StrFormat("subscribed %d profiles for %d organisations in %s (%.0f/s)\n",
                               f.subscriptions, f.organizations,
                               absl::FormatDuration(subscribe_time),
                               f.subscriptions / absl::ToDoubleSeconds(subscribe_time));

  absl::Mutex mutex;
  std::vector<absl::Duration> latencies;
  // Per solution: when the last sampled stream received it.
  std::map<std::string, std::pair<absl::Time, absl::Time>> per_solution;  // event, last
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::vector<std::thread> readers;
  auto stub = nt::NotificationService::NewStub(server.channel);
  for (int s = 0; s < f.streams; ++s) {
    contexts.push_back(std::make_unique<grpc::ClientContext>());
    contexts.back()->AddMetadata("authorization", "Bearer " + keys[s]);
    grpc::ClientContext* context = contexts.back().get();
    readers.emplace_back([&, context] {
      nt::StreamNotificationsRequest request;
      auto reader = stub->StreamNotifications(context, request);
      nt::StreamNotificationsResponse item;
      while (reader->Read(&item)) {
        if (!item.has_notification()) continue;
        const absl::Time now = absl::Now();
        const absl::Time event = FromProtoTime(item.notification().event_time());
        absl::MutexLock lock(&mutex);
        latencies.push_back(now - event);
        auto& [first, last] = per_solution[item.notification().solution()];
        first = event;
        last = std::max(last, now);
      }
      reader->Finish();
    });
  }
  absl::SleepFor(absl::Seconds(1));  // The streams are open.

  std::mt19937 random(f.seed);
  for (int i = 0; i < f.solutions; ++i) {
    server.Publish(publisher_key, RandomSolution(random, i));
    absl::SleepFor(absl::Seconds(f.interval_s));
  }
  absl::SleepFor(absl::Seconds(3));
  for (auto& context : contexts) context->TryCancel();
  for (std::thread& reader : readers) reader.join();

  std::vector<absl::Duration> last_arrivals;
  for (const auto& [solution, times] : per_solution) {
    last_arrivals.push_back(times.second - times.first);
  }
  const double per_solution_sampled = static_cast<double>(latencies.size()) / f.solutions;
  std::cout << absl::StrFormat(
      "published %d solutions; the %d sampled organisations (%d of the subscriptions) got %d "
      "notifications: %.1f per solution, so ~%.0f of the %d organisations are told of each\n",
      f.solutions, f.streams, f.subscriptions / f.organizations * f.streams, latencies.size(),
      per_solution_sampled, per_solution_sampled * f.organizations / f.streams, f.organizations);
  std::cout << "publish -> stream, per notification:            " << Percentiles(latencies) << "\n";
  std::cout << "publish -> last sampled stream, per solution:   " << Percentiles(last_arrivals)
            << "\n";
  return 0;
}

struct WebhookFlags {
  double rate = 200;
  double duration_s = 20;
  int clients = 8;
  uint32_t seed = 1;
  std::string lexicon_cache;
};

int RunWebhook(const WebhookFlags& f) {
  Server server(f.lexicon_cache);
  std::string subscriber_key, publisher_key;
  server.Organization(0, &subscriber_key);
  server.Organization(1, &publisher_key);

  absl::Mutex mutex;
  std::vector<absl::Duration> lags;
  std::vector<absl::Time> arrivals;
  testing::HttpReceiver receiver;
  receiver.SetHandler([&](const testing::ReceivedRequest& request) {
    const absl::Time now = absl::Now();
    google::protobuf::Struct event;
    absl::Time time;
    std::string error;
    if (google::protobuf::util::JsonStringToMessage(request.body, &event).ok() &&
        absl::ParseTime(absl::RFC3339_full, event.fields().at("time").string_value(), &time,
                        &error)) {
      absl::MutexLock lock(&mutex);
      lags.push_back(now - time);
      arrivals.push_back(now);
    }
    return 204;
  });
  if (absl::Status started = receiver.Start(); !started.ok()) {
    std::cerr << "corematch-notification-bench: receiver: " << started << "\n";
    return 1;
  }
  nt::CreateSubscriptionRequest subscribe;
  subscribe.mutable_subscription()->mutable_webhook()->set_url(receiver.Url("/corematch"));
  subscribe.mutable_subscription()->mutable_webhook()->set_secret("a-benchmark-webhook-secret");
  nt::Subscription subscription;
  auto notifications = nt::NotificationService::NewStub(server.channel);
  Check(notifications->CreateSubscription(Context(subscriber_key).get(), subscribe, &subscription),
        "CreateSubscription");

  // Open-loop: solution i is due at start + i / rate, whoever publishes it.
  const int total = static_cast<int>(f.rate * f.duration_s);
  const absl::Time start = absl::Now() + absl::Milliseconds(100);
  std::atomic<int> next{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < f.clients; ++c) {
    clients.emplace_back([&, c] {
      std::mt19937 random(f.seed * 1000 + c);
      for (int i = next++; i < total; i = next++) {
        const absl::Time due = start + absl::Seconds(i / f.rate);
        absl::SleepFor(due - absl::Now());
        server.Publish(publisher_key, RandomSolution(random, i));
      }
    });
  }
  for (std::thread& client : clients) client.join();
  const absl::Time published = absl::Now();
  while (receiver.requests().size() < static_cast<size_t>(total) &&
         absl::Now() < published + absl::Seconds(60)) {
    absl::SleepFor(absl::Milliseconds(10));
  }
  const absl::Time drained = absl::Now();
  receiver.Stop();

  absl::MutexLock lock(&mutex);
  const int during = static_cast<int>(std::count_if(arrivals.begin(), arrivals.end(),
                                                    [&](absl::Time t) { return t <= published; }));
  const double publish_s = absl::ToDoubleSeconds(published - start);
  std::cout << absl::StrFormat(
      "published %d solutions in %.1f s (%.0f/s); %d webhook deliveries arrived during it "
      "(%.0f/s), all %d after %s more\n",
      total, publish_s, total / publish_s, during, during / publish_s, arrivals.size(),
      absl::FormatDuration(drained - published));
  std::cout << "publish -> webhook received: " << Percentiles(lags) << "\n";
  return 0;
}

}  // namespace
}  // namespace corematch::notification::bench

int main(int argc, char** argv) {
  using namespace corematch::notification::bench;
  CLI::App app("corematch-notification-bench: notification latency and webhook throughput");
  app.require_subcommand(1);
  StreamFlags stream;
  CLI::App* s = app.add_subcommand("stream", "Profiles percolated to subscribers' streams");
  s->add_option("--organizations", stream.organizations, "Subscribing organisations");
  s->add_option("--subscriptions", stream.subscriptions, "Interest profiles in all");
  s->add_option("--streams", stream.streams, "Organisations whose streams are read");
  s->add_option("--solutions", stream.solutions, "Solutions published during the run");
  s->add_option("--interval", stream.interval_s, "Seconds between publications");
  s->add_option("--clients", stream.clients, "Concurrent CreateSubscription clients");
  s->add_option("--seed", stream.seed, "Seeds the random profiles and solutions");
  s->add_option("--lexicon-cache", stream.lexicon_cache, "Reuse this FreeDict lexicon cache");
  WebhookFlags webhook;
  CLI::App* w = app.add_subcommand("webhook", "Webhook deliveries to a local receiver");
  w->add_option("--rate", webhook.rate, "Solutions published per second");
  w->add_option("--duration", webhook.duration_s, "Seconds of publishing");
  w->add_option("--clients", webhook.clients, "Concurrent publishing clients");
  w->add_option("--seed", webhook.seed, "Seeds the random solutions");
  w->add_option("--lexicon-cache", webhook.lexicon_cache, "Reuse this FreeDict lexicon cache");
  CLI11_PARSE(app, argc, argv);
  if (s->parsed()) return RunStream(stream);
  return RunWebhook(webhook);
}
