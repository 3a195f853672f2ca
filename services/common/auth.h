// services/common/auth.h
//
// Who is calling. Every call other than health and reflection carries
// `authorization: Bearer <api key>`; the organization service knows the keys
// (stored only as SHA-256 hashes) and every other service asks it, through the
// same gRPC interface in the all-in-one process as across the network.
#ifndef COREMATCH_SERVICES_COMMON_AUTH_H_
#define COREMATCH_SERVICES_COMMON_AUTH_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "grpcpp/channel.h"
#include "grpcpp/server_context.h"
#include "services/common/clock.h"

namespace corematch {

// The authenticated caller of one RPC.
struct Caller {
  // organizations/{id}; empty for an operator key.
  std::string organization;
  bool is_operator = false;
  // The key's resource name, for audit.
  std::string api_key;

  // Whether the caller may change a resource owned by `owner`.
  bool CanModify(absl::string_view owner) const { return is_operator || organization == owner; }
  // A stable id for per-caller state (request ids, page tokens).
  std::string id() const { return is_operator ? "operator" : organization; }
};

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // The caller a secret belongs to; UNAUTHENTICATED for an unknown or revoked key.
  virtual absl::StatusOr<Caller> Authenticate(absl::string_view secret) = 0;
};

// Reads the bearer key from `context` and authenticates it.
absl::StatusOr<Caller> AuthenticateCall(Authenticator& authenticator,
                                        const grpc::ServerContextBase& context);

// PERMISSION_DENIED unless the caller holds an operator key.
absl::Status RequireOperator(const Caller& caller, absl::string_view what);

// PERMISSION_DENIED unless the caller may modify `resource` owned by `owner`.
absl::Status RequireOwner(const Caller& caller, absl::string_view owner,
                          absl::string_view resource);

// The service edge of a unary call: authenticates it, runs `handler` with the
// caller and converts its status to gRPC's (the only place that does).
grpc::Status ServeAuthenticated(Authenticator& authenticator,
                                const grpc::ServerContextBase& context,
                                const std::function<absl::Status(const Caller&)>& handler);

// Authenticates through OrganizationService.AuthenticateApiKey on `channel`,
// remembering answers for `ttl` so a busy caller costs one lookup per ttl.
// A revoked key stops working within `ttl`. Thread-safe.
std::unique_ptr<Authenticator> NewRemoteAuthenticator(std::shared_ptr<grpc::Channel> channel,
                                                      Clock* clock,
                                                      absl::Duration ttl = absl::Seconds(5));

}  // namespace corematch

#endif  // COREMATCH_SERVICES_COMMON_AUTH_H_
