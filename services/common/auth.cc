#include "services/common/auth.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "corematch/organization/v1/organization.grpc.pb.h"
#include "services/common/errors.h"
#include "services/common/grpc_status.h"
#include "services/common/id_generator.h"

namespace corematch {
namespace {

namespace orgpb = ::corematch::organization::v1;

constexpr absl::string_view kBearer = "Bearer ";

class RemoteAuthenticator final : public Authenticator {
 public:
  RemoteAuthenticator(std::shared_ptr<grpc::Channel> channel, Clock* clock, absl::Duration ttl)
      : stub_(orgpb::OrganizationService::NewStub(channel)), clock_(clock), ttl_(ttl) {}

  absl::StatusOr<Caller> Authenticate(absl::string_view secret) override {
    // Cache by hash so the cache never holds a usable secret.
    std::string hash = Sha256Hex(std::string(secret));
    absl::Time now = clock_->Now();
    {
      absl::MutexLock lock(&mutex_);
      auto it = cache_.find(hash);
      if (it != cache_.end() && it->second.expires > now) return it->second.caller;
    }
    orgpb::AuthenticateApiKeyRequest request;
    request.set_secret(secret.data(), secret.size());
    orgpb::AuthenticateApiKeyResponse response;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(5));
    grpc::Status status = stub_->AuthenticateApiKey(&context, request, &response);
    if (!status.ok()) {
      if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED) return FromGrpcStatus(status);
      return MakeError(absl::StatusCode::kUnavailable, "AUTHENTICATION_UNAVAILABLE",
                       absl::StrCat("could not check the API key with the organization service: ",
                                    status.error_message(), "; retry"));
    }
    Caller caller{response.organization(), response.operator_(), response.api_key()};
    absl::MutexLock lock(&mutex_);
    if (cache_.size() > kMaxCached) cache_.clear();
    cache_[hash] = Entry{caller, now + ttl_};
    return caller;
  }

 private:
  static constexpr size_t kMaxCached = 10000;
  struct Entry {
    Caller caller;
    absl::Time expires;
  };

  std::unique_ptr<orgpb::OrganizationService::Stub> stub_;
  Clock* const clock_;
  const absl::Duration ttl_;
  absl::Mutex mutex_;
  absl::flat_hash_map<std::string, Entry> cache_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace

absl::StatusOr<Caller> AuthenticateCall(Authenticator& authenticator,
                                        const grpc::ServerContextBase& context) {
  const auto& metadata = context.client_metadata();
  auto it = metadata.find("authorization");
  if (it == metadata.end()) {
    return MakeError(absl::StatusCode::kUnauthenticated, "API_KEY_MISSING",
                     "missing API key: send the header 'authorization: Bearer <api key>'");
  }
  absl::string_view value(it->second.data(), it->second.size());
  if (!absl::StartsWith(value, kBearer) || value.size() == kBearer.size()) {
    return MakeError(absl::StatusCode::kUnauthenticated, "API_KEY_MALFORMED",
                     "the authorization header must read 'Bearer <api key>'");
  }
  return authenticator.Authenticate(value.substr(kBearer.size()));
}

absl::Status RequireOperator(const Caller& caller, absl::string_view what) {
  if (caller.is_operator) return absl::OkStatus();
  return MakeError(absl::StatusCode::kPermissionDenied, "OPERATOR_ONLY",
                   absl::StrCat(what, " needs an operator API key"));
}

absl::Status RequireOwner(const Caller& caller, absl::string_view owner,
                          absl::string_view resource) {
  if (caller.CanModify(owner)) return absl::OkStatus();
  return MakeError(absl::StatusCode::kPermissionDenied, "NOT_OWNER",
                   absl::StrCat(resource, " belongs to ", owner,
                                "; only its owner or an operator may change it"));
}

grpc::Status ServeAuthenticated(Authenticator& authenticator,
                                const grpc::ServerContextBase& context,
                                const std::function<absl::Status(const Caller&)>& handler) {
  absl::StatusOr<Caller> caller = AuthenticateCall(authenticator, context);
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  return ToGrpcStatus(handler(*caller));
}

std::unique_ptr<Authenticator> NewRemoteAuthenticator(std::shared_ptr<grpc::Channel> channel,
                                                      Clock* clock, absl::Duration ttl) {
  return std::make_unique<RemoteAuthenticator>(std::move(channel), clock, ttl);
}

}  // namespace corematch
