// clients/cli/eval_command.cc
#include "clients/cli/eval_command.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/time/time.h"
#include "clients/cli/connection.h"
#include "clients/cli/demo_rows.h"
#include "clients/cli/eval_data.h"
#include "clients/cli/eval_metrics.h"
#include "clients/cli/eval_runner.h"
#include "clients/cli/output.h"

namespace corematch::cli {
namespace {

constexpr int kMaxTopK = 100;  // MatchAdoptionRequest's limit.
constexpr size_t kVerboseTop = 5;

struct EvalFlags {
  std::string solutions;
  std::string requests;
  std::string qrels;
  std::string ranking = "full";
  std::string server_binary;
  std::string lexicon_cache;
  int k = 10;
  bool verbose = false;
  double index_timeout_seconds = 120;
  int parallelism = 8;
};

// --- Interruption ------------------------------------------------------------------

std::atomic<bool> interrupted{false};

// The first SIGINT or SIGTERM asks the run to stop and clean up; a second one
// ends the process at once.
extern "C" void OnInterrupt(int signal) {
  if (interrupted.exchange(true)) {
    struct sigaction default_action = {};
    default_action.sa_handler = SIG_DFL;
    ::sigaction(signal, &default_action, nullptr);
    ::raise(signal);
  }
}

// Handles SIGINT and SIGTERM while it lives, so that the server is stopped and
// its directory removed when the user interrupts a run.
class InterruptGuard final {
 public:
  InterruptGuard() {
    interrupted = false;
    struct sigaction action = {};
    action.sa_handler = OnInterrupt;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, &old_int_);
    ::sigaction(SIGTERM, &action, &old_term_);
  }
  ~InterruptGuard() {
    ::sigaction(SIGINT, &old_int_, nullptr);
    ::sigaction(SIGTERM, &old_term_, nullptr);
  }
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;

 private:
  struct sigaction old_int_ = {};
  struct sigaction old_term_ = {};
};

// --- Inputs --------------------------------------------------------------------------

struct Inputs {
  EvalInputs eval;
  Qrels qrels;
};

absl::StatusOr<Inputs> ReadInputs(const EvalFlags& f) {
  Inputs inputs;
  std::ifstream solutions(f.solutions);
  if (!solutions) return absl::InvalidArgumentError(absl::StrCat("cannot read ", f.solutions));
  absl::StatusOr<std::vector<DemoRow>> rows = ReadDemoRows(solutions, f.solutions);
  if (!rows.ok()) return rows.status();
  inputs.eval.solutions = *std::move(rows);
  std::ifstream requests(f.requests);
  if (!requests) return absl::InvalidArgumentError(absl::StrCat("cannot read ", f.requests));
  absl::StatusOr<std::vector<EvalRequest>> parsed = ReadEvalRequests(requests, f.requests);
  if (!parsed.ok()) return parsed.status();
  inputs.eval.requests = *std::move(parsed);
  std::ifstream qrels(f.qrels);
  if (!qrels) return absl::InvalidArgumentError(absl::StrCat("cannot read ", f.qrels));
  absl::StatusOr<Qrels> judged = ReadQrels(qrels, f.qrels);
  if (!judged.ok()) return judged.status();
  inputs.qrels = *std::move(judged);
  if (inputs.eval.solutions.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(f.solutions, " has no solutions"));
  }
  if (inputs.eval.requests.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(f.requests, " has no requests"));
  }
  return inputs;
}

// Notes on judgements the run cannot use; fails if no request can be measured.
absl::Status CheckJudgements(const Inputs& inputs, const EvalFlags& f, std::ostream& err) {
  std::set<std::string> request_ids;
  size_t measurable = 0;
  for (const EvalRequest& request : inputs.eval.requests) {
    request_ids.insert(request.id);
    auto it = inputs.qrels.by_request.find(request.id);
    if (it != inputs.qrels.by_request.end() && RelevantCount(it->second) > 0) ++measurable;
  }
  if (measurable == 0) {
    return absl::InvalidArgumentError(absl::StrCat(
        "no request of ", f.requests, " has a relevant judgement (grade >= 1) in ", f.qrels));
  }
  std::set<std::string> solution_ids;
  for (const DemoRow& row : inputs.eval.solutions) solution_ids.insert(row.id);
  size_t unknown_requests = 0;
  size_t unknown_solutions = 0;
  for (const auto& [request, grades] : inputs.qrels.by_request) {
    if (!request_ids.contains(request)) ++unknown_requests;
    for (const auto& [solution, grade] : grades) {
      if (grade > 0 && !solution_ids.contains(solution)) ++unknown_solutions;
    }
  }
  if (unknown_requests > 0) {
    err << "eval: note: " << unknown_requests << " requests of " << f.qrels << " are not in "
        << f.requests << "\n";
  }
  if (unknown_solutions > 0) {
    err << "eval: note: " << unknown_solutions << " relevant judgements name solutions not in "
        << f.solutions << "; they can never be found\n";
  }
  return absl::OkStatus();
}

