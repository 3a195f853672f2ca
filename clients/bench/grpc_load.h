// clients/bench/grpc_load.h
//
// Drives a gRPC workload closed-loop with the asynchronous API: `clients`
// clients, each with exactly one call in flight, shared out over `threads`
// threads that each own a CompletionQueue and start a client's next call as
// soon as its last one completes. With threads == clients this is the classic
// thread per client making blocking calls (a blocking gRPC call is an
// asynchronous one on a queue of its own); with fewer threads the load
// generator spends less of the machine on waking threads, which matters when
// it shares two cores with the server it measures.
//
//   DriveResult result = DriveGrpc(workload, /*clients=*/8, {.threads = 2});
#ifndef COREMATCH_CLIENTS_BENCH_GRPC_LOAD_H_
#define COREMATCH_CLIENTS_BENCH_GRPC_LOAD_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "clients/bench/load_driver.h"
#include "grpcpp/client_context.h"
#include "grpcpp/completion_queue.h"
#include "grpcpp/support/status.h"

namespace corematch::bench {

// A call in flight. Its address is the call's tag on the completion queue.
struct PendingCall {
  virtual ~PendingCall() = default;

  // Set by the workload: which of its methods() the call is, and when it started.
  int method = 0;
  absl::Time start;
  grpc::ClientContext context;
  // Set by gRPC when the call completes.
  grpc::Status status;
  // Set by the driver.
  int client = 0;
};

// The calls a benchmark makes.
class GrpcWorkload {
 public:
  virtual ~GrpcWorkload() = default;

  // The names of the methods Start may call, e.g. {"CreateSolution"}.
  virtual const std::vector<std::string>& methods() const = 0;

  // Starts one call as client `client`, to complete on `cq` with the returned
  // call as its tag. A client's calls are all started from the one thread
  // that owns it; different clients' from different threads at once.
  virtual std::unique_ptr<PendingCall> Start(int client, grpc::CompletionQueue* cq) = 0;
};

// Runs `clients` clients on `options.threads` threads (client c on thread
// c % threads) through the warm-up and the measurement window.
DriveResult DriveGrpc(GrpcWorkload& workload, int clients, const DriveOptions& options);

}  // namespace corematch::bench

#endif  // COREMATCH_CLIENTS_BENCH_GRPC_LOAD_H_
