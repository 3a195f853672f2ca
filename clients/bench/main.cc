// corematch-bench: drives a real corematch server over gRPC and reports
// throughput and latency.
//
//   corematch-bench --workload=create --clients=8 --duration=10s
//   corematch-bench --workload=get --server=localhost:50051 --api_key_file=var/operator.key
//
// Without --server it starts build/bin/corematch-server itself on a fresh
// temporary directory (--spawn), so one command measures. It creates an
// organisation and an API key with the operator key and makes every measured
// call with that key. Exits 1 if any measured call failed, 2 if the run could
// not be set up.
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "clients/bench/bench_organization.h"
#include "clients/bench/channels.h"
#include "clients/bench/cpu_time.h"
#include "clients/bench/grpc_load.h"
#include "clients/bench/health_workload.h"
#include "clients/bench/load_driver.h"
#include "clients/bench/report.h"
#include "clients/bench/server_process.h"
#include "clients/bench/solution_workload.h"
#include "clients/bench/wire_load.h"
#include "clients/bench/workload.h"

ABSL_FLAG(std::string, server, "", "host:port of a running server; empty = --spawn one");
ABSL_FLAG(bool, spawn, true,
          "without --server: start corematch-server on a fresh temporary directory");
ABSL_FLAG(std::string, server_binary, "",
          "the corematch-server to spawn (default: the one beside this program)");
ABSL_FLAG(std::string, spawn_services, "all",
          "the spawned server's --services (e.g. organization,publishing to leave matching out)");
ABSL_FLAG(std::string, spawn_dir, "",
          "where the spawned server's data directory is made (default: the system temp dir)");
ABSL_FLAG(std::string, api_key, "", "operator API key of --server");
ABSL_FLAG(std::string, api_key_file, "", "file holding the operator API key of --server");
ABSL_FLAG(int, clients, 8, "concurrent clients, each with one call in flight at a time");
ABSL_FLAG(int, threads, 0,
          "threads that drive the clients (0 = one per client; nghttp2 then defaults to 1)");
ABSL_FLAG(std::string, client, "nghttp2",
          "the client the calls go through: nghttp2 (a lean gRPC client on HTTP/2, so that the "
          "load generator leaves the server the CPU) or grpc++ (gRPC's own C++ client)");
ABSL_FLAG(std::string, channels, "per_client",
          "per_client (a connection per client) or shared (all clients on one connection)");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(10), "how long to measure");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(2), "how long to load before measuring");
ABSL_FLAG(std::string, workload, "create",
          "create (durable CreateSolution), get (GetSolution of random solutions), mixed, or "
          "health (grpc.health.v1 Check: what gRPC alone costs, for comparison)");
ABSL_FLAG(int, population, 1000, "get, mixed: solutions created before the run to read from");
ABSL_FLAG(int, mixed_create_percent, 10, "mixed: the percentage of calls that create");
ABSL_FLAG(bool, request_ids, true, "send a fresh request_id (UUID) with every create");
ABSL_FLAG(bool, publish, true, "create solutions published rather than as drafts");
ABSL_FLAG(uint64_t, seed, 1, "seeds the clients' random choices");

