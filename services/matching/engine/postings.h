// services/matching/engine/postings.h
//
// A compressed postings list: for each document that holds a term, its id
// (delta-encoded varint, so ids must be appended in increasing order), the
// term's BM25F pseudo-frequency quantised to a byte, and a byte of flags (the
// fields it occurs in, and whether it came from translation). Three bytes a
// posting on average, which is what lets a million solutions fit in memory.
#ifndef COREMATCH_SERVICES_MATCHING_ENGINE_POSTINGS_H_
#define COREMATCH_SERVICES_MATCHING_ENGINE_POSTINGS_H_

#include <cstdint>
#include <string>

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

class PostingList {
 public:
  // `posting.doc` must exceed every doc already in the list.
  void Append(const Posting& posting);
  uint32_t size() const { return size_; }
  size_t bytes() const { return data_.capacity(); }
  DocId last_doc() const { return last_doc_; }

  class Iterator {
   public:
    explicit Iterator(const PostingList& list) : data_(&list.data_), left_(list.size_) {}
    // Reads the next posting; false at the end.
    bool Next(Posting& out);

   private:
    const std::string* data_;
    size_t offset_ = 0;
    uint32_t left_;
    DocId doc_ = 0;
  };

  // Rebuilds the list without the documents `dead` says are gone.
  template <typename IsDead>
  void Compact(IsDead dead) {
    PostingList fresh;
    Iterator it(*this);
    Posting p;
    while (it.Next(p)) {
      if (!dead(p.doc)) fresh.Append(p);
    }
    fresh.data_.shrink_to_fit();
    *this = std::move(fresh);
  }

 private:
  std::string data_;
  uint32_t size_ = 0;
  DocId last_doc_ = 0;
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_ENGINE_POSTINGS_H_
