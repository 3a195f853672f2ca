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

}  // namespace

void PostingList::Append(const Posting& posting) {
  if (size_ % kSkipInterval == 0) {
    skips_.push_back(
        {posting.doc, size_ == 0 ? 0 : last_doc_, static_cast<uint32_t>(data_.size()), 0});
  }
  max_tf_ = std::max(max_tf_, posting.tf);
  skips_.back().max_tf = std::max(skips_.back().max_tf, posting.tf);
  // The first posting's delta is from 0, so doc 0 is representable.
  PutVarint(data_, size_ == 0 ? posting.doc : posting.doc - last_doc_);
  data_.push_back(static_cast<char>(posting.tf));
  data_.push_back(static_cast<char>(posting.flags));
  last_doc_ = posting.doc;
  ++size_;
  if (size_ == extend_bitmap_at_) ExtendBitmap();
}

void PostingList::BuildBitmap() {
  bitmap_ = std::make_unique<TfBitmap>();
  ExtendBitmap();
}

void PostingList::ExtendBitmap() {
  extend_bitmap_at_ = size_ + std::max(kBitmapBatch, size_ / 8);
  const uint32_t from = bitmap_->holders();
  if (from == size_) return;
  // Exactly the room needed: batches grow the list by an eighth at least, so
  // the copies stay a small multiple of the list, and no slack is kept.
  bitmap_->Reserve(last_doc_, size_);
  const size_t block = from / kSkipInterval;
  const char* data = data_.data();
  size_t offset = skips_[block].offset;
  DocId doc = skips_[block].base;
  for (uint32_t i = static_cast<uint32_t>(block * kSkipInterval); i < size_; ++i) {
    doc += postings_internal::ReadDelta(data, offset);
    if (i >= from) bitmap_->Append(doc, static_cast<uint8_t>(data[offset]));
    offset += 2;
  }
}

bool PostingList::Iterator::SkipTo(DocId target, Posting& out) {
  const std::vector<Skip>& skips = list_->skips_;
  const size_t next_block = (list_->size_ - left_) / kSkipInterval;
  if (next_block + 1 < skips.size() && skips[next_block + 1].first_doc <= target) {
    // Gallop, then search: targets are usually a few blocks ahead, and the
    // skip entries of a long list span more cache lines than a jump needs.
    size_t low = next_block + 1;  // starts at or before target
    size_t step = 1;
    while (low + step < skips.size() && skips[low + step].first_doc <= target) {
      low += step;
      step *= 2;
    }
    const auto end =
        skips.begin() + static_cast<std::ptrdiff_t>(std::min(low + step, skips.size()));
    auto after = std::upper_bound(skips.begin() + static_cast<std::ptrdiff_t>(low) + 1, end, target,
                                  [](DocId t, const Skip& skip) { return t < skip.first_doc; });
    const size_t block = static_cast<size_t>(after - skips.begin()) - 1;
    offset_ = skips[block].offset;
    doc_ = skips[block].base;
    left_ = list_->size_ - static_cast<uint32_t>(block * kSkipInterval);
  }
  if (target == 0) return Next(out);
  return NextAfter(target - 1, out, [](DocId, uint8_t) {});
}

void PostingList::EncodeTo(ByteWriter& w) const {
  w.Varint(size_);
  w.Varint(last_doc_);
  w.Byte(max_tf_);
  w.String(data_);
  w.Varint(skips_.size());
  for (const Skip& skip : skips_) {
    w.Varint(skip.first_doc);
    w.Varint(skip.base);
    w.Varint(skip.offset);
    w.Byte(skip.max_tf);
  }
}

bool PostingList::DecodeFrom(ByteReader& r) {
  PostingList list;
  uint64_t skips;
  if (!r.Small(list.size_) || !r.Small(list.last_doc_) || !r.Byte(list.max_tf_) ||
      !r.String(list.data_) || !r.Count(skips) ||
      skips != (list.size_ + kSkipInterval - 1) / kSkipInterval) {
    return false;
  }
  list.skips_.resize(skips);
  for (Skip& skip : list.skips_) {
    if (!r.Small(skip.first_doc) || !r.Small(skip.base) || !r.Small(skip.offset) ||
        !r.Byte(skip.max_tf) || skip.offset >= list.data_.size()) {
      return false;
    }
  }
  *this = std::move(list);
  return true;
}

}  // namespace corematch::matching
