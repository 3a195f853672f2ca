// clients/cli/eval_runner_test.cc
//
// RunEvaluation against fake organization, publishing, adoption and matching
// services on 127.0.0.1:0; ServerProcess with shell scripts standing in for
// corematch-server.
#include "clients/cli/eval_runner.h"

#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "corematch/adoption/v1/adoption.grpc.pb.h"
#include "corematch/matching/v1/matching.grpc.pb.h"
#include "corematch/organization/v1/organization.grpc.pb.h"
#include "corematch/publishing/v1/publishing.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"

namespace corematch::cli {
namespace {

namespace ad = ::corematch::adoption::v1;
namespace mt = ::corematch::matching::v1;
namespace org = ::corematch::organization::v1;
namespace pub = ::corematch::publishing::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;

std::string Authorization(const grpc::ServerContext& context) {
  auto it = context.client_metadata().find("authorization");
  if (it == context.client_metadata().end()) return "";
  return std::string(it->second.data(), it->second.size());
}

// What the fakes share: the server's state.
struct World {
  absl::Mutex mutex;
  std::vector<org::Organization> organizations ABSL_GUARDED_BY(mutex);
  std::vector<pub::Solution> solutions ABSL_GUARDED_BY(mutex);
  std::vector<ad::AdoptionRequest> requests ABSL_GUARDED_BY(mutex);
  std::set<std::string> authorizations ABSL_GUARDED_BY(mutex);
  // GetIndexStatus reports nothing indexed for this many calls.
  int polls_before_indexed ABSL_GUARDED_BY(mutex) = 2;
  int polls ABSL_GUARDED_BY(mutex) = 0;
  grpc::Status match_error ABSL_GUARDED_BY(mutex);

  void Saw(const grpc::ServerContext& context) {
    absl::MutexLock lock(&mutex);
    authorizations.insert(Authorization(context));
  }
};

class FakeOrganizations final : public org::OrganizationService::Service {
 public:
  explicit FakeOrganizations(World* world) : world_(world) {}
  grpc::Status CreateOrganization(grpc::ServerContext* context,
                                  const org::CreateOrganizationRequest* request,
                                  org::Organization* response) override {
    world_->Saw(*context);
    absl::MutexLock lock(&world_->mutex);
    *response = request->organization();
    response->set_name(absl::StrCat("organizations/o", world_->organizations.size()));
    world_->organizations.push_back(*response);
    return grpc::Status::OK;
  }

 private:
  World* world_;
};

class FakePublishing final : public pub::PublishingService::Service {
 public:
  explicit FakePublishing(World* world) : world_(world) {}
  grpc::Status CreateSolution(grpc::ServerContext* context,
                              const pub::CreateSolutionRequest* request,
                              pub::Solution* response) override {
    world_->Saw(*context);
    if (request->solution().title() == "bad") {
      return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, "bad title");
    }
    absl::MutexLock lock(&world_->mutex);
    *response = request->solution();
    response->set_name(absl::StrCat("solutions/s", world_->solutions.size()));
    world_->solutions.push_back(*response);
    return grpc::Status::OK;
  }

 private:
  World* world_;
};

class FakeAdoption final : public ad::AdoptionService::Service {
 public:
  explicit FakeAdoption(World* world) : world_(world) {}
  grpc::Status CreateAdoptionRequest(grpc::ServerContext* context,
                                     const ad::CreateAdoptionRequestRequest* request,
                                     ad::AdoptionRequest* response) override {
    world_->Saw(*context);
    absl::MutexLock lock(&world_->mutex);
    *response = request->adoption_request();
    response->set_name(absl::StrCat("adoptionRequests/r", world_->requests.size()));
    world_->requests.push_back(*response);
    return grpc::Status::OK;
  }

