#include "services/organization/organization_service.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/common/etag.h"
#include "services/common/field_checks.h"
#include "services/common/filter.h"
#include "services/common/grpc_status.h"
#include "services/common/page_token.h"
#include "services/common/proto_time.h"
#include "services/common/request_ids.h"
#include "services/common/resource_list.h"
#include "services/common/resource_name.h"
#include "services/common/status_macros.h"
#include "services/common/update_mask.h"
#include "services/organization/api_keys.h"
#include "services/organization/organization_validator.h"

namespace corematch::organization {
namespace {

constexpr absl::string_view kCollection = "organizations";
const std::vector<std::string> kUpdatableFields = {"display_name", "kind",       "country",
                                                   "region",       "population", "languages"};
const std::vector<std::string> kFilterFields = {"country", "kind"};

absl::StatusOr<v1::Organization> LoadOrganization(storage::Transaction& txn, absl::string_view name,
                                                  absl::string_view id) {
  ASSIGN_OR_RETURN(std::optional<std::string> bytes, txn.Get(ResourceKey(kCollection, id)));
  if (!bytes.has_value()) return NotFound(name);
  v1::Organization organization;
  if (!organization.ParseFromString(*bytes))
    return absl::DataLossError(absl::StrCat("corrupt ", name));
  return organization;
}

void Normalize(v1::Organization& organization) {
  for (std::string& language : *organization.mutable_languages()) {
    language = CanonicalLanguage(language);
  }
}

absl::Status WriteKeyFile(const std::string& path, absl::string_view secret) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot write the operator key to ", path, ": ", std::strerror(errno)));
  }
  std::string line = absl::StrCat(secret, "\n");
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ok = ::fchmod(fd, 0600) == 0 && ::fsync(fd) == 0 && ok;
  ::close(fd);
  if (!ok) return absl::InternalError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

}  // namespace

OrganizationServiceImpl::OrganizationServiceImpl(storage::KvStore* store, Clock* clock,
                                                 IdGenerator* ids)
    : store_(store), committer_(store), clock_(clock), ids_(ids) {}

absl::StatusOr<bool> OrganizationServiceImpl::EnsureOperatorKey(const std::string& key_file) {
  ASSIGN_OR_RETURN(bool exists, HasOperatorKey(*store_));
  if (exists) return false;
  std::string secret = NewSecret(*ids_);
  // The file is written before the key is stored: if writing fails, no key
  // exists that nobody can read, and the next start tries again.
  RETURN_IF_ERROR(WriteKeyFile(key_file, secret));
  v1::ApiKey key;
  key.set_name(absl::StrCat(kOperatorKeyCollection, "/", ids_->NewId()));
  key.set_display_name("operator (created on first start)");
  *key.mutable_create_time() = ToProtoTime(clock_->Now());
  RETURN_IF_ERROR(committer_.Run([&](storage::Transaction& txn) {
    PutApiKey(txn, key, secret);
    return absl::OkStatus();
  }));
  return true;
}

absl::StatusOr<Caller> OrganizationServiceImpl::Authenticate(absl::string_view secret) {
  return LookUpSecret(*store_, secret);
}

