#include "services/matching/engine/text_index.h"

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>
#include <random>

#include "gtest/gtest.h"
#include "services/matching/engine/snapshot_file.h"
#include "tests/testing/temp_dir.h"

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
  const std::vector<QueryTerm> query = {{"work", 1.0f}, {"fast", 0.5f}, {"absent", 1.0f}};
  auto hits = index.Search(query, 10, nullptr);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(hits[0].contributions.empty());
  index.AddContributions(query, hits);
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
  index.AddContributions({{"school", 1.0f}}, hits);
  ASSERT_EQ(hits[1].contributions.size(), 1u);
  EXPECT_TRUE(hits[1].contributions[0].flags & kTranslatedFlag);
}

// A caller explains only some of what Search found, in its own order: each
// of those gets the contributions that make up its score, and only those.
TEST(TextIndexTest, ContributionsAreAddedToTheDocumentsGivenInAnyOrder) {
  TextIndex index;
  const DocId both = index.Add(Doc({{"care", Field::kTitle}, {"home", Field::kSummary}}));
  index.Add(Doc({{"care", Field::kDescription}}));
  const DocId home = index.Add(Doc({{"home", Field::kTags}}));
  const std::vector<QueryTerm> query = {{"home", 1.0f}, {"care", 0.7f}};
  const std::vector<ScoredDocument> hits = index.Search(query, 10, nullptr);
  ASSERT_EQ(hits.size(), 3u);
  std::vector<ScoredDocument> explained;
  for (const DocId doc : {home, both}) {
    for (const ScoredDocument& hit : hits) {
      if (hit.doc == doc) explained.push_back(hit);
    }
  }
  index.AddContributions(query, explained);
  ASSERT_EQ(explained[0].contributions.size(), 1u);
  EXPECT_EQ(explained[0].contributions[0].query_term, 0u);
  EXPECT_EQ(explained[0].contributions[0].flags, FieldBit(Field::kTags));
  ASSERT_EQ(explained[1].contributions.size(), 2u);
  EXPECT_EQ(explained[1].contributions[1].flags, FieldBit(Field::kTitle));
  for (const ScoredDocument& doc : explained) {
    float sum = 0;
    for (const auto& c : doc.contributions) sum += c.score;
    EXPECT_NEAR(sum, doc.score, 1e-5) << "doc " << doc.doc;
  }
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

// Documents of `length(d)` words from a skewed vocabulary, as real text has
// (a few words in most documents); every 17th removed again.
void AddSkewedDocuments(TextIndex& index, int documents, const std::function<int(int)>& length,
                        std::mt19937& random) {
  std::uniform_int_distribution<int> field(0, kFieldCount - 1);
  std::geometric_distribution<int> word(0.04);
  for (int d = 0; d < documents; ++d) {
    std::vector<std::pair<std::string, Field>> words;
    for (int w = 0; w < length(d); ++w) {
      words.push_back({"w" + std::to_string(word(random)), static_cast<Field>(field(random))});
    }
    index.Add(Doc(words, /*translated=*/d % 11 == 0));
  }
  for (DocId d = 0; d < static_cast<DocId>(documents); d += 17) index.Remove(d);
}

// Up to 40 terms from the same vocabulary: a need with its compound parts and
// pivots is long.
std::vector<QueryTerm> SkewedQuery(int terms, std::mt19937& random) {
  std::geometric_distribution<int> word(0.04);
  std::uniform_real_distribution<float> weight(0.3f, 1.0f);
  std::vector<QueryTerm> query;
  for (int t = 0; t < terms; ++t)
    query.push_back({"w" + std::to_string(word(random)), weight(random)});
  return query;
}

// Whatever Search prunes, it returns what a full ranking of every accepted
// document would put first: same scores, best first, each document with the
// score the full ranking gives it.
TEST(TextIndexTest, PrunedSearchEqualsTheFullRanking) {
  std::mt19937 random(7);
  TextIndex index;
  // Several of Search's windows of ids, so bounds change from one to the next.
  const int documents = 9000;
  AddSkewedDocuments(
      index, documents, [](int d) { return 5 + d % 40; }, random);
  // The common words' lists carry bitmaps, the rare ones' do not: the search
  // looks candidates up in both kinds.
  ASSERT_NE(index.Postings("w0")->bitmap(), nullptr);
  ASSERT_EQ(index.Postings("w80")->bitmap(), nullptr);
  const auto accept = [](DocId d) { return d % 3 != 0; };
  for (int q = 0; q < 200; ++q) {
    const std::vector<QueryTerm> query = SkewedQuery(1 + (q * 7) % 40, random);
    auto full = index.Search(query, documents, nullptr);
    std::map<DocId, float> full_score;
    std::vector<float> accepted_scores;
    for (const auto& hit : full) {
      full_score[hit.doc] = hit.score;
      if (accept(hit.doc)) accepted_scores.push_back(hit.score);
    }
    for (size_t k : {1, 5, 20, 100}) {
      auto pruned = index.Search(query, k, accept);
      ASSERT_EQ(pruned.size(), std::min(k, accepted_scores.size())) << "query " << q;
      index.AddContributions(query, pruned);
      for (size_t i = 0; i < pruned.size(); ++i) {
        ASSERT_TRUE(accept(pruned[i].doc));
        EXPECT_NEAR(pruned[i].score, accepted_scores[i], 1e-4) << "query " << q << " rank " << i;
        EXPECT_NEAR(pruned[i].score, full_score[pruned[i].doc], 1e-4);
        float sum = 0;
        for (const auto& c : pruned[i].contributions) sum += c.score;
        EXPECT_NEAR(sum, pruned[i].score, 1e-4);
      }
    }
  }
}

// An index this large is searched as two halves on two threads, each pruning
// with the other's k-th score; the result must still be the full ranking,
// here computed document by document.
TEST(TextIndexTest, AnIndexSearchedInTwoHalvesRanksAsTheFullRanking) {
  std::mt19937 random(11);
  TextIndex index;
  const int documents = 70000;
  AddSkewedDocuments(
      index, documents, [](int d) { return 4 + d % 12; }, random);
  ASSERT_NE(index.Postings("w0")->bitmap(), nullptr);
  ASSERT_EQ(index.Postings("w80")->bitmap(), nullptr);
  const auto accept = [](DocId d) { return d % 5 != 0; };
  for (int q = 0; q < 12; ++q) {
    const std::vector<QueryTerm> query = SkewedQuery(2 + (q * 7) % 40, random);
    std::vector<std::pair<float, DocId>> full;
    for (DocId d = 0; d < static_cast<DocId>(documents); ++d) {
      if (!index.IsLive(d) || !accept(d)) continue;
      const float score = index.ScoreDocument(query, d).score;
      if (score > 0.0f) full.push_back({score, d});
    }
    std::sort(full.begin(), full.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (size_t k : {1, 20, 100}) {
      auto found = index.Search(query, k, accept);
      ASSERT_EQ(found.size(), std::min(k, full.size())) << "query " << q;
      for (size_t i = 0; i < found.size(); ++i) {
        EXPECT_NEAR(found[i].score, full[i].first, 1e-4) << "query " << q << " rank " << i;
        EXPECT_NEAR(found[i].score, index.ScoreDocument(query, found[i].doc).score, 1e-4);
      }
    }
  }
}

// Bitmaps are not written to a snapshot: the index read back must give the
// same lists theirs again, and rank as the index it was written from.
TEST(TextIndexTest, AnIndexReadFromItsSnapshotHasTheBitmapsAndRanksAsBefore) {
  std::mt19937 random(13);
  TextIndex index;
  AddSkewedDocuments(
      index, 9000, [](int d) { return 5 + d % 40; }, random);
  ::corematch::testing::TempDir dir;
  const std::string path = dir.File("text_index.snapshot");
  {
    auto out = SnapshotWriter::Create(path);
    ASSERT_TRUE(out.ok()) << out.status();
    ASSERT_TRUE(index.WriteTo(**out).ok());
    ASSERT_TRUE((*out)->Finish().ok());
  }
  auto in = SnapshotReader::Open(path);
  ASSERT_TRUE(in.ok()) << in.status();
  TextIndex read;
  ASSERT_TRUE(read.ReadFrom(**in).ok());
  for (int w = 0; w < 120; ++w) {
    const std::string term = "w" + std::to_string(w);
    const PostingList* before = index.Postings(term);
    const PostingList* after = read.Postings(term);
    ASSERT_EQ(before == nullptr, after == nullptr) << term;
    if (before == nullptr) continue;
    EXPECT_EQ(before->bitmap() == nullptr, after->bitmap() == nullptr) << term;
  }
  for (int q = 0; q < 50; ++q) {
    const std::vector<QueryTerm> query = SkewedQuery(1 + (q * 7) % 40, random);
    const auto want = index.Search(query, 20, nullptr);
    const auto got = read.Search(query, 20, nullptr);
    ASSERT_EQ(got.size(), want.size()) << "query " << q;
    for (size_t i = 0; i < got.size(); ++i) {
      EXPECT_EQ(got[i].doc, want[i].doc) << "query " << q << " rank " << i;
      EXPECT_EQ(got[i].score, want[i].score) << "query " << q << " rank " << i;
    }
  }
}

}  // namespace
}  // namespace corematch::matching
