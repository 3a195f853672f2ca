#include "services/server/server.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/synchronization/notification.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/ext/proto_server_reflection_plugin.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/security/server_credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "services/adoption/adoption_service.h"
#include "services/adoption/journey/journey_feeds.h"
#include "services/adoption/organization_directory.h"
#include "services/common/errors.h"
#include "services/common/feed_follower.h"
#include "services/common/status_macros.h"
#include "services/matching/analysis/analyzer.h"
#include "services/matching/service/matching_host.h"
#include "services/matching/translation/lexicon_cache.h"
#include "services/organization/organization_service.h"
#include "services/publishing/publishing_service.h"
#include "services/server/late_bound_authenticator.h"
#include "services/server/late_bound_directory.h"
#include "storage/rocksdb_kv_store.h"

namespace corematch::server {
namespace {

// gRPC's own limit on a request; a solution is further capped at 512 KiB.
constexpr int kMaxMessageBytes = 4 * 1024 * 1024;
// Threads kept waiting for synchronous calls (see Init).
constexpr int kMinPollers = 4;
constexpr int kMaxPollers = 16;

// Matching keeps its index in memory beside its store, under a memory target
// (1.5 GiB at a million solutions), and writes its store in the background:
// at RocksDB's default budget its memtables held 0.25–0.45 GiB more than at
// this one, which left its catch-up and restart as fast. The other services
// keep the default: with it, sustained CreateSolution ran 8–20 % faster
// (docs/benchmarks.md, "Matching at 1,000,000 solutions").
constexpr uint64_t kMatchingMemtableBudgetBytes = uint64_t{64} << 20;
// A ranking reads its winners' quotes from matching's store at once (GetMany):
// twenty reads of solutions picked from a million, which when their blocks
// have left the page cache each wait on the disk. Once one has, the rest
// are read on this many threads besides the ranking's own, and wait together
// (16 were no faster; docs/benchmarks.md).
constexpr size_t kMatchingReadThreads = 8;

absl::StatusOr<std::unique_ptr<storage::KvStore>> OpenStore(
    const std::string& data_dir, absl::string_view service,
    uint64_t memtable_budget_bytes = storage::kDefaultMemtableBudgetBytes,
    size_t read_threads = 0) {
  std::string path = absl::StrCat(data_dir, "/", service);
  std::error_code error;
  std::filesystem::create_directories(path, error);
  if (error) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot create ", path, ": ", error.message()));
  }
  return storage::OpenRocksDbKvStore(
      {.path = path, .memtable_budget_bytes = memtable_budget_bytes, .read_threads = read_threads});
}

absl::StatusOr<std::string> ReadOperatorKey(const std::string& path) {
  std::ifstream in(path);
  std::string secret;
  if (!in || !std::getline(in, secret) || secret.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot read the operator key from ", path,
                     "; start the organization service first, or pass --operator_key_file"));
  }
  return std::string(absl::StripAsciiWhitespace(secret));
}

class ServerImpl final : public CorematchServer {
 public:
  explicit ServerImpl(const ServerOptions& options) : options_(options) {
    if (options_.operator_key_file.empty()) {
      options_.operator_key_file = absl::StrCat(options_.data_dir, "/operator.key");
    }
    clock_ = options_.clock != nullptr ? options_.clock : &system_clock_;
    ids_ = options_.ids != nullptr ? options_.ids : &random_ids_;
  }

  ~ServerImpl() override { Shutdown(absl::Seconds(1)); }

  absl::Status Init();

  std::string address() const override { return absl::StrCat(host_, ":", port_); }
  int port() const override { return port_; }
  std::string operator_key_file() const override { return options_.operator_key_file; }
  bool created_operator_key() const override { return created_operator_key_; }
  std::shared_ptr<grpc::Channel> InProcessChannel() override {
    return server_->InProcessChannel(grpc::ChannelArguments());
  }

  void Shutdown(absl::Duration grace) override;
  void Wait() override { shut_down_.WaitForNotification(); }

 private:
  bool Hosts(absl::string_view service) const {
    return options_.services.contains(std::string(service));
  }
  absl::Status AddOrganization(grpc::ServerBuilder& builder);
  absl::Status AddPublishing(grpc::ServerBuilder& builder);
  absl::Status AddAdoption(grpc::ServerBuilder& builder);
  absl::Status AddMatching(grpc::ServerBuilder& builder);
  absl::Status AddNotification(grpc::ServerBuilder& builder);
  // The analyser and cross-language lexicon matching and notification share
  // (made once; the lexicon only when translation is on and FreeDict is there).
  absl::Status EnsureAnalyzer();
  // Where matching follows the publishing / adoption feeds.
  absl::StatusOr<std::shared_ptr<grpc::Channel>> ChannelTo(absl::string_view service,
                                                           const std::string& address,
                                                           absl::string_view flag);
  // Connects the late-bound authenticator and directory once the server runs.
  absl::Status BindDependencies();
  absl::Status StartAdoptionFollowers();