absl::StatusOr<v1::Organization> OrganizationServiceImpl::DoCreate(
    const Caller& caller, const v1::CreateOrganizationRequest& request) {
  RETURN_IF_ERROR(RequireOperator(caller, "creating an organization"));
  FieldViolations violations;
  ValidateOrganization(request.organization(), "organization", violations);
  ValidateRequestId(request.request_id(), "request_id", violations);
  RETURN_IF_ERROR(violations.ToStatus());

  v1::Organization organization = request.organization();
  Normalize(organization);
  absl::StatusOr<v1::Organization> result;
  RETURN_IF_ERROR(committer_.Run([&](storage::Transaction& txn) -> absl::Status {
    ASSIGN_OR_RETURN(auto earlier, FindEarlierResponse(txn, caller.id(), "CreateOrganization",
                                                       request.request_id()));
    if (earlier.has_value()) {
      result = v1::Organization();
      result->ParseFromString(*earlier);
      return absl::OkStatus();
    }
    const std::string id = ids_->NewId();
    const absl::Time now = clock_->Now();
    organization.set_name(ResourceKey(kCollection, id));
    *organization.mutable_create_time() = ToProtoTime(now);
    *organization.mutable_update_time() = ToProtoTime(now);
    organization.set_etag(ComputeEtag(organization));
    std::string bytes = organization.SerializeAsString();
    txn.Put(ResourceKey(kCollection, id), bytes);
    txn.Put(CreateTimeIndexKey(kCollection, now, id), "");
    RememberResponse(txn, caller.id(), "CreateOrganization", request.request_id(), bytes);
    result = organization;
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<v1::Organization> OrganizationServiceImpl::DoGet(absl::string_view name) {
  ASSIGN_OR_RETURN(std::string id, ParseResourceName(name, kCollection, "name"));
  storage::Overlay none;
  storage::Transaction read(store_, &none);
  return LoadOrganization(read, name, id);
}

absl::StatusOr<v1::ListOrganizationsResponse> OrganizationServiceImpl::DoList(
    const Caller& caller, const v1::ListOrganizationsRequest& request) {
  ASSIGN_OR_RETURN(int page_size, EffectivePageSize(request.page_size()));
  ASSIGN_OR_RETURN(storage::ScanOrder order, ParseOrderBy(request.order_by()));
  ASSIGN_OR_RETURN(Filter filter, Filter::Parse(request.filter(), kFilterFields));
  const std::string fingerprint =
      QueryFingerprint(request.filter(), request.order_by(), caller.id());
  ASSIGN_OR_RETURN(std::string start_after, DecodePageToken(request.page_token(), fingerprint));

  v1::ListOrganizationsResponse response;
  ListRequest list{.collection = kCollection,
                   .order = order,
                   .start_after = start_after,
                   .page_size = page_size};
  ASSIGN_OR_RETURN(ListPage page, ListResources(*store_, list, [&](absl::string_view bytes) {
                     v1::Organization organization;
                     if (!organization.ParseFromString(std::string(bytes))) return false;
                     bool match =
                         filter.Matches([&](absl::string_view field) -> std::vector<std::string> {
                           if (field == "country") return {organization.country()};
                           std::string kind = v1::OrganizationKind_Name(organization.kind());
                           return {kind, kind.substr(std::string("ORGANIZATION_KIND_").size())};
                         });
                     if (match) *response.add_organizations() = std::move(organization);
                     return match;
                   }));
  if (!page.next_start_after.empty()) {
    response.set_next_page_token(EncodePageToken(page.next_start_after, fingerprint));
  }
  return response;
}

absl::StatusOr<v1::Organization> OrganizationServiceImpl::DoUpdate(
    const Caller& caller, const v1::UpdateOrganizationRequest& request) {
  const std::string& name = request.organization().name();
  ASSIGN_OR_RETURN(std::string id, ParseResourceName(name, kCollection, "organization.name"));
  RETURN_IF_ERROR(RequireOwner(caller, name, name));
  absl::StatusOr<v1::Organization> result;
  RETURN_IF_ERROR(committer_.Run([&](storage::Transaction& txn) -> absl::Status {
    ASSIGN_OR_RETURN(v1::Organization current, LoadOrganization(txn, name, id));
    RETURN_IF_ERROR(CheckEtag(request.organization().etag(), current.etag(), name));
    v1::Organization updated = current;
    RETURN_IF_ERROR(ApplyUpdateMask(request.organization(), request.update_mask(), kUpdatableFields,
                                    "update_mask", &updated));
    FieldViolations violations;
    ValidateOrganization(updated, "organization", violations);
    RETURN_IF_ERROR(violations.ToStatus());
    Normalize(updated);
    *updated.mutable_update_time() = ToProtoTime(clock_->Now());
    updated.set_etag(ComputeEtag(updated));
    txn.Put(ResourceKey(kCollection, id), updated.SerializeAsString());
    result = std::move(updated);
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<v1::CreateApiKeyResponse> OrganizationServiceImpl::DoCreateApiKey(
    const Caller& caller, const v1::CreateApiKeyRequest& request) {
  RETURN_IF_ERROR(RequireOperator(caller, "issuing an API key"));
  ASSIGN_OR_RETURN(std::string org_id, ParseResourceName(request.parent(), kCollection, "parent"));
  FieldViolations violations;
  CheckText(violations, "api_key.display_name", request.api_key().display_name(), false,
            kMaxTitleLength);
  RETURN_IF_ERROR(violations.ToStatus());
  v1::CreateApiKeyResponse response;
  RETURN_IF_ERROR(committer_.Run([&](storage::Transaction& txn) -> absl::Status {
    RETURN_IF_ERROR(LoadOrganization(txn, request.parent(), org_id).status());
    v1::ApiKey key;
    key.set_name(absl::StrCat(request.parent(), "/apiKeys/", ids_->NewId()));
    key.set_display_name(request.api_key().display_name());
    *key.mutable_create_time() = ToProtoTime(clock_->Now());
    const std::string secret = NewSecret(*ids_);
    PutApiKey(txn, key, secret);
    *response.mutable_api_key() = key;
    response.set_secret(secret);
    return absl::OkStatus();
  }));
  return response;
}

absl::StatusOr<v1::ApiKey> OrganizationServiceImpl::DoRevokeApiKey(const Caller& caller,
                                                                   absl::string_view name) {
  const size_t at = name.find("/apiKeys/");
  if (at == absl::string_view::npos) {
    FieldViolations violations;
    violations.Add("name", "expected organizations/{organization}/apiKeys/{api_key}");
    return violations.ToStatus("INVALID_RESOURCE_NAME");
  }
  RETURN_IF_ERROR(RequireOwner(caller, name.substr(0, at), name));
  v1::ApiKey result;
  RETURN_IF_ERROR(committer_.Run([&](storage::Transaction& txn) -> absl::Status {
    ASSIGN_OR_RETURN(v1::ApiKey key, GetApiKey(txn, name));
    if (!key.has_revoke_time()) *key.mutable_revoke_time() = ToProtoTime(clock_->Now());
    SaveApiKey(txn, key);
    result = key;
    return absl::OkStatus();
  }));
  return result;
}

grpc::Status OrganizationServiceImpl::CreateOrganization(
    grpc::ServerContext* context, const v1::CreateOrganizationRequest* request,
    v1::Organization* response) {
  return ServeAuthenticated(*this, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, DoCreate(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status OrganizationServiceImpl::GetOrganization(grpc::ServerContext* context,
                                                      const v1::GetOrganizationRequest* request,
                                                      v1::Organization* response) {
  return ServeAuthenticated(*this, *context, [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(*response, DoGet(request->name()));
    return absl::OkStatus();
  });
}

grpc::Status OrganizationServiceImpl::ListOrganizations(grpc::ServerContext* context,
                                                        const v1::ListOrganizationsRequest* request,
                                                        v1::ListOrganizationsResponse* response) {
  return ServeAuthenticated(*this, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, DoList(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status OrganizationServiceImpl::UpdateOrganization(
    grpc::ServerContext* context, const v1::UpdateOrganizationRequest* request,
    v1::Organization* response) {
  return ServeAuthenticated(*this, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, DoUpdate(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status OrganizationServiceImpl::CreateApiKey(grpc::ServerContext* context,
                                                   const v1::CreateApiKeyRequest* request,
                                                   v1::CreateApiKeyResponse* response) {
  return ServeAuthenticated(*this, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, DoCreateApiKey(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status OrganizationServiceImpl::ListApiKeys(grpc::ServerContext* context,
                                                  const v1::ListApiKeysRequest* request,
                                                  v1::ListApiKeysResponse* response) {
  return ServeAuthenticated(*this, *context, [&](const Caller& caller) -> absl::Status {
    RETURN_IF_ERROR(ParseResourceName(request->parent(), kCollection, "parent").status());
    RETURN_IF_ERROR(RequireOwner(caller, request->parent(), request->parent()));
    ASSIGN_OR_RETURN(auto keys, organization::ListApiKeys(*store_, request->parent()));
    for (auto& key : keys) *response->add_api_keys() = std::move(key);
    return absl::OkStatus();
  });
}

grpc::Status OrganizationServiceImpl::RevokeApiKey(grpc::ServerContext* context,
                                                   const v1::RevokeApiKeyRequest* request,
                                                   v1::ApiKey* response) {
  return ServeAuthenticated(*this, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, DoRevokeApiKey(caller, request->name()));
    return absl::OkStatus();
  });
}

grpc::Status OrganizationServiceImpl::AuthenticateApiKey(
    grpc::ServerContext*, const v1::AuthenticateApiKeyRequest* request,
    v1::AuthenticateApiKeyResponse* response) {
  absl::StatusOr<Caller> caller = Authenticate(request->secret());
  if (!caller.ok()) return ToGrpcStatus(caller.status());
  response->set_organization(caller->organization);
  response->set_operator_(caller->is_operator);
  response->set_api_key(caller->api_key);
  return grpc::Status::OK;
}

}  // namespace corematch::organization
