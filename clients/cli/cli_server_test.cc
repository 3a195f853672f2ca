// clients/cli/cli_server_test.cc
//
// The CLI against fake services on 127.0.0.1:0: what it sends (names,
// metadata, masks, request ids), what it prints, and how it reports errors;
// `health` against gRPC's default health service on the same server.
#include <atomic>
#include <cstdlib>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "clients/cli/cli_test_util.h"
#include "clients/cli/errors.h"
#include "clients/cli/input.h"
#include "corematch/adoption/v1/adoption.grpc.pb.h"
#include "corematch/publishing/v1/publishing.grpc.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/health_check_service_interface.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace corematch::cli {
namespace {

namespace pub = ::corematch::publishing::v1;
namespace ad = ::corematch::adoption::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string Authorization(const grpc::ServerContext& context) {
  auto it = context.client_metadata().find("authorization");
  if (it == context.client_metadata().end()) return "";
  return std::string(it->second.data(), it->second.size());
}

grpc::Status InvalidTitle() {
  google::rpc::BadRequest bad_request;
  auto* violation = bad_request.add_field_violations();
  violation->set_field("solution.title");
  violation->set_description("must not be \"bad\"");
  google::rpc::ErrorInfo info;
  info.set_reason("FIELD_INVALID");
  google::rpc::Status status;
  status.add_details()->PackFrom(bad_request);
  status.add_details()->PackFrom(info);
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "invalid solution",
                      status.SerializeAsString());
}

// Stores solutions in memory; a request_id seen before returns the first result.
class FakePublishing final : public pub::PublishingService::Service {
 public:
  grpc::Status CreateSolution(grpc::ServerContext* context,
                              const pub::CreateSolutionRequest* request,
                              pub::Solution* response) override {
    int now = ++in_flight_;
    for (int seen = max_in_flight_;
         now > seen && !max_in_flight_.compare_exchange_weak(seen, now);) {
    }
    absl::SleepFor(absl::Microseconds(200));
    --in_flight_;
    if (request->solution().title() == "bad") return InvalidTitle();
    absl::MutexLock lock(&mutex_);
    authorizations_.insert(Authorization(*context));
    if (!request->publish()) unpublished_creates_++;
    auto seen = by_request_id_.find(request->request_id());
    if (!request->request_id().empty() && seen != by_request_id_.end()) {
      *response = solutions_[seen->second];
      return grpc::Status::OK;
    }
    *response = request->solution();
    response->set_name(absl::StrCat("solutions/s", solutions_.size()));
    response->set_state(request->publish() ? pub::SOLUTION_STATE_PUBLISHED
                                           : pub::SOLUTION_STATE_DRAFT);
    by_request_id_[request->request_id()] = solutions_.size();
    solutions_.push_back(*response);
    return grpc::Status::OK;
  }

  grpc::Status GetSolution(grpc::ServerContext* context, const pub::GetSolutionRequest* request,
                           pub::Solution* response) override {
    absl::MutexLock lock(&mutex_);
    authorizations_.insert(Authorization(*context));
    for (const pub::Solution& solution : solutions_) {
      if (solution.name() == request->name()) {
        *response = solution;
        return grpc::Status::OK;
      }
    }
    return grpc::Status(grpc::StatusCode::NOT_FOUND, absl::StrCat(request->name(), " not found"));
  }

  // Pages are `page_size` long; the token is the index of the next one.
  grpc::Status ListSolutions(grpc::ServerContext*, const pub::ListSolutionsRequest* request,
                             pub::ListSolutionsResponse* response) override {
    absl::MutexLock lock(&mutex_);
    size_t start = request->page_token().empty() ? 0 : std::stoul(request->page_token());
    size_t size = request->page_size() > 0 ? request->page_size() : 50;
    for (size_t i = start; i < solutions_.size() && i < start + size; ++i) {
      *response->add_solutions() = solutions_[i];
    }
    if (start + size < solutions_.size()) response->set_next_page_token(absl::StrCat(start + size));
    return grpc::Status::OK;
  }

  size_t solution_count() {
    absl::MutexLock lock(&mutex_);
    return solutions_.size();
  }
  std::set<std::string> authorizations() {
    absl::MutexLock lock(&mutex_);
    return authorizations_;
  }
  int unpublished_creates() {
    absl::MutexLock lock(&mutex_);
    return unpublished_creates_;
  }
  int max_in_flight() const { return max_in_flight_; }