 private:
  World* world_;
};

// Ranks every solution whose title shares a word with the need, newest first.
class FakeMatching final : public mt::MatchingService::Service {
 public:
  explicit FakeMatching(World* world) : world_(world) {}
  grpc::Status GetIndexStatus(grpc::ServerContext* context, const mt::GetIndexStatusRequest*,
                              mt::IndexStatus* response) override {
    world_->Saw(*context);
    absl::MutexLock lock(&world_->mutex);
    if (++world_->polls <= world_->polls_before_indexed) return grpc::Status::OK;
    response->set_solutions_indexed(static_cast<int64_t>(world_->solutions.size()));
    response->set_adoption_requests_indexed(static_cast<int64_t>(world_->requests.size()));
    return grpc::Status::OK;
  }
  grpc::Status MatchAdoptionRequest(grpc::ServerContext* context,
                                    const mt::MatchAdoptionRequestRequest* request,
                                    mt::MatchAdoptionRequestResponse* response) override {
    world_->Saw(*context);
    absl::MutexLock lock(&world_->mutex);
    if (!world_->match_error.ok()) return world_->match_error;
    const ad::AdoptionRequest* need = nullptr;
    for (const ad::AdoptionRequest& r : world_->requests) {
      if (r.name() == request->adoption_request()) need = &r;
    }
    if (need == nullptr) return grpc::Status(grpc::StatusCode::NOT_FOUND, "no such request");
    for (auto it = world_->solutions.rbegin(); it != world_->solutions.rend(); ++it) {
      if (response->solutions_size() == request->top_k()) break;
      if (need->need_statement().find(it->title()) == std::string::npos) continue;
      mt::ScoredSolution* scored = response->add_solutions();
      scored->set_solution(it->name());
      scored->set_title(it->title());
    }
    return grpc::Status::OK;
  }

 private:
  World* world_;
};

DemoRow Solution(const std::string& id, const std::string& title) {
  DemoRow row;
  row.id = id;
  row.title = title;
  row.description = "A description.";
  row.language = "en";
  return row;
}

EvalRequest Request(const std::string& id, const std::string& text, const std::string& org_name) {
  EvalRequest r;
  r.id = id;
  r.text = text;
  r.language = "en";
  r.country = "DK";
  r.org_name = org_name;
  r.org_type = "municipality";
  r.sector = "Health";
  return r;
}

class RunEvaluationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&organizations_);
    builder.RegisterService(&publishing_);
    builder.RegisterService(&adoption_);
    builder.RegisterService(&matching_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    ConnectionOptions options;
    options.target = absl::StrCat("127.0.0.1:", port);
    options.api_key = "operator-key";
    options.timeout = absl::Seconds(10);
    connection_ = std::make_unique<Connection>(std::move(options));
    inputs_.solutions = {Solution("sol-a", "alpha"), Solution("sol-b", "beta"),
                         Solution("sol-c", "gamma")};
    inputs_.requests = {Request("q1", "alpha and gamma", "Aarhus Kommune"),
                        Request("q2", "beta", "Region Skåne"),
                        Request("q3", "alpha beta gamma", "Aarhus Kommune")};
    options_.poll_interval = absl::Milliseconds(5);
    options_.top_k = 2;
    options_.parallelism = 1;  // Solutions are created in row order.
  }
  void TearDown() override { server_->Shutdown(); }

  World world_;
  FakeOrganizations organizations_{&world_};
  FakePublishing publishing_{&world_};
  FakeAdoption adoption_{&world_};
  FakeMatching matching_{&world_};
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<Connection> connection_;
  EvalInputs inputs_;
  EvalRunOptions options_;
};

TEST_F(RunEvaluationTest, LoadsFilesWaitsAndMapsRankingsBackToIds) {
  std::vector<std::string> progress;
  options_.progress = [&progress](absl::string_view line) { progress.emplace_back(line); };
  absl::StatusOr<EvalRun> run = RunEvaluation(*connection_, inputs_, options_);
  ASSERT_TRUE(run.ok()) << run.status();
  EXPECT_EQ(run->solutions, 3u);
  EXPECT_EQ(run->requests, 3u);
  EXPECT_EQ(run->organizations, 2u);
  EXPECT_THAT(run->rankings, ElementsAre(Pair("q1", ElementsAre("sol-c", "sol-a")),
                                         Pair("q2", ElementsAre("sol-b")),
                                         Pair("q3", ElementsAre("sol-c", "sol-b"))));
  absl::MutexLock lock(&world_.mutex);
  EXPECT_EQ(world_.polls, 3);  // Two polls found nothing indexed yet.
  EXPECT_THAT(world_.authorizations, ElementsAre("Bearer operator-key"));
  ASSERT_EQ(world_.organizations.size(), 2u);
  EXPECT_EQ(world_.organizations[0].display_name(), "Aarhus Kommune");
  EXPECT_EQ(world_.organizations[0].kind(), org::ORGANIZATION_KIND_MUNICIPALITY);
  EXPECT_EQ(world_.organizations[0].country(), "DK");
  ASSERT_EQ(world_.requests.size(), 3u);
  EXPECT_EQ(world_.requests[0].requester(), "organizations/o0");
  EXPECT_EQ(world_.requests[1].requester(), "organizations/o1");
  EXPECT_EQ(world_.requests[2].requester(), "organizations/o0");
  EXPECT_EQ(world_.requests[1].title(), "beta");
  EXPECT_THAT(world_.requests[1].sectors(), ElementsAre("07"));
  EXPECT_EQ(world_.requests[1].visibility(), ad::VISIBILITY_PUBLIC);
  EXPECT_TRUE(world_.solutions[0].title() == "alpha");
  EXPECT_THAT(progress, testing::Contains(HasSubstr("loaded 3 solutions")));
  EXPECT_THAT(progress, testing::Contains("filed 3 adoption requests for 2 organisations"));
}