namespace corematch::bench {
namespace {

constexpr int kSetupFailed = 2;
constexpr absl::string_view kNghttp2 = "nghttp2";
constexpr absl::string_view kGrpcCpp = "grpc++";

absl::StatusOr<std::string> OperatorKey() {
  std::string key = absl::GetFlag(FLAGS_api_key);
  const std::string file = absl::GetFlag(FLAGS_api_key_file);
  if (key.empty() && !file.empty()) {
    std::ifstream in(file);
    if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read --api_key_file ", file));
    std::getline(in, key);
  }
  key = std::string(absl::StripAsciiWhitespace(key));
  if (key.empty()) {
    return absl::InvalidArgumentError(
        "--server needs the server's operator key: pass --api_key or --api_key_file");
  }
  return key;
}

absl::Status ValidateFlags() {
  if (absl::GetFlag(FLAGS_clients) < 1) return absl::InvalidArgumentError("--clients must be ≥ 1");
  if (absl::GetFlag(FLAGS_threads) < 0) {
    return absl::InvalidArgumentError("--threads must not be negative");
  }
  if (absl::GetFlag(FLAGS_duration) <= absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--duration must be positive");
  }
  if (absl::GetFlag(FLAGS_warmup) < absl::ZeroDuration()) {
    return absl::InvalidArgumentError("--warmup must not be negative");
  }
  const int percent = absl::GetFlag(FLAGS_mixed_create_percent);
  if (percent < 0 || percent > 100) {
    return absl::InvalidArgumentError("--mixed_create_percent must be within 0..100");
  }
  const std::string client = absl::GetFlag(FLAGS_client);
  if (client != kNghttp2 && client != kGrpcCpp) {
    return absl::InvalidArgumentError(
        absl::StrCat("--client: '", client, "'; choose nghttp2 or grpc++"));
  }
  if (client == kNghttp2 && absl::GetFlag(FLAGS_channels) != "per_client") {
    return absl::InvalidArgumentError(
        "--client=nghttp2 gives every client its own connection: "
        "leave --channels at per_client, or use --client=grpc++");
  }
  if (absl::GetFlag(FLAGS_server).empty() && !absl::GetFlag(FLAGS_spawn)) {
    return absl::InvalidArgumentError("pass --server, or leave --spawn on");
  }
  return absl::OkStatus();
}

// Samples the CPU time of this process and of the server (when it is our
// child) at the start and end of the measurement window.
class CpuSampler {
 public:
  explicit CpuSampler(std::optional<pid_t> server) : server_(server) {}
  void Start() { Sample(start_); }
  void End() { Sample(end_); }
  void Fill(RunInfo& info) const {
    const double seconds = absl::ToDoubleSeconds(end_.when - start_.when);
    if (seconds <= 0) return;
    auto cores = [&](const std::optional<absl::Duration>& start,
                     const std::optional<absl::Duration>& end) -> std::optional<double> {
      if (!start.has_value() || !end.has_value()) return std::nullopt;
      return absl::ToDoubleSeconds(*end - *start) / seconds;
    };
    info.client_cpu_cores = cores(start_.own, end_.own);
    info.server_cpu_cores = cores(start_.server, end_.server);
    info.machine_cpu_cores = cores(start_.machine, end_.machine);
  }

 private:
  struct Point {
    absl::Time when;
    std::optional<absl::Duration> own;
    std::optional<absl::Duration> server;
    std::optional<absl::Duration> machine;
  };
  void Sample(Point& point) {
    point.when = absl::Now();
    point.own = OwnCpuTime();
    if (server_.has_value()) point.server = ProcessCpuTime(*server_);
    point.machine = MachineCpuTime();
  }

