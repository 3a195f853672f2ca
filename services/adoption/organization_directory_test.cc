#include "services/adoption/organization_directory.h"

#include <memory>
#include <string>

#include "absl/synchronization/mutex.h"
#include "corematch/organization/v1/organization.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "services/common/errors.h"
#include "services/common/grpc_status.h"
#include "services/common/resource_name.h"
#include "services/common/testing/status_matchers.h"

namespace corematch::adoption {
namespace {

namespace orgpb = ::corematch::organization::v1;
using ::corematch::testing::IsOk;
using ::corematch::testing::StatusIs;

// Knows one organisation and remembers the authorization header it was sent.
class FakeOrganizationService final : public orgpb::OrganizationService::Service {
 public:
  grpc::Status GetOrganization(grpc::ServerContext* context,
                               const orgpb::GetOrganizationRequest* request,
                               orgpb::Organization* response) override {
    auto it = context->client_metadata().find("authorization");
    {
      absl::MutexLock lock(&mutex_);
      authorization_ = it == context->client_metadata().end()
                           ? ""
                           : std::string(it->second.data(), it->second.size());
    }
    if (request->name() != "organizations/aarhus") return ToGrpcStatus(NotFound(request->name()));
    response->set_name(request->name());
    response->set_kind(orgpb::ORGANIZATION_KIND_MUNICIPALITY);
    response->set_country("DK");
    return grpc::Status::OK;
  }

  std::string authorization() {
    absl::MutexLock lock(&mutex_);
    return authorization_;
  }

 private:
  absl::Mutex mutex_;
  std::string authorization_ ABSL_GUARDED_BY(mutex_);
};

class OrganizationDirectoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.RegisterService(&service_);
    server_ = builder.BuildAndStart();
    directory_ =
        NewGrpcOrganizationDirectory(server_->InProcessChannel(grpc::ChannelArguments()), "s3cret");
  }
  void TearDown() override { server_->Shutdown(); }

  FakeOrganizationService service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<OrganizationDirectory> directory_;
};

TEST_F(OrganizationDirectoryTest, AsksAsTheOperator) {
  absl::StatusOr<orgpb::Organization> org = directory_->GetOrganization("organizations/aarhus");
  ASSERT_THAT(org, IsOk());
  EXPECT_EQ(org->kind(), orgpb::ORGANIZATION_KIND_MUNICIPALITY);
  EXPECT_EQ(org->country(), "DK");
  EXPECT_EQ(service_.authorization(), "Bearer s3cret");
}

TEST_F(OrganizationDirectoryTest, KeepsTheCodeAndReasonOfAnError) {
  absl::StatusOr<orgpb::Organization> org = directory_->GetOrganization("organizations/nowhere");
  EXPECT_THAT(org, StatusIs(absl::StatusCode::kNotFound));
  EXPECT_EQ(ErrorReason(org.status()), "ORGANIZATION_NOT_FOUND");
}

TEST(OrganizationDirectoryUnreachableTest, IsUnavailable) {
  auto channel = grpc::CreateChannel("127.0.0.1:1", grpc::InsecureChannelCredentials());
  std::unique_ptr<OrganizationDirectory> directory =
      NewGrpcOrganizationDirectory(channel, "s3cret");
  EXPECT_THAT(directory->GetOrganization("organizations/aarhus"),
              StatusIs(absl::StatusCode::kUnavailable));
}

}  // namespace
}  // namespace corematch::adoption
