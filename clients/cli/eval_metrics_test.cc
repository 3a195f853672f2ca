// clients/cli/eval_metrics_test.cc
//
// The measures on rankings small enough to compute by hand; the expected
// values are written as the sums they come from.
#include "clients/cli/eval_metrics.h"

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "clients/cli/input.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "gtest/gtest.h"

namespace corematch::cli {
namespace {

using ::testing::DoubleNear;

constexpr double kEps = 1e-9;

TEST(EvalMetricsTest, PerfectRankingScoresOne) {
  Grades grades = {{"a", 2}, {"b", 2}, {"c", 1}, {"z", 0}};
  std::vector<std::string> ranked = {"a", "b", "c", "x", "z"};
  EXPECT_NEAR(NdcgAtK(ranked, grades, 10), 1.0, kEps);
  EXPECT_NEAR(RecallAtK(ranked, grades, 10), 1.0, kEps);
  EXPECT_NEAR(ReciprocalRankAtK(ranked, grades, 10), 1.0, kEps);
  // Two solutions of the same grade may change places.
  EXPECT_NEAR(NdcgAtK({"b", "a", "c"}, grades, 10), 1.0, kEps);
}

TEST(EvalMetricsTest, RelevantSolutionsAfterAMiss) {
  Grades grades = {{"a", 2}, {"b", 1}, {"c", 0}};
  std::vector<std::string> ranked = {"x", "a", "b"};
  // DCG  = 0/log2(2) + 2/log2(3) + 1/log2(4); IDCG = 2/log2(2) + 1/log2(3).
  double dcg = 2 / std::log2(3.0) + 1 / std::log2(4.0);
  double idcg = 2 + 1 / std::log2(3.0);
  EXPECT_NEAR(NdcgAtK(ranked, grades, 10), dcg / idcg, kEps);
  EXPECT_NEAR(NdcgAtK(ranked, grades, 10), 0.669671816, 1e-6);
  EXPECT_NEAR(RecallAtK(ranked, grades, 10), 1.0, kEps);
  EXPECT_NEAR(ReciprocalRankAtK(ranked, grades, 10), 0.5, kEps);
}

TEST(EvalMetricsTest, GradesOrderTheIdealRanking) {
  Grades grades = {{"a", 2}, {"b", 1}};
  // The grade-1 solution first: (1 + 2/log2(3)) / (2 + 1/log2(3)).
  EXPECT_NEAR(NdcgAtK({"b", "a"}, grades, 10), 0.859718700, 1e-6);
  EXPECT_NEAR(ReciprocalRankAtK({"b", "a"}, grades, 10), 1.0, kEps);
}

TEST(EvalMetricsTest, OnlyTheTopKCounts) {
  Grades grades = {{"a", 2}};
  std::vector<std::string> ranked = {"x", "y", "a"};
  EXPECT_EQ(NdcgAtK(ranked, grades, 2), 0.0);
  EXPECT_EQ(RecallAtK(ranked, grades, 2), 0.0);
  EXPECT_EQ(ReciprocalRankAtK(ranked, grades, 2), 0.0);
  EXPECT_NEAR(ReciprocalRankAtK(ranked, grades, 3), 1.0 / 3, kEps);
}

TEST(EvalMetricsTest, IdealRankingIsCutAtK) {
  Grades grades = {{"a", 2}, {"b", 2}, {"c", 2}};
  // Three relevant, two places: the two found make a perfect top 2.
  EXPECT_NEAR(NdcgAtK({"a", "b", "c"}, grades, 2), 1.0, kEps);
  EXPECT_NEAR(RecallAtK({"a", "b", "c"}, grades, 2), 2.0 / 3, kEps);
}

TEST(EvalMetricsTest, GradeZeroIsJudgedButNotRelevant) {
  Grades grades = {{"a", 0}, {"b", 1}};
  std::vector<std::string> ranked = {"a", "b"};
  EXPECT_NEAR(NdcgAtK(ranked, grades, 10), 1 / std::log2(3.0), kEps);
  EXPECT_NEAR(RecallAtK(ranked, grades, 10), 1.0, kEps);
  EXPECT_NEAR(ReciprocalRankAtK(ranked, grades, 10), 0.5, kEps);
  EXPECT_EQ(RelevantCount(grades), 1u);
}

TEST(EvalMetricsTest, RepeatedSolutionCountsOnce) {
  Grades grades = {{"a", 1}, {"b", 1}};
  // Gains 1, 0, 1: (1 + 1/log2(4)) / (1 + 1/log2(3)).
  EXPECT_NEAR(NdcgAtK({"a", "a", "b"}, grades, 10), 0.919720789, 1e-6);
  EXPECT_NEAR(RecallAtK({"a", "a"}, grades, 10), 0.5, kEps);
}

TEST(EvalMetricsTest, EmptyRankingScoresZero) {
  Grades grades = {{"a", 2}};
  EXPECT_EQ(NdcgAtK({}, grades, 10), 0.0);
  EXPECT_EQ(RecallAtK({}, grades, 10), 0.0);
  EXPECT_EQ(ReciprocalRankAtK({}, grades, 10), 0.0);
}

TEST(EvalMetricsTest, EvaluateRankingSkipsRequestsWithoutRelevantSolutions) {
  EXPECT_EQ(EvaluateRanking({"a"}, {}, 10), std::nullopt);
  EXPECT_EQ(EvaluateRanking({"a"}, {{"a", 0}}, 10), std::nullopt);
  std::optional<RankingMetrics> metrics =
      EvaluateRanking({"x", "a", "b"}, {{"a", 2}, {"b", 1}, {"c", 1}}, 2);
  ASSERT_TRUE(metrics.has_value());
  EXPECT_EQ(metrics->relevant, 3u);
  EXPECT_EQ(metrics->relevant_found, 1u);
  EXPECT_NEAR(metrics->recall, 1.0 / 3, kEps);
  EXPECT_NEAR(metrics->reciprocal_rank, 0.5, kEps);
  // DCG = 2/log2(3); IDCG = 2 + 1/log2(3).
  EXPECT_NEAR(metrics->ndcg, (2 / std::log2(3.0)) / (2 + 1 / std::log2(3.0)), kEps);
}

TEST(EvalMetricsTest, AccumulatorAveragesEvaluatedRequests) {
  MetricsAccumulator all;
  all.Add(EvaluateRanking({"a"}, {{"a", 2}}, 10));       // 1, 1, 1
  all.Add(EvaluateRanking({"x", "a"}, {{"a", 1}}, 10));  // 1/log2(3), 1, 1/2
  all.Add(std::nullopt);
  MetricsSummary summary = all.Summary();
  EXPECT_EQ(summary.evaluated, 2u);
  EXPECT_EQ(summary.skipped, 1u);
  EXPECT_NEAR(summary.ndcg, (1 + 1 / std::log2(3.0)) / 2, kEps);
  EXPECT_NEAR(summary.recall, 1.0, kEps);
  EXPECT_NEAR(summary.mrr, 0.75, kEps);
  EXPECT_EQ(MetricsAccumulator().Summary().ndcg, 0.0);
}

TEST(EvalMetricsTest, SummaryJsonLine) {
  MetricsSummary summary;
  summary.evaluated = 42;
  summary.ndcg = 0.51234;
  summary.recall = 0.25;
  summary.mrr = 2.0 / 3;
  std::string line = SummaryJsonLine(summary, 10, "plain_bm25", 1081);
  EXPECT_EQ(line,
            "{\"ndcg@10\": 0.5123, \"recall@10\": 0.2500, \"mrr@10\": 0.6667, \"requests\": 42, "
            "\"ranking\": \"plain_bm25\", \"solutions\": 1081}");
  google::protobuf::Struct json;
  ASSERT_TRUE(ParseJsonMessage(line, "line", &json).ok());
  EXPECT_THAT(json.fields().at("mrr@10").number_value(), DoubleNear(0.6667, kEps));
  EXPECT_EQ(SummaryJsonLine(summary, 5, "full", 3).substr(0, 11), "{\"ndcg@5\": ");
}

TEST(EvalMetricsTest, JsonStringEscapes) {
  EXPECT_EQ(JsonString("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000a\"");
  EXPECT_EQ(JsonString("nordic-01"), "\"nordic-01\"");
}

}  // namespace
}  // namespace corematch::cli
