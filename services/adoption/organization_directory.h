// services/adoption/organization_directory.h
//
// Where the adoption service learns about the organisation that files a
// request: its kind (shown even on anonymous requests) and its country, region
// and population (the defaults of a request's context). The organization
// service owns that data; the adoption service never reads its database, it
// asks through OrganizationService.GetOrganization, over the network or over
// an in-process channel alike.
//
//   std::unique_ptr<OrganizationDirectory> directory =
//       NewGrpcOrganizationDirectory(channel, operator_secret);
//   ASSIGN_OR_RETURN(Organization org, directory->GetOrganization("organizations/aarhus"));
//
// Tests use FakeOrganizationDirectory (testing/fake_organization_directory.h).
#ifndef COREMATCH_SERVICES_ADOPTION_ORGANIZATION_DIRECTORY_H_
#define COREMATCH_SERVICES_ADOPTION_ORGANIZATION_DIRECTORY_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "corematch/organization/v1/organization.pb.h"
#include "grpcpp/channel.h"

namespace corematch::adoption {

class OrganizationDirectory {
 public:
  virtual ~OrganizationDirectory() = default;

  // The organisation named `name` ("organizations/{id}"). NOT_FOUND when
  // there is none; UNAVAILABLE (retry) when the directory cannot be reached.
  // Implementations are thread-safe.
  virtual absl::StatusOr<corematch::organization::v1::Organization> GetOrganization(
      absl::string_view name) = 0;
};

// Asks OrganizationService.GetOrganization on `channel`, authenticated as the
// operator with `operator_secret` (sent as `authorization: Bearer <secret>`),
// since the adoption service reads organisations on behalf of its callers.
// Each call has a 5 second deadline; answers are not cached, so a changed
// organisation shows on the next request filed. Thread-safe.
std::unique_ptr<OrganizationDirectory> NewGrpcOrganizationDirectory(
    std::shared_ptr<grpc::Channel> channel, std::string operator_secret);

}  // namespace corematch::adoption

#endif  // COREMATCH_SERVICES_ADOPTION_ORGANIZATION_DIRECTORY_H_
