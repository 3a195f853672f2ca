// clients/cli/eval_metrics.h
//
// The ranking quality measures `corematch eval` reports, computed for one
// request from its ranked solution ids and its judgements (eval_data.h), then
// averaged over the requests:
//
//   nDCG@k    sum over the top k of grade / log2(rank + 1), divided by the same
//             sum for the ideal ranking of all the request's judged solutions
//             with grade > 0 (linear gain, the TREC convention).
//   Recall@k  the share of the relevant solutions (grade >= 1) in the top k.
//   MRR@k     1 / the rank of the first relevant solution in the top k, 0 if
//             none is there.
//
// A request without a relevant solution has no defined nDCG or recall: it is
// skipped and counted as such. A solution id that appears twice in a ranking
// counts only where it first appears. Unjudged solutions have grade 0.
//
//   MetricsAccumulator all;
//   for (...) all.Add(EvaluateRanking(ranked_ids, qrels.by_request[id], 10));
//   MetricsSummary summary = all.Summary();
//   std::cout << SummaryJsonLine(summary, 10, "full", 1081) << "\n";
//
// Pure and thread-safe (an accumulator is not shared).
#ifndef COREMATCH_CLIENTS_CLI_EVAL_METRICS_H_
#define COREMATCH_CLIENTS_CLI_EVAL_METRICS_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "clients/cli/eval_data.h"

namespace corematch::cli {

double NdcgAtK(const std::vector<std::string>& ranked, const Grades& grades, int k);
double RecallAtK(const std::vector<std::string>& ranked, const Grades& grades, int k);
double ReciprocalRankAtK(const std::vector<std::string>& ranked, const Grades& grades, int k);

// The number of solutions with grade >= 1.
size_t RelevantCount(const Grades& grades);

struct RankingMetrics {
  double ndcg = 0;
  double recall = 0;
  double reciprocal_rank = 0;
  // Relevant solutions in the top k, and in all.
  size_t relevant_found = 0;
  size_t relevant = 0;
};

// The three measures at `k`, or nullopt if `grades` has no relevant solution.
std::optional<RankingMetrics> EvaluateRanking(const std::vector<std::string>& ranked,
                                              const Grades& grades, int k);

struct MetricsSummary {
  // Requests averaged over, and requests skipped for want of a relevant solution.
  size_t evaluated = 0;
  size_t skipped = 0;
  // Means over the evaluated requests; 0 if there are none.
  double ndcg = 0;
  double recall = 0;
  double mrr = 0;
};

class MetricsAccumulator final {
 public:
  // Adds a request's result; nullopt counts as skipped.
  void Add(const std::optional<RankingMetrics>& metrics);
  MetricsSummary Summary() const;

 private:
  MetricsSummary sums_;
};

// `text` as a JSON string literal, quotes included.
std::string JsonString(absl::string_view text);

// The last line `corematch eval` prints, one JSON object:
// {"ndcg@10": 0.5123, "recall@10": 0.6012, "mrr@10": 0.7001, "requests": 42,
//  "ranking": "full", "solutions": 1081}; the measures rounded to 4 places,
// requests the evaluated ones.
std::string SummaryJsonLine(const MetricsSummary& summary, int k, absl::string_view ranking,
                            size_t solutions);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_EVAL_METRICS_H_
