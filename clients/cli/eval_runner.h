// clients/cli/eval_runner.h
//
// What `corematch eval` does against a server:
//
//   ServerProcess  a fresh corematch-server of its own: spawned with
//                  `--services=all --listen=127.0.0.1:0 --data_dir=<temporary
//                  directory>` and any extra flags; its address read from the
//                  line "corematch-server listening on 127.0.0.1:PORT (...)" it
//                  prints, its operator key from <data_dir>/operator.key.
//                  Stop() (and the destructor) sends SIGTERM, waits, and removes
//                  the directory.
//   RunEvaluation  loads the solutions through the publishing API, creates an
//                  organisation per org_name and files each request on its
//                  behalf through the adoption API (with the operator key),
//                  waits until matching has indexed them all (GetIndexStatus),
//                  and asks MatchAdoptionRequest for each request's top k,
//                  mapping the ranked solution names back to the solutions' ids.
//
//   absl::StatusOr<std::unique_ptr<ServerProcess>> server =
//       ServerProcess::Start({.binary = DefaultServerBinary(),
//                             .extra_args = {"--matching_ranking=full"}});
//   Connection connection({.target = (*server)->address(),
//                          .api_key = (*server)->operator_key()});
//   absl::StatusOr<EvalRun> run = RunEvaluation(connection, inputs, EvalRunOptions{});
//
// Not thread-safe; RunEvaluation uses threads of its own to load solutions.
#ifndef COREMATCH_CLIENTS_CLI_EVAL_RUNNER_H_
#define COREMATCH_CLIENTS_CLI_EVAL_RUNNER_H_

#include <sys/types.h>

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "clients/cli/connection.h"
#include "clients/cli/demo_rows.h"
#include "clients/cli/eval_data.h"

namespace corematch::cli {

// corematch-server in the directory of the running executable
// (/proc/self/exe), where the build puts both; "" if that cannot be read.
std::string DefaultServerBinary();

class ServerProcess final {
 public:
  struct Options {
    // The corematch-server executable.
    std::string binary;
    // Flags after --services, --listen and --data_dir.
    std::vector<std::string> extra_args;
    // How long to wait for the "listening" line, and for the exit after SIGTERM
    // (then SIGKILL).
    absl::Duration start_timeout = absl::Seconds(60);
    absl::Duration stop_timeout = absl::Seconds(15);
  };

  // Creates a temporary directory (under $TMPDIR, else /tmp), starts the
  // server there in a process group of its own (so that a terminal's Ctrl-C
  // reaches only this process, which then stops it) and waits until it
  // listens. The server gets SIGTERM should this process die first. Fails with
  // UNAVAILABLE, the server's output attached, if it exits or does not listen
  // in time; with INTERNAL if it cannot be started. Nothing is left behind on
  // failure.
  static absl::StatusOr<std::unique_ptr<ServerProcess>> Start(const Options& options);

  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  ~ServerProcess();

  // "127.0.0.1:PORT".
  const std::string& address() const { return address_; }
  const std::string& operator_key() const { return operator_key_; }
  // The temporary directory; the server's data is in its "data" directory,
  // its standard output and error in "server.out" and "server.err".
  const std::string& directory() const { return directory_; }

  // The last `lines` lines of the server's standard output and error.
  std::string OutputTail(size_t lines = 20) const;

  // Stops the server (SIGTERM; SIGKILL after stop_timeout) and removes the
  // directory. Fails, after cleaning up all the same, if the server had to be
  // killed or did not exit 0. Later calls do nothing and return OK.
  absl::Status Stop();

 private:
  ServerProcess(Options options, std::string directory)
      : options_(std::move(options)), directory_(std::move(directory)) {}

  absl::Status Spawn();
  absl::Status WaitUntilListening();
  // waitpid without blocking; true (and the exit status in *status) once exited.
  bool Exited(int* status);

  const Options options_;
  const std::string directory_;
  pid_t pid_ = -1;
  std::string address_;
  std::string operator_key_;
};

struct EvalInputs {
  std::vector<DemoRow> solutions;
  std::vector<EvalRequest> requests;
};

struct EvalRunOptions {
  // Ranked solutions asked per request (MatchAdoptionRequest top_k).
  int top_k = 10;
  // CreateSolution calls in flight at once.
  int parallelism = 8;
  // How long to wait for matching to index everything, polling how often.
  absl::Duration index_timeout = absl::Seconds(120);
  absl::Duration poll_interval = absl::Milliseconds(200);
  // Progress lines for people ("loaded 1081 solutions in 4.2s"). May be empty.
  std::function<void(absl::string_view line)> progress;
  // Checked between calls: when it returns true the run stops with CANCELLED.
  // May be empty.
  std::function<bool()> cancelled;
};

struct EvalRun {
  // Distinct solutions created.
  size_t solutions = 0;
  // Requests filed, and the organisations that filed them.
  size_t requests = 0;
  size_t organizations = 0;
  // Request id -> the ids of its ranked solutions, best first. A ranked
  // solution the run did not load (none should be) appears by its name.
  std::map<std::string, std::vector<std::string>> rankings;
  absl::Duration load_time;
  absl::Duration index_time;
  absl::Duration match_time;
};

// Runs the evaluation against the server `connection` reaches, whose key must
// be an operator key. Fails with the failed call's status, its message
// prefixed with what was being done ("CreateSolution ipso-10019: ...", details
// as FormatRpcErrorLine prints them); with DEADLINE_EXCEEDED if matching does
// not catch up within index_timeout; with CANCELLED when `cancelled` says so.
absl::StatusOr<EvalRun> RunEvaluation(const Connection& connection, const EvalInputs& inputs,
                                      const EvalRunOptions& options);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_EVAL_RUNNER_H_
