#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/matching/engine/matching_engine.h"
#include "tests/testing/temp_dir.h"

namespace corematch::matching {
namespace {

// Words enough that common ones span many 64-posting blocks.
std::string Words(std::mt19937& random, int count) {
  static const std::vector<std::string> kVocabulary = {
      "work",    "income",  "support", "school",  "care",    "elderly", "digital",  "health",
      "housing", "youth",   "job",     "coach",   "citizen", "library", "nurse",    "transport",
      "climate", "energy",  "waste",   "water",   "safety",  "police",  "sport",    "culture",
      "family",  "child",   "parent",  "teacher", "pupil",   "migrant", "language", "training",
      "doctor",  "patient", "home",    "visit",   "meal",    "garden",  "park",     "road"};
  std::geometric_distribution<int> pick(0.12);
  std::string text;
  for (int i = 0; i < count; ++i) {
    absl::StrAppend(&text, i == 0 ? "" : " ", kVocabulary[pick(random) % kVocabulary.size()]);
  }
  return text;
}

class EngineSnapshotTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { analyzer_ = Analyzer::Create().value().release(); }

  // Solutions and requests, some replaced and some removed, so the index
  // holds dead ids too.
  void Fill(MatchingEngine& engine) {
    std::mt19937 random(11);
    for (int i = 0; i < 1500; ++i) {
      SolutionRecord s;
      s.name = absl::StrCat("solutions/s", i % 1200);
      s.language = "en";
      s.title = Words(random, 4);
      s.summary = Words(random, 12);
      s.description = Words(random, 40);
      s.sectors = {i % 2 == 0 ? "10.5" : "09.1"};
      s.country = i % 3 == 0 ? "SE" : "DK";
      s.maturity = i % 5;
      engine.UpsertSolution(s.name, engine.AnalyzeSolution(s), engine.FeaturesOf(s));
    }
    for (int i = 0; i < 1200; i += 7) engine.RemoveSolution(absl::StrCat("solutions/s", i));
    for (int i = 0; i < 300; ++i) {
      RequestRecord r;
      r.name = absl::StrCat("adoptionRequests/r", i % 250);
      r.language = "en";
      r.need_statement = Words(random, 20);
      r.country = "DK";
      r.population = 1000 * i;
      engine.UpsertRequest(r.name, engine.AnalyzeRequest(r), engine.FeaturesOf(r));
    }
    engine.RemoveRequest("adoptionRequests/r3");
  }

  static std::vector<NeedQuery> Needs() {
    std::mt19937 random(5);
    std::vector<NeedQuery> needs;
    for (int i = 0; i < 20; ++i) {
      NeedQuery need;
      need.text = Words(random, 3 + i);
      need.language = "en";
      need.sectors = {"10.5"};
      need.country = "SE";
      need.top_k = 20;
      needs.push_back(need);
    }
    return needs;
  }

  static void ExpectSameRankings(const MatchingEngine& a, const MatchingEngine& b) {
    EXPECT_EQ(a.solution_count(), b.solution_count());
    EXPECT_EQ(a.request_count(), b.request_count());
    for (const NeedQuery& need : Needs()) {
      const auto ranked_a = a.Match(need, nullptr);
      const auto ranked_b = b.Match(need, nullptr);
      ASSERT_EQ(ranked_a.size(), ranked_b.size()) << need.text;
      for (size_t i = 0; i < ranked_a.size(); ++i) {
        EXPECT_EQ(ranked_a[i].name, ranked_b[i].name) << need.text << " rank " << i;
        EXPECT_EQ(ranked_a[i].score, ranked_b[i].score) << need.text << " rank " << i;
        EXPECT_EQ(ranked_a[i].explanation.summary, ranked_b[i].explanation.summary);
      }
      SolutionRecord solution;
      solution.name = "solutions/probe";
      solution.language = "en";
      solution.title = need.text;
      const auto adopters_a = a.FindAdopters(solution, 20);
      const auto adopters_b = b.FindAdopters(solution, 20);
      ASSERT_EQ(adopters_a.size(), adopters_b.size());
      for (size_t i = 0; i < adopters_a.size(); ++i) {
        EXPECT_EQ(adopters_a[i].name, adopters_b[i].name);
        EXPECT_EQ(adopters_a[i].score, adopters_b[i].score);
      }
    }
  }

