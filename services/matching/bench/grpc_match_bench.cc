// corematch-grpc-match-bench: matching measured from a gRPC client, against a
// running corematch-server, with a generated corpus (corpus_generator.h)
// loaded through the publishing and adoption APIs.
//
//   corematch-grpc-match-bench load    --server H:P --api-key-file K --state S
//                                      --solutions 1000000 --requests 100000
//   corematch-grpc-match-bench query   --server H:P --state S --queries 2000 --clients 1
//   corematch-grpc-match-bench publish --server H:P --state S --new-solutions 50
//
// `load` creates an organisation and its key, creates the solutions
// (published) and then the requests, and waits until matching has indexed
// them all (GetIndexStatus); it writes the organisation's key and the names
// the server gave, in generator order, into the --state directory for the
// other phases. `query` runs MatchAdoptionRequest (top 20, with
// explanations) for stored requests, closed-loop, and reports latency
// percentiles, queries/s and nDCG@10 against the generator's ground truth.
// `publish` publishes fresh solutions one at a time and reports, for each,
// how long after the CreateSolution call began its matches with open
// requests were committed: matching writes all of a solution's matches in the
// transaction that stores it, and ListMatches of the solution answers from
// that moment on (polled every millisecond). The matches' create_time, stamped
// when matching begins to apply the event, splits that time into the way
// there (publish, feed, waiting) and matching's own apply and commit.
// docs/benchmarks.md ("Matching") has the commands and figures;
// services/matching/bench/grpc_bench.sh runs them all, restart included.
#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "clients/bench/bench_organization.h"
#include "clients/bench/latency_histogram.h"
#include "corematch/adoption/v1/adoption.grpc.pb.h"
#include "corematch/matching/v1/matching.grpc.pb.h"
#include "corematch/publishing/v1/publishing.grpc.pb.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "services/common/proto_time.h"
#include "services/matching/bench/corpus_generator.h"
#include "services/matching/bench/corpus_protos.h"

