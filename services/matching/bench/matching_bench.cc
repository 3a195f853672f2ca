// corematch-matching-bench: the speed of matching on a generated corpus
// (corpus_generator.h), against the targets and against Xapian and
// SQLite FTS5 on the same corpus and the same needs, in one run.
//
//   corematch-matching-bench --solutions 100000 --queries 2000
//
// Phases, in order (each prints as it goes; a summary and one JSON line at
// the end):
//   1. Load the analyzer and the FreeDict pivot lexicon.
//   2. corematch build: generate, analyse (on --threads threads) and index
//      every solution (UpsertSolution, in order); VmRSS before and after. The
//      analysed documents are also written to a temporary file.
//   3. corematch queries: --queries adoption requests through
//      MatchingEngine::Match, top 20 with explanations (the texts of the 20
//      winners fetched for core elements and preconditions, by regenerating
//      them: the stand-in for the service's store), one after another on one
//      thread; latency percentiles, queries/s, nDCG@10 on the ground truth.
//      Then the same without fetching, to separate the engine's own time.
//   4. Publish: --open-requests open requests indexed (UpsertRequest); then
//      for each of --new-solutions fresh solutions what the matching service
//      does on publish: analyse and upsert it, LikelyAdopters(solution,
//      4000), and for each candidate whose estimate comes near its 20th
//      score, score and explain the solution (MatchSolution); it enters if
//      it beats that score. The 20th scores, which the service reads from its
//      store, come from a full ranking of each candidate, outside the timing.
//      --reach-sample N also ranks N other open requests per solution in full
//      to count the tops it should have entered.
//   5. Restart: a child process (this binary with --restart-from) creates the
//      analyzer, deserialises the lexicon blob, reads the analysed documents
//      and upserts them into a fresh engine: the time to serving, and the
//      resident memory of a process that holds only what a matching service
//      holds; then serves a few queries.
//   6. Xapian and 7. SQLite FTS5 (baselines.h): build, the same queries, nDCG.
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/algorithm/container.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "services/matching/analysis/analyzer.h"
#include "services/matching/bench/baselines.h"
#include "services/matching/bench/bench_util.h"
#include "services/matching/bench/corpus_generator.h"
#include "services/matching/engine/fingerprint.h"
#include "services/matching/engine/matching_engine.h"
#include "services/matching/translation/pivot_lexicon.h"

namespace corematch::matching::bench {
namespace {

constexpr size_t kTopK = 20;
// What the parent stamps its engine snapshot with.
constexpr absl::string_view kSnapshotTag = "matching-bench";
// The matching service's candidates on publish (match_planner.cc).
constexpr size_t kAdopterCandidates = 4000;

struct Flags {
  uint64_t solutions = 100000;
  uint64_t queries = 2000;
  uint64_t warmup = 100;
  uint64_t open_requests = 100000;
  uint64_t new_solutions = 200;
  uint64_t reach_sample = 0;
  uint64_t restart_queries = 200;
  uint64_t seed = 1;
  int threads = 2;
  std::vector<std::string> engines = {"corematch", "xapian", "fts5"};
  // Ranking variants (EngineOptions), to see what each part costs or adds.
  std::vector<std::string> corematch_options;
  bool publish = true;
  bool restart = true;
  bool no_fetch_pass = true;
  int query_rounds = 1;
  std::string tmpdir = "/tmp";
  std::string dictd_dir = "/usr/share/dictd";
  std::string json_out;
  // Leaves the analysed corpus and lexicon on disk, for rerunning the restart
  // child (and profiling it) without generating the corpus again.
  bool keep_work = false;
  // Child mode (phase 5).
  std::string restart_from;
  std::string restart_snapshot;
  std::string lexicon_blob;
};

EngineOptions OptionsFrom(const std::vector<std::string>& names) {
  EngineOptions options;
  for (const std::string& name : names) {
    if (name == "plain") options = EngineOptions::PlainBm25();
    if (name == "no-translation") options.translation = false;
    if (name == "no-compounds") options.compounds = false;
    if (name == "no-field-weights") options.field_weights = false;
    if (name == "no-context") options.context = false;
  }
  return options;
}

// Whether a solution scoring `score` for `need` is in the need's top kTopK
// (it is in the index, so ranking the need includes it).
// The need's kTopK-th score without `solution`: what the service has stored
// for the request before the solution arrives. nullopt when fewer rank.
std::optional<double> KthScoreWithout(const MatchingEngine& engine, NeedQuery need,
                                      absl::string_view solution) {
  need.top_k = kTopK + 1;
  std::vector<RankedSolution> top = engine.Match(need, nullptr);
  std::erase_if(top, [&](const RankedSolution& r) { return r.name == solution; });
  if (top.size() < kTopK) return std::nullopt;
  return top[kTopK - 1].score;
}

double Quantile(std::vector<double> values, double q) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[static_cast<size_t>(q * static_cast<double>(values.size() - 1))];
}

bool EntersTop(const MatchingEngine& engine, const NeedQuery& need, double score) {
  const std::vector<RankedSolution> top = engine.Match(need, nullptr);
  return top.size() < kTopK || score >= top.back().score;
}

struct QueryRun {
  LatencySummary latency;
  double ndcg = 0;
  size_t judged = 0;  // requests with at least one relevant solution
};

struct EngineResult {
  std::string name;
  bool ran = false;
  double build_seconds = 0;
  std::string build_note;
  int64_t memory_bytes = 0;
  std::string memory_note;
  QueryRun queries;
};

std::string FirstLineWith(const char* path, absl::string_view key) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (absl::StartsWith(line, key)) {
      const size_t colon = line.find(':');
      return std::string(absl::StripAsciiWhitespace(
          colon == std::string::npos ? line : absl::string_view(line).substr(colon + 1)));
    }
  }
  return "";
}