 private:
  std::atomic<int> in_flight_{0};
  std::atomic<int> max_in_flight_{0};
  absl::Mutex mutex_;
  std::vector<pub::Solution> solutions_ ABSL_GUARDED_BY(mutex_);
  std::map<std::string, size_t> by_request_id_ ABSL_GUARDED_BY(mutex_);
  std::set<std::string> authorizations_ ABSL_GUARDED_BY(mutex_);
  int unpublished_creates_ ABSL_GUARDED_BY(mutex_) = 0;
};

// Remembers the last create and update it was sent.
class FakeAdoption final : public ad::AdoptionService::Service {
 public:
  grpc::Status CreateAdoptionRequest(grpc::ServerContext*,
                                     const ad::CreateAdoptionRequestRequest* request,
                                     ad::AdoptionRequest* response) override {
    absl::MutexLock lock(&mutex_);
    last_create_ = *request;
    *response = request->adoption_request();
    response->set_name("adoptionRequests/r1");
    return grpc::Status::OK;
  }
  grpc::Status UpdateAdoptionRequest(grpc::ServerContext*,
                                     const ad::UpdateAdoptionRequestRequest* request,
                                     ad::AdoptionRequest* response) override {
    absl::MutexLock lock(&mutex_);
    last_update_ = *request;
    *response = request->adoption_request();
    return grpc::Status::OK;
  }
  ad::CreateAdoptionRequestRequest last_create() {
    absl::MutexLock lock(&mutex_);
    return last_create_;
  }
  ad::UpdateAdoptionRequestRequest last_update() {
    absl::MutexLock lock(&mutex_);
    return last_update_;
  }

 private:
  absl::Mutex mutex_;
  ad::CreateAdoptionRequestRequest last_create_ ABSL_GUARDED_BY(mutex_);
  ad::UpdateAdoptionRequestRequest last_update_ ABSL_GUARDED_BY(mutex_);
};

class CliServerTest : public ::testing::Test {
 protected:
  static constexpr const char* kPublishing = "corematch.publishing.v1.PublishingService";
  static constexpr const char* kAdoption = "corematch.adoption.v1.AdoptionService";

  void SetUp() override {
    // gRPC's own health service, as the real server runs it.
    grpc::EnableDefaultHealthCheckService(true);
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&publishing_);
    builder.RegisterService(&adoption_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    server_address_ = absl::StrCat("127.0.0.1:", port);
    grpc::HealthCheckServiceInterface* health = server_->GetHealthCheckService();
    ASSERT_NE(health, nullptr);
    health->SetServingStatus(kPublishing, true);
    health->SetServingStatus(kAdoption, false);
  }
  void TearDown() override { server_->Shutdown(); }

  // Runs `corematch --server <fake> --api-key test-key <args...>`.
  CliResult Run(std::vector<std::string> args, const std::string& stdin_text = "") {
    args.insert(args.begin(), {"--server", server_address_, "--api-key", "test-key"});
    return RunCliForTest(args, stdin_text);
  }

  FakePublishing publishing_;
  FakeAdoption adoption_;
  std::unique_ptr<grpc::Server> server_;
  std::string server_address_;
};

TEST_F(CliServerTest, CreateThenGetSendsBearerKey) {
  CliResult created = Run({"solution", "create", "-f", "-", "--publish"},
                          R"({"title": "Jobb Först", "language": "sv", "sectors": ["10.5"]})");
  ASSERT_EQ(created.exit_code, kExitOk) << created.err;
  EXPECT_THAT(created.out, HasSubstr("name: solutions/s0\ntitle: Jobb Först\n"));
  CliResult got = Run({"solution", "get", "s0"});  // Without the collection.
  ASSERT_EQ(got.exit_code, kExitOk) << got.err;
  EXPECT_THAT(got.out, HasSubstr("state: PUBLISHED\n"));
  EXPECT_THAT(publishing_.authorizations(), ElementsAre("Bearer test-key"));
}

TEST_F(CliServerTest, GetPrintsJson) {
  Run({"solution", "create", "-f", "-"}, R"({"title": "T", "language": "da"})");
  CliResult got = Run({"solution", "get", "solutions/s0", "--output", "json"});
  ASSERT_EQ(got.exit_code, kExitOk) << got.err;
  pub::Solution solution;
  ASSERT_TRUE(ParseJsonMessage(got.out, "out", &solution).ok()) << got.out;
  EXPECT_EQ(solution.name(), "solutions/s0");
  EXPECT_EQ(solution.state(), pub::SOLUTION_STATE_DRAFT);
}

