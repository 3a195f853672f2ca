// clients/bench/wire_load.h
//
// Drives a workload closed-loop over H2Connection (nghttp2) rather than
// gRPC's C++ client: `clients` clients, each with its own connection and
// exactly one call in flight, shared out over `threads` threads that each
// poll their connections with epoll. The server sees the same gRPC calls;
// the load generator spends a fraction of the CPU (h2_connection.h says why
// that matters on two cores).
//
//   DriveResult result = DriveWire(workload, "127.0.0.1:50051", /*clients=*/8, {.threads = 1});
#ifndef COREMATCH_CLIENTS_BENCH_WIRE_LOAD_H_
#define COREMATCH_CLIENTS_BENCH_WIRE_LOAD_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "clients/bench/load_driver.h"

namespace corematch::bench {

// One call as it goes on the wire.
struct WireCall {
  int method = 0;          // Index into the workload's methods().
  absl::string_view path;  // "/package.Service/Method"; must outlive the call.
  std::string message;     // The serialized request.
};

// The calls a benchmark makes, as bytes.
class WireWorkload {
 public:
  virtual ~WireWorkload() = default;

  virtual const std::vector<std::string>& methods() const = 0;
  // The authorization header every call carries ("Bearer <key>"), or empty.
  virtual absl::string_view authorization() const = 0;
  // Client `client`'s next call. Called from the thread that owns the client.
  virtual WireCall NextWireCall(int client) = 0;
  // Whether `response` is a well-formed answer to a call of `method`, as the
  // client would parse it.
  virtual absl::Status CheckWireResponse(int method, const std::string& response) const = 0;
};

// Connects `clients` connections to `target`, then runs them on
// `options.threads` threads (client c on thread c % threads) through the
// warm-up and the measurement window. Fails only if a connection cannot be
// made; failed calls are counted in the result.
absl::StatusOr<DriveResult> DriveWire(WireWorkload& workload, const std::string& target,
                                      int clients, const DriveOptions& options);

}  // namespace corematch::bench

#endif  // COREMATCH_CLIENTS_BENCH_WIRE_LOAD_H_
