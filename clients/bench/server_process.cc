#include "clients/bench/server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace corematch::bench {
namespace {

constexpr std::string_view kListening = "listening on ";

absl::StatusOr<std::string> MakeDataDir(const std::string& parent_dir) {
  std::error_code error;
  std::filesystem::path parent = parent_dir.empty() ? std::filesystem::temp_directory_path(error)
                                                    : std::filesystem::path(parent_dir);
  if (error) return absl::FailedPreconditionError("no temporary directory: " + error.message());
  std::string pattern = (parent / "corematch-bench-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("cannot make a directory like ", pattern, ": ", std::strerror(errno)));
  }
  return pattern;
}

// Waits up to `timeout` for the child to exit; true if it did.
bool WaitForExit(pid_t pid, absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  do {
    int status = 0;
    pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid || (done < 0 && errno == ECHILD)) return true;
    absl::SleepFor(absl::Milliseconds(20));
  } while (absl::Now() < deadline);
  return false;
}

}  // namespace

std::string DefaultServerBinary() {
  std::error_code error;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) return "corematch-server";
  return (self.parent_path() / "corematch-server").string();
}

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Start(
    const ServerProcessOptions& options) {
  if (access(options.binary.c_str(), X_OK) != 0) {
    return absl::NotFoundError(absl::StrCat("cannot run ", options.binary,
                                            " (build it, or pass "
                                            "--server_binary or --server)"));
  }
  std::unique_ptr<ServerProcess> server(new ServerProcess());
  auto data_dir = MakeDataDir(options.parent_dir);
  if (!data_dir.ok()) return data_dir.status();
  server->data_dir_ = *data_dir;

  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) return absl::InternalError("pipe failed");
  // Built before fork: the child may only make async-signal-safe calls.
  const std::string data_flag = "--data_dir=" + server->data_dir_;
  const std::string services_flag = "--services=" + options.services;
  std::vector<char*> argv = {
      const_cast<char*>("corematch-server"), const_cast<char*>(services_flag.c_str()),
      const_cast<char*>("--listen=127.0.0.1:0"), const_cast<char*>(data_flag.c_str()), nullptr};
  const pid_t parent = getpid();
  const pid_t pid = fork();
  if (pid < 0) return absl::InternalError("fork failed");
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (getppid() != parent) _exit(126);
    dup2(out[1], STDOUT_FILENO);
    execv(options.binary.c_str(), argv.data());
    _exit(127);
  }
  close(out[1]);
  server->pid_ = pid;
  server->output_fd_ = out[0];
  if (absl::Status status = server->AwaitAddress(options.start_timeout); !status.ok()) {
    return status;  // The destructor stops the child and cleans up.
  }

  std::ifstream key_file(server->data_dir_ + "/operator.key");
  std::string key;
  std::getline(key_file, key);
  server->operator_key_ = std::string(absl::StripAsciiWhitespace(key));
  if (server->operator_key_.empty()) {
    return absl::FailedPreconditionError(
        absl::StrCat("the server wrote no operator key to ", server->data_dir_, "/operator.key"));
  }
  // Keep reading so the server never blocks on a full pipe.
  server->drain_ = std::thread([fd = server->output_fd_] {
    char sink[512];
    while (read(fd, sink, sizeof(sink)) > 0) {
    }
  });
  return server;
}

absl::Status ServerProcess::AwaitAddress(absl::Duration timeout) {
  const absl::Time deadline = absl::Now() + timeout;
  std::string output;
  while (true) {
    size_t at = output.find(kListening);
    if (at != std::string::npos) {
      size_t end = output.find_first_of(" \n", at + kListening.size());
      if (end != std::string::npos) {
        address_ = output.substr(at + kListening.size(), end - at - kListening.size());
        return absl::OkStatus();
      }
    }
    const absl::Duration left = deadline - absl::Now();
    pollfd fd{.fd = output_fd_, .events = POLLIN, .revents = 0};
    if (left <= absl::ZeroDuration() ||
        poll(&fd, 1, static_cast<int>(absl::ToInt64Milliseconds(left)) + 1) == 0) {
      return absl::UnavailableError(
          absl::StrCat("corematch-server did not say where it listens within ",
                       absl::FormatDuration(timeout), "; it said: ", output));
    }
    char buffer[512];
    ssize_t n = read(output_fd_, buffer, sizeof(buffer));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      return absl::UnavailableError(
          absl::StrCat("corematch-server exited before listening; it said: ", output));
    }
    output.append(buffer, static_cast<size_t>(n));
  }
}

void ServerProcess::Stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  if (!WaitForExit(pid_, absl::Seconds(15))) {
    kill(pid_, SIGKILL);
    WaitForExit(pid_, absl::Seconds(5));
  }
  pid_ = -1;
}

ServerProcess::~ServerProcess() {
  Stop();
  if (drain_.joinable()) drain_.join();
  if (output_fd_ >= 0) close(output_fd_);
  if (!data_dir_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(data_dir_, ignored);
  }
}

}  // namespace corematch::bench
