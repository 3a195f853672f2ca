// The publishing and organization services end to end: a real server on
// 127.0.0.1:0 with RocksDB in a temporary directory, every case run over TCP
// and over the in-process channel.
#include <thread>

#include "corematch/organization/v1/organization.grpc.pb.h"
#include "corematch/publishing/v1/publishing.grpc.pb.h"
#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/testing/test_server.h"

namespace corematch {
namespace {

namespace pb = ::corematch::publishing::v1;
namespace orgpb = ::corematch::organization::v1;
using ::corematch::testing::ContextWithKey;
using ::corematch::testing::TempDir;
using ::corematch::testing::TestServer;
using ::testing::HasSubstr;

pb::Solution JobbForst() {
  pb::Solution s;
  s.set_title("Jobb Först");
  s.set_summary("Försörjningsstödssökande möter en arbetsgivare inom 48 timmar.");
  s.set_language("sv");
  s.mutable_origin()->set_country("SE");
  s.mutable_origin()->set_region("SE232");
  s.add_sectors("10.5");
  s.add_core_elements()->set_title("Arbete först, inom 48 timmar");
  s.set_maturity(pb::MATURITY_PROVEN);
  return s;
}

class PublishingIntegrationTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(dir_.path());
    std::tie(malmo_, malmo_key_) = server_->CreateOrganizationWithKey("Malmö stad", "SE");
    std::tie(aarhus_, aarhus_key_) = server_->CreateOrganizationWithKey("Aarhus Kommune", "DK");
    Connect();
  }

  void Connect() {
    auto channel = GetParam() ? server_->TcpChannel() : server_->InProcessChannel();
    publishing_ = pb::PublishingService::NewStub(channel);
    organizations_ = orgpb::OrganizationService::NewStub(channel);
  }

  grpc::Status Create(const std::string& key, const pb::Solution& s, pb::Solution* out,
                      bool publish = true, const std::string& request_id = "") {
    pb::CreateSolutionRequest request;
    *request.mutable_solution() = s;
    request.set_publish(publish);
    request.set_request_id(request_id);
    return publishing_->CreateSolution(ContextWithKey(key).get(), request, out);
  }

  TempDir dir_;
  std::unique_ptr<TestServer> server_;
  std::string malmo_, malmo_key_, aarhus_, aarhus_key_;
  std::unique_ptr<pb::PublishingService::Stub> publishing_;
  std::unique_ptr<orgpb::OrganizationService::Stub> organizations_;
};

