// clients/cli/eval_runner.cc
#include "clients/cli/eval_runner.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "clients/cli/demo_loader.h"
#include "clients/cli/errors.h"
#include "corematch/adoption/v1/adoption.grpc.pb.h"
#include "corematch/matching/v1/matching.grpc.pb.h"
#include "corematch/organization/v1/organization.grpc.pb.h"
#include "corematch/publishing/v1/publishing.grpc.pb.h"

namespace corematch::cli {
namespace {

namespace ad = ::corematch::adoption::v1;
namespace mt = ::corematch::matching::v1;
namespace org = ::corematch::organization::v1;
namespace pub = ::corematch::publishing::v1;

constexpr absl::string_view kListeningPrefix = "corematch-server listening on ";
constexpr absl::Duration kProcessPoll = absl::Milliseconds(50);

std::string ReadFile(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream contents;
  contents << file.rdbuf();
  return contents.str();
}

// The last `count` non-empty lines of `text`.
std::vector<std::string> LastLines(const std::string& text, size_t count) {
  std::vector<std::string> lines = absl::StrSplit(text, '\n', absl::SkipWhitespace());
  if (lines.size() > count) lines.erase(lines.begin(), lines.end() - count);
  return lines;
}

// The address in the "listening" line of `output`, or "".
std::string ListeningAddress(const std::string& output) {
  for (absl::string_view line : absl::StrSplit(output, '\n')) {
    if (!absl::ConsumePrefix(&line, kListeningPrefix)) continue;
    return std::string(absl::StripAsciiWhitespace(line.substr(0, line.find(" ("))));
  }
  return "";
}

std::string ExitDescription(int status) {
  if (WIFEXITED(status)) return absl::StrCat("exited with status ", WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return absl::StrCat("was killed by signal ", WTERMSIG(status));
  return absl::StrCat("ended (wait status ", status, ")");
}

absl::Status ErrnoError(absl::string_view what) {
  return absl::InternalError(absl::StrCat(what, ": ", std::strerror(errno)));
}

// `status` as an absl::Status with the same code, its message prefixed by
// `what` and followed by the error details.
absl::Status RpcFailure(absl::string_view what, const grpc::Status& status) {
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(what, ": ", FormatRpcErrorLine(status)));
}

}  // namespace

std::string DefaultServerBinary() {
  std::error_code error;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error || self.empty()) return "";
  return (self.parent_path() / "corematch-server").string();
}

// --- ServerProcess --------------------------------------------------------------

absl::StatusOr<std::unique_ptr<ServerProcess>> ServerProcess::Start(const Options& options) {
  if (::access(options.binary.c_str(), X_OK) != 0) {
    return absl::NotFoundError(absl::StrCat("cannot execute the server binary ", options.binary,
                                            ": ", std::strerror(errno)));
  }
  const char* tmpdir = std::getenv("TMPDIR");
  std::string pattern = absl::StrCat(tmpdir != nullptr && *tmpdir != '\0' ? tmpdir : "/tmp",
                                     "/corematch-eval.XXXXXX");
  if (::mkdtemp(pattern.data()) == nullptr) {
    return ErrnoError(absl::StrCat("cannot create a temporary directory like ", pattern));
  }
  std::unique_ptr<ServerProcess> server(new ServerProcess(options, pattern));
  if (::mkdir(absl::StrCat(pattern, "/data").c_str(), 0700) != 0) {
    absl::Status error = ErrnoError("cannot create the data directory");
    server->Stop().IgnoreError();
    return error;
  }
  absl::Status started = server->Spawn();
  if (started.ok()) started = server->WaitUntilListening();
  if (!started.ok()) {
    // The output goes with the directory: keep its end for the message.
    std::string tail = server->OutputTail();
    server->Stop().IgnoreError();
    if (!tail.empty()) {
      return absl::Status(started.code(), absl::StrCat(started.message(), "\n", tail));
    }
    return started;
  }
  return server;
}

ServerProcess::~ServerProcess() { Stop().IgnoreError(); }

