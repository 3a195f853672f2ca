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
#include <vector>

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
// reach a document in a block it jumps to.
inline constexpr uint32_t kSkipInterval = 64;

class PostingList {
 public:
  // `posting.doc` must exceed every doc already in the list.
  void Append(const Posting& posting);
  uint32_t size() const { return size_; }
  size_t bytes() const { return data_.capacity() + skips_.capacity() * sizeof(Skip); }
  DocId last_doc() const { return last_doc_; }
  // The largest tf in the list: what bounds any document's score for the term.
  uint8_t max_tf() const { return max_tf_; }

  class Iterator {
   public:
    explicit Iterator(const PostingList& list) : list_(&list), left_(list.size_) {}
    // Reads the next posting; false at the end.
    bool Next(Posting& out);
    // Reads the first posting at or after `target`, from where the iterator
    // stands; false if there is none. Blocks wholly before `target` are
    // jumped over, not decoded.
    bool SkipTo(DocId target, Posting& out);

   private:
    const PostingList* list_;
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
    fresh.skips_.shrink_to_fit();
    *this = std::move(fresh);
  }

 private:
  // Where block b (postings b * kSkipInterval on) starts.
  struct Skip {
    // Its first document.
    DocId first_doc;
    // The document its first delta is counted from.
    DocId base;
    uint32_t offset;
  };

  std::string data_;
  std::vector<Skip> skips_;
  uint32_t size_ = 0;
  DocId last_doc_ = 0;
  uint8_t max_tf_ = 0;
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_ENGINE_POSTINGS_H_
