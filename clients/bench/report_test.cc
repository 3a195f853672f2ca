#include "clients/bench/report.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace corematch::bench {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

DriveResult TwoMethods() {
  DriveResult result;
  result.elapsed = absl::Seconds(2);
  result.methods.resize(2);
  result.methods[0].method = "CreateSolution";
  result.methods[0].ops = 10;
  for (int i = 0; i < 10; ++i) result.methods[0].latency.Record(absl::Milliseconds(2));
  result.methods[1].method = "GetSolution";
  result.methods[1].ops = 30;
  result.methods[1].errors = 1;
  result.methods[1].first_error = "NOT_FOUND: solutions/\"x\" does not exist";
  for (int i = 0; i < 30; ++i) result.methods[1].latency.Record(absl::Microseconds(400));
  return result;
}

RunInfo Info() {
  return RunInfo{.workload = "mixed",
                 .server = "127.0.0.1:4000",
                 .spawned = true,
                 .clients = 8,
                 .threads = 2,
                 .channels = "per_client",
                 .client = "nghttp2",
                 .warmup = absl::Seconds(1),
                 .duration = absl::Seconds(2),
                 .server_cpu_cores = 1.25,
                 .client_cpu_cores = std::nullopt,
                 .machine_cpu_cores = 1.5};
}

TEST(FormatLatencyTest, KeepsThreeFigures) {
  EXPECT_EQ(FormatLatency(absl::Microseconds(850)), "850us");
  EXPECT_EQ(FormatLatency(absl::Microseconds(1414)), "1.41ms");
  EXPECT_EQ(FormatLatency(absl::Microseconds(25'250)), "25.2ms");
  EXPECT_EQ(FormatLatency(absl::Milliseconds(250)), "250ms");
  EXPECT_EQ(FormatLatency(absl::Milliseconds(2500)), "2.50s");
}

TEST(FormatJsonSummaryTest, TotalsFirstThenEachMethod) {
  const std::string json = FormatJsonSummary(Info(), TwoMethods());
  EXPECT_EQ(json.front(), '{');
  EXPECT_EQ(json.back(), '}');
  EXPECT_THAT(json, Not(HasSubstr("\n")));
  EXPECT_THAT(
      json,
      HasSubstr(
          "\"workload\":\"mixed\",\"server\":\"127.0.0.1:4000\","
          "\"spawned\":true,\"clients\":8,\"threads\":2,\"channels\":\"per_client\","
          "\"client\":\"nghttp2\",\"warmup_s\":1.000,\"duration_s\":2.000,\"ops\":40,\"errors\":1,"
          "\"throughput_per_s\":20.0,"));
  EXPECT_THAT(json, HasSubstr("\"server_cpu_cores\":1.25"));
  EXPECT_THAT(json, Not(HasSubstr("bench_cpu_cores")));
  EXPECT_THAT(json, HasSubstr("\"CreateSolution\":{\"ops\":10,\"errors\":0,"
                              "\"throughput_per_s\":5.0,\"p50_us\":2000.0,"));
  // Quotes in an error message are escaped.
  EXPECT_THAT(json, HasSubstr("\"first_error\":\"NOT_FOUND: solutions/\\\"x\\\" does not exist\""));
}

TEST(FormatReportTest, OneLinePerMethodAndATotal) {
  const std::string report = FormatReport(Info(), TwoMethods());
  EXPECT_THAT(
      report,
      HasSubstr("workload mixed, 8 clients on 2 threads (per_client channels, nghttp2 client)"));
  EXPECT_THAT(report, HasSubstr("CreateSolution  ops       10  errors 0        5.0/s  p50 2.00ms"));
  EXPECT_THAT(report, HasSubstr("GetSolution     ops       30  errors 1       15.0/s  p50 400us"));
  EXPECT_THAT(report, HasSubstr("total           ops       40  errors 1       20.0/s"));
  EXPECT_THAT(report, HasSubstr("first error: NOT_FOUND"));
  EXPECT_THAT(report, HasSubstr("cpu (cores busy): server 1.25 machine 1.50\n"));
}

TEST(FormatReportTest, NoTotalForOneMethod) {
  DriveResult result = TwoMethods();
  result.methods.pop_back();
  EXPECT_THAT(FormatReport(Info(), result), Not(HasSubstr("total")));
}

}  // namespace
}  // namespace corematch::bench