// --- Output --------------------------------------------------------------------------

const Grades& GradesOf(const Qrels& qrels, const std::string& request_id) {
  static const Grades kNone;
  auto it = qrels.by_request.find(request_id);
  return it == qrels.by_request.end() ? kNone : it->second;
}

// "ipso-10212:2 ipso-10018:1 dpg-x:-": the top of a ranking with the grades.
std::string TopWithGrades(const std::vector<std::string>& ranked, const Grades& grades) {
  std::vector<std::string> cells;
  for (size_t i = 0; i < ranked.size() && i < kVerboseTop; ++i) {
    auto it = grades.find(ranked[i]);
    cells.push_back(
        absl::StrCat(ranked[i], ":", it == grades.end() ? "-" : absl::StrCat(it->second)));
  }
  return absl::StrJoin(cells, " ");
}

std::string RequestLine(const std::string& id, const std::optional<RankingMetrics>& metrics,
                        const std::vector<std::string>& ranked, const Grades& grades, int k) {
  if (!metrics) return absl::StrCat(id, "  skipped: no relevant judgement");
  return absl::StrFormat("%s  nDCG@%d %.3f  Recall@%d %.3f  RR %.3f  found %d/%d  top: %s", id, k,
                         metrics->ndcg, k, metrics->recall, metrics->reciprocal_rank,
                         metrics->relevant_found, metrics->relevant, TopWithGrades(ranked, grades));
}

std::string RequestJsonLine(const std::string& id, const std::optional<RankingMetrics>& metrics,
                            int k) {
  if (!metrics) return absl::StrFormat("{\"request\": %s, \"skipped\": true}", JsonString(id));
  return absl::StrFormat(
      "{\"request\": %s, \"ndcg@%d\": %.4f, \"recall@%d\": %.4f, \"rr@%d\": %.4f}", JsonString(id),
      k, metrics->ndcg, k, metrics->recall, k, metrics->reciprocal_rank);
}

void PrintSummary(CommandContext& ctx, const EvalFlags& f, const MetricsSummary& summary,
                  size_t solutions) {
  std::ostream& out = ctx.out();
  if (ctx.printer().format() == OutputFormat::kTable) {
    out << "corematch eval: ranking " << f.ranking << ", " << solutions << " solutions, "
        << summary.evaluated << " requests measured at k = " << f.k << "\n";
    out << absl::StrFormat("  nDCG@%-4d  %.4f\n  Recall@%-2d  %.4f\n  MRR@%-5d  %.4f\n", f.k,
                           summary.ndcg, f.k, summary.recall, f.k, summary.mrr);
    if (summary.skipped > 0) {
      out << "  " << summary.skipped << " requests skipped: no relevant judgement\n";
    }
  }
  out << SummaryJsonLine(summary, f.k, f.ranking, solutions) << "\n";
}

// --- The run -------------------------------------------------------------------------

