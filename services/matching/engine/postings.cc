#include "services/matching/engine/postings.h"

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
  // The first posting's delta is from 0, so doc 0 is representable.
  PutVarint(data_, size_ == 0 ? posting.doc : posting.doc - last_doc_);
  data_.push_back(static_cast<char>(posting.tf));
  data_.push_back(static_cast<char>(posting.flags));
  last_doc_ = posting.doc;
  ++size_;
}

bool PostingList::Iterator::Next(Posting& out) {
  if (left_ == 0) return false;
  const bool first = offset_ == 0;
  uint32_t delta = GetVarint(*data_, offset_);
  doc_ = first ? delta : doc_ + delta;
  out.doc = doc_;
  out.tf = static_cast<uint8_t>((*data_)[offset_++]);
  out.flags = static_cast<uint8_t>((*data_)[offset_++]);
  --left_;
  return true;
}

}  // namespace corematch::matching
