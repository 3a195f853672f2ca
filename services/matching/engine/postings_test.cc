#include "services/matching/engine/postings.h"

#include <algorithm>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace corematch::matching {
namespace {

TEST(PostingListTest, RoundTripsLargeGapsAndDocZero) {
  PostingList list;
  const std::vector<Posting> in = {{0, 1, 3}, {1, 255, 0}, {200, 7, 128}, {4000000000u, 9, 1}};
  for (const Posting& p : in) list.Append(p);
  EXPECT_EQ(list.size(), 4u);
  PostingList::Iterator it(list);
  Posting p;
  for (const Posting& want : in) {
    ASSERT_TRUE(it.Next(p));
    EXPECT_EQ(p.doc, want.doc);
    EXPECT_EQ(p.tf, want.tf);
    EXPECT_EQ(p.flags, want.flags);
  }
  EXPECT_FALSE(it.Next(p));
}

TEST(PostingListTest, SmallGapsCostThreeBytes) {
  PostingList list;
  for (DocId d = 0; d < 1000; ++d) list.Append({d * 3, 10, 1});
  EXPECT_LE(list.bytes(), 1000u * 3 * 2);  // capacity may double once
}

TEST(PostingListTest, CompactDropsDeadDocuments) {
  PostingList list;
  for (DocId d = 0; d < 10; ++d) list.Append({d, 1, 0});
  list.Compact([](DocId d) { return d % 2 == 0; });
  EXPECT_EQ(list.size(), 5u);
  PostingList::Iterator it(list);
  Posting p;
  ASSERT_TRUE(it.Next(p));
  EXPECT_EQ(p.doc, 1u);
}

TEST(PostingListTest, ABitmapFollowsTheListInBatchesUntilCompactDropsIt) {
  PostingList list;
  for (DocId d = 0; d < 300; d += 3) list.Append({d, static_cast<uint8_t>(1 + d % 200), 0});
  EXPECT_EQ(list.bitmap(), nullptr);
  list.BuildBitmap();
  ASSERT_NE(list.bitmap(), nullptr);
  EXPECT_EQ(list.bitmap()->holders(), list.size());
  // Postings appended after it was built join it a batch at a time.
  for (DocId d = 300; d < 300 + 7 * 5000; d += 7) {
    list.Append({d, static_cast<uint8_t>(1 + d % 200), 0});
    ASSERT_LT(list.size() - list.bitmap()->holders(),
              std::max(kBitmapBatch, list.bitmap()->holders() / 8))
        << "doc " << d;
  }
  EXPECT_GT(list.bitmap()->holders(), 4000u);
  EXPECT_LT(list.bitmap()->holders(), list.size());
  EXPECT_FALSE(list.bitmap()->Covers(list.last_doc()));
  // What it covers, it gives as the list does.
  PostingList::Iterator it(list);
  Posting p;
  DocId next = 0;
  size_t covered = 0;
  while (it.Next(p)) {
    for (; next < p.doc && list.bitmap()->Covers(next); ++next) {
      ASSERT_EQ(list.bitmap()->TfOf(next), 0) << "doc " << next;
    }
    if (list.bitmap()->Covers(p.doc)) {
      ASSERT_EQ(list.bitmap()->TfOf(p.doc), p.tf) << "doc " << p.doc;
      ++covered;
    }
    next = p.doc + 1;
  }
  EXPECT_EQ(covered, list.bitmap()->holders());
  const size_t with_bitmap = list.bytes();
  list.Compact([](DocId d) { return d % 2 == 0; });
  EXPECT_EQ(list.bitmap(), nullptr);
  EXPECT_LT(list.bytes(), with_bitmap);
}

TEST(PostingListTest, SkipToFindsWhatALinearScanFinds) {
  std::mt19937 random(3);
  std::uniform_int_distribution<DocId> gap(1, 40);
  PostingList list;
  std::vector<DocId> docs;
  DocId doc = 0;
  for (int i = 0; i < 5000; ++i) {
    list.Append({doc, static_cast<uint8_t>(1 + i % 200), 0});
    docs.push_back(doc);
    doc += gap(random);
  }
  EXPECT_EQ(list.max_tf(), 200);
  for (int round = 0; round < 50; ++round) {
    // Increasing targets, as a search asks for them; some land on a posting.
    std::uniform_int_distribution<DocId> step(0, round < 25 ? 200 : 20000);
    PostingList::Iterator it(list);
    Posting p;
    DocId target = 0;
    while (true) {
      target += step(random);
      if (round % 2 == 0) target = std::max(target, docs[target % docs.size()]);
      auto want = std::lower_bound(docs.begin(), docs.end(), target);
      const bool found = it.SkipTo(target, p);
      ASSERT_EQ(found, want != docs.end()) << "target " << target;
      if (!found) break;
      ASSERT_EQ(p.doc, *want);
      EXPECT_EQ(p.tf, 1 + (want - docs.begin()) % 200);
      target = p.doc + 1;
    }
  }
}

}  // namespace
}  // namespace corematch::matching