  ServerOptions options_;
  SystemClock system_clock_;
  RandomIdGenerator random_ids_;
  Clock* clock_;
  IdGenerator* ids_;
  std::string host_;
  int port_ = 0;
  bool created_operator_key_ = false;

  LateBoundAuthenticator authenticator_;
  std::unique_ptr<storage::KvStore> organization_store_;
  std::unique_ptr<organization::OrganizationServiceImpl> organization_service_;
  std::unique_ptr<storage::KvStore> publishing_store_;
  std::unique_ptr<publishing::SolutionRepository> solutions_;
  std::unique_ptr<publishing::PublishingServiceImpl> publishing_service_;
  std::unique_ptr<storage::KvStore> adoption_store_;
  std::unique_ptr<LateBoundOrganizationDirectory> directory_;
  std::unique_ptr<adoption::AdoptionRequestRepository> requests_;
  std::unique_ptr<adoption::AdoptionRepository> adoptions_;
  std::unique_ptr<adoption::CohortRepository> cohorts_;
  std::unique_ptr<adoption::AdoptionServiceImpl> adoption_service_;
  // Adoptions follow publishing (lineage) and matching (connected matches).
  std::vector<std::unique_ptr<FeedFollower>> adoption_followers_;
  std::unique_ptr<matching::Analyzer> analyzer_;
  std::unique_ptr<matching::PivotLexicon> lexicon_;
  std::unique_ptr<storage::KvStore> matching_store_;
  std::unique_ptr<matching::MatchingHost> matching_;
  std::unique_ptr<storage::KvStore> notification_store_;
  std::unique_ptr<notification::NotificationHost> notification_;
  std::unique_ptr<grpc::Server> server_;

  absl::Mutex shutdown_mutex_;
  bool shutting_down_ ABSL_GUARDED_BY(shutdown_mutex_) = false;
  absl::Notification shut_down_;
};

absl::Status ServerImpl::AddOrganization(grpc::ServerBuilder& builder) {
  ASSIGN_OR_RETURN(organization_store_, OpenStore(options_.data_dir, "organization"));
  organization_service_ = std::make_unique<organization::OrganizationServiceImpl>(
      organization_store_.get(), clock_, ids_);
  ASSIGN_OR_RETURN(created_operator_key_,
                   organization_service_->EnsureOperatorKey(options_.operator_key_file));
  builder.RegisterService(organization_service_.get());
  return absl::OkStatus();
}

absl::Status ServerImpl::AddPublishing(grpc::ServerBuilder& builder) {
  ASSIGN_OR_RETURN(publishing_store_, OpenStore(options_.data_dir, "publishing"));
  ASSIGN_OR_RETURN(solutions_,
                   publishing::SolutionRepository::Open(publishing_store_.get(), clock_, ids_));
  publishing_service_ =
      std::make_unique<publishing::PublishingServiceImpl>(solutions_.get(), &authenticator_);
  builder.RegisterService(publishing_service_.get());
  return absl::OkStatus();
}

absl::Status ServerImpl::AddAdoption(grpc::ServerBuilder& builder) {
  ASSIGN_OR_RETURN(adoption_store_, OpenStore(options_.data_dir, "adoption"));
  directory_ = std::make_unique<LateBoundOrganizationDirectory>();
  ASSIGN_OR_RETURN(requests_, adoption::AdoptionRequestRepository::Open(
                                  adoption_store_.get(), clock_, ids_, directory_.get()));
  ASSIGN_OR_RETURN(adoptions_, adoption::AdoptionRepository::Open(
                                   requests_.get(), adoption_store_.get(), clock_, ids_));
  ASSIGN_OR_RETURN(cohorts_, adoption::CohortRepository::Open(adoptions_->committer(),
                                                              adoptions_->lineage(), clock_, ids_));
  adoption_service_ = std::make_unique<adoption::AdoptionServiceImpl>(
      requests_.get(), adoptions_.get(), cohorts_.get(), &authenticator_);
  builder.RegisterService(adoption_service_.get());
  return absl::OkStatus();
}

absl::Status ServerImpl::EnsureAnalyzer() {
  if (analyzer_ != nullptr) return absl::OkStatus();
  ASSIGN_OR_RETURN(analyzer_, matching::Analyzer::Create());
  if (!options_.matching_engine.translation) return absl::OkStatus();
  const std::string cache = options_.lexicon_cache.empty()
                                ? absl::StrCat(options_.data_dir, "/matching-lexicon.bin")
                                : options_.lexicon_cache;
  absl::StatusOr<std::unique_ptr<matching::PivotLexicon>> lexicon =
      matching::LoadCachedLexicon(*analyzer_, options_.dictd_dir, cache);
  // Without dictionaries matching and notification still work, within each language.
  if (lexicon.ok()) {
    lexicon_ = *std::move(lexicon);
  } else {
    std::cerr << "corematch-server: no cross-language matching: " << lexicon.status().message()
              << "\n";
  }
  return absl::OkStatus();
}

