// The gRPC edge: authentication, status conversion, the operator-only feed.
#include "services/adoption/adoption_service.h"

#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "corematch/adoption/v1/adoption.grpc.pb.h"
#include "gmock/gmock.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/client_context.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "services/adoption/testing/adoption_test_fixture.h"
#include "services/common/errors.h"

namespace corematch::adoption {
namespace {

// Two keys: "aarhus-key" for Aarhus, "operator-key" for the operator.
class FakeAuthenticator final : public Authenticator {
 public:
  absl::StatusOr<Caller> Authenticate(absl::string_view secret) override {
    if (secret == "aarhus-key") return OrganizationCaller(kAarhus);
    if (secret == "operator-key") return OperatorCaller();
    return MakeError(absl::StatusCode::kUnauthenticated, "API_KEY_UNKNOWN", "unknown API key");
  }
};

class AdoptionServiceTest : public AdoptionRepositoryTest {
 protected:
  void SetUp() override {
    AdoptionRepositoryTest::SetUp();
    adoptions_ = AdoptionRepository::Open(repository_.get(), &store_, &clock_, &ids_).value();
    cohorts_ =
        CohortRepository::Open(adoptions_->committer(), adoptions_->lineage(), &clock_, &ids_)
            .value();
    service_ = std::make_unique<AdoptionServiceImpl>(repository_.get(), adoptions_.get(),
                                                     cohorts_.get(), &authenticator_);
    grpc::ServerBuilder builder;
    builder.RegisterService(service_.get());
    server_ = builder.BuildAndStart();
    stub_ = pb::AdoptionService::NewStub(server_->InProcessChannel(grpc::ChannelArguments()));
  }
  void TearDown() override {
    repository_->feed().Shutdown();
    server_->Shutdown();
  }

  static std::unique_ptr<grpc::ClientContext> WithKey(absl::string_view key) {
    auto context = std::make_unique<grpc::ClientContext>();
    if (!key.empty()) context->AddMetadata("authorization", absl::StrCat("Bearer ", key));
    return context;
  }

  grpc::Status CreateWithKey(absl::string_view key, pb::AdoptionRequest* response) {
    pb::CreateAdoptionRequestRequest request;
    *request.mutable_adoption_request() = ValidAdoptionRequest();
    return stub_->CreateAdoptionRequest(WithKey(key).get(), request, response);
  }

  FakeAuthenticator authenticator_;
  std::unique_ptr<AdoptionRepository> adoptions_;
  std::unique_ptr<CohortRepository> cohorts_;
  std::unique_ptr<AdoptionServiceImpl> service_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<pb::AdoptionService::Stub> stub_;
};

TEST_F(AdoptionServiceTest, CallsNeedAKey) {
  pb::AdoptionRequest response;
  EXPECT_EQ(CreateWithKey("", &response).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(CreateWithKey("stolen", &response).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  grpc::Status status = CreateWithKey("aarhus-key", &response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.requester(), kAarhus);
}

TEST_F(AdoptionServiceTest, BadFieldsTravelAsStatusDetails) {
  pb::CreateAdoptionRequestRequest request;
  pb::AdoptionRequest response;
  grpc::Status status =
      stub_->CreateAdoptionRequest(WithKey("aarhus-key").get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  EXPECT_EQ(details.details_size(), 2);  // ErrorInfo and BadRequest
}

TEST_F(AdoptionServiceTest, OnlyOperatorsWatchTheFeed) {
  pb::AdoptionRequest created;
  ASSERT_TRUE(CreateWithKey("aarhus-key", &created).ok());

  pb::WatchChangesResponse event;
  auto denied = WithKey("aarhus-key");
  auto reader = stub_->WatchChanges(denied.get(), pb::WatchChangesRequest());
  EXPECT_FALSE(reader->Read(&event));
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::PERMISSION_DENIED);

  auto allowed = WithKey("operator-key");
  reader = stub_->WatchChanges(allowed.get(), pb::WatchChangesRequest());
  ASSERT_TRUE(reader->Read(&event));
  EXPECT_EQ(event.sequence(), 1);
  EXPECT_EQ(event.type(), pb::CHANGE_TYPE_CREATED);
  EXPECT_EQ(event.adoption_request().name(), created.name());
  allowed->TryCancel();
  reader->Finish();
}

}  // namespace
}  // namespace corematch::adoption
