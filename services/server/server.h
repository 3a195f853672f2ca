// services/server/server.h
//
// CorematchServer hosts any set of corematch services in one process, each on
// its own RocksDB directory under the data directory. Services that depend on
// another (every service authenticates through the organization service) talk
// to it through its gRPC interface: over an in-process channel when it is
// hosted here, over the network otherwise.
//
//   ServerOptions options;
//   options.listen_address = "127.0.0.1:0";
//   options.data_dir = "var";
//   ASSIGN_OR_RETURN(auto server, CorematchServer::Start(options));
//   std::cout << "listening on " << server->address();
//   server->Wait();
//
// Tests start it on port 0 and a temporary directory.
#ifndef COREMATCH_SERVICES_SERVER_SERVER_H_
#define COREMATCH_SERVICES_SERVER_SERVER_H_

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "services/common/clock.h"
#include "services/common/id_generator.h"
#include "services/matching/engine/matching_engine.h"
#include "services/notification/service/notification_host.h"

namespace corematch::server {

// The services a server can host, as named by --services.
inline constexpr const char* kServiceNames[] = {"organization", "publishing", "adoption",
                                                "matching", "notification"};

struct ServerOptions {
  // host:port; port 0 picks a free port.
  std::string listen_address = "127.0.0.1:50051";
  // Each hosted service keeps its database in data_dir/<service>.
  std::string data_dir = "var";
  // Which services to host (names from kServiceNames).
  std::set<std::string> services = {"organization", "publishing", "adoption"};
  // Where the organization service is when it is not hosted here.
  std::string organization_address;
  // Where the publishing and adoption services are when a service following
  // their feeds (matching, notification; adoption follows publishing) is
  // hosted here and they are not.
  std::string publishing_address;
  std::string adoption_address;
  // Where the matching service is when notification or adoption is hosted
  // here and it is not.
  std::string matching_address;
  // How notification streams and webhooks behave (retention, progress
  // markers, retries); tests shorten them.
  notification::NotificationHostOptions notification;
  // What matching weighs; EngineOptions::PlainBm25() is the evaluation's
  // baseline.
  matching::EngineOptions matching_engine;
  // The FreeDict dictionaries matching translates through (script/bootstrap
  // installs them), and where the lexicon built from them is kept so later
  // starts need not rebuild it. Default: data_dir/matching-lexicon.bin.
  std::string dictd_dir = "/usr/share/dictd";
  std::string lexicon_cache;
  // The operator key: written here on first start by the organization service;
  // read from here by services that call the organization service. Default:
  // data_dir/operator.key.
  std::string operator_key_file;
  // Injected for deterministic tests; default: system clock, random ids. Not owned.
  Clock* clock = nullptr;
  IdGenerator* ids = nullptr;
};

// Parses "all" or a comma-separated list; INVALID_ARGUMENT for unknown names.
absl::StatusOr<std::set<std::string>> ParseServiceList(absl::string_view list);

class CorematchServer {
 public:
  static absl::StatusOr<std::unique_ptr<CorematchServer>> Start(const ServerOptions& options);

  virtual ~CorematchServer() = default;

  // "host:port" actually bound.
  virtual std::string address() const = 0;
  virtual int port() const = 0;
  // The operator key file's path, and whether this start created the key.
  virtual std::string operator_key_file() const = 0;
  virtual bool created_operator_key() const = 0;
  // A channel to this server that stays inside the process.
  virtual std::shared_ptr<grpc::Channel> InProcessChannel() = 0;

  // Stops accepting calls, lets in-flight calls finish (up to `grace`), ends
  // change-feed streams, flushes and closes the stores. Idempotent.
  virtual void Shutdown(absl::Duration grace = absl::Seconds(10)) = 0;
  // Blocks until Shutdown.
  virtual void Wait() = 0;
};

}  // namespace corematch::server

#endif  // COREMATCH_SERVICES_SERVER_SERVER_H_