TEST_F(CliServerTest, ServerErrorPrintsDetailsAndExitsTwo) {
  CliResult result = Run({"solution", "create", "-f", "-"}, R"({"title": "bad"})");
  EXPECT_EQ(result.exit_code, kExitServer);
  EXPECT_EQ(result.err,
            "error: INVALID_ARGUMENT: invalid solution\n"
            "  solution.title: must not be \"bad\"\n"
            "  reason: FIELD_INVALID\n");
  CliResult missing = Run({"solution", "get", "nope"});
  EXPECT_EQ(missing.exit_code, kExitServer);
  EXPECT_EQ(missing.err, "error: NOT_FOUND: solutions/nope not found\n");
}

TEST_F(CliServerTest, ListAllFollowsPageTokens) {
  for (int i = 0; i < 5; ++i) {
    Run({"solution", "create", "-f", "-"}, absl::StrCat(R"({"title": "Solution )", i, R"("})"));
  }
  CliResult page = Run({"solution", "list", "--page-size", "2"});
  ASSERT_EQ(page.exit_code, kExitOk) << page.err;
  EXPECT_THAT(page.out, HasSubstr("next_page_token: 2\n"));
  CliResult all = Run({"solution", "list", "--page-size", "2", "--all"});
  EXPECT_THAT(all.out, HasSubstr("solutions/s4"));
  EXPECT_EQ(all.out.find("next_page_token"), std::string::npos);
  CliResult json = Run({"--output", "json", "solution", "list", "--page-size", "2", "--all"});
  pub::ListSolutionsResponse response;
  ASSERT_TRUE(ParseJsonMessage(json.out, "out", &response).ok()) << json.out;
  EXPECT_EQ(response.solutions_size(), 5);
  EXPECT_EQ(response.next_page_token(), "");
}

TEST_F(CliServerTest, LoadDemoCreatesEachRowOnceInParallel) {
  CliResult first = Run({"load", "demo"});
  ASSERT_EQ(first.exit_code, kExitOk) << first.err;
  EXPECT_THAT(first.out, HasSubstr("loaded 1081 rows from "));
  EXPECT_THAT(first.out, HasSubstr("1081 ok"));
  EXPECT_THAT(first.out, HasSubstr("0 failed"));
  EXPECT_EQ(publishing_.solution_count(), 1081u);
  EXPECT_GT(publishing_.max_in_flight(), 1);
  CliResult again = Run({"load", "demo", "--output", "json"});
  ASSERT_EQ(again.exit_code, kExitOk) << again.err;
  EXPECT_THAT(again.out, HasSubstr("\"ok\": 1081"));
  EXPECT_EQ(publishing_.solution_count(), 1081u);  // The request ids matched.
  EXPECT_EQ(publishing_.unpublished_creates(), 0);
  EXPECT_THAT(publishing_.authorizations(), ElementsAre("Bearer test-key"));
}

TEST_F(CliServerTest, LoadReportsFailedRows) {
  std::string rows;
  for (int i = 0; i < 3; ++i)
    rows += absl::StrCat(R"({"id": "bad-)", i, R"(", "title": "bad"})", "\n");
  rows += R"({"id": "good", "title": "good"})";
  const testing::TempDir dir;
  const std::string path = dir.File("bad_rows.jsonl");
  FILE* file = std::fopen(path.c_str(), "w");
  ASSERT_NE(file, nullptr);
  std::fputs(rows.c_str(), file);
  std::fclose(file);
  CliResult result = Run({"load", "solutions", "-f", path, "--parallel", "1"});
  EXPECT_EQ(result.exit_code, kExitServer);
  EXPECT_THAT(result.out, HasSubstr("1 ok"));
  EXPECT_THAT(result.out, HasSubstr("3 failed"));
  EXPECT_THAT(result.out,
              HasSubstr("  bad-0: INVALID_ARGUMENT: invalid solution (solution.title: must not be "
                        "\"bad\"; reason: FIELD_INVALID)\n"));
}