absl::Status ServerImpl::AddNotification(grpc::ServerBuilder& builder) {
  RETURN_IF_ERROR(EnsureAnalyzer());
  ASSIGN_OR_RETURN(notification_store_, OpenStore(options_.data_dir, "notification"));
  ASSIGN_OR_RETURN(notification_, notification::NotificationHost::Open(
                                      notification_store_.get(), clock_, ids_, &authenticator_,
                                      analyzer_.get(), lexicon_.get(), options_.notification));
  builder.RegisterService(notification_->service());
  return absl::OkStatus();
}

absl::Status ServerImpl::AddMatching(grpc::ServerBuilder& builder) {
  RETURN_IF_ERROR(EnsureAnalyzer());
  ASSIGN_OR_RETURN(matching_store_, OpenStore(options_.data_dir, "matching",
                                              kMatchingMemtableBudgetBytes, kMatchingReadThreads));
  matching::MatchingHostOptions host_options;
  host_options.engine = options_.matching_engine;
  host_options.snapshot_path = absl::StrCat(options_.data_dir, "/matching-index.snapshot");
  ASSIGN_OR_RETURN(matching_,
                   matching::MatchingHost::Open(matching_store_.get(), clock_, &authenticator_,
                                                analyzer_.get(), lexicon_.get(), host_options));
  builder.RegisterService(matching_->service());
  return absl::OkStatus();
}

absl::StatusOr<std::shared_ptr<grpc::Channel>> ServerImpl::ChannelTo(absl::string_view service,
                                                                     const std::string& address,
                                                                     absl::string_view flag) {
  if (Hosts(service)) return InProcessChannel();
  if (address.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(flag, " is required when a service that follows the ", service,
                     " service's feed is hosted here and the ", service, " service is not"));
  }
  return grpc::CreateChannel(address, grpc::InsecureChannelCredentials());
}

absl::Status ServerImpl::StartAdoptionFollowers() {
  ASSIGN_OR_RETURN(std::string secret, ReadOperatorKey(options_.operator_key_file));
  // Each feed only where it can be reached: without matching, say, requests
  // work and adoptions wait for connected matches.
  if (Hosts("publishing") || !options_.publishing_address.empty()) {
    ASSIGN_OR_RETURN(auto publishing,
                     ChannelTo("publishing", options_.publishing_address, "--publishing_service"));
    adoption_followers_.push_back(std::make_unique<FeedFollower>(
        adoption::JourneyPublishingFeed(std::move(publishing), adoptions_.get()), secret));
  }
  if (Hosts("matching") || !options_.matching_address.empty()) {
    ASSIGN_OR_RETURN(auto matching,
                     ChannelTo("matching", options_.matching_address, "--matching_service"));
    adoption_followers_.push_back(std::make_unique<FeedFollower>(
        adoption::JourneyMatchingFeed(std::move(matching), adoptions_.get()), secret));
  }
  for (auto& follower : adoption_followers_) follower->Start();
  return absl::OkStatus();
}

absl::Status ServerImpl::BindDependencies() {
  std::shared_ptr<grpc::Channel> organization_channel;
  if (Hosts("organization")) {
    organization_channel = InProcessChannel();
  } else {
    if (options_.organization_address.empty()) {
      return absl::InvalidArgumentError(
          "--organization_service is required when the organization service is not hosted here");
    }
    organization_channel =
        grpc::CreateChannel(options_.organization_address, grpc::InsecureChannelCredentials());
  }
  authenticator_.Bind(NewRemoteAuthenticator(organization_channel, clock_));
  if (directory_ != nullptr) {
    ASSIGN_OR_RETURN(std::string secret, ReadOperatorKey(options_.operator_key_file));
    directory_->Bind(adoption::NewGrpcOrganizationDirectory(organization_channel, secret));
  }
  if (matching_ != nullptr) {
    ASSIGN_OR_RETURN(std::string secret, ReadOperatorKey(options_.operator_key_file));
    ASSIGN_OR_RETURN(auto publishing,
                     ChannelTo("publishing", options_.publishing_address, "--publishing_service"));
    ASSIGN_OR_RETURN(auto adoption,
                     ChannelTo("adoption", options_.adoption_address, "--adoption_service"));
    matching_->Start(std::move(publishing), std::move(adoption), std::move(secret));
  }
  if (adoptions_ != nullptr) RETURN_IF_ERROR(StartAdoptionFollowers());
  if (notification_ != nullptr) {
    ASSIGN_OR_RETURN(std::string secret, ReadOperatorKey(options_.operator_key_file));
    ASSIGN_OR_RETURN(auto publishing,
                     ChannelTo("publishing", options_.publishing_address, "--publishing_service"));
    ASSIGN_OR_RETURN(auto adoption,
                     ChannelTo("adoption", options_.adoption_address, "--adoption_service"));
    ASSIGN_OR_RETURN(auto matching,
                     ChannelTo("matching", options_.matching_address, "--matching_service"));
    RETURN_IF_ERROR(notification_->Start(std::move(publishing), std::move(adoption),
                                         std::move(matching), std::move(secret)));
  }
  return absl::OkStatus();
}

