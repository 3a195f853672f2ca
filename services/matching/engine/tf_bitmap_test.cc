#include "services/matching/engine/tf_bitmap.h"

#include <map>
#include <random>

#include "gtest/gtest.h"

namespace corematch::matching {
namespace {

TEST(TfBitmapTest, GivesEveryHoldersTfAndZeroForTheRest) {
  std::mt19937 random(5);
  std::uniform_int_distribution<uint32_t> gap(1, 150);
  std::uniform_int_distribution<int> tf(1, 255);
  TfBitmap bitmap;
  std::map<uint32_t, uint8_t> want;
  // Gaps of up to 150 leave whole words empty, and 0 and 63/64 are edges.
  for (uint32_t doc : {0u, 63u, 64u}) {
    want[doc] = static_cast<uint8_t>(tf(random));
    bitmap.Append(doc, want[doc]);
  }
  for (uint32_t doc = 64 + gap(random); doc < 200000; doc += gap(random)) {
    want[doc] = static_cast<uint8_t>(tf(random));
    bitmap.Append(doc, want[doc]);
  }
  for (uint32_t doc = 0; doc < 201000; ++doc) {
    auto it = want.find(doc);
    ASSERT_EQ(bitmap.TfOf(doc), it == want.end() ? 0 : it->second) << "doc " << doc;
  }
}

TEST(TfBitmapTest, ReservingAllocatesNoMoreThanNeeded) {
  TfBitmap reserved;
  reserved.Reserve(640000, 10001);
  for (uint32_t doc = 0; doc <= 640000; doc += 64) reserved.Append(doc, 1);
  // 10,001 words of bits and ranks, and a byte a holder.
  EXPECT_EQ(reserved.bytes(), 10001u * (8 + 4) + 10001u);
}

}  // namespace
}  // namespace corematch::matching
