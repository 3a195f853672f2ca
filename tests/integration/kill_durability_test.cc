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
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
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
