#include "services/matching/engine/tf_bitmap.h"

#include <map>
#include <random>
#include <utility>
#include <vector>

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

// Ranges that start and end anywhere in a word, in one word or across many,
// and at a word's last bit: the holders and tfs TfOf gives, in order.
TEST(TfBitmapTest, ForEachHolderVisitsTheRangesHoldersInOrder) {
  std::mt19937 random(9);
  std::uniform_int_distribution<uint32_t> gap(1, 90);
  std::uniform_int_distribution<int> tf(1, 255);
  TfBitmap bitmap;
  uint32_t last = 0;
  for (uint32_t doc = 0; doc < 5000; doc += gap(random)) {
    bitmap.Append(doc, static_cast<uint8_t>(tf(random)));
    last = doc;
  }
  std::uniform_int_distribution<uint32_t> start(0, last);
  std::vector<std::pair<uint32_t, uint32_t>> ranges = {{0, last}, {0, 63},    {63, 64},
                                                       {64, 127}, {127, 127}, {5, 5}};
  for (int i = 0; i < 500; ++i) {
    const uint32_t from = start(random);
    ranges.push_back({from, std::uniform_int_distribution<uint32_t>(from, last)(random)});
  }
  for (const auto& [from, to] : ranges) {
    std::vector<std::pair<uint32_t, uint8_t>> want, got;
    for (uint32_t doc = from; doc <= to; ++doc) {
      if (bitmap.TfOf(doc) != 0) want.push_back({doc, bitmap.TfOf(doc)});
    }
    bitmap.ForEachHolder(from, to, [&](uint32_t doc, uint8_t t) { got.push_back({doc, t}); });
    ASSERT_EQ(got, want) << from << ".." << to;
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
