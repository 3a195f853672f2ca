// corematch-server: hosts any set of corematch services in one process.
//
//   corematch-server --services=all --listen=0.0.0.0:50051 --data_dir=/var/lib/corematch

#include <malloc.h>
#include <signal.h>
#include <stdlib.h>

#include <iostream>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "services/server/server.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051", "host:port to listen on; port 0 picks one");
ABSL_FLAG(std::string, data_dir, "var", "directory holding each hosted service's database");
ABSL_FLAG(std::string, services, "all",
          "services to host: all, or a comma-separated list of organization, publishing, "
          "adoption, matching, notification");
ABSL_FLAG(std::string, organization_service, "",
          "address of the organization service when it is not hosted here");
ABSL_FLAG(
    std::string, publishing_service, "",
    "address of the publishing service when matching or notification is hosted here and it is not");
ABSL_FLAG(
    std::string, adoption_service, "",
    "address of the adoption service when matching or notification is hosted here and it is not");
ABSL_FLAG(
    std::string, matching_service, "",
    "address of the matching service when notification or adoption is hosted here and matching is "
    "not");
ABSL_FLAG(std::string, matching_ranking, "full",
          "what matching weighs: full (fields, compounds, translation, context) or plain_bm25 "
          "(the evaluation baseline)");
ABSL_FLAG(std::string, lexicon_cache, "",
          "where matching keeps its cross-language lexicon (default: "
          "<data_dir>/matching-lexicon.bin)");
ABSL_FLAG(std::string, operator_key_file, "",
          "operator key file (default: <data_dir>/operator.key)");
ABSL_FLAG(bool, webhook_allow_private_addresses, false,
          "let webhooks go to loopback, private and link-local addresses (receivers inside your "
          "own network, or an egress proxy on one); off, only public addresses are reached");

namespace {

// Blocks SIGTERM and SIGINT in every thread, then waits for one on a thread of
// its own, so shutdown runs as ordinary code rather than in a signal handler.
sigset_t BlockShutdownSignals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  return signals;
}

// glibc raises its mmap threshold to the size of each large block freed (up
// to 32 MiB); large blocks then come from the heap instead and, once freed,
// mostly stay in the process. Matching at 1,000,000 solutions grew by 676
// MiB in two minutes of applying filed requests, 455 MiB of it free heap
// (malloc_trim gave it back); with the threshold fixed at glibc's initial
// 128 KiB, by 238 MiB (docs/benchmarks.md, "Memory freed by large blocks").
void KeepLargeBlocksOffTheHeap() {
  constexpr int kMmapThresholdBytes = 128 * 1024;
  if (mallopt(M_MMAP_THRESHOLD, kMmapThresholdBytes) != 1) {
    std::cerr << "corematch-server: could not fix malloc's mmap threshold; memory freed by "
                 "large blocks may stay in the process\n";
  }
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("corematch-server: hosts corematch's gRPC services");
  absl::ParseCommandLine(argc, argv);
  // Debian builds Abseil without NDEBUG, so every absl::Mutex operation (gRPC's
  // included) would also update a global deadlock graph: a cost on every call
  // that the tests, not a production server, are for.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  KeepLargeBlocksOffTheHeap();
  sigset_t signals = BlockShutdownSignals();

  corematch::server::ServerOptions options;
  options.listen_address = absl::GetFlag(FLAGS_listen);
  options.data_dir = absl::GetFlag(FLAGS_data_dir);
  options.organization_address = absl::GetFlag(FLAGS_organization_service);
  options.operator_key_file = absl::GetFlag(FLAGS_operator_key_file);
  options.publishing_address = absl::GetFlag(FLAGS_publishing_service);
  options.adoption_address = absl::GetFlag(FLAGS_adoption_service);
  options.matching_address = absl::GetFlag(FLAGS_matching_service);
  options.lexicon_cache = absl::GetFlag(FLAGS_lexicon_cache);
  options.notification.allow_private_webhook_addresses =
      absl::GetFlag(FLAGS_webhook_allow_private_addresses);
  const std::string ranking = absl::GetFlag(FLAGS_matching_ranking);
  if (ranking == "plain_bm25") {
    options.matching_engine = corematch::matching::EngineOptions::PlainBm25();
  } else if (ranking != "full") {
    std::cerr << "corematch-server: --matching_ranking: unknown value '" << ranking
              << "'; choose full or plain_bm25\n";
    return 1;
  }
  auto services = corematch::server::ParseServiceList(absl::GetFlag(FLAGS_services));
  if (!services.ok()) {
    std::cerr << "corematch-server: " << services.status().message() << "\n";
    return 1;
  }
  options.services = *services;

  auto server = corematch::server::CorematchServer::Start(options);
  if (!server.ok()) {
    std::cerr << "corematch-server: " << server.status().message() << "\n";
    return 2;
  }
  if ((*server)->created_operator_key()) {
    std::cout << "created the operator API key in " << (*server)->operator_key_file()
              << " (readable only by this user); use it with:\n  export COREMATCH_API_KEY=$(cat "
              << (*server)->operator_key_file() << ")\n";
  }
  std::cout << "corematch-server listening on " << (*server)->address()
            << " (services: " << absl::StrJoin(options.services, ",") << ")" << std::endl;

  std::thread waiter([&] {
    int signal = 0;
    sigwait(&signals, &signal);
    std::cout << "corematch-server: signal " << signal << ", shutting down" << std::endl;
    (*server)->Shutdown(absl::Seconds(10));
  });
  (*server)->Wait();
  waiter.join();
  std::cout << "corematch-server: stopped" << std::endl;
  return 0;
}
