// The feed followers against real publishing and adoption services served
// in-process, and MatchingHost end to end over gRPC: Jobb Först published in
// Swedish reaches a Danish need without anyone asking; a restarted matching
// service resumes where it stopped; reconnects back off; Stop cancels.
#include <memory>
#include <vector>

#include "absl/strings/str_cat.h"
#include "corematch/matching/v1/matching.grpc.pb.h"
#include "gmock/gmock.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"
#include "services/adoption/adoption_service.h"
#include "services/adoption/testing/fake_organization_directory.h"
#include "services/common/errors.h"
#include "services/common/testing/status_matchers.h"
#include "services/matching/service/matching_feeds.h"
#include "services/matching/service/matching_host.h"
#include "services/matching/service/matching_test_fixture.h"
#include "services/publishing/publishing_service.h"

namespace corematch::matching {
namespace {

using ::corematch::testing::IsOk;
using testing::DanishNeed;
using testing::JobbForst;
using ::testing::SizeIs;

constexpr char kOperatorKey[] = "operator-key";
constexpr absl::Duration kWait = absl::Seconds(10);

class FakeAuthenticator final : public Authenticator {
 public:
  absl::StatusOr<Caller> Authenticate(absl::string_view secret) override {
    if (secret == kOperatorKey) return testing::OperatorCaller();
    if (secret == "aarhus-key") return testing::OrgCaller(testing::kAarhus);
    if (secret == "goteborg-key") return testing::OrgCaller(testing::kGoteborg);
    return MakeError(absl::StatusCode::kUnauthenticated, "API_KEY_UNKNOWN", "unknown API key");
  }
};

std::unique_ptr<grpc::ClientContext> WithKey(absl::string_view key) {
  auto context = std::make_unique<grpc::ClientContext>();
  context->AddMetadata("authorization", absl::StrCat("Bearer ", key));
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return context;
}

class FeedFollowerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (auto [name, country] : {std::pair{testing::kAarhus, "DK"}, {testing::kGoteborg, "SE"}}) {
      organization::v1::Organization org;
      org.set_name(name);
      org.set_kind(organization::v1::ORGANIZATION_KIND_MUNICIPALITY);
      org.set_country(country);
      directory_.Add(org);
    }
    solutions_ = publishing::SolutionRepository::Open(&publishing_store_, &clock_, &ids_).value();
    requests_ =
        adoption::AdoptionRequestRepository::Open(&adoption_store_, &clock_, &ids_, &directory_)
            .value();
    publishing_service_ =
        std::make_unique<publishing::PublishingServiceImpl>(solutions_.get(), &authenticator_);
    adoptions_ =
        adoption::AdoptionRepository::Open(requests_.get(), &adoption_store_, &clock_, &ids_)
            .value();
    cohorts_ = adoption::CohortRepository::Open(adoptions_->committer(), adoptions_->lineage(),
                                                &clock_, &ids_)
                   .value();
    adoption_service_ = std::make_unique<adoption::AdoptionServiceImpl>(
        requests_.get(), adoptions_.get(), cohorts_.get(), &authenticator_);
    grpc::ServerBuilder builder;
    builder.RegisterService(publishing_service_.get());
    builder.RegisterService(adoption_service_.get());
    feeds_server_ = builder.BuildAndStart();
    feeds_ = feeds_server_->InProcessChannel(grpc::ChannelArguments());
  }

  void TearDown() override {
    StopMatching();
    solutions_->feed().Shutdown();
    requests_->feed().Shutdown();
    feeds_server_->Shutdown();
  }

  // Opens matching on its store, serves it in-process and starts following.
  void StartMatching() {
    MatchingHostOptions options;
    options.backoff = {absl::Milliseconds(10), absl::Milliseconds(100)};
    host_ = MatchingHost::Open(&matching_store_, &clock_, &authenticator_,
                               &testing::SharedAnalyzer(), testing::SharedLexicon(), options)
                .value();
    grpc::ServerBuilder builder;
    builder.RegisterService(host_->service());
    matching_server_ = builder.BuildAndStart();
    stub_ =
        pb::MatchingService::NewStub(matching_server_->InProcessChannel(grpc::ChannelArguments()));
    host_->Start(feeds_, feeds_, kOperatorKey);
  }