std::string Machine() {
  utsname u{};
  uname(&u);
  return absl::StrFormat(
      "%s; %u logical CPUs; %s RAM; Linux %s", FirstLineWith("/proc/cpuinfo", "model name"),
      std::thread::hardware_concurrency(), FirstLineWith("/proc/meminfo", "MemTotal"), u.release);
}

void Phase(absl::string_view name) {
  std::printf("\n== %s  (load %.2f, VmRSS %s)\n", std::string(name).c_str(), LoadAverage(),
              HumanBytes(ResidentBytes()).c_str());
  std::fflush(stdout);
}

void PrintLatency(absl::string_view what, const QueryRun& run) {
  std::printf("  %-34s %8.1f q/s  mean %6.2f  p50 %6.2f  p90 %6.2f  p99 %6.2f  max %7.2f ms",
              std::string(what).c_str(), run.latency.qps, run.latency.mean_ms, run.latency.p50_ms,
              run.latency.p90_ms, run.latency.p99_ms, run.latency.max_ms);
  if (run.judged > 0) std::printf("  nDCG@10 %.3f", run.ndcg);
  std::printf("\n");
  std::fflush(stdout);
}

// Runs `search` over `needs` (after `warmup` untimed ones) `rounds` times;
// nDCG from the first round.
template <typename Search>
QueryRun RunQueries(const std::vector<NeedQuery>& needs, const std::vector<NeedQuery>& warmup,
                    const GroundTruth* truth, int rounds, Search search) {
  for (const NeedQuery& need : warmup) search(need);
  std::vector<double> latencies;
  double ndcg_sum = 0;
  size_t judged = 0;
  for (int round = 0; round < rounds; ++round) {
    for (size_t q = 0; q < needs.size(); ++q) {
      Stopwatch watch;
      const std::vector<uint64_t> ranked = search(needs[q]);
      latencies.push_back(watch.Seconds());
      if (round == 0 && truth != nullptr) {
        if (std::optional<double> ndcg = truth->Ndcg(q, ranked); ndcg.has_value()) {
          ndcg_sum += *ndcg;
          ++judged;
        }
      }
    }
  }
  QueryRun run;
  // Exclude the nDCG bookkeeping from the wall time: qps from latencies.
  double busy = 0;
  for (double l : latencies) busy += l;
  run.latency = Summarize(latencies, busy);
  run.judged = judged;
  run.ndcg = judged == 0 ? 0 : ndcg_sum / static_cast<double>(judged);
  return run;
}

std::vector<uint64_t> Indices(const std::vector<RankedSolution>& ranked) {
  std::vector<uint64_t> out;
  for (const RankedSolution& r : ranked) {
    if (auto i = CorpusGenerator::SolutionIndex(r.name); i.has_value()) out.push_back(*i);
  }
  return out;
}

// --- Phase 5 in the child --------------------------------------------------------

