#include "services/matching/engine/tf_bitmap.h"

#include <algorithm>

namespace corematch::matching {

void TfBitmap::Reserve(uint32_t last_doc, uint32_t holders) {
  bits_.reserve(last_doc / 64 + 1);
  rank_.reserve(last_doc / 64 + 1);
  tfs_.reserve(holders);
}

void TfBitmap::Append(uint32_t doc, uint8_t tf) {
  const size_t word = doc / 64;
  if (word >= bits_.size()) {
    bits_.resize(word + 1, 0);
    rank_.resize(word + 1, static_cast<uint32_t>(tfs_.size()));
  }
  bits_[word] |= uint64_t{1} << (doc % 64);
  tfs_.push_back(tf);
  last_doc_ = doc;
}

void TfBitmap::Prefetch(uint32_t first, uint32_t last) const {
  constexpr size_t kCacheLine = 64;
  const size_t begin = first / 64;
  if (begin >= bits_.size()) return;
  const size_t end = std::min<size_t>(last / 64 + 1, bits_.size());
  for (size_t w = begin; w < end; w += kCacheLine / sizeof(uint64_t)) {
    __builtin_prefetch(&bits_[w]);
  }
  for (size_t w = begin; w < end; w += kCacheLine / sizeof(uint32_t)) {
    __builtin_prefetch(&rank_[w]);
  }
  // The window's tfs: reading the rank of its first word waits on memory
  // once, where each look-up in them would otherwise.
  const size_t tf_begin = rank_[begin];
  const size_t tf_end = end < rank_.size() ? rank_[end] : tfs_.size();
  for (size_t t = tf_begin; t < tf_end; t += kCacheLine) __builtin_prefetch(&tfs_[t]);
}

}  // namespace corematch::matching
