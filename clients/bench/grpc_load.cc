#include "clients/bench/grpc_load.h"

#include "absl/time/clock.h"

namespace corematch::bench {
namespace {

// One thread's loop: start the calls of the clients it owns, then start each
// client's next call when its last one completes, until the run is over and
// nothing is left in flight.
void RunClients(GrpcWorkload& workload, int first_client, int clients, int stride,
                Recorder& recorder) {
  grpc::CompletionQueue cq;
  int in_flight = 0;
  auto start = [&](int client) {
    std::unique_ptr<PendingCall> call = workload.Start(client, &cq);
    call->client = client;
    call.release();  // Owned by the queue until it completes.
    ++in_flight;
  };
  for (int client = first_client; client < clients; client += stride) start(client);
  while (in_flight > 0) {
    void* tag = nullptr;
    bool ok = false;
    if (!cq.Next(&tag, &ok)) break;
    std::unique_ptr<PendingCall> call(static_cast<PendingCall*>(tag));
    --in_flight;
    const absl::Duration latency = absl::Now() - call->start;
    recorder.Record(call->method, latency,
                    ok ? call->status
                       : grpc::Status(grpc::StatusCode::INTERNAL, "the completion queue failed"));
    if (recorder.running()) start(call->client);
  }
  cq.Shutdown();
  void* tag = nullptr;
  bool ok = false;
  while (cq.Next(&tag, &ok)) {
  }
}

}  // namespace

DriveResult DriveGrpc(GrpcWorkload& workload, int clients, const DriveOptions& options) {
  DriveOptions driven = options;
  if (driven.threads > clients) driven.threads = clients;
  if (driven.threads < 1) driven.threads = 1;
  const int threads = driven.threads;
  return Drive(workload.methods(), driven, [&](int thread, Recorder& recorder) {
    RunClients(workload, thread, clients, threads, recorder);
  });
}

}  // namespace corematch::bench