absl::Status ServerImpl::Init() {
  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  builder.AddListeningPort(options_.listen_address, grpc::InsecureServerCredentials(), &port_);
  builder.SetMaxReceiveMessageSize(kMaxMessageBytes);
  // Writes block on fsync for a millisecond or more. With gRPC's defaults (at
  // most 2 idle pollers) every thread that finishes such a call exits and
  // another is created for the next: most of the CPU went to that churn.
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MIN_POLLERS, kMinPollers);
  builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, kMaxPollers);
  if (Hosts("organization")) RETURN_IF_ERROR(AddOrganization(builder));
  if (Hosts("publishing")) RETURN_IF_ERROR(AddPublishing(builder));
  if (Hosts("adoption")) RETURN_IF_ERROR(AddAdoption(builder));
  if (Hosts("matching")) RETURN_IF_ERROR(AddMatching(builder));
  if (Hosts("notification")) RETURN_IF_ERROR(AddNotification(builder));

  server_ = builder.BuildAndStart();
  if (server_ == nullptr || port_ == 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot listen on ", options_.listen_address, " (is the port in use?)"));
  }
  host_ = options_.listen_address.substr(0, options_.listen_address.rfind(':'));
  RETURN_IF_ERROR(BindDependencies());

  grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService();
  health->SetServingStatus("corematch.organization.v1.OrganizationService", Hosts("organization"));
  health->SetServingStatus("corematch.publishing.v1.PublishingService", Hosts("publishing"));
  health->SetServingStatus("corematch.adoption.v1.AdoptionService", Hosts("adoption"));
  health->SetServingStatus("corematch.matching.v1.MatchingService", Hosts("matching"));
  health->SetServingStatus("corematch.notification.v1.NotificationService", Hosts("notification"));
  return absl::OkStatus();
}

void ServerImpl::Shutdown(absl::Duration grace) {
  {
    absl::MutexLock lock(&shutdown_mutex_);
    if (shutting_down_) return;
    shutting_down_ = true;
  }
  // Feed streams never end by themselves: stop them so in-flight unary calls
  // are all the grace period waits for.
  if (notification_ != nullptr) notification_->Stop();
  for (auto& follower : adoption_followers_) follower->Stop();
  if (matching_ != nullptr) matching_->Stop();
  if (solutions_ != nullptr) solutions_->feed().Shutdown();
  if (requests_ != nullptr) requests_->feed().Shutdown();
  if (server_ != nullptr) {
    server_->GetHealthCheckService()->Shutdown();
    server_->Shutdown(absl::ToChronoTime(absl::Now() + grace));
    server_->Wait();
  }
  for (storage::KvStore* store :
       {organization_store_.get(), publishing_store_.get(), adoption_store_.get(),
        matching_store_.get(), notification_store_.get()}) {
    if (store != nullptr) store->Flush().IgnoreError();
  }
  shut_down_.Notify();
}

}  // namespace

absl::StatusOr<std::set<std::string>> ParseServiceList(absl::string_view list) {
  std::set<std::string> services;
  for (absl::string_view name : absl::StrSplit(list, ',', absl::SkipWhitespace())) {
    name = absl::StripAsciiWhitespace(name);
    if (name == "all") {
      services.insert(std::begin(kServiceNames), std::end(kServiceNames));
      continue;
    }
    bool known = false;
    for (const char* service : kServiceNames) known = known || name == service;
    if (!known) {
      return absl::InvalidArgumentError(absl::StrCat("--services: unknown service '", name,
                                                     "'; choose from all, ",
                                                     absl::StrJoin(kServiceNames, ", ")));
    }
    services.insert(std::string(name));
  }
  if (services.empty()) {
    return absl::InvalidArgumentError("--services: name at least one service, or all");
  }
  return services;
}

absl::StatusOr<std::unique_ptr<CorematchServer>> CorematchServer::Start(
    const ServerOptions& options) {
  auto server = std::make_unique<ServerImpl>(options);
  RETURN_IF_ERROR(server->Init());
  return std::unique_ptr<CorematchServer>(std::move(server));
}

}  // namespace corematch::server