TEST_P(PublishingIntegrationTest, CallsWithoutAValidKeyAreUnauthenticated) {
  pb::Solution out;
  EXPECT_EQ(Create("", JobbForst(), &out).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  EXPECT_EQ(Create("cm_wrong", JobbForst(), &out).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  grpc::ClientContext context;
  context.AddMetadata("authorization", "Basic abc");
  pb::GetSolutionRequest get;
  get.set_name("solutions/x");
  EXPECT_EQ(publishing_->GetSolution(&context, get, &out).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_P(PublishingIntegrationTest, OnlyOperatorsCreateOrganizationsAndKeys) {
  orgpb::CreateOrganizationRequest create;
  create.mutable_organization()->set_display_name("Region Midtjylland");
  create.mutable_organization()->set_kind(orgpb::ORGANIZATION_KIND_REGION);
  create.mutable_organization()->set_country("DK");
  orgpb::Organization org;
  EXPECT_EQ(organizations_->CreateOrganization(ContextWithKey(malmo_key_).get(), create, &org)
                .error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
  create.mutable_organization()->set_region("DK04");
  EXPECT_TRUE(organizations_
                  ->CreateOrganization(ContextWithKey(server_->operator_key()).get(), create, &org)
                  .ok());
  EXPECT_EQ(org.kind(), orgpb::ORGANIZATION_KIND_REGION);
}

TEST_P(PublishingIntegrationTest, RevokedKeyStopsWorking) {
  orgpb::ListApiKeysRequest list;
  list.set_parent(malmo_);
  orgpb::ListApiKeysResponse keys;
  ASSERT_TRUE(organizations_->ListApiKeys(ContextWithKey(malmo_key_).get(), list, &keys).ok());
  ASSERT_EQ(keys.api_keys_size(), 1);
  orgpb::RevokeApiKeyRequest revoke;
  revoke.set_name(keys.api_keys(0).name());
  orgpb::ApiKey revoked;
  ASSERT_TRUE(
      organizations_->RevokeApiKey(ContextWithKey(malmo_key_).get(), revoke, &revoked).ok());
  EXPECT_TRUE(revoked.has_revoke_time());
  // The organization service itself answers at once; other services cache
  // answers for a few seconds, so ask it directly.
  orgpb::AuthenticateApiKeyRequest auth;
  auth.set_secret(malmo_key_);
  orgpb::AuthenticateApiKeyResponse who;
  EXPECT_EQ(organizations_->AuthenticateApiKey(ContextWithKey("").get(), auth, &who).error_code(),
            grpc::StatusCode::UNAUTHENTICATED);
}

TEST_P(PublishingIntegrationTest, InvalidSolutionGetsBadRequestDetails) {
  pb::Solution bad = JobbForst();
  bad.clear_title();
  bad.set_language("??");
  pb::Solution out;
  grpc::Status status = Create(malmo_key_, bad, &out);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(status.error_details()));
  std::vector<std::string> fields;
  std::string reason;
  for (const auto& any : details.details()) {
    google::rpc::BadRequest bad_request;
    google::rpc::ErrorInfo info;
    if (any.UnpackTo(&bad_request)) {
      for (const auto& v : bad_request.field_violations()) fields.push_back(v.field());
    }
    if (any.UnpackTo(&info)) reason = info.reason();
  }
  EXPECT_THAT(fields, ::testing::UnorderedElementsAre("solution.title", "solution.language"));
  EXPECT_EQ(reason, "INVALID_FIELDS");
  pb::ListSolutionsResponse all;
  ASSERT_TRUE(publishing_->ListSolutions(ContextWithKey(malmo_key_).get(), {}, &all).ok());
  EXPECT_EQ(all.solutions_size(), 0);
}

TEST_P(PublishingIntegrationTest, EditPublishWithdrawWithEtagsAndOwnership) {
  pb::Solution draft;
  ASSERT_TRUE(Create(malmo_key_, JobbForst(), &draft, /*publish=*/false).ok());
  pb::UpdateSolutionRequest update;
  update.mutable_solution()->set_name(draft.name());
  update.mutable_solution()->add_tags("arbetsmarknad");
  update.mutable_solution()->set_etag(draft.etag());
  update.mutable_update_mask()->add_paths("tags");
  pb::Solution updated;
  ASSERT_TRUE(publishing_->UpdateSolution(ContextWithKey(malmo_key_).get(), update, &updated).ok());
  EXPECT_EQ(updated.tags_size(), 1);
  EXPECT_EQ(
      publishing_->UpdateSolution(ContextWithKey(malmo_key_).get(), update, &updated).error_code(),
      grpc::StatusCode::ABORTED);
  EXPECT_EQ(
      publishing_->UpdateSolution(ContextWithKey(aarhus_key_).get(), update, &updated).error_code(),
      grpc::StatusCode::PERMISSION_DENIED);

  pb::PublishSolutionRequest publish;
  publish.set_name(draft.name());
  pb::Solution published;
  ASSERT_TRUE(
      publishing_->PublishSolution(ContextWithKey(malmo_key_).get(), publish, &published).ok());
  EXPECT_EQ(published.state(), pb::SOLUTION_STATE_PUBLISHED);

  pb::WithdrawSolutionRequest withdraw;
  withdraw.set_name(draft.name());
  withdraw.set_reason("merged into a national programme");
  pb::Solution withdrawn;
  ASSERT_TRUE(
      publishing_->WithdrawSolution(ContextWithKey(malmo_key_).get(), withdraw, &withdrawn).ok());
  pb::GetSolutionRequest get;
  get.set_name(draft.name());
  pb::Solution seen;
  ASSERT_TRUE(publishing_->GetSolution(ContextWithKey(aarhus_key_).get(), get, &seen).ok());
  EXPECT_EQ(seen.state(), pb::SOLUTION_STATE_WITHDRAWN);
  EXPECT_EQ(seen.withdraw_reason(), "merged into a national programme");
}

TEST_P(PublishingIntegrationTest, RequestIdRetryCreatesOnce) {
  pb::Solution first, second;
  const std::string id = "0d9a4c3e-5b1f-4e2a-8c7d-6f5e4d3c2b1a";
  ASSERT_TRUE(Create(malmo_key_, JobbForst(), &first, true, id).ok());
  ASSERT_TRUE(Create(malmo_key_, JobbForst(), &second, true, id).ok());
  EXPECT_EQ(first.name(), second.name());
  pb::ListSolutionsResponse all;
  ASSERT_TRUE(publishing_->ListSolutions(ContextWithKey(aarhus_key_).get(), {}, &all).ok());
  EXPECT_EQ(all.solutions_size(), 1);
}

TEST_P(PublishingIntegrationTest, PaginationAndFilters) {
  for (int i = 0; i < 12; ++i) {
    pb::Solution s = JobbForst(), out;
    s.set_title("Lösning " + std::to_string(i));
    if (i % 3 == 0) {
      s.set_language("da");
      s.mutable_origin()->set_country("DK");
      s.mutable_origin()->clear_region();
    }
    ASSERT_TRUE(Create(i % 2 ? malmo_key_ : aarhus_key_, s, &out).ok());
  }
  pb::ListSolutionsRequest request;
  request.set_page_size(5);
  request.set_filter("country = \"DK\" OR language = sv");
  int total = 0, pages = 0;
  do {
    pb::ListSolutionsResponse page;
    ASSERT_TRUE(publishing_->ListSolutions(ContextWithKey(aarhus_key_).get(), request, &page).ok());
    total += page.solutions_size();
    ++pages;
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  EXPECT_EQ(total, 12);
  EXPECT_EQ(pages, 3);
  request.set_filter("country = DK");
  request.set_page_token("");
  pb::ListSolutionsResponse dk;
  ASSERT_TRUE(publishing_->ListSolutions(ContextWithKey(aarhus_key_).get(), request, &dk).ok());
  EXPECT_EQ(dk.solutions_size(), 4);
  request.set_filter("colour = blue");
  grpc::Status bad = publishing_->ListSolutions(ContextWithKey(aarhus_key_).get(), request, &dk);
  EXPECT_EQ(bad.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_THAT(bad.error_message(), HasSubstr("colour"));
}

std::vector<pb::WatchChangesResponse> Watch(pb::PublishingService::Stub& stub,
                                            const std::string& key, int64_t after, size_t n) {
  auto context = ContextWithKey(key);
  pb::WatchChangesRequest request;
  request.set_after_sequence(after);
  auto reader = stub.WatchChanges(context.get(), request);
  std::vector<pb::WatchChangesResponse> events;
  pb::WatchChangesResponse event;
  while (events.size() < n && reader->Read(&event)) events.push_back(event);
  context->TryCancel();
  reader->Finish().IgnoreError();
  return events;
}

TEST_P(PublishingIntegrationTest, ChangeFeedStreamsInOrderResumesAndFollowsLive) {
  std::vector<std::string> names;
  for (int i = 0; i < 5; ++i) {
    pb::Solution out;
    ASSERT_TRUE(Create(malmo_key_, JobbForst(), &out).ok());
    names.push_back(out.name());
  }
  auto all = Watch(*publishing_, server_->operator_key(), 0, 5);
  ASSERT_EQ(all.size(), 5u);
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].solution().name(), names[i]);
    if (i > 0) {
      EXPECT_GT(all[i].sequence(), all[i - 1].sequence());
    }
  }
  auto resumed = Watch(*publishing_, server_->operator_key(), all[2].sequence(), 2);
  ASSERT_EQ(resumed.size(), 2u);
  EXPECT_EQ(resumed[0].solution().name(), names[3]);

  std::thread later([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    pb::Solution out;
    EXPECT_TRUE(Create(aarhus_key_, JobbForst(), &out).ok());
  });
  auto live = Watch(*publishing_, server_->operator_key(), all.back().sequence(), 1);
  later.join();
  ASSERT_EQ(live.size(), 1u);
  EXPECT_EQ(live[0].solution().owner(), aarhus_);

  auto denied_context = ContextWithKey(malmo_key_);
  auto reader = publishing_->WatchChanges(denied_context.get(), {});
  pb::WatchChangesResponse event;
  EXPECT_FALSE(reader->Read(&event));
  EXPECT_EQ(reader->Finish().error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_P(PublishingIntegrationTest, EverythingSurvivesARestart) {
  pb::Solution created;
  ASSERT_TRUE(Create(malmo_key_, JobbForst(), &created).ok());
  const std::string operator_key = server_->operator_key();
  publishing_.reset();
  organizations_.reset();
  server_.reset();
  server_ = std::make_unique<TestServer>(dir_.path());
  EXPECT_FALSE(server_->server().created_operator_key());
  EXPECT_EQ(server_->operator_key(), operator_key);
  Connect();
  pb::GetSolutionRequest get;
  get.set_name(created.name());
  pb::Solution seen;
  ASSERT_TRUE(publishing_->GetSolution(ContextWithKey(aarhus_key_).get(), get, &seen).ok());
  EXPECT_EQ(seen.etag(), created.etag());
  auto events = Watch(*publishing_, operator_key, 0, 1);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].solution().name(), created.name());
  pb::Solution another;
  ASSERT_TRUE(Create(malmo_key_, JobbForst(), &another).ok());
  auto next = Watch(*publishing_, operator_key, events[0].sequence(), 1);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].sequence(), events[0].sequence() + 1);
}

TEST_P(PublishingIntegrationTest, HealthReportsEachHostedServiceWithoutAKey) {
  auto channel = GetParam() ? server_->TcpChannel() : server_->InProcessChannel();
  auto health = grpc::health::v1::Health::NewStub(channel);
  for (const char* service :
       {"corematch.organization.v1.OrganizationService",
        "corematch.publishing.v1.PublishingService", "corematch.adoption.v1.AdoptionService"}) {
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    grpc::health::v1::HealthCheckResponse response;
    ASSERT_TRUE(health->Check(ContextWithKey("").get(), request, &response).ok()) << service;
    EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING) << service;
  }
  // This test server does not host matching: known, but not serving.
  grpc::health::v1::HealthCheckRequest not_hosted;
  not_hosted.set_service("corematch.matching.v1.MatchingService");
  grpc::health::v1::HealthCheckResponse response;
  ASSERT_TRUE(health->Check(ContextWithKey("").get(), not_hosted, &response).ok());
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::NOT_SERVING);
  grpc::health::v1::HealthCheckRequest unknown;
  unknown.set_service("corematch.nope.v1.NopeService");
  EXPECT_EQ(health->Check(ContextWithKey("").get(), unknown, &response).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

INSTANTIATE_TEST_SUITE_P(Transports, PublishingIntegrationTest, ::testing::Bool(),
                         [](const ::testing::TestParamInfo<bool>& info) {
                           return info.param ? "Tcp" : "InProcess";
                         });

}  // namespace
}  // namespace corematch
