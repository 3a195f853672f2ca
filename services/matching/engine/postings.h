// services/matching/engine/postings.h
//
// A compressed postings list: for each document that holds a term, its id
// (delta-encoded varint, so ids must be appended in increasing order), the
// term's BM25F pseudo-frequency quantised to a byte, and a byte of flags (the
// fields it occurs in, and whether it came from translation). Three bytes a
// posting on average, which is what lets a million solutions fit in memory.
#ifndef COREMATCH_SERVICES_MATCHING_ENGINE_POSTINGS_H_
#define COREMATCH_SERVICES_MATCHING_ENGINE_POSTINGS_H_

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "services/matching/engine/byte_codec.h"
#include "services/matching/engine/tf_bitmap.h"

namespace corematch::matching {

using DocId = uint32_t;

struct Posting {
  DocId doc;
  // Quantised BM25F pseudo-frequency; see kTfScale.
  uint8_t tf;
  // FieldMask bits.
  uint8_t flags;
};

// tf is stored as round(pseudo_tf * kTfScale), capped at 255.
inline constexpr float kTfScale = 8.0f;

// Postings between two skip entries: SkipTo decodes at most this many to
// reach a document in a block it jumps to, and each block's largest tf bounds
// the scores of the documents in it.
inline constexpr uint32_t kSkipInterval = 64;

// The fewest postings Append adds to a list's bitmap at once.
inline constexpr uint32_t kBitmapBatch = 1024;

class PostingList {
 public:
  // `posting.doc` must exceed every doc already in the list.
  void Append(const Posting& posting);
  uint32_t size() const { return size_; }
  size_t bytes() const {
    return data_.capacity() + skips_.capacity() * sizeof(Skip) +
           (bitmap_ == nullptr ? 0 : bitmap_->bytes());
  }
  DocId last_doc() const { return last_doc_; }
  // The largest tf in the list: what bounds any document's score for the term.
  uint8_t max_tf() const { return max_tf_; }

  // The list's tfs by document id, from BuildBitmap on; nullptr when the
  // list has none. Its owner decides which lists are long enough to be
  // worth one. Append brings it up to date in batches (kBitmapBatch postings,
  // or an eighth of the list if more): appending to it with every posting
  // cost an index build three more cache misses a posting, and decoding a
  // batch of the list's tail is sequential. Documents after the last batch
  // are read from the postings (TfBitmap::Covers says which).
  const TfBitmap* bitmap() const { return bitmap_.get(); }
  void BuildBitmap();
  void DropBitmap() {
    bitmap_.reset();
    extend_bitmap_at_ = 0;
  }

  class Iterator {
   public:
    explicit Iterator(const PostingList& list) : list_(&list), left_(list.size_) {}
    // Reads the next posting; false at the end.
    bool Next(Posting& out);
    // Calls visit(doc, tf) for each next posting up to document `last`,
    // then reads the first posting after it into `out`; false if there is
    // none. The search adds whole windows of a list this way: in locals,
    // where Next would store its position back after every posting.
    template <typename Visit>
    bool NextAfter(DocId last, Posting& out, Visit visit);
    // Reads the first posting at or after `target`, from where the iterator
    // stands; false if there is none. Blocks wholly before `target` are
    // jumped over, not decoded.
    bool SkipTo(DocId target, Posting& out);
    // The largest tf of the block that would hold `target`, without decoding
    // anything: what bounds `target`'s score for the term. 0 when `target`
    // lies past the list. Targets must not decrease from call to call.
    uint8_t BlockMaxTf(DocId target);
    // What the blocks that may hold documents first..last say, without
    // decoding anything: their largest tf (0 when the list has none there)
    // and how many postings they hold at most. Like BlockMaxTf, `first` must
    // not decrease from call to call.
    struct BlockSummary {
      uint8_t max_tf;
      uint32_t postings;
    };
    BlockSummary SummarizeBetween(DocId first, DocId last);

   private:
    const PostingList* list_;
    size_t offset_ = 0;
    uint32_t left_;
    DocId doc_ = 0;
    // BlockMaxTf's position: the block it last looked at.
    size_t shallow_block_ = 0;
    // The last block SummarizeBetween looked at.
    size_t summarized_block_ = 0;
  };

  // The list as bytes, for the engine's snapshot, and back. DecodeFrom says
  // false for a malformed list and leaves this one unchanged.
  void EncodeTo(ByteWriter& w) const;
  bool DecodeFrom(ByteReader& r);

