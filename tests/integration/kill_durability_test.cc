// An acknowledged write survives kill -9: the real corematch-server binary is
// started as a child process, loaded by concurrent writers, killed with
// SIGKILL mid-stream, restarted on the same directory, and every solution the
// server acknowledged before dying must be there.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <set>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "corematch/notification/v1/notification.grpc.pb.h"
#include "corematch/organization/v1/organization.grpc.pb.h"
#include "corematch/publishing/v1/publishing.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "gtest/gtest.h"
#include "tests/testing/test_server.h"

namespace corematch {
namespace {

namespace pb = ::corematch::publishing::v1;
using ::corematch::testing::ContextWithKey;
using ::corematch::testing::TempDir;

// A corematch-server child process; its address is read from what it prints.
class ServerProcess {
 public:
  explicit ServerProcess(const std::string& data_dir) {
    int out[2];
    if (pipe(out) != 0) std::abort();
    // Built before fork: the child may only make async-signal-safe calls.
    const std::string dir = "--data_dir=" + data_dir;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      execl(COREMATCH_SERVER_BINARY, "corematch-server", "--services=all", "--listen=127.0.0.1:0",
            dir.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    close(out[1]);
    FILE* stream = fdopen(out[0], "r");
    char line[512];
    while (fgets(line, sizeof(line), stream) != nullptr) {
      std::string text(line);
      size_t at = text.find("listening on ");
      if (at != std::string::npos) {
        address_ = text.substr(at + 13, text.find(' ', at + 13) - at - 13);
        break;
      }
    }
    // Keep draining so the child never blocks on a full pipe.
    drain_ = std::thread([stream] {
      char sink[512];
      while (fgets(sink, sizeof(sink), stream) != nullptr) {
      }
      fclose(stream);
    });
  }

  ~ServerProcess() {
    Kill(SIGKILL);
    drain_.join();
  }

  void Kill(int signal) {
    if (pid_ <= 0) return;
    kill(pid_, signal);
    int status = 0;
    waitpid(pid_, &status, 0);
    exit_status_ = status;
    pid_ = -1;
  }

  const std::string& address() const { return address_; }
  int exit_status() const { return exit_status_; }

 private:
  pid_t pid_ = -1;
  std::string address_;
  std::thread drain_;
  int exit_status_ = 0;
};

std::string ReadKey(const std::string& data_dir) {
  std::ifstream in(data_dir + "/operator.key");
  std::string key;
  std::getline(in, key);
  return key;
}

pb::Solution Sample(int writer, int i) {
  pb::Solution s;
  s.set_title(absl::StrCat("Durable solution ", writer, "-", i));
  s.set_language("en");
  s.set_description(std::string(400, 'x'));
  return s;
}

TEST(KillDurabilityTest, EveryAcknowledgedCreateSurvivesSigkill) {
  TempDir dir;
  absl::Mutex mutex;
  std::vector<std::string> acknowledged;
  std::string key;
  {
    ServerProcess server(dir.path());
    ASSERT_FALSE(server.address().empty()) << "server did not start";
    key = ReadKey(dir.path());
    auto channel = grpc::CreateChannel(server.address(), grpc::InsecureChannelCredentials());
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int w = 0; w < 8; ++w) {
      writers.emplace_back([&, w] {
        auto stub = pb::PublishingService::NewStub(channel);
        for (int i = 0; !stop.load(); ++i) {
          pb::CreateSolutionRequest request;
          *request.mutable_solution() = Sample(w, i);
          request.set_publish(true);
          pb::Solution created;
          if (!stub->CreateSolution(ContextWithKey(key).get(), request, &created).ok()) return;
          absl::MutexLock lock(&mutex);
          acknowledged.push_back(created.name());
        }
      });
    }
    // Let the writers get going, then kill the server while they write.
    for (int waited = 0; waited < 100; ++waited) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
      absl::MutexLock lock(&mutex);
      if (acknowledged.size() >= 300) break;
    }
    server.Kill(SIGKILL);
    stop = true;
    for (auto& writer : writers) writer.join();
    EXPECT_TRUE(WIFSIGNALED(server.exit_status()));
  }
  ASSERT_GT(acknowledged.size(), 50u) << "too few writes before the kill to prove anything";

