#include "services/matching/engine/postings.h"

#include <algorithm>

namespace corematch::matching {
namespace {

void PutVarint(std::string& out, uint32_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>(value | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

uint32_t GetVarint(const std::string& in, size_t& offset) {
  uint32_t value = 0;
  for (int shift = 0;; shift += 7) {
    uint8_t byte = static_cast<uint8_t>(in[offset++]);
    value |= static_cast<uint32_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return value;
  }
}

}  // namespace

void PostingList::Append(const Posting& posting) {
  if (size_ % kSkipInterval == 0) {
    skips_.push_back(
        {posting.doc, size_ == 0 ? 0 : last_doc_, static_cast<uint32_t>(data_.size())});
  }
  max_tf_ = std::max(max_tf_, posting.tf);
  // The first posting's delta is from 0, so doc 0 is representable.
  PutVarint(data_, size_ == 0 ? posting.doc : posting.doc - last_doc_);
  data_.push_back(static_cast<char>(posting.tf));
  data_.push_back(static_cast<char>(posting.flags));
  last_doc_ = posting.doc;
  ++size_;
}

bool PostingList::Iterator::Next(Posting& out) {
  if (left_ == 0) return false;
  const std::string& data = list_->data_;
  doc_ += GetVarint(data, offset_);
  out.doc = doc_;
  out.tf = static_cast<uint8_t>(data[offset_++]);
  out.flags = static_cast<uint8_t>(data[offset_++]);
  --left_;
  return true;
}

bool PostingList::Iterator::SkipTo(DocId target, Posting& out) {
  const std::vector<Skip>& skips = list_->skips_;
  const size_t next_block = (list_->size_ - left_) / kSkipInterval;
  if (next_block + 1 < skips.size()) {
    // The last block that starts at or before `target`.
    auto after =
        std::upper_bound(skips.begin() + static_cast<std::ptrdiff_t>(next_block) + 1, skips.end(),
                         target, [](DocId t, const Skip& skip) { return t < skip.first_doc; });
    const size_t block = static_cast<size_t>(after - skips.begin()) - 1;
    if (block > next_block) {
      offset_ = skips[block].offset;
      doc_ = skips[block].base;
      left_ = list_->size_ - static_cast<uint32_t>(block * kSkipInterval);
    }
  }
  while (Next(out)) {
    if (out.doc >= target) return true;
  }
  return false;
}

}  // namespace corematch::matching
