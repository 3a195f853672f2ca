// The adoption service end to end: requests filed by real organisations over
// TCP, defaults read from the organization service through its gRPC
// interface, visibility across organisations, the change feed, a restart.
#include "corematch/adoption/v1/adoption.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/testing/test_server.h"

namespace corematch {
namespace {

namespace pb = ::corematch::adoption::v1;
using ::corematch::testing::ContextWithKey;
using ::corematch::testing::TempDir;
using ::corematch::testing::TestServer;

pb::AdoptionRequest DanishNeed(pb::Visibility visibility) {
  pb::AdoptionRequest r;
  r.set_title("Hurtigere i job");
  r.set_need_statement(
      "Vi vil have kontanthjælpsmodtagere hurtigere i arbejde eller uddannelse, helst inden "
      "for få dage efter ansøgningen.");
  r.set_language("da");
  r.add_sectors("10.5");
  r.add_target_groups("kontanthjælpsmodtagere");
  r.set_visibility(visibility);
  return r;
}

class AdoptionIntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(dir_.path());
    std::tie(aarhus_, aarhus_key_) = server_->CreateOrganizationWithKey("Aarhus Kommune", "DK");
    std::tie(malmo_, malmo_key_) = server_->CreateOrganizationWithKey("Malmö stad", "SE");
    stub_ = pb::AdoptionService::NewStub(server_->TcpChannel());
  }

  pb::AdoptionRequest File(const std::string& key, const pb::AdoptionRequest& r) {
    pb::CreateAdoptionRequestRequest request;
    *request.mutable_adoption_request() = r;
    pb::AdoptionRequest created;
    grpc::Status status =
        stub_->CreateAdoptionRequest(ContextWithKey(key).get(), request, &created);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return created;
  }

  grpc::Status Get(const std::string& key, const std::string& name, pb::AdoptionRequest* out) {
    pb::GetAdoptionRequestRequest get;
    get.set_name(name);
    return stub_->GetAdoptionRequest(ContextWithKey(key).get(), get, out);
  }

  TempDir dir_;
  std::unique_ptr<TestServer> server_;
  std::string aarhus_, aarhus_key_, malmo_, malmo_key_;
  std::unique_ptr<pb::AdoptionService::Stub> stub_;
};

TEST_F(AdoptionIntegrationTest, FiledRequestTakesItsContextFromTheOrganisation) {
  pb::AdoptionRequest created = File(aarhus_key_, DanishNeed(pb::VISIBILITY_PUBLIC));
  EXPECT_EQ(created.requester(), aarhus_);
  EXPECT_EQ(created.state(), pb::ADOPTION_REQUEST_STATE_OPEN);
  EXPECT_EQ(created.context().country(), "DK");
  EXPECT_EQ(created.context().population(), 350000);
  EXPECT_EQ(created.requester_kind(), "MUNICIPALITY");
  EXPECT_TRUE(created.has_expire_time());
}

TEST_F(AdoptionIntegrationTest, VisibilityHidesWhatOthersMayNotSee) {
  pb::AdoptionRequest anonymous = File(aarhus_key_, DanishNeed(pb::VISIBILITY_ANONYMOUS));
  pb::AdoptionRequest hidden = File(aarhus_key_, DanishNeed(pb::VISIBILITY_PRIVATE));
  pb::AdoptionRequest seen;
  ASSERT_TRUE(Get(malmo_key_, anonymous.name(), &seen).ok());
  EXPECT_EQ(seen.requester(), "");
  EXPECT_EQ(seen.context().country(), "DK");
  EXPECT_EQ(seen.requester_kind(), "MUNICIPALITY");
  ASSERT_TRUE(Get(aarhus_key_, anonymous.name(), &seen).ok());
  EXPECT_EQ(seen.requester(), aarhus_);
  EXPECT_EQ(Get(malmo_key_, hidden.name(), &seen).error_code(), grpc::StatusCode::NOT_FOUND);
  pb::ListAdoptionRequestsResponse list;
  ASSERT_TRUE(stub_->ListAdoptionRequests(ContextWithKey(malmo_key_).get(), {}, &list).ok());
  EXPECT_EQ(list.adoption_requests_size(), 1);
  ASSERT_TRUE(stub_->ListAdoptionRequests(ContextWithKey(aarhus_key_).get(), {}, &list).ok());
  EXPECT_EQ(list.adoption_requests_size(), 2);
}

TEST_F(AdoptionIntegrationTest, EditAndCloseWithEtagsOwnershipAndFeed) {
  pb::AdoptionRequest created = File(aarhus_key_, DanishNeed(pb::VISIBILITY_PUBLIC));
  pb::UpdateAdoptionRequestRequest update;
  update.mutable_adoption_request()->set_name(created.name());
  update.mutable_adoption_request()->set_etag(created.etag());
  update.mutable_adoption_request()->add_desired_effects("færre på kontanthjælp");
  update.mutable_update_mask()->add_paths("desired_effects");
  pb::AdoptionRequest updated;
  EXPECT_EQ(
      stub_->UpdateAdoptionRequest(ContextWithKey(malmo_key_).get(), update, &updated).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);
  ASSERT_TRUE(
      stub_->UpdateAdoptionRequest(ContextWithKey(aarhus_key_).get(), update, &updated).ok());
  EXPECT_EQ(updated.desired_effects_size(), 1);
  EXPECT_EQ(stub_->UpdateAdoptionRequest(ContextWithKey(aarhus_key_).get(), update, &updated)
                .error_code(),
            grpc::StatusCode::ABORTED);

  pb::CloseAdoptionRequestRequest close;
  close.set_name(created.name());
  close.set_outcome(pb::CLOSE_OUTCOME_FULFILLED);
  close.set_reason("adopted Jobb Först from Angered");
  close.set_request_id("7b0c9d4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f");
  pb::AdoptionRequest closed, again;
  ASSERT_TRUE(stub_->CloseAdoptionRequest(ContextWithKey(aarhus_key_).get(), close, &closed).ok());
  ASSERT_TRUE(stub_->CloseAdoptionRequest(ContextWithKey(aarhus_key_).get(), close, &again).ok());
  EXPECT_EQ(closed.etag(), again.etag());
  EXPECT_EQ(closed.state(), pb::ADOPTION_REQUEST_STATE_FULFILLED);

  auto context = ContextWithKey(server_->operator_key());
  auto reader = stub_->WatchChanges(context.get(), {});
  std::vector<pb::ChangeType> types;
  pb::WatchChangesResponse event;
  while (types.size() < 3 && reader->Read(&event)) types.push_back(event.type());
  context->TryCancel();
  reader->Finish().IgnoreError();
  EXPECT_EQ(types, (std::vector<pb::ChangeType>{pb::CHANGE_TYPE_CREATED, pb::CHANGE_TYPE_UPDATED,
                                                pb::CHANGE_TYPE_CLOSED}));
}

TEST_F(AdoptionIntegrationTest, RequestsSurviveARestart) {
  pb::AdoptionRequest created = File(aarhus_key_, DanishNeed(pb::VISIBILITY_PUBLIC));
  stub_.reset();
  server_.reset();
  server_ = std::make_unique<TestServer>(dir_.path());
  stub_ = pb::AdoptionService::NewStub(server_->TcpChannel());
  pb::AdoptionRequest seen;
  ASSERT_TRUE(Get(malmo_key_, created.name(), &seen).ok());
  EXPECT_EQ(seen.etag(), created.etag());
}

}  // namespace
}  // namespace corematch