TEST_F(RunEvaluationTest, FailedSolutionFailsTheRun) {
  inputs_.solutions.push_back(Solution("sol-bad", "bad"));
  absl::StatusOr<EvalRun> run = RunEvaluation(*connection_, inputs_, options_);
  EXPECT_EQ(run.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(run.status().message(),
              HasSubstr("1 of 4 solutions could not be created: sol-bad: INVALID_ARGUMENT"));
  absl::MutexLock lock(&world_.mutex);
  EXPECT_THAT(world_.requests, IsEmpty());
}

TEST_F(RunEvaluationTest, FailedMatchCallFailsTheRunWithItsCode) {
  {
    absl::MutexLock lock(&world_.mutex);
    world_.match_error = grpc::Status(grpc::StatusCode::UNIMPLEMENTED, "not yet");
  }
  absl::StatusOr<EvalRun> run = RunEvaluation(*connection_, inputs_, options_);
  EXPECT_EQ(run.status().code(), absl::StatusCode::kUnimplemented);
  EXPECT_THAT(run.status().message(), HasSubstr("MatchAdoptionRequest q1: UNIMPLEMENTED: not yet"));
}

TEST_F(RunEvaluationTest, GivesUpWhenMatchingDoesNotCatchUp) {
  {
    absl::MutexLock lock(&world_.mutex);
    world_.polls_before_indexed = 1000000;
  }
  options_.index_timeout = absl::Milliseconds(100);
  absl::StatusOr<EvalRun> run = RunEvaluation(*connection_, inputs_, options_);
  EXPECT_EQ(run.status().code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_THAT(run.status().message(),
              HasSubstr("matching indexed 0 of 3 solutions and 0 of 3 requests within 100ms"));
}

TEST_F(RunEvaluationTest, StopsWhenCancelled) {
  options_.cancelled = [] { return true; };
  absl::StatusOr<EvalRun> run = RunEvaluation(*connection_, inputs_, options_);
  EXPECT_EQ(run.status().code(), absl::StatusCode::kCancelled);
  absl::MutexLock lock(&world_.mutex);
  EXPECT_THAT(world_.solutions, IsEmpty());
}

// --- ServerProcess -----------------------------------------------------------------

// A directory of its own under the test's temporary directory, used as TMPDIR
// while the test runs, so that the test can see what is left behind.
class ServerProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           absl::StrCat("server_process_test_", ::getpid(), "_",
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "tmp");
    const char* old = std::getenv("TMPDIR");
    if (old != nullptr) old_tmpdir_ = old;
    ::setenv("TMPDIR", (dir_ / "tmp").c_str(), 1);
  }
  void TearDown() override {
    if (old_tmpdir_.empty()) {
      ::unsetenv("TMPDIR");
    } else {
      ::setenv("TMPDIR", old_tmpdir_.c_str(), 1);
    }
    std::filesystem::remove_all(dir_);
  }

  // Writes an executable script; returns its path.
  std::string Script(const std::string& body) {
    std::string path = (dir_ / "fake-server").string();
    std::ofstream(path) << "#!/bin/sh\n" << body;
    ::chmod(path.c_str(), 0755);
    return path;
  }

  // What the server left in TMPDIR.
  std::vector<std::string> LeftBehind() {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir_ / "tmp")) {
      names.push_back(entry.path().filename().string());
    }
    return names;
  }

  std::filesystem::path dir_;
  std::string old_tmpdir_;
};

// Prints its arguments and the listening line, writes the key, and exits 0 on
// SIGTERM.
constexpr const char* kFakeServer = R"sh(
for arg in "$@"; do
  case "$arg" in --data_dir=*) data_dir="${arg#--data_dir=}" ;; esac
