#include "services/matching/engine/text_index.h"

#include <numeric>

#include "gtest/gtest.h"

namespace corematch::matching {
namespace {

IndexedDocument Doc(std::vector<std::pair<std::string, Field>> words, bool translated = false) {
  IndexedDocument d;
  for (const auto& [word, field] : words) {
    const int f = static_cast<int>(field);
    ++d.length[f];
    auto it = std::find_if(d.terms.begin(), d.terms.end(),
                           [&](const IndexedTerm& t) { return t.term == word; });
    if (it == d.terms.end()) {
      d.terms.push_back({word, {}, translated});
      it = d.terms.end() - 1;
    }
    ++it->tf[f];
  }
  return d;
}

TEST(TextIndexTest, TitleAndCoreOutweighDescription) {
  TextIndex index;
  DocId in_desc = index.Add(
      Doc({{"job", Field::kDescription}, {"park", Field::kTitle}, {"tree", Field::kDescription}}));
  DocId in_title = index.Add(Doc({{"job", Field::kTitle}, {"tree", Field::kDescription}}));
  DocId in_core = index.Add(Doc({{"job", Field::kCoreElements}, {"x", Field::kTitle}}));
  auto hits = index.Search({{"job", 1.0f}}, 10, nullptr);
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].doc, in_title);
  EXPECT_EQ(hits[1].doc, in_core);
  EXPECT_EQ(hits[2].doc, in_desc);
}

TEST(TextIndexTest, ContributionsAddUpToTheScoreAndNameTheFields) {
  TextIndex index;
  index.Add(Doc({{"work", Field::kTitle}, {"fast", Field::kSummary}, {"work", Field::kTags}}));
  index.Add(Doc({{"other", Field::kTitle}}));
  auto hits = index.Search({{"work", 1.0f}, {"fast", 0.5f}, {"absent", 1.0f}}, 10, nullptr);
  ASSERT_EQ(hits.size(), 1u);
  float sum = 0;
  for (const auto& c : hits[0].contributions) sum += c.score;
  EXPECT_NEAR(sum, hits[0].score, 1e-4);
  ASSERT_EQ(hits[0].contributions.size(), 2u);
  EXPECT_EQ(hits[0].contributions[0].flags, FieldBit(Field::kTitle) | FieldBit(Field::kTags));
}

TEST(TextIndexTest, RemovedAndUnacceptedDocumentsAreNotReturned) {
  TextIndex index;
  DocId a = index.Add(Doc({{"care", Field::kTitle}}));
  DocId b = index.Add(Doc({{"care", Field::kTitle}}));
  DocId c = index.Add(Doc({{"care", Field::kTitle}}));
  index.Remove(a);
  auto hits = index.Search({{"care", 1.0f}}, 10, [&](DocId d) { return d != c; });
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].doc, b);
  index.Compact();
  EXPECT_EQ(index.Search({{"care", 1.0f}}, 10, nullptr).size(), 2u);
  EXPECT_EQ(index.live_documents(), 2u);
}

TEST(TextIndexTest, TranslatedTermsCountLessAndAreFlagged) {
  TextIndex index;
  DocId native = index.Add(Doc({{"school", Field::kTitle}}));
  DocId translated = index.Add(Doc({{"school", Field::kTitle}}, /*translated=*/true));
  auto hits = index.Search({{"school", 1.0f}}, 10, nullptr);
  ASSERT_EQ(hits.size(), 2u);
  EXPECT_EQ(hits[0].doc, native);
  EXPECT_EQ(hits[1].doc, translated);
  EXPECT_TRUE(hits[1].contributions[0].flags & kTranslatedFlag);
}

TEST(TextIndexTest, RareTermsWeighMore) {
  TextIndex index;
  for (int i = 0; i < 50; ++i) index.Add(Doc({{"common", Field::kDescription}}));
  index.Add(Doc({{"rare", Field::kDescription}}));
  EXPECT_GT(index.Idf("rare"), index.Idf("common"));
  EXPECT_EQ(index.Idf("missing"), 0.0f);
}

TEST(TextIndexTest, TopKIsTheBestKInOrder) {
  TextIndex index;
  for (int i = 1; i <= 30; ++i) {
    std::vector<std::pair<std::string, Field>> words(i, {"w", Field::kDescription});
    words.push_back({"filler", Field::kDescription});
    index.Add(Doc(words));
  }
  auto hits = index.Search({{"w", 1.0f}}, 5, nullptr);
  ASSERT_EQ(hits.size(), 5u);
  for (size_t i = 1; i < hits.size(); ++i) EXPECT_GE(hits[i - 1].score, hits[i].score);
  // BM25 saturates: the documents with the most occurrences lead, ties by id.
  for (const auto& hit : hits) EXPECT_GE(hit.doc, 20u);
  EXPECT_GT(hits[0].score, index.Search({{"w", 1.0f}}, 30, nullptr).back().score);
}

}  // namespace
}  // namespace corematch::matching
