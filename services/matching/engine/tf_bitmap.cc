#include "services/matching/engine/tf_bitmap.h"

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

}  // namespace corematch::matching