done
echo "args: $*"
echo "  secret-key  " > "$data_dir/operator.key"
echo "corematch-server listening on 127.0.0.1:4242 (services: organization,publishing)"
trap 'echo "corematch-server: stopped"; exit 0' TERM
while true; do sleep 0.02; done
)sh";

TEST_F(ServerProcessTest, StartsReadsAddressAndKeyAndCleansUp) {
  ServerProcess::Options options;
  options.binary = Script(kFakeServer);
  options.extra_args = {"--matching_ranking=plain_bm25"};
  absl::StatusOr<std::unique_ptr<ServerProcess>> server = ServerProcess::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  EXPECT_EQ((*server)->address(), "127.0.0.1:4242");
  EXPECT_EQ((*server)->operator_key(), "secret-key");
  std::string directory = (*server)->directory();
  EXPECT_THAT(LeftBehind(), ElementsAre(std::filesystem::path(directory).filename().string()));
  std::ifstream out(directory + "/server.out");
  std::string args;
  std::getline(out, args);
  EXPECT_EQ(args, absl::StrCat("args: --services=all --listen=127.0.0.1:0 --data_dir=", directory,
                               "/data --matching_ranking=plain_bm25"));
  EXPECT_TRUE((*server)->Stop().ok());
  EXPECT_THAT(LeftBehind(), IsEmpty());
  EXPECT_TRUE((*server)->Stop().ok());  // Again: nothing to do.
}

TEST_F(ServerProcessTest, DestructorStopsTheServer) {
  ServerProcess::Options options;
  options.binary = Script(kFakeServer);
  {
    absl::StatusOr<std::unique_ptr<ServerProcess>> server = ServerProcess::Start(options);
    ASSERT_TRUE(server.ok()) << server.status();
    EXPECT_THAT(LeftBehind(), testing::SizeIs(1));
  }
  EXPECT_THAT(LeftBehind(), IsEmpty());
}

TEST_F(ServerProcessTest, ServerThatExitsEarlyFailsWithItsOutput) {
  ServerProcess::Options options;
  options.binary = Script("echo 'ERROR: Unknown command line flag matching_ranking' >&2\nexit 1\n");
  absl::StatusOr<std::unique_ptr<ServerProcess>> server = ServerProcess::Start(options);
  EXPECT_EQ(server.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(server.status().message(), HasSubstr("exited with status 1 before it listened"));
  EXPECT_THAT(server.status().message(), HasSubstr("Unknown command line flag matching_ranking"));
  EXPECT_THAT(LeftBehind(), IsEmpty());
}

TEST_F(ServerProcessTest, ServerThatNeverListensTimesOut) {
  ServerProcess::Options options;
  options.binary = Script("echo starting\nexec sleep 30\n");
  options.start_timeout = absl::Milliseconds(200);
  absl::StatusOr<std::unique_ptr<ServerProcess>> server = ServerProcess::Start(options);
  EXPECT_EQ(server.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(server.status().message(), HasSubstr("did not report"));
  EXPECT_THAT(server.status().message(), HasSubstr("starting"));
  EXPECT_THAT(LeftBehind(), IsEmpty());
}

TEST_F(ServerProcessTest, ServerIgnoringSigtermIsKilled) {
  ServerProcess::Options options;
  options.binary = Script(R"sh(
for arg in "$@"; do
  case "$arg" in --data_dir=*) data_dir="${arg#--data_dir=}" ;; esac
done
echo key > "$data_dir/operator.key"
echo "corematch-server listening on 127.0.0.1:1 (services: all)"
trap '' TERM
while true; do sleep 0.02; done
)sh");
  options.stop_timeout = absl::Milliseconds(200);
  absl::StatusOr<std::unique_ptr<ServerProcess>> server = ServerProcess::Start(options);
  ASSERT_TRUE(server.ok()) << server.status();
  absl::Status stopped = (*server)->Stop();
  EXPECT_EQ(stopped.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_THAT(stopped.message(), HasSubstr("was killed"));
  EXPECT_THAT(LeftBehind(), IsEmpty());
}

TEST_F(ServerProcessTest, MissingBinaryIsNotFound) {
  ServerProcess::Options options;
  options.binary = (dir_ / "no-such-server").string();
  EXPECT_EQ(ServerProcess::Start(options).status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(LeftBehind(), IsEmpty());
}

TEST(DefaultServerBinaryTest, IsNextToTheRunningExecutable) {
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe");
  EXPECT_EQ(DefaultServerBinary(), (self.parent_path() / "corematch-server").string());
}

}  // namespace
}  // namespace corematch::cli