absl::Status ServerProcess::Spawn() {
  std::vector<std::string> args = {options_.binary, "--services=all", "--listen=127.0.0.1:0",
                                   absl::StrCat("--data_dir=", directory_, "/data")};
  args.insert(args.end(), options_.extra_args.begin(), options_.extra_args.end());
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  // Everything the child needs is prepared here: between fork and exec it may
  // only make async-signal-safe calls (gRPC's threads may be running).
  std::string out_path = absl::StrCat(directory_, "/server.out");
  std::string err_path = absl::StrCat(directory_, "/server.err");
  int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  int out_fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int err_fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  auto close_all = [&] {
    for (int fd : {null_fd, out_fd, err_fd}) {
      if (fd >= 0) ::close(fd);
    }
  };
  if (null_fd < 0 || out_fd < 0 || err_fd < 0) {
    absl::Status error = ErrnoError("cannot open the server's output files");
    close_all();
    return error;
  }
  const pid_t parent = ::getpid();
  sigset_t no_signals;
  sigemptyset(&no_signals);
  struct sigaction default_action = {};
  default_action.sa_handler = SIG_DFL;

  pid_t pid = ::fork();
  if (pid < 0) {
    absl::Status error = ErrnoError("cannot fork");
    close_all();
    return error;
  }
  if (pid == 0) {
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(126);  // The parent is already gone.
    ::sigaction(SIGINT, &default_action, nullptr);
    ::sigaction(SIGTERM, &default_action, nullptr);
    ::sigprocmask(SIG_SETMASK, &no_signals, nullptr);
    if (::dup2(null_fd, STDIN_FILENO) < 0 || ::dup2(out_fd, STDOUT_FILENO) < 0 ||
        ::dup2(err_fd, STDERR_FILENO) < 0) {
      ::_exit(126);
    }
    ::execv(argv[0], argv.data());
    constexpr char kExecFailed[] = "corematch eval: cannot execute the server binary\n";
    [[maybe_unused]] ssize_t ignored = ::write(STDERR_FILENO, kExecFailed, sizeof(kExecFailed) - 1);
    ::_exit(127);
  }
  ::setpgid(pid, pid);  // Also here, so that it holds whichever runs first.
  close_all();
  pid_ = pid;
  return absl::OkStatus();
}

bool ServerProcess::Exited(int* status) {
  if (pid_ <= 0) return true;
  pid_t done = ::waitpid(pid_, status, WNOHANG);
  if (done == 0) return false;
  if (done < 0) *status = -1;
  pid_ = -1;
  return true;
}

absl::Status ServerProcess::WaitUntilListening() {
  const std::string out_path = absl::StrCat(directory_, "/server.out");
  const std::string key_path = absl::StrCat(directory_, "/data/operator.key");
  const absl::Time deadline = absl::Now() + options_.start_timeout;
  while (true) {
    address_ = ListeningAddress(ReadFile(out_path));
    if (!address_.empty()) break;
    int status = 0;
    if (Exited(&status)) {
      return absl::UnavailableError(
          absl::StrCat(options_.binary, " ", ExitDescription(status), " before it listened"));
    }
    if (absl::Now() > deadline) {
      return absl::UnavailableError(absl::StrCat(options_.binary, " did not report \"",
                                                 kListeningPrefix, "...\" within ",
                                                 absl::FormatDuration(options_.start_timeout)));
    }
    absl::SleepFor(kProcessPoll);
  }
  operator_key_ = std::string(absl::StripAsciiWhitespace(ReadFile(key_path)));
  if (operator_key_.empty()) {
    return absl::UnavailableError(absl::StrCat("the server listens on ", address_,
                                               " but wrote no operator key to ", key_path));
  }
  return absl::OkStatus();
}

std::string ServerProcess::OutputTail(size_t lines) const {
  std::vector<std::string> parts;
  for (const char* name : {"server.err", "server.out"}) {
    std::vector<std::string> tail = LastLines(ReadFile(absl::StrCat(directory_, "/", name)), lines);
    if (tail.empty()) continue;
    parts.push_back(absl::StrCat("  ", name, ":\n    ", absl::StrJoin(tail, "\n    ")));
  }
  return absl::StrJoin(parts, "\n");
}

absl::Status ServerProcess::Stop() {
  absl::Status result;
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    const absl::Time deadline = absl::Now() + options_.stop_timeout;
    int status = 0;
    bool exited = Exited(&status);
    while (!exited && absl::Now() < deadline) {
      absl::SleepFor(kProcessPoll);
      exited = Exited(&status);
    }
    if (!exited) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, &status, 0);
      pid_ = -1;
      result = absl::DeadlineExceededError(absl::StrCat("the server did not exit within ",
                                                        absl::FormatDuration(options_.stop_timeout),
                                                        " of SIGTERM and was killed"));
    } else if (status != 0) {
      result = absl::InternalError(
          absl::StrCat("the server ", ExitDescription(status), " after SIGTERM\n", OutputTail(5)));
    }
  }
  if (!directory_.empty()) {
    std::error_code ignored;
    std::filesystem::remove_all(directory_, ignored);
  }
  return result;
}