TEST_F(CliServerTest, RequestCreateFromFlags) {
  CliResult result =
      Run({"request", "create", "--title", "Hurtigere hjælp", "--need", "Borgere venter for længe",
           "--language", "da", "--sector", "Social protection", "--sector", "10.5", "--visibility",
           "anonymous", "--country", "DK", "--request-id", "r-1"});
  ASSERT_EQ(result.exit_code, kExitOk) << result.err;
  ad::CreateAdoptionRequestRequest sent = adoption_.last_create();
  EXPECT_EQ(sent.adoption_request().title(), "Hurtigere hjælp");
  EXPECT_THAT(sent.adoption_request().sectors(), ElementsAre("10", "10.5"));
  EXPECT_EQ(sent.adoption_request().visibility(), ad::VISIBILITY_ANONYMOUS);
  EXPECT_EQ(sent.adoption_request().context().country(), "DK");
  EXPECT_EQ(sent.request_id(), "r-1");
  EXPECT_THAT(result.out, HasSubstr("name: adoptionRequests/r1\n"));
}

TEST_F(CliServerTest, RequestUpdateMasksTheFlagsGiven) {
  CliResult result =
      Run({"request", "update", "r1", "--title", "New", "--budget", "0", "--etag", "e1"});
  ASSERT_EQ(result.exit_code, kExitOk) << result.err;
  ad::UpdateAdoptionRequestRequest sent = adoption_.last_update();
  EXPECT_EQ(sent.adoption_request().name(), "adoptionRequests/r1");
  EXPECT_EQ(sent.adoption_request().etag(), "e1");
  EXPECT_THAT(sent.update_mask().paths(), ElementsAre("title", "constraints.budget"));
}

TEST_F(CliServerTest, ApiKeyComesFromEnvironment) {
  ::setenv("COREMATCH_API_KEY", "env-key", 1);
  CliResult result = RunCliForTest({"--server", server_address_, "solution", "get", "x"});
  ::unsetenv("COREMATCH_API_KEY");
  EXPECT_EQ(result.exit_code, kExitServer);  // NOT_FOUND, but the key was sent.
  EXPECT_THAT(publishing_.authorizations(), ElementsAre("Bearer env-key"));
}

TEST_F(CliServerTest, HealthPrintsServingAndExitsZero) {
  CliResult server = Run({"health"});  // The server as a whole.
  EXPECT_EQ(server.exit_code, kExitOk) << server.err;
  EXPECT_EQ(server.out, "SERVING\n");
  CliResult service = Run({"health", "--service", kPublishing});
  EXPECT_EQ(service.exit_code, kExitOk) << service.err;
  EXPECT_EQ(service.out, "SERVING\n");
  EXPECT_EQ(service.err, "");
}

TEST_F(CliServerTest, HealthPrintsJson) {
  CliResult result = Run({"--output", "json", "health", "--service", kPublishing});
  ASSERT_EQ(result.exit_code, kExitOk) << result.err;
  google::protobuf::Struct json;
  ASSERT_TRUE(ParseJsonMessage(result.out, "out", &json).ok()) << result.out;
  EXPECT_EQ(json.fields().at("status").string_value(), "SERVING");
  EXPECT_EQ(json.fields_size(), 1);
}

TEST_F(CliServerTest, HealthNotServingExitsTwo) {
  CliResult result = Run({"health", "--service", kAdoption});
  EXPECT_EQ(result.exit_code, kExitServer);
  EXPECT_EQ(result.out, "NOT_SERVING\n");
}

TEST_F(CliServerTest, HealthOfUnknownServiceIsNotFound) {
  CliResult result = Run({"health", "--service", "corematch.nope.v1.NopeService"});
  EXPECT_EQ(result.exit_code, kExitServer);
  EXPECT_EQ(result.out, "");
  EXPECT_THAT(result.err, ::testing::StartsWith("error: NOT_FOUND: "));
}

TEST_F(CliServerTest, HealthNeedsNoApiKey) {
  CliResult result =
      RunCliForTest({"--server", server_address_, "health", "--service", kPublishing});
  EXPECT_EQ(result.exit_code, kExitOk) << result.err;
  EXPECT_EQ(result.out, "SERVING\n");
}

TEST(CliHealthTest, NoServerExitsTwo) {
  // Nothing listens on port 1: the call fails at once with UNAVAILABLE.
  CliResult result = RunCliForTest({"--server", "127.0.0.1:1", "--timeout", "5", "health"});
  EXPECT_EQ(result.exit_code, kExitServer);
  EXPECT_EQ(result.out, "");
  EXPECT_THAT(result.err, HasSubstr("error: UNAVAILABLE: "));
}

}  // namespace
}  // namespace corematch::cli
