// clients/bench/health_workload.h
//
// grpc.health.v1.Health/Check against the server, as the floor under every
// other workload: the same load generator, connections and server process,
// with no authentication, storage or payload behind the call. What it reaches
// is what gRPC itself costs on this machine.
//
//   auto workload = HealthWorkload(channels, "corematch.publishing.v1.PublishingService");
//   DriveResult result = DriveGrpc(workload, channels.size(), {.threads = 2});
#ifndef COREMATCH_CLIENTS_BENCH_HEALTH_WORKLOAD_H_
#define COREMATCH_CLIENTS_BENCH_HEALTH_WORKLOAD_H_

#include <memory>
#include <string>
#include <vector>

#include "clients/bench/workload.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/channel.h"

namespace corematch::bench {

class HealthWorkload final : public Workload {
 public:
  // One client per channel (none: wire calls only), each asking for the
  // health of `service`.
  HealthWorkload(const std::vector<std::shared_ptr<grpc::Channel>>& channels, std::string service);

  const std::vector<std::string>& methods() const override { return methods_; }
  std::unique_ptr<PendingCall> Start(int client, grpc::CompletionQueue* cq) override;

  absl::string_view authorization() const override { return ""; }
  WireCall NextWireCall(int client) override;
  absl::Status CheckWireResponse(int method, const std::string& response) const override;

 private:
  const std::string service_;
  const std::string path_;
  const std::vector<std::string> methods_{"Health.Check"};
  std::vector<std::unique_ptr<grpc::health::v1::Health::Stub>> stubs_;
};

}  // namespace corematch::bench

#endif  // COREMATCH_CLIENTS_BENCH_HEALTH_WORKLOAD_H_