int RestartChild(const Flags& flags) {
  Stopwatch total;
  Stopwatch step;
  absl::StatusOr<std::unique_ptr<Analyzer>> analyzer = Analyzer::Create();
  if (!analyzer.ok()) {
    std::fprintf(stderr, "%s\n", analyzer.status().ToString().c_str());
    return 1;
  }
  const double analyzer_seconds = step.Seconds();
  step = Stopwatch();
  std::unique_ptr<PivotLexicon> lexicon;
  if (!flags.lexicon_blob.empty()) {
    std::ifstream in(flags.lexicon_blob, std::ios::binary);
    const std::string blob((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    absl::StatusOr<std::unique_ptr<PivotLexicon>> loaded = PivotLexicon::Deserialize(blob);
    if (!loaded.ok()) {
      std::fprintf(stderr, "%s\n", loaded.status().ToString().c_str());
      return 1;
    }
    lexicon = *std::move(loaded);
  }
  const double lexicon_seconds = step.Seconds();
  step = Stopwatch();
  MatchingEngine engine(analyzer->get(), lexicon.get(), OptionsFrom(flags.corematch_options));
  double read_seconds = 0, upsert_seconds = 0;
  uint64_t count = 0;
  if (!flags.restart_snapshot.empty()) {
    // A clean restart: the snapshot the parent's engine wrote.
    if (absl::Status s = engine.LoadSnapshot(flags.restart_snapshot, kSnapshotTag); !s.ok()) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      return 1;
    }
    read_seconds = step.Seconds();
    count = engine.solution_count();
  } else {
    // After a crash: every analysed document added again.
    AnalyzedReader reader;
    if (absl::Status s = reader.Open(flags.restart_from); !s.ok()) {
      std::fprintf(stderr, "%s\n", s.ToString().c_str());
      return 1;
    }
    std::string name;
    IndexedDocument document;
    SolutionFeatures features;
    for (;;) {
      Stopwatch read;
      if (!reader.Next(name, document, features)) break;
      read_seconds += read.Seconds();
      Stopwatch upsert;
      engine.UpsertSolution(name, document, std::move(features));
      upsert_seconds += upsert.Seconds();
      ++count;
    }
    if (!reader.status().ok()) {
      std::fprintf(stderr, "%s\n", reader.status().ToString().c_str());
      return 1;
    }
  }
  const double rebuild_seconds = step.Seconds();
  const double serving_seconds = total.Seconds();
  const int64_t rss = ResidentBytes();
  const size_t engine_bytes = engine.memory_bytes();

  // Serving: the first queries of the freshly started process.
  CorpusGenerator generator(
      {.solutions = flags.solutions, .requests = flags.queries, .seed = flags.seed});
  const SolutionFetcher fetch =
      FetchEach([&](absl::string_view n) -> std::optional<SolutionRecord> {
        std::optional<uint64_t> i = CorpusGenerator::SolutionIndex(n);
        if (!i.has_value()) return std::nullopt;
        return generator.SolutionForExplanation(*i);
      });
  const GroundTruth truth(generator);
  std::vector<double> latencies;
  double first_query = 0;
  double ndcg_sum = 0;
  size_t judged = 0;
  // A digest of every ranking served, so that two builds can be checked to
  // rank alike.
  std::string rankings;
  for (uint64_t j = 0; j < flags.restart_queries; ++j) {
    const NeedQuery need = NeedOf(generator.Request(j), kTopK);
    Stopwatch watch;
    const std::vector<RankedSolution> ranked = engine.Match(need, fetch);
    latencies.push_back(watch.Seconds());
    if (j == 0) first_query = latencies.back();
    for (const RankedSolution& r : ranked) {
      absl::StrAppend(&rankings, r.name, " ", std::lround(r.score * 1e4), "\n");
    }
    if (std::optional<double> ndcg = truth.Ndcg(j, Indices(ranked)); ndcg.has_value()) {
      ndcg_sum += *ndcg;
      ++judged;
    }
  }
  const LatencySummary served = Summarize(latencies, 0);
  std::printf(
      "RESULT solutions %llu\nRESULT analyzer_seconds %.4f\nRESULT lexicon_seconds %.4f\n"
      "RESULT rebuild_seconds %.4f\nRESULT read_seconds %.4f\nRESULT upsert_seconds %.4f\n"
      "RESULT serving_seconds %.4f\nRESULT rss_bytes %lld\nRESULT engine_bytes %zu\n"
      "RESULT first_query_ms %.3f\nRESULT p50_ms %.3f\nRESULT p99_ms %.3f\n"
      "RESULT ndcg10 %.4f\nRESULT ranking_digest %u\n",
      static_cast<unsigned long long>(count), analyzer_seconds, lexicon_seconds, rebuild_seconds,
      read_seconds, upsert_seconds, serving_seconds, static_cast<long long>(rss), engine_bytes,
      1e3 * first_query, served.p50_ms, served.p99_ms,
      judged == 0 ? 0.0 : ndcg_sum / static_cast<double>(judged), Fingerprint32(rankings));
  return 0;
}

// Runs the child on `source`: "--restart-from FILE" or "--restart-snapshot FILE".
std::map<std::string, double> RunRestartChild(const Flags& flags, const std::string& source,
                                              const std::string& blob) {
  std::map<std::string, double> results;
  char exe[4096];
  const ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
  if (n <= 0) return results;
  exe[n] = '\0';
  const std::string command = absl::StrFormat(
      "'%s' %s --lexicon-blob '%s' --solutions %d --queries %d --seed %d "
      "--restart-queries %d%s",
      exe, source, blob, flags.solutions, flags.queries, flags.seed, flags.restart_queries,
      flags.corematch_options.empty()
          ? ""
          : absl::StrCat(" --corematch-options ", absl::StrJoin(flags.corematch_options, ",")));
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return results;
  char line[512];
  while (std::fgets(line, sizeof(line), pipe) != nullptr) {
    std::vector<std::string> parts = absl::StrSplit(absl::StripAsciiWhitespace(line), ' ');
    double value;
    if (parts.size() == 3 && parts[0] == "RESULT" && absl::SimpleAtod(parts[2], &value)) {
      results[parts[1]] = value;
    }
  }
  const int status = pclose(pipe);
  if (status != 0) std::printf("  restart child exited with status %d\n", status);
  return results;
}

// --- The run ------------------------------------------------------------------------

std::string Json(const std::map<std::string, double>& values) {
  std::vector<std::string> members;
  for (const auto& [key, value] : values) {
    members.push_back(absl::StrFormat("\"%s\":%.6g", key, value));
  }
  return absl::StrCat("{", absl::StrJoin(members, ","), "}");
}

int Run(const Flags& flags) {
  const bool run_corematch = absl::c_linear_search(flags.engines, "corematch");
  const bool run_xapian = absl::c_linear_search(flags.engines, "xapian");
  const bool run_fts5 = absl::c_linear_search(flags.engines, "fts5");
  std::map<std::string, double> json;
  json["solutions"] = static_cast<double>(flags.solutions);
  json["queries"] = static_cast<double>(flags.queries);
  json["load_start"] = LoadAverage();

  std::printf("corematch-matching-bench: %llu solutions, %llu queries (+%llu warm-up), seed %llu\n",
              static_cast<unsigned long long>(flags.solutions),
              static_cast<unsigned long long>(flags.queries),
              static_cast<unsigned long long>(flags.warmup),
              static_cast<unsigned long long>(flags.seed));
  std::printf("machine: %s\n", Machine().c_str());

  const std::string work =
      absl::StrCat(flags.tmpdir, "/corematch-matching-bench-", static_cast<long long>(getpid()));
  std::filesystem::create_directories(work);

  Phase("1. analyzer and lexicon");
  Stopwatch step;
  absl::StatusOr<std::unique_ptr<Analyzer>> analyzer_or = Analyzer::Create();
  if (!analyzer_or.ok()) {
    std::fprintf(stderr, "%s\n", analyzer_or.status().ToString().c_str());
    return 1;
  }
  const std::unique_ptr<Analyzer> analyzer = *std::move(analyzer_or);
  std::printf("  analyzer created in %.2f s\n", step.Seconds());
  step = Stopwatch();
  std::unique_ptr<PivotLexicon> lexicon;
  if (absl::StatusOr<std::unique_ptr<PivotLexicon>> loaded =
          PivotLexicon::Load(*analyzer, flags.dictd_dir);
      loaded.ok()) {
    lexicon = *std::move(loaded);
    std::printf("  pivot lexicon loaded from %s in %.2f s (%s)\n", flags.dictd_dir.c_str(),
                step.Seconds(), HumanBytes(lexicon->ApproximateMemoryUsage()).c_str());
  } else {
    std::printf("  NO pivot lexicon (%s): corematch runs without translation\n",
                loaded.status().ToString().c_str());
  }

  CorpusGenerator generator(
      {.solutions = flags.solutions, .requests = flags.queries, .seed = flags.seed});
  step = Stopwatch();
  const GroundTruth truth(generator);
  std::vector<NeedQuery> needs, warmup;
  for (uint64_t j = 0; j < flags.queries; ++j) needs.push_back(NeedOf(generator.Request(j), kTopK));
  for (uint64_t j = 0; j < flags.warmup; ++j) {
    warmup.push_back(NeedOf(generator.Request(flags.queries + j), kTopK));
  }
  std::printf("  corpus: %u topics; ground truth and %zu needs ready in %.2f s\n",
              generator.topic_count(), needs.size(), step.Seconds());
  {
    Stopwatch full;
    for (uint64_t i = 0; i < 2000; ++i) generator.Solution(i);
    const double full_us = full.Seconds() / 2000 * 1e6;
    Stopwatch part;
    for (uint64_t i = 0; i < 2000; ++i) generator.SolutionForExplanation(i);
    const double part_us = part.Seconds() / 2000 * 1e6;
    std::printf(
        "  generating a solution takes %.1f us; its explanation fields (the stand-in for a "
        "store read, up to 20 a query) %.1f us\n",
        full_us, part_us);
    json["fetch_us"] = part_us;
  }

  EngineResult core, xapian, fts5;
  core.name = "corematch";
  xapian.name = "Xapian";
  fts5.name = "SQLite FTS5";
  QueryRun core_nofetch;
  // The clean restart's figures (from the snapshot), and a crash restart's time.
  std::map<std::string, double> restart;
  double rebuild_seconds = 0;
  LatencySummary publish;

  if (run_corematch) {
    Phase("2. corematch build (analyse + index)");
    const int64_t rss_before = ResidentBytes();
    auto engine = std::make_unique<MatchingEngine>(analyzer.get(), lexicon.get(),
                                                   OptionsFrom(flags.corematch_options));
    const std::string analyzed_path = absl::StrCat(work, "/analyzed.bin");
    AnalyzedWriter writer;
    const bool write_analyzed = flags.restart && writer.Open(analyzed_path).ok();
    double index_seconds = 0, write_seconds = 0;
    Stopwatch build;
    constexpr uint64_t kBatch = 8192;
    std::vector<IndexedDocument> documents;
    std::vector<SolutionFeatures> features;
    for (uint64_t begin = 0; begin < flags.solutions; begin += kBatch) {
      const uint64_t end = std::min(flags.solutions, begin + kBatch);
      documents.assign(end - begin, IndexedDocument());
      features.assign(end - begin, SolutionFeatures());
      ParallelFor(begin, end, flags.threads, [&](size_t i, int) {
        const SolutionRecord s = generator.Solution(i);
        documents[i - begin] = engine->AnalyzeSolution(s);
        features[i - begin] = engine->FeaturesOf(s);
      });
      Stopwatch index;
      for (uint64_t i = begin; i < end; ++i) {
        engine->UpsertSolution(CorpusGenerator::SolutionName(i), documents[i - begin],
                               features[i - begin]);
      }
      index_seconds += index.Seconds();
      if (write_analyzed) {
        Stopwatch w;
        for (uint64_t i = begin; i < end; ++i) {
          writer.Write(CorpusGenerator::SolutionName(i), documents[i - begin], features[i - begin]);
        }
        write_seconds += w.Seconds();
      }
      if ((end / kBatch) % 16 == 0 || end == flags.solutions) {
        std::printf("  %llu/%llu solutions, %.0f s\n", static_cast<unsigned long long>(end),
                    static_cast<unsigned long long>(flags.solutions), build.Seconds());
        std::fflush(stdout);
      }
    }
    documents.clear();
    documents.shrink_to_fit();
    features.clear();
    features.shrink_to_fit();
    core.build_seconds = build.Seconds() - write_seconds;
    if (write_analyzed) {
      if (absl::Status s = writer.Close(); !s.ok()) std::printf("  %s\n", s.ToString().c_str());
    }
    const int64_t rss_after = ResidentBytes();
    core.ran = true;
    core.memory_bytes = rss_after;
    core.build_note = absl::StrFormat("generate+analyse on %d threads, index %.1f s of it",
                                      flags.threads, index_seconds);
    core.memory_note = absl::StrFormat("VmRSS %s before build; engine.memory_bytes() %s",
                                       HumanBytes(rss_before), HumanBytes(engine->memory_bytes()));
    std::printf("  built in %.1f s (%s)\n  VmRSS after build %s (%s)\n", core.build_seconds,
                core.build_note.c_str(), HumanBytes(rss_after).c_str(), core.memory_note.c_str());
    if (write_analyzed) {
      std::printf("  analysed documents written: %s\n", HumanBytes(writer.bytes()).c_str());
    }
    json["corematch_build_s"] = core.build_seconds;
    json["corematch_index_s"] = index_seconds;
    json["corematch_rss_bytes"] = static_cast<double>(rss_after);
    json["corematch_rss_before_bytes"] = static_cast<double>(rss_before);
    json["corematch_engine_bytes"] = static_cast<double>(engine->memory_bytes());

    Phase("3. corematch queries (Match, top 20, explanations)");
    const SolutionFetcher fetch =
        FetchEach([&](absl::string_view name) -> std::optional<SolutionRecord> {
          std::optional<uint64_t> i = CorpusGenerator::SolutionIndex(name);
          if (!i.has_value()) return std::nullopt;
          return generator.SolutionForExplanation(*i);
        });
    core.queries = RunQueries(needs, warmup, &truth, flags.query_rounds,
                              [&](const NeedQuery& n) { return Indices(engine->Match(n, fetch)); });
    PrintLatency("Match, texts of the top 20 fetched", core.queries);
    if (flags.no_fetch_pass) {
      core_nofetch = RunQueries(needs, {}, nullptr, 1, [&](const NeedQuery& n) {
        return Indices(engine->Match(n, nullptr));
      });
      PrintLatency("Match, no fetch", core_nofetch);
    }

    if (flags.publish) {
      Phase("4. publish: a new solution reaches the open requests it fits");
      const uint64_t first_open = flags.queries + flags.warmup;
      Stopwatch upsert;
      constexpr uint64_t kRequestBatch = 8192;
      std::vector<IndexedDocument> request_documents;
      std::vector<NeedFeatures> request_features;
      // Open requests by topic, for "fitting" (same topic, readable language).
      absl::flat_hash_map<uint32_t, std::vector<uint64_t>> open_by_topic;
      for (uint64_t begin = first_open; begin < first_open + flags.open_requests;
           begin += kRequestBatch) {
        const uint64_t end = std::min(first_open + flags.open_requests, begin + kRequestBatch);
        request_documents.assign(end - begin, IndexedDocument());
        request_features.assign(end - begin, NeedFeatures());
        ParallelFor(begin, end, flags.threads, [&](size_t j, int) {
          const RequestRecord r = generator.Request(j);
          request_documents[j - begin] = engine->AnalyzeRequest(r);
          request_features[j - begin] = engine->FeaturesOf(r);
        });
        for (uint64_t j = begin; j < end; ++j) {
          engine->UpsertRequest(CorpusGenerator::RequestName(j), request_documents[j - begin],
                                request_features[j - begin]);
          open_by_topic[generator.RequestTopic(j)].push_back(j);
        }
      }
      std::printf("  %llu open requests analysed and indexed in %.1f s; VmRSS %s\n",
                  static_cast<unsigned long long>(flags.open_requests), upsert.Seconds(),
                  HumanBytes(ResidentBytes()).c_str());

      std::vector<double> total, apply, find, rerank;
      size_t candidates = 0, reached = 0, fitting = 0, fitting_candidates = 0;
      size_t sample_enters = 0, sample_found = 0, sample_found_by_text = 0;
      std::vector<double> enter_places, enter_errors;
      size_t margin_lost = 0, scored_total = 0;
      for (uint64_t p = 0; p < flags.new_solutions; ++p) {
        const uint64_t i = flags.solutions + p;
        const GeneratedSolution fresh = generator.GenerateSolution(i);
        const SolutionRecord& s = fresh.record;
        Stopwatch t;
        const IndexedDocument document = engine->AnalyzeSolution(s);
        engine->UpsertSolution(s.name, document, engine->FeaturesOf(s));
        const double t_apply = t.Seconds();
        const std::vector<MatchingEngine::AdopterCandidate> adopters =
            engine->LikelyAdopters(s.name, document, kAdopterCandidates);
        const double t_find = t.Seconds() - t_apply;
        const SolutionFetcher only_this = FetchEach([&s](absl::string_view name) {
          return name == s.name ? std::optional<SolutionRecord>(s) : std::nullopt;
        });
        // Not timed: each candidate's need and 20th score, which the service
        // reads from its store (the score from the match index, two numbers
        // compared; the request only for those scored).
        std::vector<NeedQuery> needs(adopters.size());
        std::vector<std::optional<double>> kth(adopters.size());
        for (size_t c = 0; c < adopters.size(); ++c) {
          std::optional<uint64_t> j = CorpusGenerator::RequestIndex(adopters[c].name);
          if (!j.has_value()) continue;
          needs[c] = NeedOf(generator.Request(*j), kTopK);
          kth[c] = KthScoreWithout(*engine, needs[c], s.name);
        }
        // What the planner does with them (match_planner.cc, Enter).
        Stopwatch t_enter;
        size_t this_reached = 0, this_scored = 0;
        std::vector<std::pair<size_t, double>> entered;  // candidate, its score
        for (size_t c = 0; c < adopters.size(); ++c) {
          if (kth[c].has_value() &&
              adopters[c].estimate + MatchingEngine::kEstimateMargin < *kth[c]) {
            continue;
          }
          ++this_scored;
          std::optional<RankedSolution> one = engine->MatchSolution(needs[c], s.name, only_this);
          if (!one.has_value() || (kth[c].has_value() && one->score <= *kth[c])) continue;
          ++this_reached;
          entered.emplace_back(c, one->score);
        }
        const double t_all = t_apply + t_find + t_enter.Seconds();
        // Not timed: where the requests it entered lie in LikelyAdopters'
        // order, how far off their estimates were, and how many entries the
        // margin lost.
        for (const auto& [c, score] : entered) {
          enter_places.push_back(static_cast<double>(c));
          enter_errors.push_back(adopters[c].estimate - score);
        }
        for (size_t c = 0; c < adopters.size(); ++c) {
          if (!kth[c].has_value() ||
              adopters[c].estimate + MatchingEngine::kEstimateMargin >= *kth[c]) {
            continue;
          }
          std::optional<RankedSolution> one = engine->MatchSolution(needs[c], s.name, nullptr);
          margin_lost += one.has_value() && one->score > *kth[c];
        }
        scored_total += this_scored;
        // Not timed: a sample of all open requests, each ranked in full, and
        // what the solution's text as a query (FindAdopters) would have found.
        const std::vector<RankedRequest> by_text =
            flags.reach_sample > 0 ? engine->FindAdopters(s, 100) : std::vector<RankedRequest>();
        for (uint64_t n = 0; n < flags.reach_sample; ++n) {
          const uint64_t j = first_open + (p * 7919 + n * 104729) % flags.open_requests;
          const NeedQuery need = NeedOf(generator.Request(j), kTopK);
          std::optional<RankedSolution> one = engine->MatchSolution(need, s.name, nullptr);
          if (!one.has_value() || !EntersTop(*engine, need, one->score)) continue;
          ++sample_enters;
          const std::string name = CorpusGenerator::RequestName(j);
          sample_found += absl::c_any_of(entered, [&](const std::pair<size_t, double>& e) {
            return adopters[e.first].name == name;
          });
          sample_found_by_text +=
              absl::c_any_of(by_text, [&](const RankedRequest& r) { return r.name == name; });
        }
        total.push_back(t_all);
        apply.push_back(t_apply);
        find.push_back(t_find);
        rerank.push_back(t_all - t_apply - t_find);
        candidates += adopters.size();
        reached += this_reached;
        // Fitting open requests: same topic, and they read the language.
        const CorpusLanguage language = generator.SolutionLanguage(i);
        std::vector<std::string> candidate_names;
        for (const MatchingEngine::AdopterCandidate& r : adopters) {
          candidate_names.push_back(r.name);
        }
        for (uint64_t j : open_by_topic[fresh.topic]) {
          const auto accepted = generator.RequestAcceptedLanguages(j);
          if (!accepted.empty() && !absl::c_linear_search(accepted, language)) continue;
          ++fitting;
          fitting_candidates +=
              absl::c_linear_search(candidate_names, CorpusGenerator::RequestName(j));
        }
      }
      publish = Summarize(total, 0);
      const LatencySummary a = Summarize(apply, 0), f = Summarize(find, 0),
                           r = Summarize(rerank, 0);
      const double per_solution =
          1.0 / static_cast<double>(std::max<uint64_t>(1, flags.new_solutions));
      std::printf(
          "  publish to matches, %llu new solutions: p50 %.1f ms  p99 %.1f ms  max %.1f ms\n"
          "    analyse+upsert p50 %.2f / p99 %.2f ms; LikelyAdopters(%zu) p50 %.2f / p99 %.2f ms; "
          "the candidates near their 20th score scored (MatchSolution) p50 %.1f / p99 %.1f ms\n"
          "    %.1f candidates a solution, %.1f of them scored, %.1f took it into their top 20 "
          "(places in LikelyAdopters' order p50 %.0f, p90 %.0f, last %.0f; estimate less score "
          "min %.4f, p50 %.4f, max %.4f; lost to the margin: %zu)\n"
          "    fitting open requests (same topic, readable): %.1f a solution, %.1f%% of them "
          "among the candidates\n",
          static_cast<unsigned long long>(flags.new_solutions), publish.p50_ms, publish.p99_ms,
          publish.max_ms, a.p50_ms, a.p99_ms, kAdopterCandidates, f.p50_ms, f.p99_ms, r.p50_ms,
          r.p99_ms, static_cast<double>(candidates) * per_solution,
          static_cast<double>(scored_total) * per_solution,
          static_cast<double>(reached) * per_solution, Quantile(enter_places, 0.5),
          Quantile(enter_places, 0.9), Quantile(enter_places, 1), Quantile(enter_errors, 0),
          Quantile(enter_errors, 0.5), Quantile(enter_errors, 1), margin_lost,
          static_cast<double>(fitting) * per_solution,
          fitting == 0 ? 0.0 : 100.0 * fitting_candidates / fitting);
      if (flags.reach_sample > 0) {
        const double checked = static_cast<double>(flags.reach_sample * flags.new_solutions);
        std::printf(
            "    of %.0f open requests sampled and ranked in full, %zu would take the new solution "
            "into their top 20 (about %.1f of the %llu open requests a solution); it entered %zu "
            "of them; FindAdopters (the solution's text as the query) had %zu among its 100\n",
            checked, sample_enters,
            sample_enters / checked * static_cast<double>(flags.open_requests),
            static_cast<unsigned long long>(flags.open_requests), sample_found,
            sample_found_by_text);
        json["publish_sample_enters"] = static_cast<double>(sample_enters);
        json["publish_sample_found"] = static_cast<double>(sample_found);
        json["publish_sample_found_by_text"] = static_cast<double>(sample_found_by_text);
      }
      json["publish_p50_ms"] = publish.p50_ms;
      json["publish_p99_ms"] = publish.p99_ms;
      json["publish_likely_adopters_p99_ms"] = f.p99_ms;
      json["publish_candidates_p99_ms"] = r.p99_ms;
      json["publish_entered_per_solution"] = static_cast<double>(reached) * per_solution;
      json["publish_scored_per_solution"] = static_cast<double>(scored_total) * per_solution;
      json["publish_fitting_recall"] = fitting == 0 ? 0.0 : 1.0 * fitting_candidates / fitting;
    }
    const std::string snapshot_path = absl::StrCat(work, "/engine.snapshot");
    if (write_analyzed) {
      // What a clean stop of the service writes (with the publish phase's
      // open requests in it).
      Stopwatch watch;
      if (absl::Status s = engine->SaveSnapshot(snapshot_path, kSnapshotTag); !s.ok()) {
        std::printf("  snapshot: %s\n", s.ToString().c_str());
      } else {
        const double seconds = watch.Seconds();
        const auto bytes = std::filesystem::file_size(snapshot_path);
        std::printf("  engine snapshot written in %.2f s (%s)\n", seconds,
                    HumanBytes(static_cast<int64_t>(bytes)).c_str());
        json["snapshot_write_s"] = seconds;
        json["snapshot_bytes"] = static_cast<double>(bytes);
      }
    }
    engine.reset();

    if (write_analyzed) {
      Phase("5. restart to serving (child process, no text analysis)");
      const std::string blob_path = absl::StrCat(work, "/lexicon.blob");
      if (lexicon != nullptr) {
        std::ofstream out(blob_path, std::ios::binary);
        out << lexicon->Serialize();
      }
      const std::string blob = lexicon != nullptr ? blob_path : "";
      std::map<std::string, double> clean;
      for (const auto& [label, source, prefix] :
           {std::tuple<const char*, std::string, std::string>{
                "after a clean stop: load the engine snapshot",
                absl::StrCat("--restart-snapshot '", snapshot_path, "'"), "restart_"},
            {"after a crash: read + upsert every analysed solution",
             absl::StrCat("--restart-from '", analyzed_path, "'"), "crash_restart_"}}) {
        restart = RunRestartChild(flags, source, blob);
        if (!restart.contains("serving_seconds")) continue;
        std::printf(
            "  %s\n"
            "    serving after %.2f s: analyzer %.2f s, lexicon blob %.2f s, index of %llu "
            "solutions %.2f s (read %.2f, upsert %.2f)\n"
            "    VmRSS of the restarted process %s (engine.memory_bytes() %s)\n"
            "    its first query %.1f ms; %llu queries p50 %.2f / p99 %.2f ms\n",
            label, restart["serving_seconds"], restart["analyzer_seconds"],
            restart["lexicon_seconds"], static_cast<unsigned long long>(restart["solutions"]),
            restart["rebuild_seconds"], restart["read_seconds"], restart["upsert_seconds"],
            HumanBytes(static_cast<int64_t>(restart["rss_bytes"])).c_str(),
            HumanBytes(static_cast<int64_t>(restart["engine_bytes"])).c_str(),
            restart["first_query_ms"], static_cast<unsigned long long>(flags.restart_queries),
            restart["p50_ms"], restart["p99_ms"]);
        for (const auto& [key, value] : restart) json[prefix + key] = value;
        if (prefix == "restart_") clean = restart;
        if (prefix == "crash_restart_") rebuild_seconds = restart["serving_seconds"];
      }
      restart = clean;
      if (flags.keep_work) {
        std::printf("  kept: --restart-from '%s' or --restart-snapshot '%s', --lexicon-blob '%s'\n",
                    analyzed_path.c_str(), snapshot_path.c_str(), blob_path.c_str());
      } else {
        std::filesystem::remove(snapshot_path);
        std::filesystem::remove(analyzed_path);
        std::filesystem::remove(blob_path);
      }
    }
  }

  if (run_xapian) {
    Phase("6. Xapian (on-disk glass, BM25, Snowball stemmers, OP_OR)");
    XapianBaseline x(analyzer.get(), absl::StrCat(work, "/xapian"));
    absl::StatusOr<BaselineBuild> built = x.Build(generator, flags.solutions, flags.threads);
    if (!built.ok()) {
      std::printf("  %s\n", built.status().ToString().c_str());
    } else {
      xapian.ran = true;
      xapian.build_seconds = built->seconds;
      xapian.memory_bytes = built->bytes;
      xapian.build_note = absl::StrFormat("documents built on %d threads", flags.threads);
      xapian.memory_note = "database on disk (page cache)";
      std::printf("  built in %.1f s; database %s on disk; VmRSS %s\n", built->seconds,
                  HumanBytes(built->bytes).c_str(), HumanBytes(ResidentBytes()).c_str());
      xapian.queries = RunQueries(needs, warmup, &truth, flags.query_rounds,
                                  [&](const NeedQuery& n) { return x.Search(n, kTopK); });
      PrintLatency("Xapian top 20", xapian.queries);
    }
  }

  if (run_fts5) {
    Phase("7. SQLite FTS5 (in memory, unicode61, bm25())");
    Fts5Baseline f(analyzer.get());
    absl::StatusOr<BaselineBuild> built = f.Build(generator, flags.solutions);
    if (!built.ok()) {
      std::printf("  %s\n", built.status().ToString().c_str());
    } else {
      fts5.ran = true;
      fts5.build_seconds = built->seconds;
      fts5.memory_bytes = built->bytes;
      fts5.build_note = "one thread (SQLite tokenises inside INSERT), then 'optimize'";
      fts5.memory_note = "sqlite3_memory_used()";
      std::printf("  built in %.1f s; SQLite heap %s; VmRSS %s\n", built->seconds,
                  HumanBytes(built->bytes).c_str(), HumanBytes(ResidentBytes()).c_str());
      fts5.queries = RunQueries(needs, warmup, &truth, flags.query_rounds,
                                [&](const NeedQuery& n) { return f.Search(n, kTopK); });
      PrintLatency("FTS5 top 20", fts5.queries);
    }
  }

  Phase("Summary");
  std::printf("  %-12s %10s %12s %10s %9s %9s %9s\n", "engine", "build s", "memory", "q/s",
              "p50 ms", "p99 ms", "nDCG@10");
  for (const EngineResult* e : {&core, &xapian, &fts5}) {
    if (!e->ran) continue;
    std::printf("  %-12s %10.1f %12s %10.1f %9.2f %9.2f %9.3f\n", e->name.c_str(), e->build_seconds,
                HumanBytes(e->memory_bytes).c_str(), e->queries.latency.qps,
                e->queries.latency.p50_ms, e->queries.latency.p99_ms, e->queries.ndcg);
    const std::string key = absl::AsciiStrToLower(absl::StrReplaceAll(e->name, {{" ", "_"}}));
    json[key + "_qps"] = e->queries.latency.qps;
    json[key + "_p50_ms"] = e->queries.latency.p50_ms;
    json[key + "_p99_ms"] = e->queries.latency.p99_ms;
    json[key + "_ndcg10"] = e->queries.ndcg;
    json[key + "_build_s"] = e->build_seconds;
  }
  if (core.ran && core_nofetch.latency.count > 0) {
    json["corematch_nofetch_p50_ms"] = core_nofetch.latency.p50_ms;
    json["corematch_nofetch_p99_ms"] = core_nofetch.latency.p99_ms;
    json["corematch_nofetch_qps"] = core_nofetch.latency.qps;
  }
  for (const EngineResult* e : {&xapian, &fts5}) {
    if (!core.ran || !e->ran) continue;
    std::printf("  corematch vs %-12s q/s x%.2f, p99 x%.2f, nDCG@10 %+.3f\n", e->name.c_str(),
                core.queries.latency.qps / e->queries.latency.qps,
                core.queries.latency.p99_ms / e->queries.latency.p99_ms,
                core.queries.ndcg - e->queries.ndcg);
  }
  if (core.ran) {
    std::printf("\n  targets (issue 3, at 1,000,000 solutions; this run has %llu):\n",
                static_cast<unsigned long long>(flags.solutions));
    std::printf("    Match top-20 p99 <= 10 ms (engine level, no gRPC): %.2f ms\n",
                core.queries.latency.p99_ms);
    if (restart.contains("rss_bytes")) {
      std::printf("    resident memory <= 1.5 GiB: %s (restarted process), %s (this process)\n",
                  HumanBytes(static_cast<int64_t>(restart["rss_bytes"])).c_str(),
                  HumanBytes(core.memory_bytes).c_str());
      std::printf("    restart to serving <= 10 s: %.2f s (after a crash: %.2f s)\n",
                  restart["serving_seconds"], rebuild_seconds);
    }
    if (flags.publish) {
      std::printf(
          "    new solution to every fitting open request (%llu open) <= 1 s: p99 %.0f ms\n",
          static_cast<unsigned long long>(flags.open_requests), publish.p99_ms);
    }
  }
  json["load_end"] = LoadAverage();
  json["peak_rss_bytes"] = static_cast<double>(PeakResidentBytes());
  const std::string line = Json(json);
  std::printf("\n%s\n", line.c_str());
  if (!flags.json_out.empty()) {
    std::ofstream out(flags.json_out);
    out << line << "\n";
  }
  std::error_code error;
  if (!flags.keep_work) std::filesystem::remove_all(work, error);
  return 0;
}

}  // namespace
}  // namespace corematch::matching::bench

