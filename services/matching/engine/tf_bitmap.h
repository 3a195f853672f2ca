// services/matching/engine/tf_bitmap.h
//
// TfBitmap: the quantised tfs of a long postings list, addressed by document
// id. A bit per document says whether it holds the term, a running count per
// 64 documents gives its rank among the holders, and the tfs lie in rank
// order. Asking it for a document costs a bit test (and a popcount), where
// skipping through a varint list costs a cache miss and a decode: the search
// asks the long lists of common words about most of its candidates, so those
// lists carry one beside their postings.
#ifndef COREMATCH_SERVICES_MATCHING_ENGINE_TF_BITMAP_H_
#define COREMATCH_SERVICES_MATCHING_ENGINE_TF_BITMAP_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace corematch::matching {

class TfBitmap {
 public:
  // Room for `holders` documents up to `last_doc`, so that appending them
  // allocates once, without slack.
  void Reserve(uint32_t last_doc, uint32_t holders);
  // `doc` must exceed every doc already appended; `tf` must not be 0.
  void Append(uint32_t doc, uint8_t tf);

  // Documents appended so far.
  uint32_t holders() const { return static_cast<uint32_t>(tfs_.size()); }
  // Whether TfOf answers for `doc`: documents after the last one appended
  // may hold the term without the bitmap knowing yet.
  bool Covers(uint32_t doc) const { return !tfs_.empty() && doc <= last_doc_; }
  // The last document appended.
  uint32_t last_doc() const { return last_doc_; }

  // Calls visit(doc, tf) for each document from..to that holds the term, in
  // order; the bitmap must cover `to`. Holders come a word at a time and
  // their tfs in a row, so this costs a few cycles a holder where TfOf costs
  // a look-up a document.
  template <typename Visit>
  void ForEachHolder(uint32_t from, uint32_t to, Visit visit) const {
    size_t word = from / 64;
    const size_t last_word = to / 64;
    const uint64_t before_from = (uint64_t{1} << (from % 64)) - 1;
    size_t at = rank_[word] + static_cast<size_t>(__builtin_popcountll(bits_[word] & before_from));
    uint64_t bits = bits_[word] & ~before_from;
    for (;; bits = bits_[++word]) {
      if (word == last_word && to % 64 != 63) bits &= (uint64_t{1} << (to % 64 + 1)) - 1;
      for (; bits != 0; bits &= bits - 1) {
        visit(static_cast<uint32_t>(word * 64) + static_cast<uint32_t>(__builtin_ctzll(bits)),
              tfs_[at++]);
      }
      if (word == last_word) return;
    }
  }

  // The tf of `doc`, which the bitmap covers; 0 when it does not hold the
  // term. Without a branch on the bit: the search asks about documents that
  // hold the term about as often as not, so such a branch is mispredicted
  // half the time, and each misprediction also stops the processor from
  // fetching the next documents' words while it waits on this one's.
  uint8_t TfOf(uint32_t doc) const {
    const size_t word = doc / 64;
    if (word >= bits_.size()) return 0;
    const uint64_t bits = bits_[word];
    const uint32_t shift = doc % 64;
    const uint32_t below =
        static_cast<uint32_t>(__builtin_popcountll(bits & ((uint64_t{1} << shift) - 1)));
    // Where the tf would be; past the last one when no later document of
    // the word holds the term.
    const size_t at = std::min<size_t>(rank_[word] + below, tfs_.size() - 1);
    const uint8_t held = static_cast<uint8_t>(0u - static_cast<uint32_t>((bits >> shift) & 1));
    return tfs_[at] & held;
  }

  size_t bytes() const {
    return bits_.capacity() * sizeof(uint64_t) + rank_.capacity() * sizeof(uint32_t) +
           tfs_.capacity();
  }

 private:
  std::vector<uint64_t> bits_;
  // Holders before each word of bits_.
  std::vector<uint32_t> rank_;
  std::vector<uint8_t> tfs_;
  uint32_t last_doc_ = 0;
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_ENGINE_TF_BITMAP_H_