int Eval(CommandContext& ctx, const EvalFlags& f) {
  if (f.k < 1 || f.k > kMaxTopK) return ctx.UsageError("--k must be between 1 and 100");
  absl::StatusOr<Inputs> inputs = ReadInputs(f);
  if (!inputs.ok()) return ctx.UsageError(inputs.status());
  if (absl::Status checked = CheckJudgements(*inputs, f, ctx.err()); !checked.ok()) {
    return ctx.UsageError(checked);
  }
  std::string binary = f.server_binary.empty() ? DefaultServerBinary() : f.server_binary;
  if (binary.empty() || ::access(binary.c_str(), X_OK) != 0) {
    return ctx.UsageError(
        absl::StrCat("no corematch-server at \"", binary, "\"; pass --server-binary PATH"));
  }

  InterruptGuard interrupt_guard;
  std::ostream& err = ctx.err();
  err << "eval: starting " << binary << " (--matching_ranking=" << f.ranking << ")\n";
  ServerProcess::Options server_options;
  server_options.binary = binary;
  server_options.extra_args = {absl::StrCat("--matching_ranking=", f.ranking)};
  if (!f.lexicon_cache.empty()) {
    server_options.extra_args.push_back(absl::StrCat("--lexicon_cache=", f.lexicon_cache));
  }
  absl::StatusOr<std::unique_ptr<ServerProcess>> server = ServerProcess::Start(server_options);
  if (!server.ok()) {
    err << "error: cannot start the server: " << server.status().message() << "\n";
    return kExitServer;
  }
  err << "eval: server listening on " << (*server)->address() << ", data in "
      << (*server)->directory() << "\n";

  ConnectionOptions connection_options;
  connection_options.target = (*server)->address();
  connection_options.api_key = (*server)->operator_key();
  connection_options.timeout = absl::Seconds(ctx.options().timeout_seconds);
  Connection connection(std::move(connection_options));
  EvalRunOptions run_options;
  run_options.top_k = f.k;
  run_options.parallelism = f.parallelism;
  run_options.index_timeout = absl::Seconds(f.index_timeout_seconds);
  run_options.progress = [&err](absl::string_view line) { err << "eval: " << line << "\n"; };
  run_options.cancelled = [] { return interrupted.load(); };
  absl::StatusOr<EvalRun> run = RunEvaluation(connection, inputs->eval, run_options);
  absl::Status stopped = (*server)->Stop();
  if (!run.ok()) {
    err << "error: " << run.status().message() << "\n";
    return kExitServer;
  }
  if (!stopped.ok()) err << "eval: warning: " << stopped.message() << "\n";
  err << "eval: loading took "
      << absl::FormatDuration(absl::Trunc(run->load_time, absl::Milliseconds(1))) << ", indexing "
      << absl::FormatDuration(absl::Trunc(run->index_time, absl::Milliseconds(1))) << ", ranking "
      << absl::FormatDuration(absl::Trunc(run->match_time, absl::Milliseconds(1))) << "\n";

  MetricsAccumulator accumulator;
  bool json = ctx.printer().format() == OutputFormat::kJson;
  for (const EvalRequest& request : inputs->eval.requests) {
    const std::vector<std::string>& ranked = run->rankings[request.id];
    const Grades& grades = GradesOf(inputs->qrels, request.id);
    std::optional<RankingMetrics> metrics = EvaluateRanking(ranked, grades, f.k);
    accumulator.Add(metrics);
    if (!f.verbose) continue;
    ctx.out() << (json ? RequestJsonLine(request.id, metrics, f.k)
                       : RequestLine(request.id, metrics, ranked, grades, f.k))
              << "\n";
  }
  PrintSummary(ctx, f, accumulator.Summary(), run->solutions);
  return kExitOk;
}

}  // namespace

void AddEvalCommand(CLI::App& app, CommandContext& ctx) {
  CLI::App* cmd = app.add_subcommand(
      "eval",
      "Measure matching quality (nDCG, Recall, MRR at k) on a fresh temporary server of its own");
  cmd->footer(
      "Starts corematch-server --services=all on 127.0.0.1:0 with its data in a temporary\n"
      "directory, loads the solutions, files the requests (one organisation per org_name),\n"
      "waits for matching to index them and ranks each request's top k; stops the server and\n"
      "removes the directory at the end. --server is not used. The last line printed is one\n"
      "JSON object. Exit codes: 0 measured, 1 bad flags or files, 2 server or call failure.");
  auto f = std::make_shared<EvalFlags>();
  cmd->add_option("--solutions", f->solutions,
                  "JSON lines: id, title, description, language, country, origin_org, sector, tags")
      ->required();
  cmd->add_option("--requests", f->requests,
                  "JSON lines: id, text, language, country, org_name, org_type, population, "
                  "sector, target_group")
      ->required();
  cmd->add_option("--qrels", f->qrels, "TSV with a header: request_id, solution_id, grade (0-2)")
      ->required();
  cmd->add_option("--ranking", f->ranking,
                  "The server's --matching_ranking: full, or plain_bm25 (the baseline)")
      ->check(CLI::IsMember({"full", "plain_bm25"}))
      ->capture_default_str();
  cmd->add_option("--server-binary", f->server_binary,
                  "corematch-server to start (default: the one next to this corematch)");
  cmd->add_option("--lexicon-cache", f->lexicon_cache,
                  "The server's --lexicon_cache: reuse matching's cross-language lexicon across "
                  "runs instead of building it from the dictionaries each time");
  cmd->add_option("--k", f->k, "Measure the top k (1-100)")
      ->check(CLI::Range(1, kMaxTopK))
      ->capture_default_str();
  cmd->add_flag("-v,--verbose", f->verbose, "Also print a line per request");
  cmd->add_option("--index-timeout", f->index_timeout_seconds,
                  "Seconds to wait for matching to index everything")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--parallel", f->parallelism, "CreateSolution calls in flight at once")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  OnRun(cmd, ctx, [&ctx, f] { return Eval(ctx, *f); });
}

}  // namespace corematch::cli
