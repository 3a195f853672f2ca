#include "clients/bench/bench_organization.h"

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "clients/bench/channels.h"
#include "clients/bench/load_driver.h"
#include "corematch/organization/v1/organization.grpc.pb.h"

namespace corematch::bench {
namespace {

namespace orgpb = ::corematch::organization::v1;

absl::Status Failed(absl::string_view what, const grpc::Status& status) {
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(what, ": ", DescribeStatus(status)));
}

}  // namespace

absl::StatusOr<BenchOrganization> CreateBenchOrganization(
    const std::shared_ptr<grpc::Channel>& channel, const std::string& operator_key,
    const std::string& label) {
  auto stub = orgpb::OrganizationService::NewStub(channel);

  orgpb::CreateOrganizationRequest create;
  orgpb::Organization* organization = create.mutable_organization();
  organization->set_display_name(absl::StrCat("Benchmark Kommune ", label));
  organization->set_kind(orgpb::ORGANIZATION_KIND_MUNICIPALITY);
  organization->set_country("DK");
  organization->set_region("DK042");
  organization->set_population(360000);
  organization->add_languages("da");
  organization->add_languages("en");
  orgpb::Organization created;
  {
    grpc::ClientContext context;
    PrepareContext(context, operator_key);
    grpc::Status status = stub->CreateOrganization(&context, create, &created);
    if (!status.ok()) return Failed("CreateOrganization", status);
  }

  orgpb::CreateApiKeyRequest key_request;
  key_request.set_parent(created.name());
  key_request.mutable_api_key()->set_display_name("corematch-bench");
  orgpb::CreateApiKeyResponse key;
  {
    grpc::ClientContext context;
    PrepareContext(context, operator_key);
    grpc::Status status = stub->CreateApiKey(&context, key_request, &key);
    if (!status.ok()) return Failed("CreateApiKey", status);
  }
  return BenchOrganization{.name = created.name(), .api_key = key.secret()};
}

}  // namespace corematch::bench
