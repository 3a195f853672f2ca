// clients/bench/bench_organization.h
//
// The organisation the load generator publishes as. It is created with the
// operator key, and gets an API key of its own, so every measured call is
// authenticated the way a portal's would be: the publishing service looks
// the key up with the organization service (and caches the answer).
#ifndef COREMATCH_CLIENTS_BENCH_BENCH_ORGANIZATION_H_
#define COREMATCH_CLIENTS_BENCH_BENCH_ORGANIZATION_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "grpcpp/channel.h"

namespace corematch::bench {

struct BenchOrganization {
  // organizations/{organization}
  std::string name;
  // The secret of its API key.
  std::string api_key;
};

// Creates a Danish municipality named after `label` and an API key for it
// with `operator_key`. Fails with the server's status if either call fails.
absl::StatusOr<BenchOrganization> CreateBenchOrganization(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& operator_key,
    const std::string& label);

}  // namespace corematch::bench

#endif  // COREMATCH_CLIENTS_BENCH_BENCH_ORGANIZATION_H_