  std::optional<pid_t> server_;
  Point start_;
  Point end_;
};

// The server to measure: spawned, or given by --server.
struct Target {
  std::unique_ptr<ServerProcess> spawned;
  std::string address;
  std::string operator_key;
};

absl::StatusOr<Target> FindTarget() {
  Target target;
  target.address = absl::GetFlag(FLAGS_server);
  if (!target.address.empty()) {
    auto key = OperatorKey();
    if (!key.ok()) return key.status();
    target.operator_key = *key;
    return target;
  }
  const std::string binary = absl::GetFlag(FLAGS_server_binary);
  auto server = ServerProcess::Start({.binary = binary.empty() ? DefaultServerBinary() : binary,
                                      .parent_dir = absl::GetFlag(FLAGS_spawn_dir),
                                      .services = absl::GetFlag(FLAGS_spawn_services),
                                      .start_timeout = absl::Seconds(30)});
  if (!server.ok()) return server.status();
  target.spawned = std::move(*server);
  target.address = target.spawned->address();
  target.operator_key = target.spawned->operator_key();
  std::cerr << "corematch-bench: spawned corematch-server (pid " << target.spawned->pid() << ") on "
            << target.address << ", data in " << target.spawned->data_dir() << "\n";
  return target;
}

constexpr absl::string_view kHealthWorkload = "health";

// Connects the clients, creates the organisation they publish as and, for
// reads, the solutions to read.
absl::StatusOr<std::unique_ptr<Workload>> SetUpWorkload(const Target& target,
                                                        absl::string_view name, ChannelMode mode) {
  auto channels = ConnectChannels(target.address, mode, absl::GetFlag(FLAGS_clients));
  if (!channels.ok()) return channels.status();
  if (name == kHealthWorkload) {
    return std::make_unique<HealthWorkload>(*channels, "corematch.publishing.v1.PublishingService");
  }
  auto kind = ParseWorkloadKind(name);
  if (!kind.ok()) return kind.status();
  auto organization =
      CreateBenchOrganization(channels->front(), target.operator_key,
                              absl::StrCat(getpid(), "-", absl::ToUnixMillis(absl::Now())));
  if (!organization.ok()) return organization.status();
  SolutionWorkloadOptions options{.kind = *kind,
                                  .mixed_create_percent = absl::GetFlag(FLAGS_mixed_create_percent),
                                  .population = absl::GetFlag(FLAGS_population),
                                  .request_ids = absl::GetFlag(FLAGS_request_ids),
                                  .publish = absl::GetFlag(FLAGS_publish),
                                  .seed = absl::GetFlag(FLAGS_seed)};
  if (*kind != WorkloadKind::kCreate) {
    std::cerr << "corematch-bench: creating " << options.population << " solutions to read\n";
  }
  auto workload = SolutionWorkload::Create(*channels, organization->api_key, options);
  if (!workload.ok()) return workload.status();
  return std::unique_ptr<Workload>(std::move(*workload));
}

int Run() {
  absl::Status flags = ValidateFlags();
  const std::string workload_name = absl::GetFlag(FLAGS_workload);
  absl::Status kind = workload_name == kHealthWorkload ? absl::OkStatus()
                                                       : ParseWorkloadKind(workload_name).status();
  auto mode = ParseChannelMode(absl::GetFlag(FLAGS_channels));
  for (const absl::Status& status : {flags, kind, mode.status()}) {
    if (!status.ok()) {
      std::cerr << "corematch-bench: " << status.message() << "\n";
      return kSetupFailed;
    }
  }
  // Spawn before any gRPC threads exist: fork copies only the calling thread.
  auto target = FindTarget();
  if (!target.ok()) {
    std::cerr << "corematch-bench: " << target.status().message() << "\n";
    return kSetupFailed;
  }
  auto workload = SetUpWorkload(*target, workload_name, *mode);
  if (!workload.ok()) {
    std::cerr << "corematch-bench: setting up: " << workload.status().message() << "\n";
    return kSetupFailed;
  }

  const int clients = absl::GetFlag(FLAGS_clients);
  const bool wire = absl::GetFlag(FLAGS_client) == kNghttp2;
  int threads = absl::GetFlag(FLAGS_threads);
  if (threads == 0) threads = wire ? 1 : clients;
  RunInfo info{.workload = workload_name,
               .server = target->address,
               .spawned = target->spawned != nullptr,
               .clients = clients,
               .threads = std::min(threads, clients),
               .channels = std::string(ChannelModeName(*mode)),
               .client = absl::GetFlag(FLAGS_client),
               .warmup = absl::GetFlag(FLAGS_warmup),
               .duration = absl::GetFlag(FLAGS_duration),
               .server_cpu_cores = std::nullopt,
               .client_cpu_cores = std::nullopt,
               .machine_cpu_cores = std::nullopt};
  CpuSampler cpu(target->spawned ? std::optional<pid_t>(target->spawned->pid()) : std::nullopt);
  std::cerr << "corematch-bench: " << clients << " clients on " << info.threads
            << " threads, warm-up " << absl::FormatDuration(info.warmup) << ", measuring "
            << absl::FormatDuration(info.duration) << "\n";
  const DriveOptions drive{.threads = info.threads,
                           .warmup = info.warmup,
                           .duration = info.duration,
                           .on_window_start = [&] { cpu.Start(); },
                           .on_window_end = [&] { cpu.End(); }};
  absl::StatusOr<DriveResult> driven =
      wire ? DriveWire(**workload, target->address, clients, drive)
           : absl::StatusOr<DriveResult>(DriveGrpc(**workload, clients, drive));
  if (!driven.ok()) {
    std::cerr << "corematch-bench: " << driven.status().message() << "\n";
    return kSetupFailed;
  }
  const DriveResult& result = *driven;
  cpu.Fill(info);
  std::cout << FormatReport(info, result) << FormatJsonSummary(info, result) << std::endl;
  return result.Total().errors > 0 ? 1 : 0;
}

}  // namespace
}  // namespace corematch::bench

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "corematch-bench: load generator for corematch-server\n"
      "  corematch-bench --workload=create|get|mixed|health --clients=8 --duration=10s");
  absl::ParseCommandLine(argc, argv);
  // Debian builds Abseil without NDEBUG, so every absl::Mutex operation,
  // gRPC's own included, also updates a global deadlock graph. The load
  // generator shares the machine with the server it measures: it should
  // spend as little of it as it can.
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
  return corematch::bench::Run();
}