  void StopMatching() {
    if (host_ == nullptr) return;
    host_->Stop();
    matching_server_->Shutdown();
    stub_.reset();
    matching_server_.reset();
    host_.reset();
  }

  publishing_pb::Solution PublishJobbForst() {
    publishing_pb::CreateSolutionRequest request;
    *request.mutable_solution() = JobbForst();
    request.set_publish(true);
    return solutions_->Create(testing::OrgCaller(testing::kGoteborg), request).value();
  }

  adoption_pb::AdoptionRequest FileDanishNeed() {
    adoption_pb::CreateAdoptionRequestRequest request;
    *request.mutable_adoption_request() = DanishNeed();
    request.mutable_adoption_request()->clear_expire_time();
    return requests_->Create(testing::OrgCaller(testing::kAarhus), request).value();
  }

  // Waits until matching has applied everything both feeds hold.
  void CatchUp() {
    ASSERT_TRUE(
        host_->publishing_follower()->WaitForSequence(solutions_->feed().last_committed(), kWait));
    ASSERT_TRUE(
        host_->adoption_follower()->WaitForSequence(requests_->feed().last_committed(), kWait));
  }

  std::vector<pb::Match> ListMatches(absl::string_view key, absl::string_view parent) {
    pb::ListMatchesRequest request;
    request.set_parent(std::string(parent));
    pb::ListMatchesResponse response;
    grpc::Status status = stub_->ListMatches(WithKey(key).get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {response.matches().begin(), response.matches().end()};
  }

  std::vector<pb::WatchChangesResponse> MatchEvents() {
    std::vector<pb::WatchChangesResponse> events;
    EXPECT_THAT(host_->feed().Read(0, 1000,
                                   [&](int64_t sequence, absl::string_view bytes) {
                                     pb::WatchChangesResponse event;
                                     event.ParseFromString(std::string(bytes));
                                     event.set_sequence(sequence);
                                     events.push_back(event);
                                   }),
                IsOk());
    return events;
  }

  FakeClock clock_;
  SequentialIdGenerator ids_;
  FakeAuthenticator authenticator_;
  adoption::FakeOrganizationDirectory directory_;
  storage::MemoryKvStore publishing_store_, adoption_store_, matching_store_;
  std::unique_ptr<publishing::SolutionRepository> solutions_;
  std::unique_ptr<adoption::AdoptionRequestRepository> requests_;
  std::unique_ptr<adoption::AdoptionRepository> adoptions_;
  std::unique_ptr<adoption::CohortRepository> cohorts_;
  std::unique_ptr<publishing::PublishingServiceImpl> publishing_service_;
  std::unique_ptr<adoption::AdoptionServiceImpl> adoption_service_;
  std::unique_ptr<grpc::Server> feeds_server_;
  std::shared_ptr<grpc::Channel> feeds_;
  std::unique_ptr<MatchingHost> host_;
  std::unique_ptr<grpc::Server> matching_server_;
  std::unique_ptr<pb::MatchingService::Stub> stub_;
};

TEST_F(FeedFollowerTest, JobbForstReachesTheDanishNeedAndBothSidesConnect) {
  StartMatching();
  const adoption_pb::AdoptionRequest need = FileDanishNeed();
  const publishing_pb::Solution jobb = PublishJobbForst();
  CatchUp();

  // The adopter asks: Jobb Först first, explained, with its persisted match.
  pb::MatchAdoptionRequestRequest ask;
  ask.set_adoption_request(need.name());
  pb::MatchAdoptionRequestResponse ranked;
  ASSERT_TRUE(stub_->MatchAdoptionRequest(WithKey("aarhus-key").get(), ask, &ranked).ok());
  ASSERT_GE(ranked.solutions_size(), 1);
  EXPECT_EQ(ranked.solutions(0).solution(), jobb.name());
  EXPECT_FALSE(ranked.solutions(0).explanation().term_matches().empty());
  const std::string match_name = ranked.solutions(0).match();
  ASSERT_FALSE(match_name.empty());

  std::vector<pb::Match> matches = ListMatches("aarhus-key", need.name());
  ASSERT_THAT(matches, SizeIs(1));
  EXPECT_EQ(matches[0].name(), match_name);
  EXPECT_EQ(ListMatches("goteborg-key", jobb.name())[0].adopter_organization(), testing::kAarhus);

  for (const char* key : {"aarhus-key", "goteborg-key"}) {
    pb::ExpressInterestRequest interest;
    interest.set_name(match_name);
    pb::Match match;
    ASSERT_TRUE(stub_->ExpressInterest(WithKey(key).get(), interest, &match).ok());
  }
  pb::GetMatchRequest get;
  get.set_name(match_name);
  pb::Match connected;
  ASSERT_TRUE(stub_->GetMatch(WithKey("goteborg-key").get(), get, &connected).ok());
  EXPECT_EQ(connected.state(), pb::MATCH_STATE_CONNECTED);

  pb::ExpressInterestRequest by_operator;
  by_operator.set_name(match_name);
  pb::Match ignored;
  EXPECT_EQ(stub_->ExpressInterest(WithKey(kOperatorKey).get(), by_operator, &ignored).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(FeedFollowerTest, WatchChangesStreamsMatchEventsToOperatorsOnly) {
  StartMatching();
  FileDanishNeed();
  PublishJobbForst();
  CatchUp();

  pb::WatchChangesRequest request;
  auto context = WithKey(kOperatorKey);
  auto reader = stub_->WatchChanges(context.get(), request);
  pb::WatchChangesResponse event;
  ASSERT_TRUE(reader->Read(&event));
  EXPECT_EQ(event.sequence(), 1);
  EXPECT_EQ(event.type(), pb::CHANGE_TYPE_CREATED);
  EXPECT_EQ(event.match().adopter_organization(), testing::kAarhus);
  context->TryCancel();
  reader->Finish();

  auto denied_context = WithKey("aarhus-key");
  auto denied = stub_->WatchChanges(denied_context.get(), request);
  EXPECT_FALSE(denied->Read(&event));
  EXPECT_EQ(denied->Finish().error_code(), grpc::StatusCode::PERMISSION_DENIED);
}

TEST_F(FeedFollowerTest, ARestartResumesAfterTheLastAppliedEventMissingAndRepeatingNothing) {
  StartMatching();
  const adoption_pb::AdoptionRequest need = FileDanishNeed();
  const publishing_pb::Solution first = PublishJobbForst();
  CatchUp();
  const std::string first_match = MatchName(IdOf(need.name()), IdOf(first.name()));
  StopMatching();

  // While matching is down: a second solution, and the first one withdrawn.
  const publishing_pb::Solution second = PublishJobbForst();
  publishing_pb::WithdrawSolutionRequest withdraw;
  withdraw.set_name(first.name());
  withdraw.set_reason("replaced by a newer version");
  ASSERT_THAT(solutions_->Withdraw(testing::OrgCaller(testing::kGoteborg), withdraw), IsOk());

  StartMatching();
  CatchUp();
  EXPECT_EQ(*host_->repository().publishing_cursor(), solutions_->feed().last_committed());
  EXPECT_EQ(*host_->repository().adoption_cursor(), requests_->feed().last_committed());
  std::map<std::string, pb::MatchState> states;
  for (const pb::Match& m : ListMatches("aarhus-key", need.name())) states[m.name()] = m.state();
  EXPECT_EQ(states[first_match], pb::MATCH_STATE_INACTIVE);
  EXPECT_EQ(states[MatchName(IdOf(need.name()), IdOf(second.name()))], pb::MATCH_STATE_PROPOSED);

  // Each match was found once: the replayed start of the feed changed nothing.
  int created_first = 0;
  for (const pb::WatchChangesResponse& event : MatchEvents()) {
    if (event.type() == pb::CHANGE_TYPE_CREATED && event.match().name() == first_match) {
      ++created_first;
    }
  }
  EXPECT_EQ(created_first, 1);
  EXPECT_EQ(host_->publishing_follower()->connections(), 1);
}

TEST_F(FeedFollowerTest, StopCancelsAnIdleStreamPromptly) {
  StartMatching();
  CatchUp();
  const absl::Time start = absl::Now();
  host_->Stop();
  EXPECT_LT(absl::Now() - start, absl::Seconds(2));
}

TEST_F(FeedFollowerTest, AWrongKeyIsRefusedAndRetried) {
  auto repository = MatchingRepository::Open(&matching_store_, &clock_, &testing::SharedAnalyzer(),
                                             testing::SharedLexicon())
                        .value();
  FeedFollower follower(PublishingFeed(feeds_, repository.get()), "aarhus-key",
                        {absl::Milliseconds(5), absl::Milliseconds(20)});
  PublishJobbForst();
  follower.Start();
  EXPECT_FALSE(follower.WaitForSequence(1, absl::Milliseconds(300)));
  follower.Stop();
  EXPECT_EQ(follower.last_error().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_GE(follower.connections(), 2);
  EXPECT_EQ(*repository->publishing_cursor(), 0);
}

// A feed that fails `failures` times before it serves, recording when it was
// opened.
class FlakyFeed {
 public:
  explicit FlakyFeed(int failures) : failures_(failures) {}

  FeedSource Source() {
    FeedSource source;
    source.name = "flaky";
    source.cursor = [this]() -> absl::StatusOr<int64_t> { return applied_; };
    source.open = [this](grpc::ClientContext*, int64_t after) -> std::unique_ptr<FeedStream> {
      absl::MutexLock lock(&mutex_);
      opened_.push_back(absl::Now());
      const bool fail = static_cast<int>(opened_.size()) <= failures_;
      return std::make_unique<Stream>(this, fail, after);
    };
    return source;
  }

  std::vector<absl::Time> opened() {
    absl::MutexLock lock(&mutex_);
    return opened_;
  }

 private:
  // Serves events 1..3 after `after`, then ends; or fails at once.
  class Stream final : public FeedStream {
   public:
    Stream(FlakyFeed* feed, bool fail, int64_t after) : feed_(feed), fail_(fail), next_(after) {}
    bool Next() override {
      if (fail_ || next_ >= 3) return false;
      ++next_;
      return true;
    }
    int64_t sequence() const override { return next_; }
    absl::Status Apply() override {
      feed_->applied_ = next_;
      return absl::OkStatus();
    }
    grpc::Status Finish() override {
      return fail_ ? grpc::Status(grpc::StatusCode::UNAVAILABLE, "down")
                   : grpc::Status(grpc::StatusCode::CANCELLED, "ended");
    }

   private:
    FlakyFeed* feed_;
    bool fail_;
    int64_t next_;
  };

  const int failures_;
  std::atomic<int64_t> applied_ = 0;
  absl::Mutex mutex_;
  std::vector<absl::Time> opened_ ABSL_GUARDED_BY(mutex_);
};

TEST(FeedFollowerBackoffTest, ReconnectsWithExponentialBackoffThenResumesFromTheCursor) {
  FlakyFeed feed(/*failures=*/4);
  FeedFollower follower(feed.Source(), "secret", {absl::Milliseconds(20), absl::Milliseconds(80)});
  follower.Start();
  ASSERT_TRUE(follower.WaitForSequence(3, absl::Seconds(5)));
  follower.Stop();
  const std::vector<absl::Time> opened = feed.opened();
  ASSERT_GE(opened.size(), 5u);
  // 20, 40, 80, 80 ms between the failed attempts: doubling up to the cap.
  const absl::Duration expected[] = {absl::Milliseconds(20), absl::Milliseconds(40),
                                     absl::Milliseconds(80), absl::Milliseconds(80)};
  for (size_t i = 0; i < 4; ++i) {
    const absl::Duration gap = opened[i + 1] - opened[i];
    EXPECT_GE(gap, expected[i] * 0.9) << "attempt " << i;
    EXPECT_LT(gap, expected[i] * 0.9 + absl::Seconds(1)) << "attempt " << i;
  }
}

}  // namespace
}  // namespace corematch::matching
