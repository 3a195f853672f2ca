// clients/bench/server_process.h
//
// A corematch-server child process on a fresh data directory, so that one
// command measures a server that starts empty:
//
//   corematch-server --services=<services> --listen=127.0.0.1:0 --data_dir=<temp dir>
//
//   ASSIGN_OR_RETURN(std::unique_ptr<ServerProcess> server,
//                    ServerProcess::Start({.binary = DefaultServerBinary()}));
//   Connect(server->address(), server->operator_key());
//
// The destructor stops the server with SIGTERM (SIGKILL if it has not exited
// 15 s later) and removes the data directory. If the load generator dies
// first, the kernel sends the server SIGTERM. Not thread-safe.
#ifndef COREMATCH_CLIENTS_BENCH_SERVER_PROCESS_H_
#define COREMATCH_CLIENTS_BENCH_SERVER_PROCESS_H_

#include <sys/types.h>

#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace corematch::bench {

struct ServerProcessOptions {
  // The corematch-server executable.
  std::string binary;
  // Where the data directory is made; empty = the system's temporary directory.
  std::string parent_dir;
  // The server's --services.
  std::string services = "all";
  // How long to wait for the "listening on" line.
  absl::Duration start_timeout = absl::Seconds(30);
};

class ServerProcess final {
 public:
  // Starts the server and waits until it listens. Fails with UNAVAILABLE if it
  // exits or stays silent for `start_timeout`, with the reason it gave if any.
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Start(const ServerProcessOptions& options);

  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  // host:port it listens on.
  const std::string& address() const { return address_; }
  // The operator API key it wrote on first start.
  const std::string& operator_key() const { return operator_key_; }
  const std::string& data_dir() const { return data_dir_; }
  pid_t pid() const { return pid_; }

 private:
  ServerProcess() = default;
  // Reads the child's output until its address is known.
  absl::Status AwaitAddress(absl::Duration timeout);
  void Stop();

  pid_t pid_ = -1;
  int output_fd_ = -1;
  std::thread drain_;
  std::string data_dir_;
  std::string address_;
  std::string operator_key_;
};

// The corematch-server beside the running executable: both are built into
// <build>/bin.
std::string DefaultServerBinary();

}  // namespace corematch::bench

#endif  // COREMATCH_CLIENTS_BENCH_SERVER_PROCESS_H_