  ServerProcess restarted(dir.path());
  ASSERT_FALSE(restarted.address().empty()) << "server did not restart";
  auto stub = pb::PublishingService::NewStub(
      grpc::CreateChannel(restarted.address(), grpc::InsecureChannelCredentials()));
  size_t missing = 0;
  for (const std::string& name : acknowledged) {
    pb::GetSolutionRequest get;
    get.set_name(name);
    pb::Solution solution;
    grpc::Status status = stub->GetSolution(ContextWithKey(key).get(), get, &solution);
    if (!status.ok()) {
      ++missing;
      ADD_FAILURE() << name << ": " << status.error_message();
    }
  }
  EXPECT_EQ(missing, 0u) << "of " << acknowledged.size() << " acknowledged";
}

namespace nt = ::corematch::notification::v1;
namespace orgpb = ::corematch::organization::v1;

// Every solution published in pages of ListSolutions.
std::set<std::string> AllSolutions(pb::PublishingService::Stub& stub, const std::string& key) {
  std::set<std::string> names;
  pb::ListSolutionsRequest request;
  request.set_page_size(1000);
  do {
    pb::ListSolutionsResponse page;
    EXPECT_TRUE(stub.ListSolutions(ContextWithKey(key).get(), request, &page).ok());
    for (const pb::Solution& s : page.solutions()) names.insert(s.name());
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return names;
}

// The subscriber's retained notifications, oldest first.
std::vector<nt::Notification> AllNotifications(nt::NotificationService::Stub& stub,
                                               const std::string& key) {
  std::vector<nt::Notification> all;
  nt::ListNotificationsRequest request;
  request.set_page_size(1000);
  do {
    nt::ListNotificationsResponse page;
    EXPECT_TRUE(stub.ListNotifications(ContextWithKey(key).get(), request, &page).ok());
    all.insert(all.end(), page.notifications().begin(), page.notifications().end());
    request.set_page_token(page.next_page_token());
  } while (!request.page_token().empty());
  return all;
}

// The notification outbox is written with the publishing feed's cursor in one
// batch: killed while solutions pour in, the restarted server notifies every
// published solution exactly once — none lost, none twice.
TEST(KillDurabilityTest, EveryPublishedSolutionIsNotifiedExactlyOnceAcrossSigkill) {
  TempDir dir;
  std::string key, subscriber_key;
  {
    ServerProcess server(dir.path());
    ASSERT_FALSE(server.address().empty()) << "server did not start";
    key = ReadKey(dir.path());
    auto channel = grpc::CreateChannel(server.address(), grpc::InsecureChannelCredentials());
    auto organizations = orgpb::OrganizationService::NewStub(channel);
    orgpb::CreateOrganizationRequest create;
    create.mutable_organization()->set_display_name("Aarhus Kommune");
    create.mutable_organization()->set_kind(orgpb::ORGANIZATION_KIND_MUNICIPALITY);
    create.mutable_organization()->set_country("DK");
    orgpb::Organization aarhus;
    ASSERT_TRUE(organizations->CreateOrganization(ContextWithKey(key).get(), create, &aarhus).ok());
    orgpb::CreateApiKeyRequest key_request;
    key_request.set_parent(aarhus.name());
    orgpb::CreateApiKeyResponse created_key;
    ASSERT_TRUE(
        organizations->CreateApiKey(ContextWithKey(key).get(), key_request, &created_key).ok());
    subscriber_key = created_key.secret();
    nt::CreateSubscriptionRequest subscribe;
    subscribe.mutable_subscription()->set_stream(true);  // Every solution fits.
    nt::Subscription subscription;
    ASSERT_TRUE(
        nt::NotificationService::NewStub(channel)
            ->CreateSubscription(ContextWithKey(subscriber_key).get(), subscribe, &subscription)
            .ok());

    std::atomic<int> created{0};
    std::atomic<bool> stop{false};
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
      writers.emplace_back([&, w] {
        auto stub = pb::PublishingService::NewStub(channel);
        for (int i = 0; !stop.load(); ++i) {
          pb::CreateSolutionRequest request;
          *request.mutable_solution() = Sample(w, i);
          request.set_publish(true);
          pb::Solution solution;
          if (!stub->CreateSolution(ContextWithKey(key).get(), request, &solution).ok()) return;
          ++created;
        }
      });
    }
    while (created.load() < 200) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    server.Kill(SIGKILL);
    stop = true;
    for (auto& writer : writers) writer.join();
  }

  ServerProcess restarted(dir.path());
  ASSERT_FALSE(restarted.address().empty()) << "server did not restart";
  auto channel = grpc::CreateChannel(restarted.address(), grpc::InsecureChannelCredentials());
  auto solutions = pb::PublishingService::NewStub(channel);
  auto notifications = nt::NotificationService::NewStub(channel);
  const std::set<std::string> published = AllSolutions(*solutions, key);
  ASSERT_GE(published.size(), 200u);
  std::vector<nt::Notification> received;
  for (int waited = 0; waited < 300; ++waited) {  // Catching up: 30 s at most.
    received = AllNotifications(*notifications, subscriber_key);
    if (received.size() >= published.size()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::set<std::string> notified, event_ids;
  for (const nt::Notification& n : received) {
    EXPECT_TRUE(notified.insert(n.solution()).second) << n.solution() << " notified twice";
    EXPECT_TRUE(event_ids.insert(n.event_id()).second) << n.event_id() << " used twice";
  }
  EXPECT_EQ(notified, published);
}

TEST(KillDurabilityTest, SigtermShutsDownGracefully) {
  TempDir dir;
  ServerProcess server(dir.path());
  ASSERT_FALSE(server.address().empty());
  server.Kill(SIGTERM);
  ASSERT_TRUE(WIFEXITED(server.exit_status()));
  EXPECT_EQ(WEXITSTATUS(server.exit_status()), 0);
}

}  // namespace
}  // namespace corematch
