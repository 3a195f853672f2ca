// services/organization/organization_service.h
//
// OrganizationService: the organisations that use corematch and their API
// keys, in the service's own store. It is also the authority other services
// ask (AuthenticateApiKey) who a key belongs to.
#ifndef COREMATCH_SERVICES_ORGANIZATION_ORGANIZATION_SERVICE_H_
#define COREMATCH_SERVICES_ORGANIZATION_ORGANIZATION_SERVICE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "corematch/organization/v1/organization.grpc.pb.h"
#include "services/common/auth.h"
#include "services/common/clock.h"
#include "services/common/id_generator.h"
#include "storage/committer.h"
#include "storage/kv_store.h"

namespace corematch::organization {

class OrganizationServiceImpl final
    : public corematch::organization::v1::OrganizationService::Service,
      public Authenticator {
 public:
  // `store`, `clock` and `ids` are not owned and must outlive the service.
  OrganizationServiceImpl(storage::KvStore* store, Clock* clock, IdGenerator* ids);

  // On first start with empty storage, creates an operator key and writes its
  // secret to `key_file` (mode 0600). Returns true if it created one.
  absl::StatusOr<bool> EnsureOperatorKey(const std::string& key_file);

  // Authenticator: looks the key up in this service's own store.
  absl::StatusOr<Caller> Authenticate(absl::string_view secret) override;

  grpc::Status CreateOrganization(grpc::ServerContext* context,
                                  const v1::CreateOrganizationRequest* request,
                                  v1::Organization* response) override;
  grpc::Status GetOrganization(grpc::ServerContext* context,
                               const v1::GetOrganizationRequest* request,
                               v1::Organization* response) override;
  grpc::Status ListOrganizations(grpc::ServerContext* context,
                                 const v1::ListOrganizationsRequest* request,
                                 v1::ListOrganizationsResponse* response) override;
  grpc::Status UpdateOrganization(grpc::ServerContext* context,
                                  const v1::UpdateOrganizationRequest* request,
                                  v1::Organization* response) override;
  grpc::Status CreateApiKey(grpc::ServerContext* context, const v1::CreateApiKeyRequest* request,
                            v1::CreateApiKeyResponse* response) override;
  grpc::Status ListApiKeys(grpc::ServerContext* context, const v1::ListApiKeysRequest* request,
                           v1::ListApiKeysResponse* response) override;
  grpc::Status RevokeApiKey(grpc::ServerContext* context, const v1::RevokeApiKeyRequest* request,
                            v1::ApiKey* response) override;
  grpc::Status AuthenticateApiKey(grpc::ServerContext* context,
                                  const v1::AuthenticateApiKeyRequest* request,
                                  v1::AuthenticateApiKeyResponse* response) override;

 private:
  absl::StatusOr<v1::Organization> DoCreate(const Caller& caller,
                                            const v1::CreateOrganizationRequest& request);
  absl::StatusOr<v1::Organization> DoGet(absl::string_view name);
  absl::StatusOr<v1::ListOrganizationsResponse> DoList(const Caller& caller,
                                                       const v1::ListOrganizationsRequest& request);
  absl::StatusOr<v1::Organization> DoUpdate(const Caller& caller,
                                            const v1::UpdateOrganizationRequest& request);
  absl::StatusOr<v1::CreateApiKeyResponse> DoCreateApiKey(const Caller& caller,
                                                          const v1::CreateApiKeyRequest& request);
  absl::StatusOr<v1::ApiKey> DoRevokeApiKey(const Caller& caller, absl::string_view name);

  storage::KvStore* const store_;
  storage::Committer committer_;
  Clock* const clock_;
  IdGenerator* const ids_;
};

}  // namespace corematch::organization

#endif  // COREMATCH_SERVICES_ORGANIZATION_ORGANIZATION_SERVICE_H_