namespace corematch::matching::bench {
namespace {

namespace publishing_pb = ::corematch::publishing::v1;
namespace adoption_pb = ::corematch::adoption::v1;
namespace matching_pb = ::corematch::matching::v1;
using ::corematch::bench::LatencyHistogram;

struct Flags {
  std::string server = "127.0.0.1:50051";
  // Where MatchingService is, when not on --server.
  std::string matching_server;
  std::string api_key_file;
  std::string state = "grpc-match-bench";
  uint64_t solutions = 100000;
  uint64_t requests = 10000;
  uint64_t seed = 1;
  int clients = 8;
  uint64_t queries = 2000;
  uint64_t warmup = 100;
  uint64_t new_solutions = 50;
  double index_timeout_s = 3600;
};

std::shared_ptr<grpc::Channel> Connect(const std::string& server) {
  grpc::ChannelArguments args;
  args.SetMaxReceiveMessageSize(64 << 20);
  return grpc::CreateCustomChannel(server, grpc::InsecureChannelCredentials(), args);
}

void Authorize(grpc::ClientContext& context, const std::string& key) {
  context.AddMetadata("authorization", absl::StrCat("Bearer ", key));
  context.set_deadline(absl::ToChronoTime(absl::Now() + absl::Seconds(60)));
}

std::optional<std::string> ReadLine(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  return std::string(absl::StripAsciiWhitespace(line));
}

std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool WriteLines(const std::string& path, const std::vector<std::string>& lines) {
  std::ofstream out(path, std::ios::trunc);
  for (const std::string& line : lines) out << line << "\n";
  return static_cast<bool>(out);
}

CorpusGenerator MakeGenerator(const Flags& f) {
  return CorpusGenerator({.solutions = f.solutions, .requests = f.requests, .seed = f.seed});
}

// Runs `call(i)` for i in [0, count) on `clients` threads; stops at the
// first failure and returns its message.
template <typename Call>
std::optional<std::string> RunParallel(uint64_t count, int clients, absl::string_view what,
                                       const Call& call) {
  std::atomic<uint64_t> next{0};
  std::atomic<uint64_t> done{0};
  absl::Mutex mutex;
  std::optional<std::string> failure;
  const absl::Time start = absl::Now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&] {
      for (uint64_t i = next++; i < count; i = next++) {
        {
          absl::MutexLock lock(&mutex);
          if (failure.has_value()) return;
        }
        if (std::optional<std::string> error = call(i); error.has_value()) {
          absl::MutexLock lock(&mutex);
          if (!failure.has_value()) failure = std::move(error);
          return;
        }
        const uint64_t finished = ++done;
        if (finished % 50000 == 0) {
          std::cerr << absl::StrFormat("  %s: %d/%d, %.0f/s\n", what, finished, count,
                                       finished / absl::ToDoubleSeconds(absl::Now() - start));
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  if (!failure.has_value()) {
    const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
    std::cout << absl::StrFormat("%s: %d in %.1f s, %.0f/s", what, count, seconds,
                                 count / std::max(seconds, 1e-9))
              << std::endl;
  }
  return failure;
}

absl::StatusOr<matching_pb::IndexStatus> IndexStatus(matching_pb::MatchingService::Stub& stub,
                                                     const std::string& key) {
  grpc::ClientContext context;
  Authorize(context, key);
  matching_pb::IndexStatus status;
  grpc::Status rpc = stub.GetIndexStatus(&context, matching_pb::GetIndexStatusRequest(), &status);
  if (!rpc.ok()) return absl::UnavailableError(rpc.error_message());
  return status;
}

// Waits until matching has indexed `solutions` solutions and `requests`
// requests; prints how long that took. False on timeout.
bool AwaitIndexed(matching_pb::MatchingService::Stub& matching, const std::string& key,
                  uint64_t solutions, uint64_t requests, const Flags& f) {
  const absl::Time start = absl::Now();
  while (true) {
    absl::StatusOr<matching_pb::IndexStatus> status = IndexStatus(matching, key);
    if (status.ok() && status->solutions_indexed() >= static_cast<int64_t>(solutions) &&
        status->adoption_requests_indexed() >= static_cast<int64_t>(requests)) {
      std::cout << absl::StrFormat(
                       "matching caught up %.1f s later: %d solutions, %d requests, %d matches",
                       absl::ToDoubleSeconds(absl::Now() - start), status->solutions_indexed(),
                       status->adoption_requests_indexed(), status->matches())
                << std::endl;
      return true;
    }
    if (absl::Now() - start > absl::Seconds(f.index_timeout_s)) {
      std::cerr << "load: matching did not catch up within " << f.index_timeout_s << " s\n";
      return false;
    }
    absl::SleepFor(absl::Seconds(1));
  }
}

int Load(const Flags& f) {
  std::optional<std::string> operator_key = ReadLine(f.api_key_file);
  if (!operator_key.has_value()) {
    std::cerr << "load: cannot read the operator key from --api-key-file " << f.api_key_file
              << "\n";
    return 1;
  }
  std::filesystem::create_directories(f.state);
  auto channel = Connect(f.server);
  auto organization = ::corematch::bench::CreateBenchOrganization(
      channel, *operator_key, absl::StrCat("grpc-match-bench-", absl::ToUnixMillis(absl::Now())));
  if (!organization.ok()) {
    std::cerr << "load: " << organization.status() << "\n";
    return 1;
  }
  const std::string key = organization->api_key;
  const CorpusGenerator generator = MakeGenerator(f);
  std::vector<std::string> solution_names(f.solutions);
  std::vector<std::string> request_names(f.requests);
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  for (int c = 0; c < f.clients; ++c) channels.push_back(Connect(f.server));
  std::atomic<int> round_robin{0};

  std::optional<std::string> failure =
      RunParallel(f.solutions, f.clients, "CreateSolution", [&](uint64_t i) {
        auto stub = publishing_pb::PublishingService::NewStub(channels[round_robin++ % f.clients]);
        grpc::ClientContext context;
        Authorize(context, key);
        publishing_pb::Solution created;
        grpc::Status status =
            stub->CreateSolution(&context, ToCreateSolution(generator.Solution(i)), &created);
        if (!status.ok())
          return std::optional<std::string>(
              absl::StrCat("solution ", i, ": ", status.error_message()));
        solution_names[i] = created.name();
        return std::optional<std::string>();
      });
  auto matching = matching_pb::MatchingService::NewStub(Connect(f.matching_server));
  // Requests are filed once matching has every solution: filed while it
  // still indexes solutions, each later solution would be matched against
  // them too, which measures a different thing (the publish phase does).
  if (!failure.has_value() && !AwaitIndexed(*matching, key, f.solutions, 0, f)) return 1;
  if (!failure.has_value()) {
    failure = RunParallel(f.requests, f.clients, "CreateAdoptionRequest", [&](uint64_t j) {
      auto stub = adoption_pb::AdoptionService::NewStub(channels[round_robin++ % f.clients]);
      grpc::ClientContext context;
      Authorize(context, key);
      adoption_pb::AdoptionRequest created;
      grpc::Status status = stub->CreateAdoptionRequest(
          &context, ToCreateAdoptionRequest(generator.Request(j)), &created);
      if (!status.ok()) {
        return std::optional<std::string>(
            absl::StrCat("request ", j, ": ", status.error_message()));
      }
      request_names[j] = created.name();
      return std::optional<std::string>();
    });
  }
  if (failure.has_value()) {
    std::cerr << "load: " << *failure << "\n";
    return 1;
  }
  if (!WriteLines(f.state + "/solutions.txt", solution_names) ||
      !WriteLines(f.state + "/requests.txt", request_names) ||
      !WriteLines(f.state + "/key", {key}) ||
      !WriteLines(f.state + "/corpus", {absl::StrCat(f.solutions, " ", f.requests, " ", f.seed)})) {
    std::cerr << "load: cannot write into --state " << f.state << "\n";
    return 1;
  }

  return AwaitIndexed(*matching, key, f.solutions, f.requests, f) ? 0 : 1;
}

struct State {
  std::string key;
  std::vector<std::string> solutions;
  std::vector<std::string> requests;
  Flags corpus;
};

std::optional<State> ReadState(const Flags& f) {
  State state;
  std::optional<std::string> key = ReadLine(f.state + "/key");
  std::optional<std::string> corpus = ReadLine(f.state + "/corpus");
  if (!key.has_value() || !corpus.has_value()) {
    std::cerr << "no state in " << f.state << "; run `load` first\n";
    return std::nullopt;
  }
  state.key = *key;
  state.corpus = f;
  std::istringstream fields(*corpus);
  fields >> state.corpus.solutions >> state.corpus.requests >> state.corpus.seed;
  state.solutions = ReadLines(f.state + "/solutions.txt");
  state.requests = ReadLines(f.state + "/requests.txt");
  return state;
}

void PrintLatency(absl::string_view what, const LatencyHistogram& h) {
  auto ms = [](absl::Duration d) { return absl::ToDoubleMilliseconds(d); };
  std::cout << absl::StrFormat(
      "%s: %d calls; latency ms p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f\n", what,
      h.count(), ms(h.Percentile(50)), ms(h.Percentile(90)), ms(h.Percentile(99)),
      ms(h.Percentile(99.9)), ms(h.max()));
}

int Query(const Flags& f) {
  std::optional<State> state = ReadState(f);
  if (!state.has_value()) return 1;
  const CorpusGenerator generator = MakeGenerator(state->corpus);
  std::cerr << "query: building the ground truth\n";
  const GroundTruth truth(generator);
  absl::flat_hash_map<std::string, uint64_t> solution_index;
  solution_index.reserve(state->solutions.size());
  for (uint64_t i = 0; i < state->solutions.size(); ++i) solution_index[state->solutions[i]] = i;

  const uint64_t requests = state->requests.size();
  auto run = [&](uint64_t count, uint64_t offset, LatencyHistogram* latency, double* ndcg_sum,
                 uint64_t* ndcg_count) {
    std::vector<LatencyHistogram> per_client(f.clients);
    std::vector<double> sums(f.clients, 0);
    std::vector<uint64_t> counts(f.clients, 0);
    std::atomic<uint64_t> next{0};
    std::atomic<bool> failed{false};
    std::vector<std::thread> threads;
    for (int c = 0; c < f.clients; ++c) {
      threads.emplace_back([&, c] {
        auto stub = matching_pb::MatchingService::NewStub(Connect(f.matching_server));
        for (uint64_t q = next++; q < count && !failed; q = next++) {
          const uint64_t j = (offset + q) % requests;
          matching_pb::MatchAdoptionRequestRequest request;
          request.set_adoption_request(state->requests[j]);
          request.set_top_k(20);
          matching_pb::MatchAdoptionRequestResponse response;
          grpc::ClientContext context;
          Authorize(context, state->key);
          const absl::Time start = absl::Now();
          grpc::Status status = stub->MatchAdoptionRequest(&context, request, &response);
          per_client[c].Record(absl::Now() - start);
          if (!status.ok()) {
            std::cerr << "MatchAdoptionRequest " << state->requests[j] << ": "
                      << status.error_message() << "\n";
            failed = true;
            return;
          }
          std::vector<uint64_t> ranked;
          for (const matching_pb::ScoredSolution& s : response.solutions()) {
            auto it = solution_index.find(s.solution());
            ranked.push_back(it == solution_index.end() ? ~uint64_t{0} : it->second);
          }
          if (std::optional<double> ndcg = truth.Ndcg(j, ranked); ndcg.has_value()) {
            sums[c] += *ndcg;
            ++counts[c];
          }
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
    for (int c = 0; c < f.clients; ++c) {
      latency->Merge(per_client[c]);
      *ndcg_sum += sums[c];
      *ndcg_count += counts[c];
    }
    return !failed;
  };

  LatencyHistogram warmup;
  double ignored_sum = 0;
  uint64_t ignored_count = 0;
  if (!run(f.warmup, 0, &warmup, &ignored_sum, &ignored_count)) return 1;
  LatencyHistogram latency;
  double ndcg_sum = 0;
  uint64_t ndcg_count = 0;
  const absl::Time start = absl::Now();
  if (!run(f.queries, f.warmup, &latency, &ndcg_sum, &ndcg_count)) return 1;
  const double seconds = absl::ToDoubleSeconds(absl::Now() - start);
  std::cout << absl::StrFormat(
      "MatchAdoptionRequest top 20 with explanations, %d clients, corpus %d solutions / %d "
      "requests:\n",
      f.clients, state->solutions.size(), requests);
  PrintLatency("  MatchAdoptionRequest", latency);
  std::cout << absl::StrFormat("  %.0f queries/s; nDCG@10 %.4f over %d requests\n",
                               f.queries / seconds, ndcg_count ? ndcg_sum / ndcg_count : 0.0,
                               ndcg_count);
  std::cout << absl::StrFormat(
      "{\"phase\": \"query\", \"clients\": %d, \"solutions\": %d, \"queries\": %d, \"qps\": %.1f, "
      "\"p50_ms\": %.3f, \"p99_ms\": %.3f, \"max_ms\": %.3f, \"ndcg@10\": %.4f}\n",
      f.clients, state->solutions.size(), f.queries, f.queries / seconds,
      absl::ToDoubleMilliseconds(latency.Percentile(50)),
      absl::ToDoubleMilliseconds(latency.Percentile(99)), absl::ToDoubleMilliseconds(latency.max()),
      ndcg_count ? ndcg_sum / ndcg_count : 0.0);
  return 0;
}

// How many matches `solution` has; UNAVAILABLE until matching has stored it.
// A solution's matches: how many, and when matching began to apply the
// event that made them (their create_time).
struct SolutionMatches {
  int count = 0;
  absl::Time created = absl::InfiniteFuture();
};

absl::StatusOr<SolutionMatches> CountMatches(matching_pb::MatchingService::Stub& stub,
                                             const std::string& key, const std::string& solution) {
  SolutionMatches matches;
  std::string page_token;
  do {
    matching_pb::ListMatchesRequest request;
    request.set_parent(solution);
    request.set_page_size(1000);
    request.set_page_token(page_token);
    matching_pb::ListMatchesResponse response;
    grpc::ClientContext context;
    Authorize(context, key);
    grpc::Status status = stub.ListMatches(&context, request, &response);
    if (!status.ok()) return absl::UnavailableError(status.error_message());
    matches.count += response.matches_size();
    for (const matching_pb::Match& match : response.matches()) {
      matches.created = std::min(matches.created, FromProtoTime(match.create_time()));
    }
    page_token = response.next_page_token();
  } while (!page_token.empty());
  return matches;
}

int Publish(const Flags& f) {
  std::optional<State> state = ReadState(f);
  if (!state.has_value()) return 1;
  const CorpusGenerator generator = MakeGenerator(state->corpus);
  auto channel = Connect(f.server);
  auto publishing = publishing_pb::PublishingService::NewStub(channel);
  auto matching = matching_pb::MatchingService::NewStub(Connect(f.matching_server));
  absl::StatusOr<matching_pb::IndexStatus> before = IndexStatus(*matching, state->key);
  if (!before.ok()) {
    std::cerr << "publish: GetIndexStatus: " << before.status() << "\n";
    return 1;
  }
  std::cout << absl::StrFormat("publish: %d open requests indexed, %d solutions\n",
                               before->adoption_requests_indexed(), before->solutions_indexed());
  int64_t indexed = before->solutions_indexed();
  LatencyHistogram latency, to_applying, applying;
  int64_t matches_total = 0;
  // Fresh solutions: indices past the corpus, of the same topics.
  const uint64_t base = state->corpus.solutions + absl::ToUnixSeconds(absl::Now()) % 1000000;
  for (uint64_t n = 0; n < f.new_solutions; ++n) {
    grpc::ClientContext context;
    Authorize(context, state->key);
    publishing_pb::Solution created;
    const absl::Time start = absl::Now();
    grpc::Status status = publishing->CreateSolution(
        &context, ToCreateSolution(generator.Solution(base + n)), &created);
    if (!status.ok()) {
      std::cerr << "publish: CreateSolution: " << status.error_message() << "\n";
      return 1;
    }
    // Matching indexes the solution and writes its matches in one
    // transaction; wait until it is in, then read the matches' times.
    const absl::Time deadline = absl::Now() + absl::Seconds(60);
    while (true) {
      absl::StatusOr<matching_pb::IndexStatus> now = IndexStatus(*matching, state->key);
      if (now.ok() && now->solutions_indexed() > indexed) {
        indexed = now->solutions_indexed();
        break;
      }
      if (absl::Now() > deadline) {
        std::cerr << "publish: matching did not index " << created.name() << " within 60 s\n";
        return 1;
      }
      absl::SleepFor(absl::Milliseconds(1));
    }
    // The index is updated just before the transaction commits: until it
    // has, the solution is unknown to ListMatches.
    absl::StatusOr<SolutionMatches> matches = CountMatches(*matching, state->key, created.name());
    while (!matches.ok() && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(1));
      matches = CountMatches(*matching, state->key, created.name());
    }
    const absl::Time committed = absl::Now();
    if (!matches.ok()) {
      std::cerr << "publish: ListMatches: " << matches.status() << "\n";
      return 1;
    }
    if (matches->count == 0) continue;  // fitted no open request
    matches_total += matches->count;
    latency.Record(committed - start);
    to_applying.Record(matches->created - start);
    applying.Record(committed - matches->created);
  }
  std::cout << absl::StrFormat(
      "new solution → its matches committed, %d solutions with matches (%d matches, %.1f "
      "each):\n",
      latency.count(), matches_total,
      latency.count() ? static_cast<double>(matches_total) / latency.count() : 0.0);
  PrintLatency("  publish-to-matched", latency);
  // The same clock on one machine: the match's create_time is stamped when
  // matching begins to apply the solution's event.
  PrintLatency("    of which publish, feed and wait until applied", to_applying);
  PrintLatency("    of which matching's apply and commit", applying);
  std::cout << absl::StrFormat(
      "{\"phase\": \"publish\", \"open_requests\": %d, \"solutions\": %d, \"p50_ms\": %.1f, "
      "\"p99_ms\": %.1f, \"max_ms\": %.1f}\n",
      before->adoption_requests_indexed(), before->solutions_indexed(),
      absl::ToDoubleMilliseconds(latency.Percentile(50)),
      absl::ToDoubleMilliseconds(latency.Percentile(99)),
      absl::ToDoubleMilliseconds(latency.max()));
  return 0;
}

}  // namespace
}  // namespace corematch::matching::bench

int main(int argc, char** argv) {
  using corematch::matching::bench::Flags;
  CLI::App app{"corematch-grpc-match-bench: matching measured from a gRPC client"};
  app.require_subcommand(1);
  Flags f;
  auto common = [&f](CLI::App* cmd) {
    cmd->add_option("--server", f.server, "host:port of corematch-server")->capture_default_str();
    cmd->add_option("--matching-server", f.matching_server,
                    "host:port of the matching service (default: --server)");
    cmd->add_option("--state", f.state, "Directory for what load leaves the other phases")
        ->capture_default_str();
    cmd->add_option("--clients", f.clients, "Concurrent clients")->capture_default_str();
  };
  CLI::App* load = app.add_subcommand("load", "Load a generated corpus through the APIs");
  common(load);
  load->add_option("--api-key-file", f.api_key_file, "The server's operator key")->required();
  load->add_option("--solutions", f.solutions, "Solutions")->capture_default_str();
  load->add_option("--requests", f.requests, "Open adoption requests")->capture_default_str();
  load->add_option("--seed", f.seed, "Corpus seed")->capture_default_str();
  load->add_option("--index-timeout", f.index_timeout_s, "Seconds to wait for matching");
  CLI::App* query = app.add_subcommand("query", "MatchAdoptionRequest latency and nDCG");
  common(query);
  query->add_option("--queries", f.queries, "Timed queries")->capture_default_str();
  query->add_option("--warmup", f.warmup, "Untimed queries first")->capture_default_str();
  CLI::App* publish = app.add_subcommand("publish", "New solution to matched requests");
  common(publish);
  publish->add_option("--new-solutions", f.new_solutions, "Solutions to publish, one at a time")
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  if (f.clients < 1) f.clients = 1;
  if (f.matching_server.empty()) f.matching_server = f.server;
  if (load->parsed()) return corematch::matching::bench::Load(f);
  if (query->parsed()) return corematch::matching::bench::Query(f);
  return corematch::matching::bench::Publish(f);
}
