#include "services/matching/bench/corpus_generator.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_split.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace corematch::matching::bench {
namespace {

using ::testing::AllOf;
using ::testing::Ge;
using ::testing::Le;

size_t Words(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), ' ')) + (text.empty() ? 0 : 1);
}

CorpusOptions Small(uint64_t seed = 7) {
  CorpusOptions options;
  options.solutions = 2000;
  options.requests = 60;
  options.seed = seed;
  return options;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

TEST(CorpusGeneratorTest, SameSeedSameCorpus) {
  const CorpusGenerator a(Small()), b(Small());
  ASSERT_EQ(a.topic_count(), b.topic_count());
  for (uint64_t i : {0ull, 1ull, 17ull, 1999ull, 123456ull}) {
    EXPECT_EQ(SolutionJson(i, a.GenerateSolution(i)), SolutionJson(i, b.GenerateSolution(i)));
    EXPECT_EQ(RequestJson(i, a.GenerateRequest(i)), RequestJson(i, b.GenerateRequest(i)));
  }
  // Order of generation does not matter: each record depends on its index only.
  const std::string later = SolutionJson(5, a.GenerateSolution(5));
  for (uint64_t i = 0; i < 5; ++i) a.GenerateSolution(i);
  EXPECT_EQ(SolutionJson(5, a.GenerateSolution(5)), later);
}

TEST(CorpusGeneratorTest, ExplanationRecordIsPartOfTheFullOne) {
  const CorpusGenerator generator(Small());
  for (uint64_t i = 0; i < 50; ++i) {
    const SolutionRecord full = generator.Solution(i);
    const SolutionRecord part = generator.SolutionForExplanation(i);
    EXPECT_EQ(part.name, full.name);
    EXPECT_EQ(part.language, full.language);
    EXPECT_EQ(part.title, full.title);
    EXPECT_EQ(part.country, full.country);
    ASSERT_EQ(part.core_elements.size(), full.core_elements.size());
    for (size_t c = 0; c < full.core_elements.size(); ++c) {
      EXPECT_EQ(part.core_elements[c].title, full.core_elements[c].title);
      EXPECT_EQ(part.core_elements[c].description, full.core_elements[c].description);
    }
    ASSERT_EQ(part.preconditions.size(), full.preconditions.size());
    for (size_t p = 0; p < full.preconditions.size(); ++p) {
      EXPECT_EQ(part.preconditions[p].description, full.preconditions[p].description);
    }
    EXPECT_TRUE(part.description.empty());
  }
}

TEST(CorpusGeneratorTest, OtherSeedOtherCorpus) {
  const CorpusGenerator a(Small(1)), b(Small(2));
  int same = 0;
  for (uint64_t i = 0; i < 20; ++i) same += a.Solution(i).description == b.Solution(i).description;
  EXPECT_EQ(same, 0);
}

TEST(CorpusGeneratorTest, SolutionsHaveTheDocumentedShape) {
  const CorpusGenerator generator(Small());
  const std::map<std::string, std::set<std::string>> countries = {
      {"da", {"DK"}}, {"sv", {"SE", "FI"}}, {"no", {"NO"}},
      {"fi", {"FI"}}, {"de", {"DE"}},       {"en", {"GB", "IE", "DK", "SE", "NO", "FI"}}};
  std::map<std::string, int> languages;
  for (uint64_t i = 0; i < 500; ++i) {
    const SolutionRecord s = generator.Solution(i);
    EXPECT_EQ(s.name, CorpusGenerator::SolutionName(i));
    EXPECT_THAT(Words(s.title), AllOf(Ge(5u), Le(10u))) << s.title;
    EXPECT_THAT(Words(s.summary), AllOf(Ge(20u), Le(40u))) << s.summary;
    EXPECT_THAT(Words(s.description), AllOf(Ge(100u), Le(250u)));
    EXPECT_LE(s.core_elements.size(), 4u);
    for (const CoreElementText& core : s.core_elements) {
      EXPECT_THAT(Words(core.title), AllOf(Ge(3u), Le(6u)));
      EXPECT_FALSE(core.description.empty());
    }
    EXPECT_THAT(s.tags.size(), AllOf(Ge(1u), Le(6u)));
    ASSERT_FALSE(s.sectors.empty());
    EXPECT_EQ(s.sectors[0], generator.topic(generator.SolutionTopic(i)).cofog);
    EXPECT_EQ(s.sectors[0].size(), 4u) << s.sectors[0];
    EXPECT_EQ(s.language, LanguageCode(generator.SolutionLanguage(i)));
    ASSERT_TRUE(countries.contains(s.language)) << s.language;
    EXPECT_TRUE(countries.at(s.language).contains(s.country)) << s.language << " " << s.country;
    EXPECT_THAT(s.maturity, AllOf(Ge(0), Le(4)));
    EXPECT_FALSE(s.target_groups.empty());
    ++languages[s.language];
  }
  // A Nordic deployment: Danish and Swedish the most common, German the least.
  EXPECT_GT(languages["da"], languages["de"]);
  EXPECT_GT(languages["sv"], languages["de"]);
  EXPECT_EQ(languages.size(), 6u);
}

TEST(CorpusGeneratorTest, RequestsHaveTheDocumentedShape) {
  const CorpusGenerator generator(Small());
  for (uint64_t j = 0; j < 200; ++j) {
    const RequestRecord r = generator.Request(j);
    EXPECT_EQ(r.name, CorpusGenerator::RequestName(j));
    EXPECT_THAT(Words(r.title), AllOf(Ge(5u), Le(10u)));
    EXPECT_THAT(Words(r.need_statement), AllOf(Ge(20u), Le(80u))) << r.need_statement;
    EXPECT_GT(r.population, 0);
    EXPECT_EQ(r.language, LanguageCode(generator.RequestLanguage(j)));
    const NeedQuery need = NeedOf(r);
    EXPECT_EQ(need.top_k, 20u);
    if (r.accepted_languages.empty()) {
      EXPECT_TRUE(need.only_languages.empty());
    } else {
      EXPECT_THAT(need.only_languages, ::testing::Contains(r.language));
    }
  }
}

TEST(CorpusGeneratorTest, NamesRoundTrip) {
  EXPECT_EQ(CorpusGenerator::SolutionIndex(CorpusGenerator::SolutionName(42)), 42u);
  EXPECT_EQ(CorpusGenerator::RequestIndex(CorpusGenerator::RequestName(1234567)), 1234567u);
  EXPECT_EQ(CorpusGenerator::SolutionIndex("solutions/other"), std::nullopt);
  EXPECT_EQ(CorpusGenerator::RequestIndex("solutions/s00000001"), std::nullopt);
}

TEST(CorpusGeneratorTest, SameTopicTextsShareMoreWords) {
  const CorpusGenerator generator(Small());
  auto words = [](const std::string& text) {
    std::set<std::string> out;
    for (absl::string_view w : absl::StrSplit(text, absl::ByAnyChar(" .\n"), absl::SkipEmpty())) {
      if (w.size() > 4) out.insert(std::string(w));
    }
    return out;
  };
  double same = 0, other = 0;
  int same_pairs = 0, other_pairs = 0;
  for (uint64_t i = 0; i < 2000 && (same_pairs < 50 || other_pairs < 50); ++i) {
    for (uint64_t k = i + 1; k < i + 40 && k < 2000; ++k) {
      if (generator.SolutionLanguage(i) != generator.SolutionLanguage(k)) continue;
      const std::set<std::string> a = words(generator.Solution(i).description);
      const std::set<std::string> b = words(generator.Solution(k).description);
      size_t shared = 0;
      for (const std::string& w : a) shared += b.contains(w);
      const bool topic = generator.SolutionTopic(i) == generator.SolutionTopic(k);
      (topic ? same : other) += static_cast<double>(shared);
      ++(topic ? same_pairs : other_pairs);
    }
  }
  ASSERT_GT(same_pairs, 0);
  ASSERT_GT(other_pairs, 0);
  EXPECT_GT(same / same_pairs, 1.5 * other / other_pairs);
}

TEST(GroundTruthTest, GradesFollowTopicsFamiliesAndLanguages) {
  const CorpusGenerator generator(Small());
  const GroundTruth truth(generator);
  int checked_languages = 0;
  for (uint64_t j = 0; j < 60; ++j) {
    const auto judged = truth.Judgements(j);
    std::map<uint64_t, int> by_solution(judged.begin(), judged.end());
    const std::vector<CorpusLanguage> accepted = generator.RequestAcceptedLanguages(j);
    for (uint64_t i = 0; i < generator.options().solutions; ++i) {
      const int grade = truth.Grade(j, i);
      ASSERT_EQ(grade, by_solution.contains(i) ? by_solution[i] : 0) << j << " " << i;
      const bool readable =
          accepted.empty() || std::find(accepted.begin(), accepted.end(),
                                        generator.SolutionLanguage(i)) != accepted.end();
      const uint32_t want = generator.RequestTopic(j), have = generator.SolutionTopic(i);
      const int expected =
          !readable      ? 0
          : have == want ? 2
          : have / CorpusGenerator::kTopicsPerFamily == want / CorpusGenerator::kTopicsPerFamily
              ? 1
              : 0;
      ASSERT_EQ(grade, expected);
      checked_languages += !readable;
    }
  }
  EXPECT_GT(checked_languages, 0);  // some requests do filter languages
}

TEST(GroundTruthTest, NdcgOfTheIdealRankingIsOne) {
  const CorpusGenerator generator(Small());
  const GroundTruth truth(generator);
  int scored = 0;
  for (uint64_t j = 0; j < 60; ++j) {
    auto judged = truth.Judgements(j);
    std::stable_sort(judged.begin(), judged.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    std::vector<uint64_t> ideal;
    for (const auto& [i, grade] : judged) ideal.push_back(i);
    const std::optional<double> best = truth.Ndcg(j, ideal);
    if (!best.has_value()) continue;
    ++scored;
    EXPECT_NEAR(*best, 1.0, 1e-9);
    std::vector<uint64_t> reversed(ideal.rbegin(), ideal.rend());
    EXPECT_LE(*truth.Ndcg(j, reversed), 1.0);
    EXPECT_EQ(*truth.Ndcg(j, {}), 0.0);
  }
  EXPECT_GT(scored, 50);
}

TEST(WriteCorpusTest, WritesTheSameFilesForTheSameSeed) {
  const ::corematch::testing::TempDir dir;
  const std::filesystem::path root = dir.path();
  for (const char* run : {"a", "b"}) {
    std::filesystem::create_directories(root / run);
    const CorpusGenerator generator(Small());
    const GroundTruth truth(generator);
    ASSERT_TRUE(WriteCorpus(generator, truth, (root / run).string()).ok());
  }
  for (const char* file : {"solutions.jsonl", "requests.jsonl", "qrels.tsv"}) {
    const std::string a = ReadFile(root / "a" / file);
    EXPECT_FALSE(a.empty()) << file;
    EXPECT_EQ(a, ReadFile(root / "b" / file)) << file;
  }
  const std::string solutions = ReadFile(root / "a" / "solutions.jsonl");
  EXPECT_EQ(std::count(solutions.begin(), solutions.end(), '\n'), 2000);
  EXPECT_THAT(solutions.substr(0, solutions.find('\n')),
              ::testing::StartsWith("{\"id\":\"s00000000\",\"name\":\"solutions/s00000000\""));

  const CorpusGenerator generator(Small());
  const GroundTruth truth(generator);
  size_t judged = 0;
  for (uint64_t j = 0; j < 60; ++j) judged += truth.Judgements(j).size();
  const std::string qrels = ReadFile(root / "a" / "qrels.tsv");
  EXPECT_THAT(qrels, ::testing::StartsWith("request_id\tsolution_id\tgrade\n"));
  EXPECT_EQ(static_cast<size_t>(std::count(qrels.begin(), qrels.end(), '\n')), judged + 1);
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace corematch::matching::bench
