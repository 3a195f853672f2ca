#include "services/matching/engine/postings.h"

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

}  // namespace
}  // namespace corematch::matching
