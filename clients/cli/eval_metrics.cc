// clients/cli/eval_metrics.cc
#include "clients/cli/eval_metrics.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace corematch::cli {
namespace {

int GradeOf(const Grades& grades, const std::string& id) {
  auto it = grades.find(id);
  return it == grades.end() ? 0 : it->second;
}

// The grade at each of the first k ranks; a repeated id gets 0.
std::vector<int> GainsAtK(const std::vector<std::string>& ranked, const Grades& grades, int k) {
  std::vector<int> gains;
  std::set<std::string> seen;
  for (size_t i = 0; i < ranked.size() && static_cast<int>(i) < k; ++i) {
    gains.push_back(seen.insert(ranked[i]).second ? GradeOf(grades, ranked[i]) : 0);
  }
  return gains;
}

double Dcg(const std::vector<int>& gains) {
  double dcg = 0;
  for (size_t i = 0; i < gains.size(); ++i) {
    dcg += gains[i] / std::log2(static_cast<double>(i) + 2);
  }
  return dcg;
}

}  // namespace

double NdcgAtK(const std::vector<std::string>& ranked, const Grades& grades, int k) {
  std::vector<int> ideal;
  for (const auto& [id, grade] : grades) {
    if (grade > 0) ideal.push_back(grade);
  }
  std::sort(ideal.begin(), ideal.end(), std::greater<int>());
  if (static_cast<int>(ideal.size()) > k) ideal.resize(std::max(k, 0));
  double ideal_dcg = Dcg(ideal);
  if (ideal_dcg <= 0) return 0;
  return Dcg(GainsAtK(ranked, grades, k)) / ideal_dcg;
}

size_t RelevantCount(const Grades& grades) {
  return std::count_if(grades.begin(), grades.end(),
                       [](const auto& entry) { return entry.second >= 1; });
}

double RecallAtK(const std::vector<std::string>& ranked, const Grades& grades, int k) {
  size_t relevant = RelevantCount(grades);
  if (relevant == 0) return 0;
  std::vector<int> gains = GainsAtK(ranked, grades, k);
  size_t found = std::count_if(gains.begin(), gains.end(), [](int gain) { return gain >= 1; });
  return static_cast<double>(found) / static_cast<double>(relevant);
}

double ReciprocalRankAtK(const std::vector<std::string>& ranked, const Grades& grades, int k) {
  std::vector<int> gains = GainsAtK(ranked, grades, k);
  for (size_t i = 0; i < gains.size(); ++i) {
    if (gains[i] >= 1) return 1.0 / static_cast<double>(i + 1);
  }
  return 0;
}

std::optional<RankingMetrics> EvaluateRanking(const std::vector<std::string>& ranked,
                                              const Grades& grades, int k) {
  RankingMetrics metrics;
  metrics.relevant = RelevantCount(grades);
  if (metrics.relevant == 0) return std::nullopt;
  std::vector<int> gains = GainsAtK(ranked, grades, k);
  metrics.relevant_found =
      std::count_if(gains.begin(), gains.end(), [](int gain) { return gain >= 1; });
  metrics.ndcg = NdcgAtK(ranked, grades, k);
  metrics.recall = RecallAtK(ranked, grades, k);
  metrics.reciprocal_rank = ReciprocalRankAtK(ranked, grades, k);
  return metrics;
}

void MetricsAccumulator::Add(const std::optional<RankingMetrics>& metrics) {
  if (!metrics) {
    ++sums_.skipped;
    return;
  }
  ++sums_.evaluated;
  sums_.ndcg += metrics->ndcg;
  sums_.recall += metrics->recall;
  sums_.mrr += metrics->reciprocal_rank;
}

MetricsSummary MetricsAccumulator::Summary() const {
  MetricsSummary summary = sums_;
  if (summary.evaluated == 0) return summary;
  double n = static_cast<double>(summary.evaluated);
  summary.ndcg /= n;
  summary.recall /= n;
  summary.mrr /= n;
  return summary;
}

std::string JsonString(absl::string_view text) {
  std::string result = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      result += '\\';
      result += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      absl::StrAppend(&result, absl::StrFormat("\\u%04x", static_cast<int>(c)));
    } else {
      result += c;
    }
  }
  return result + "\"";
}

std::string SummaryJsonLine(const MetricsSummary& summary, int k, absl::string_view ranking,
                            size_t solutions) {
  return absl::StrFormat(
      "{\"ndcg@%d\": %.4f, \"recall@%d\": %.4f, \"mrr@%d\": %.4f, \"requests\": %d, "
      "\"ranking\": %s, \"solutions\": %d}",
      k, summary.ndcg, k, summary.recall, k, summary.mrr, summary.evaluated, JsonString(ranking),
      solutions);
}

}  // namespace corematch::cli