// --- RunEvaluation ----------------------------------------------------------------

namespace {

class Evaluation final {
 public:
  Evaluation(const Connection& connection, const EvalInputs& inputs, const EvalRunOptions& options)
      : connection_(connection),
        inputs_(inputs),
        options_(options),
        organizations_(org::OrganizationService::NewStub(connection.channel())),
        publishing_(pub::PublishingService::NewStub(connection.channel())),
        adoption_(ad::AdoptionService::NewStub(connection.channel())),
        matching_(mt::MatchingService::NewStub(connection.channel())) {}

  absl::StatusOr<EvalRun> Run() {
    absl::Time start = absl::Now();
    if (absl::Status s = LoadSolutions(); !s.ok()) return s;
    if (absl::Status s = FileRequests(); !s.ok()) return s;
    run_.load_time = absl::Now() - start;
    start = absl::Now();
    if (absl::Status s = WaitForIndex(); !s.ok()) return s;
    run_.index_time = absl::Now() - start;
    start = absl::Now();
    if (absl::Status s = RankAll(); !s.ok()) return s;
    run_.match_time = absl::Now() - start;
    return run_;
  }

 private:
  void Progress(absl::string_view line) const {
    if (options_.progress) options_.progress(line);
  }

  absl::Status CheckCancelled() const {
    if (options_.cancelled && options_.cancelled()) return absl::CancelledError("interrupted");
    return absl::OkStatus();
  }

  grpc::Status Call(const std::function<grpc::Status(grpc::ClientContext*)>& call) const {
    grpc::ClientContext context;
    connection_.Prepare(&context);
    return call(&context);
  }

  absl::Status LoadSolutions() {
    if (absl::Status c = CheckCancelled(); !c.ok()) return c;
    std::vector<std::string> names(inputs_.solutions.size());
    LoadOptions load;
    load.parallelism = options_.parallelism;
    load.on_created = [&names](size_t row, const pub::Solution& solution) {
      names[row] = solution.name();
    };
    LoadReport report = LoadDemoRows(*publishing_, connection_, inputs_.solutions, load);
    if (report.failed > 0) {
      return absl::Status(
          absl::StatusCode::kFailedPrecondition,
          absl::StrCat(report.failed, " of ", report.total, " solutions could not be created: ",
                       absl::StrJoin(report.first_errors, "; ")));
    }
    std::set<std::string> distinct;
    for (size_t i = 0; i < names.size(); ++i) {
      if (names[i].empty()) continue;  // ALREADY_EXISTS: the server knew it by content.
      distinct.insert(names[i]);
      eval_id_of_.emplace(names[i], inputs_.solutions[i].id);
    }
    run_.solutions = distinct.size();
    Progress(
        absl::StrCat("loaded ", run_.solutions, " solutions in ",
                     absl::FormatDuration(absl::Trunc(report.elapsed, absl::Milliseconds(1)))));
    if (report.already_present > 0) {
      Progress(absl::StrCat("  ", report.already_present,
                            " rows were answered ALREADY_EXISTS and are not in the evaluation"));
    }
    return absl::OkStatus();
  }

  absl::Status FileRequests() {
    absl::StatusOr<EvalOrganizations> plan = PlanOrganizations(inputs_.requests);
    if (!plan.ok()) return plan.status();
    std::vector<std::string> org_names;
    for (const org::Organization& organization : plan->organizations) {
      if (absl::Status c = CheckCancelled(); !c.ok()) return c;
      org::CreateOrganizationRequest request;
      *request.mutable_organization() = organization;
      request.set_request_id(
          DemoRequestId(absl::StrCat("eval-organization:", organization.display_name())));
      org::Organization created;
      grpc::Status status = Call([&](grpc::ClientContext* c) {
        return organizations_->CreateOrganization(c, request, &created);
      });
      if (!status.ok()) {
        return RpcFailure(absl::StrCat("CreateOrganization \"", organization.display_name(), "\""),
                          status);
      }
      org_names.push_back(created.name());
    }
    run_.organizations = org_names.size();
    for (size_t i = 0; i < inputs_.requests.size(); ++i) {
      if (absl::Status c = CheckCancelled(); !c.ok()) return c;
      const EvalRequest& eval_request = inputs_.requests[i];
      ad::CreateAdoptionRequestRequest request;
      *request.mutable_adoption_request() =
          AdoptionRequestFromEvalRequest(eval_request, org_names[plan->of_request[i]]);
      request.set_request_id(DemoRequestId(absl::StrCat("eval-request:", eval_request.id)));
      ad::AdoptionRequest created;
      grpc::Status status = Call([&](grpc::ClientContext* c) {
        return adoption_->CreateAdoptionRequest(c, request, &created);
      });
      if (!status.ok()) {
        return RpcFailure(absl::StrCat("CreateAdoptionRequest ", eval_request.id), status);
      }
      request_names_.push_back(created.name());
    }
    run_.requests = request_names_.size();
    Progress(absl::StrCat("filed ", run_.requests, " adoption requests for ", run_.organizations,
                          " organisations"));
    return absl::OkStatus();
  }