int main(int argc, char** argv) {
  corematch::matching::bench::Flags flags;
  CLI::App app(
      "Matching speed on a generated corpus: corematch's MatchingEngine against the issue's "
      "targets, Xapian and SQLite FTS5");
  app.add_option("--solutions", flags.solutions, "Solutions in the corpus")->capture_default_str();
  app.add_option("--queries", flags.queries, "Adoption requests to rank solutions for")
      ->capture_default_str();
  app.add_option("--warmup", flags.warmup, "Untimed queries first, per engine")
      ->capture_default_str();
  app.add_option("--open-requests", flags.open_requests, "Open requests for the publish phase")
      ->capture_default_str();
  app.add_option("--new-solutions", flags.new_solutions, "Solutions published in that phase")
      ->capture_default_str();
  app.add_option("--reach-sample", flags.reach_sample,
                 "Open requests per new solution checked by full ranking for whether the "
                 "solution enters their top 20, to measure how many of those FindAdopters finds")
      ->capture_default_str();
  app.add_option("--restart-queries", flags.restart_queries, "Queries the restarted process serves")
      ->capture_default_str();
  app.add_option("--seed", flags.seed, "Corpus seed")->capture_default_str();
  app.add_option("--threads", flags.threads, "Threads for analysis / document building")
      ->capture_default_str();
  app.add_option("--engines", flags.engines, "Any of corematch, xapian, fts5")
      ->delimiter(',')
      ->capture_default_str();
  app.add_option("--corematch-options", flags.corematch_options,
                 "Ranking variant: plain, no-translation, no-compounds, no-field-weights, "
                 "no-context")
      ->delimiter(',');
  app.add_flag("!--no-publish", flags.publish, "Skip the publish phase");
  app.add_flag("!--no-restart", flags.restart, "Skip the restart phase");
  app.add_flag("!--no-nofetch-pass", flags.no_fetch_pass, "Skip the Match pass without fetch");
  app.add_option("--query-rounds", flags.query_rounds, "Repeat the timed queries (for profiling)")
      ->capture_default_str();
  app.add_option("--tmpdir", flags.tmpdir, "Where the temporary files go")->capture_default_str();
  app.add_option("--dictd-dir", flags.dictd_dir, "FreeDict dictionaries")->capture_default_str();
  app.add_flag("--keep-work", flags.keep_work,
               "Keep the analysed corpus for rerunning the restart child");
  app.add_option("--json-out", flags.json_out, "Also write the result line to this file");
  app.add_option("--restart-from", flags.restart_from, "(internal) child mode: rebuild from file");
  app.add_option("--restart-snapshot", flags.restart_snapshot,
                 "(internal) child mode: load the engine snapshot");
  app.add_option("--lexicon-blob", flags.lexicon_blob, "(internal) serialised pivot lexicon");
  CLI11_PARSE(app, argc, argv);
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  if (!flags.restart_from.empty() || !flags.restart_snapshot.empty())
    return corematch::matching::bench::RestartChild(flags);
  return corematch::matching::bench::Run(flags);
}
