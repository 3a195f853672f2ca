// clients/bench/solution_workload.h
//
// The publishing workloads: CreateSolution (durable: the server acknowledges
// a solution once it is on disk), GetSolution of random existing solutions,
// or a mix of the two. Each client has its own stub on its channel (see
// channels.h) and its own random generator. The same calls can also be made
// as bytes over H2Connection (wire_load.h).
//
//   ASSIGN_OR_RETURN(auto workload,
//                    SolutionWorkload::Create(channels, api_key, {.kind = WorkloadKind::kGet}));
//   DriveResult result = DriveGrpc(*workload, channels.size(), {.threads = 2});
#ifndef COREMATCH_CLIENTS_BENCH_SOLUTION_WORKLOAD_H_
#define COREMATCH_CLIENTS_BENCH_SOLUTION_WORKLOAD_H_

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clients/bench/workload.h"
#include "corematch/publishing/v1/publishing.grpc.pb.h"
#include "grpcpp/channel.h"

namespace corematch::bench {

enum class WorkloadKind { kCreate, kGet, kMixed };

// "create", "get" or "mixed".
absl::StatusOr<WorkloadKind> ParseWorkloadKind(absl::string_view text);
absl::string_view WorkloadKindName(WorkloadKind kind);

struct SolutionWorkloadOptions {
  WorkloadKind kind = WorkloadKind::kCreate;
  // kMixed: the share of calls, in percent, that create; the rest read.
  int mixed_create_percent = 10;
  // kGet and kMixed: how many solutions to create before the run for the
  // reads to pick from.
  int population = 1000;
  // Send a fresh UUID as request_id with every create, as a portal that
  // retries safely does; the server then also stores the response under it.
  bool request_ids = true;
  // Create solutions published rather than as drafts.
  bool publish = true;
  // Seeds the clients' random generators.
  uint64_t seed = 1;
};

class SolutionWorkload final : public Workload {
 public:
  // One client per channel. For kGet and kMixed, first creates the population,
  // all clients at once; fails with the first failed call's status.
  static absl::StatusOr<std::unique_ptr<SolutionWorkload>> Create(
      const std::vector<std::shared_ptr<grpc::Channel>>& channels, std::string api_key,
      const SolutionWorkloadOptions& options);

  const std::vector<std::string>& methods() const override { return methods_; }
  std::unique_ptr<PendingCall> Start(int client, grpc::CompletionQueue* cq) override;

  absl::string_view authorization() const override { return authorization_; }
  WireCall NextWireCall(int client) override;
  absl::Status CheckWireResponse(int method, const std::string& response) const override;

  // The solutions created before the run.
  const std::vector<std::string>& population() const { return population_; }

 private:
  struct Client {
    std::unique_ptr<publishing::v1::PublishingService::Stub> stub;
    std::mt19937_64 random;
    int64_t created = 0;
  };

  SolutionWorkload(std::string api_key, const SolutionWorkloadOptions& options);

  // Whether client's next call creates (or reads); its next create's index.
  bool NextIsCreate(Client& client);
  int64_t NextCreateIndex(int client_index);
  const std::string& RandomSolution(Client& client);

  publishing::v1::CreateSolutionRequest NewCreateRequest(Client& client, int64_t index);
  std::unique_ptr<PendingCall> StartCreate(Client& client, int64_t index,
                                           grpc::CompletionQueue* cq);
  std::unique_ptr<PendingCall> StartGet(Client& client, grpc::CompletionQueue* cq);
  // Creates the solutions to read, with blocking calls.
  absl::Status Populate();

  const std::string api_key_;
  const std::string authorization_;
  const std::string create_path_;
  const std::string get_path_;
  const SolutionWorkloadOptions options_;
  std::vector<std::string> methods_;
  int create_method_ = -1;
  int get_method_ = -1;
  std::vector<Client> clients_;
  // Written by Populate only, before the run; read-only during it.
  std::vector<std::string> population_;
};

// A random version-4 UUID.
std::string RandomUuid(std::mt19937_64& random);

}  // namespace corematch::bench

#endif  // COREMATCH_CLIENTS_BENCH_SOLUTION_WORKLOAD_H_
