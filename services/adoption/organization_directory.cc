#include "services/adoption/organization_directory.h"

#include <chrono>
#include <utility>

#include "absl/strings/str_cat.h"
#include "corematch/organization/v1/organization.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "services/common/grpc_status.h"

namespace corematch::adoption {
namespace {

namespace orgpb = ::corematch::organization::v1;

// Long enough for a loaded organization service, short enough that a filed
// request fails with UNAVAILABLE instead of hanging its caller.
constexpr std::chrono::seconds kDeadline(5);

class GrpcOrganizationDirectory final : public OrganizationDirectory {
 public:
  GrpcOrganizationDirectory(std::shared_ptr<grpc::Channel> channel, std::string operator_secret)
      : stub_(orgpb::OrganizationService::NewStub(std::move(channel))),
        authorization_(absl::StrCat("Bearer ", operator_secret)) {}

  absl::StatusOr<orgpb::Organization> GetOrganization(absl::string_view name) override {
    orgpb::GetOrganizationRequest request;
    request.set_name(name.data(), name.size());
    orgpb::Organization organization;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + kDeadline);
    context.AddMetadata("authorization", authorization_);
    grpc::Status status = stub_->GetOrganization(&context, request, &organization);
    if (!status.ok()) return FromGrpcStatus(status);
    return organization;
  }

 private:
  std::unique_ptr<orgpb::OrganizationService::Stub> stub_;
  const std::string authorization_;
};

}  // namespace

std::unique_ptr<OrganizationDirectory> NewGrpcOrganizationDirectory(
    std::shared_ptr<grpc::Channel> channel, std::string operator_secret) {
  return std::make_unique<GrpcOrganizationDirectory>(std::move(channel),
                                                     std::move(operator_secret));
}

}  // namespace corematch::adoption
