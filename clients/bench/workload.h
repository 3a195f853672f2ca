// clients/bench/workload.h
//
// A benchmark's calls, made either through gRPC's C++ client (grpc_load.h)
// or as bytes over nghttp2 (wire_load.h): corematch-bench's --client picks.
#ifndef COREMATCH_CLIENTS_BENCH_WORKLOAD_H_
#define COREMATCH_CLIENTS_BENCH_WORKLOAD_H_

#include "clients/bench/grpc_load.h"
#include "clients/bench/wire_load.h"

namespace corematch::bench {

class Workload : public GrpcWorkload, public WireWorkload {
 public:
  // Both clients count calls against the same method names.
  const std::vector<std::string>& methods() const override = 0;
};

}  // namespace corematch::bench

#endif  // COREMATCH_CLIENTS_BENCH_WORKLOAD_H_