  static Analyzer* analyzer_;
  const ::corematch::testing::TempDir dir_;
  const std::string path_ = dir_.File("engine.snapshot");
};

Analyzer* EngineSnapshotTest::analyzer_ = nullptr;

TEST_F(EngineSnapshotTest, ALoadedSnapshotRanksExactlyAsTheEngineItWasTakenFrom) {
  MatchingEngine original(analyzer_, nullptr);
  Fill(original);
  ASSERT_TRUE(original.SaveSnapshot(path_, "publishing=42,adoption=7").ok());

  MatchingEngine loaded(analyzer_, nullptr);
  absl::Status status = loaded.LoadSnapshot(path_, "publishing=42,adoption=7");
  ASSERT_TRUE(status.ok()) << status;
  EXPECT_EQ(loaded.solution_count(), 1200u - 172u);
  ExpectSameRankings(original, loaded);

  // Both go on alike: updates after the load land where they would have.
  for (MatchingEngine* engine : {&original, &loaded}) {
    SolutionRecord s;
    s.name = "solutions/s1";
    s.language = "en";
    s.title = "library library youth";
    engine->UpsertSolution(s.name, engine->AnalyzeSolution(s), engine->FeaturesOf(s));
    engine->RemoveSolution("solutions/s2");
  }
  ExpectSameRankings(original, loaded);

  // The requests' need masses, which the snapshot does not hold, are
  // recomputed: a published solution's likely adopters come out alike.
  SolutionRecord probe;
  probe.name = "solutions/s1";
  probe.language = "en";
  probe.title = "library library youth";
  const IndexedDocument document = original.AnalyzeSolution(probe);
  // Every request sharing a word, so that near ties cannot reorder a cut.
  std::map<std::string, double> adopters_a, adopters_b;
  for (const auto& c : original.LikelyAdopters(probe.name, document, 1000)) {
    adopters_a[c.name] = c.estimate;
  }
  for (const auto& c : loaded.LikelyAdopters(probe.name, document, 1000)) {
    adopters_b[c.name] = c.estimate;
  }
  ASSERT_GT(adopters_a.size(), 30u);
  ASSERT_EQ(adopters_a.size(), adopters_b.size());
  for (const auto& [name, estimate] : adopters_a) {
    ASSERT_TRUE(adopters_b.contains(name)) << name;
    EXPECT_NEAR(estimate, adopters_b[name], 1e-5) << name;
  }
}

TEST_F(EngineSnapshotTest, MissingSnapshotIsNotFound) {
  MatchingEngine engine(analyzer_, nullptr);
  EXPECT_EQ(engine.LoadSnapshot(path_, "t").code(), absl::StatusCode::kNotFound);
}

TEST_F(EngineSnapshotTest, SnapshotOfAnotherStateIsRefused) {
  MatchingEngine original(analyzer_, nullptr);
  Fill(original);
  ASSERT_TRUE(original.SaveSnapshot(path_, "publishing=42,adoption=7").ok());
  MatchingEngine engine(analyzer_, nullptr);
  absl::Status status = engine.LoadSnapshot(path_, "publishing=43,adoption=7");
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("publishing=42,adoption=7"), std::string::npos) << status;
  EXPECT_EQ(engine.solution_count(), 0u);
}

TEST_F(EngineSnapshotTest, DamagedOrTruncatedSnapshotIsDataLossAndLeavesTheEngineEmpty) {
  MatchingEngine original(analyzer_, nullptr);
  Fill(original);
  ASSERT_TRUE(original.SaveSnapshot(path_, "t").ok());
  std::string bytes;
  {
    std::ifstream in(path_, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  ASSERT_GT(bytes.size(), 10000u);
  const auto load_from = [&](const std::string& content) {
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << content;
    MatchingEngine engine(analyzer_, nullptr);
    absl::Status status = engine.LoadSnapshot(path_, "t");
    EXPECT_EQ(engine.solution_count(), status.ok() ? 1200u - 172u : 0u);
    return status.code();
  };
  EXPECT_EQ(load_from(bytes.substr(0, bytes.size() / 2)), absl::StatusCode::kDataLoss);
  EXPECT_EQ(load_from(bytes.substr(0, bytes.size() - 1)), absl::StatusCode::kDataLoss);
  std::string flipped = bytes;
  flipped[flipped.size() / 3] ^= 0x10;
  EXPECT_EQ(load_from(flipped), absl::StatusCode::kDataLoss);
  EXPECT_EQ(load_from("not a snapshot"), absl::StatusCode::kDataLoss);
  EXPECT_EQ(load_from(bytes), absl::StatusCode::kOk);
}

TEST_F(EngineSnapshotTest, SnapshotOfOtherOptionsIsRefused) {
  MatchingEngine plain(analyzer_, nullptr, EngineOptions::PlainBm25());
  Fill(plain);
  ASSERT_TRUE(plain.SaveSnapshot(path_, "t").ok());
  MatchingEngine full(analyzer_, nullptr);
  absl::Status status = full.LoadSnapshot(path_, "t");
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("made with"), std::string::npos) << status;
}

TEST_F(EngineSnapshotTest, OnlyAnEmptyEngineLoads) {
  MatchingEngine original(analyzer_, nullptr);
  Fill(original);
  ASSERT_TRUE(original.SaveSnapshot(path_, "t").ok());
  EXPECT_EQ(original.LoadSnapshot(path_, "t").code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(EngineSnapshotTest, AFailedSaveLeavesNoFileBehind) {
  MatchingEngine engine(analyzer_, nullptr);
  Fill(engine);
  const std::string in_missing_dir = absl::StrCat(path_, "-missing/snapshot");
  EXPECT_FALSE(engine.SaveSnapshot(in_missing_dir, "t").ok());
  EXPECT_FALSE(std::filesystem::exists(in_missing_dir));
  EXPECT_FALSE(std::filesystem::exists(in_missing_dir + ".tmp"));
}

}  // namespace
}  // namespace corematch::matching