  absl::Status WaitForIndex() {
    const absl::Time deadline = absl::Now() + options_.index_timeout;
    mt::IndexStatus index;
    while (true) {
      if (absl::Status c = CheckCancelled(); !c.ok()) return c;
      grpc::Status status = Call([&](grpc::ClientContext* c) {
        return matching_->GetIndexStatus(c, mt::GetIndexStatusRequest(), &index);
      });
      // UNAVAILABLE: matching may still be starting; anything else is final.
      if (!status.ok() && status.error_code() != grpc::StatusCode::UNAVAILABLE) {
        return RpcFailure("GetIndexStatus", status);
      }
      if (status.ok() && index.solutions_indexed() >= static_cast<int64_t>(run_.solutions) &&
          index.adoption_requests_indexed() >= static_cast<int64_t>(run_.requests)) {
        Progress(absl::StrCat("matching indexed ", index.solutions_indexed(), " solutions and ",
                              index.adoption_requests_indexed(), " requests"));
        return absl::OkStatus();
      }
      if (absl::Now() > deadline) {
        return absl::DeadlineExceededError(absl::StrCat(
            "matching indexed ", index.solutions_indexed(), " of ", run_.solutions,
            " solutions and ", index.adoption_requests_indexed(), " of ", run_.requests,
            " requests within ", absl::FormatDuration(options_.index_timeout),
            status.ok()
                ? ""
                : absl::StrCat(" (last GetIndexStatus: ", FormatRpcErrorLine(status), ")")));
      }
      absl::SleepFor(options_.poll_interval);
    }
  }

  absl::Status RankAll() {
    for (size_t i = 0; i < request_names_.size(); ++i) {
      if (absl::Status c = CheckCancelled(); !c.ok()) return c;
      const std::string& id = inputs_.requests[i].id;
      mt::MatchAdoptionRequestRequest request;
      request.set_adoption_request(request_names_[i]);
      request.set_top_k(options_.top_k);
      mt::MatchAdoptionRequestResponse response;
      grpc::Status status = Call([&](grpc::ClientContext* c) {
        return matching_->MatchAdoptionRequest(c, request, &response);
      });
      if (!status.ok()) return RpcFailure(absl::StrCat("MatchAdoptionRequest ", id), status);
      std::vector<std::string>& ranked = run_.rankings[id];
      for (const mt::ScoredSolution& solution : response.solutions()) {
        auto it = eval_id_of_.find(solution.solution());
        ranked.push_back(it == eval_id_of_.end() ? solution.solution() : it->second);
      }
    }
    return absl::OkStatus();
  }

  const Connection& connection_;
  const EvalInputs& inputs_;
  const EvalRunOptions& options_;
  std::unique_ptr<org::OrganizationService::Stub> organizations_;
  std::unique_ptr<pub::PublishingService::Stub> publishing_;
  std::unique_ptr<ad::AdoptionService::Stub> adoption_;
  std::unique_ptr<mt::MatchingService::Stub> matching_;
  // Solution name -> the id of its row.
  std::map<std::string, std::string> eval_id_of_;
  // The name of each request filed, in the order of inputs_.requests.
  std::vector<std::string> request_names_;
  EvalRun run_;
};

}  // namespace

absl::StatusOr<EvalRun> RunEvaluation(const Connection& connection, const EvalInputs& inputs,
                                      const EvalRunOptions& options) {
  Evaluation evaluation(connection, inputs, options);
  return evaluation.Run();
}

}  // namespace corematch::cli