  // Rebuilds the list without the documents `dead` says are gone, and
  // without its bitmap.
  template <typename IsDead>
  void Compact(IsDead dead) {
    PostingList fresh;
    Iterator it(*this);
    Posting p;
    while (it.Next(p)) {
      if (!dead(p.doc)) fresh.Append(p);
    }
    fresh.data_.shrink_to_fit();
    fresh.skips_.shrink_to_fit();
    *this = std::move(fresh);
  }

 private:
  // Adds the postings the bitmap does not hold yet.
  void ExtendBitmap();

  // Where block b (postings b * kSkipInterval on) starts.
  struct Skip {
    // Its first document.
    DocId first_doc;
    // The document its first delta is counted from.
    DocId base;
    uint32_t offset;
    // The largest tf in the block.
    uint8_t max_tf;
  };

  std::string data_;
  std::vector<Skip> skips_;
  std::unique_ptr<TfBitmap> bitmap_;
  // The size at which Append extends the bitmap; 0 without one. Kept here
  // so that appending need not read the bitmap, which lies elsewhere in
  // memory.
  uint32_t extend_bitmap_at_ = 0;
  uint32_t size_ = 0;
  DocId last_doc_ = 0;
  uint8_t max_tf_ = 0;
};

namespace postings_internal {

// Reads the varint at data[offset] and moves offset past it. The list was
// written by Append, so it is well formed.
inline uint32_t ReadDelta(const char* data, size_t& offset) {
  uint32_t delta = 0;
  for (int shift = 0;; shift += 7) {
    const uint8_t byte = static_cast<uint8_t>(data[offset++]);
    delta |= static_cast<uint32_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return delta;
  }
}

}  // namespace postings_internal

// Next and BlockMaxTf run once per posting or candidate: inline.
inline bool PostingList::Iterator::Next(Posting& out) {
  if (left_ == 0) return false;
  const char* data = list_->data_.data();
  doc_ += postings_internal::ReadDelta(data, offset_);
  out.doc = doc_;
  out.tf = static_cast<uint8_t>(data[offset_]);
  out.flags = static_cast<uint8_t>(data[offset_ + 1]);
  offset_ += 2;
  --left_;
  return true;
}

template <typename Visit>
bool PostingList::Iterator::NextAfter(DocId last, Posting& out, Visit visit) {
  const char* data = list_->data_.data();
  size_t offset = offset_;
  uint32_t left = left_;
  DocId doc = doc_;
  bool found = false;
  while (left > 0) {
    doc += postings_internal::ReadDelta(data, offset);
    --left;
    const uint8_t tf = static_cast<uint8_t>(data[offset]);
    if (doc > last) {
      out = {doc, tf, static_cast<uint8_t>(data[offset + 1])};
      found = true;
      offset += 2;
      break;
    }
    offset += 2;
    visit(doc, tf);
  }
  offset_ = offset;
  left_ = left;
  doc_ = doc;
  return found;
}

inline uint8_t PostingList::Iterator::BlockMaxTf(DocId target) {
  const std::vector<Skip>& skips = list_->skips_;
  if (skips.empty() || target > list_->last_doc_) return 0;
  // Targets only rise, so over a search this steps at most once per block.
  while (shallow_block_ + 1 < skips.size() && skips[shallow_block_ + 1].first_doc <= target) {
    ++shallow_block_;
  }
  return skips[shallow_block_].max_tf;
}

inline PostingList::Iterator::BlockSummary PostingList::Iterator::SummarizeBetween(DocId first,
                                                                                   DocId last) {
  const std::vector<Skip>& skips = list_->skips_;
  // The last summary's blocks all start before `first`: BlockMaxTf need not
  // step through them again.
  shallow_block_ = std::max(shallow_block_, summarized_block_);
  uint8_t max_tf = BlockMaxTf(first);
  if (max_tf == 0) return {0, 0};
  size_t b = shallow_block_ + 1;
  for (; b < skips.size() && skips[b].first_doc <= last; ++b) {
    max_tf = std::max(max_tf, skips[b].max_tf);
  }
  summarized_block_ = b - 1;
  return {max_tf, static_cast<uint32_t>(b - shallow_block_) * kSkipInterval};
}

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_ENGINE_POSTINGS_H_
