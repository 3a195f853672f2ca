#include "services/matching/engine/seed_threshold.h"

#include <algorithm>
#include <functional>
#include <random>
#include <string>

#include "gtest/gtest.h"

namespace corematch::matching {
namespace {

IndexedDocument Doc(const std::vector<std::string>& words) {
  IndexedDocument d;
  for (const std::string& word : words) {
    const int f = static_cast<int>(Field::kDescription);
    ++d.length[f];
    auto it = std::find_if(d.terms.begin(), d.terms.end(),
                           [&](const IndexedTerm& t) { return t.term == word; });
    if (it == d.terms.end()) {
      d.terms.push_back({word, {}, false});
      it = d.terms.end() - 1;
    }
    ++it->tf[f];
  }
  return d;
}

// The scores of the live documents `accept` takes, scored one by one, best
// first.
std::vector<float> Ranking(const TextIndex& index, const std::vector<QueryTerm>& query,
                           const std::function<bool(DocId)>& accept) {
  std::vector<float> scores;
  const DocId end = static_cast<DocId>(index.live_documents() + index.dead_documents());
  for (DocId d = 0; d < end; ++d) {
    if (!index.IsLive(d) || (accept && !accept(d))) continue;
    const float score = index.ScoreDocument(query, d).score;
    if (score > 0.0f) scores.push_back(score);
  }
  std::sort(scores.begin(), scores.end(), std::greater<float>());
  return scores;
}

// 20,000 documents (three windows) over a skewed vocabulary, every 13th
// removed; needs of up to 40 words from it.
class SeedThresholdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::geometric_distribution<int> word(0.01);
    for (int d = 0; d < 20000; ++d) {
      std::vector<std::string> words;
      for (int w = 0; w < 6 + d % 30; ++w) words.push_back("w" + std::to_string(word(random_)));
      index_.Add(Doc(words));
    }
    for (DocId d = 0; d < 20000; d += 13) index_.Remove(d);
  }

  std::vector<QueryTerm> Need(int terms) {
    std::geometric_distribution<int> word(0.01);
    std::vector<QueryTerm> query;
    for (int t = 0; t < terms; ++t) query.push_back({"w" + std::to_string(word(random_)), 1.0f});
    return query;
  }

  std::mt19937 random_{5};
  TextIndex index_;
};

// The seed is a score k documents reach, so a search pruning against it
// loses none of its best k; and it is close enough to be worth having.
TEST_F(SeedThresholdTest, NeverExceedsTheKthScoreAndUsuallyComesClose) {
  const auto accept = [](DocId d) { return d % 4 != 1; };
  int close = 0;
  const int needs = 24;
  for (int q = 0; q < needs; ++q) {
    const std::vector<QueryTerm> need = Need(5 + (q * 7) % 35);
    const std::vector<float> ranking = Ranking(index_, need, accept);
    for (size_t k : {1, 20, 60}) {
      const float kth = ranking.size() < k ? 0.0f : ranking[k - 1];
      const float seed = SeedThreshold(index_, need, k, accept);
      EXPECT_LE(seed, kth) << "need " << q << ", k " << k;
      EXPECT_GE(seed, 0.0f);
      if (k == 60 && seed >= 0.5f * kth) ++close;
    }
  }
  EXPECT_GE(close, needs * 3 / 4);
}

TEST_F(SeedThresholdTest, RemovedAndUnacceptedDocumentsDoNotCount) {
  // One word in three documents: the best of them removed, the next refused.
  TextIndex index;
  const DocId best = index.Add(Doc({"rare", "rare", "rare", "x"}));
  const DocId second = index.Add(Doc({"rare", "rare", "x", "y"}));
  const DocId third = index.Add(Doc({"rare", "x", "y", "z"}));
  index.Remove(best);
  const auto accept = [&](DocId d) { return d != second; };
  const std::vector<QueryTerm> need = {{"rare", 1.0f}};
  EXPECT_LE(SeedThreshold(index, need, 1, accept), index.ScoreDocument(need, third).score);
  EXPECT_GT(SeedThreshold(index, need, 1, accept), 0.0f);
  // Two are wanted, one is left.
  EXPECT_EQ(SeedThreshold(index, need, 2, accept), 0.0f);
}

TEST_F(SeedThresholdTest, NothingToSeedFromGivesZero) {
  EXPECT_EQ(SeedThreshold(index_, {{"absent", 1.0f}}, 5, nullptr), 0.0f);
  EXPECT_EQ(SeedThreshold(index_, {}, 5, nullptr), 0.0f);
  EXPECT_EQ(SeedThreshold(index_, Need(10), 0, nullptr), 0.0f);
}

}  // namespace
}  // namespace corematch::matching
