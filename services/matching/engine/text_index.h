// services/matching/engine/text_index.h
//
// TextIndex: an incremental, in-memory BM25F index over the five fields of a
// solution (or the text of a request). Documents are added already analysed;
// replacing one is Remove + Add (ids are never reused; dead ids are dropped by
// Compact). Search finds the best k documents that `accept` (with
// MaxScoreSearch: exactly the full ranking, without scoring every document),
// and reports for each the contribution of every query term, so explanations
// are built from the very numbers that made the score.
//
// Not thread-safe: the owner guards it (reader lock for Search). Search of a
// large index may run half of itself on a thread of its own, which it joins
// before returning.
#ifndef COREMATCH_SERVICES_MATCHING_ENGINE_TEXT_INDEX_H_
#define COREMATCH_SERVICES_MATCHING_ENGINE_TEXT_INDEX_H_

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "services/matching/engine/postings.h"
#include "services/matching/engine/snapshot_file.h"

namespace corematch::matching {

enum class Field : uint8_t { kTitle = 0, kCoreElements, kSummary, kDescription, kTags };
inline constexpr int kFieldCount = 5;
// Posting flag: the document has the term only through translation.
inline constexpr uint8_t kTranslatedFlag = 1 << 7;

absl::string_view FieldName(Field field);
inline uint8_t FieldBit(Field field) { return static_cast<uint8_t>(1u << static_cast<int>(field)); }

// One distinct term of a document: its count per field.
struct IndexedTerm {
  std::string term;
  std::array<uint16_t, kFieldCount> tf{};
  // Reached only through translation into the English pivot.
  bool translated = false;
};

// The posting flags of a document's term: its fields (FieldBit) and
// kTranslatedFlag.
uint8_t PostingFlags(const IndexedTerm& term);

struct IndexedDocument {
  std::vector<IndexedTerm> terms;
  // Words per field, for length normalisation.
  std::array<uint32_t, kFieldCount> length{};
};

struct QueryTerm {
  std::string term;
  // 1 for a word of the need, less for compound parts and translations.
  float weight = 1.0f;
};

struct TermContribution {
  // Index into the query's terms.
  uint32_t query_term;
  // The posting's flags: fields (FieldBit) and kTranslatedFlag.
  uint8_t flags;
  float score;
};

// A query term's share of a document's score: BM25's saturation of the
// posting's quantised pseudo-frequency, times the term's idf and its weight
// in the query.
float TermScore(float idf, float query_weight, uint8_t quantised_tf);

struct ScoredDocument {
  DocId doc;
  float score;
  std::vector<TermContribution> contributions;
};

class TextIndex {
 public:
  TextIndex() = default;
  TextIndex(const TextIndex&) = delete;
  TextIndex& operator=(const TextIndex&) = delete;
  TextIndex(TextIndex&&) = default;
  TextIndex& operator=(TextIndex&&) = default;

  DocId Add(const IndexedDocument& document);
  void Remove(DocId doc);
  bool IsLive(DocId doc) const { return doc < live_.size() && live_[doc]; }

  // The best `k` live documents that `accept`, best first, with their
  // scores but without contributions: AddContributions fills those in for
  // the documents a caller explains (a need's ranking takes 60 candidates
  // and explains 20, and the contributions of all 60 were about a tenth of
  // a query at 1,000,000 solutions).
  std::vector<ScoredDocument> Search(const std::vector<QueryTerm>& query, size_t k,
                                     const std::function<bool(DocId)>& accept) const;
  // Each document's share of every term of `query` in its score, with the
  // fields it was found in, as Search scored it.
  void AddContributions(const std::vector<QueryTerm>& query,
                        std::vector<ScoredDocument>& documents) const;

  // `doc` scored for `query` as Search scores its winners, contributions
  // included; score 0 when it holds none of the terms. Skips to the document
  // in each list.
  ScoredDocument ScoreDocument(const std::vector<QueryTerm>& query, DocId doc) const;

  // Calls visit(doc, flags) for each live document that holds `term`, in
  // document order.
  template <typename Visit>
  void ForEachHolder(absl::string_view term, Visit visit) const {
    auto it = postings_.find(term);
    if (it == postings_.end()) return;
    PostingList::Iterator postings(it->second);
    for (Posting p; postings.Next(p);) {
      if (live_[p.doc]) visit(p.doc, p.flags);
    }
  }
  // Calls visit(term, doc, flags) for every posting of a live document.
  template <typename Visit>
  void ForEachLivePosting(Visit visit) const {
    for (const auto& [term, list] : postings_) {
      ForEachHolder(term, [&](DocId doc, uint8_t flags) { visit(term, doc, flags); });
    }
  }

  // Drops removed documents from the postings; worth it when many are dead.
  void Compact();

  // The whole index as snapshot records, and back into an empty index (a
  // restart then reads postings instead of adding every document again).
  // ReadFrom is DATA_LOSS for malformed records.
  absl::Status WriteTo(SnapshotWriter& out) const;
  absl::Status ReadFrom(SnapshotReader& in);

  size_t live_documents() const { return live_count_; }
  size_t dead_documents() const { return live_.size() - live_count_; }
  size_t memory_bytes() const;
  // The term's list; nullptr for a term no document has.
  const PostingList* Postings(absl::string_view term) const {
    auto it = postings_.find(term);
    return it == postings_.end() ? nullptr : &it->second;
  }
  // Inverse document frequency of a term (0 for unknown terms).
  float Idf(absl::string_view term) const;

 private:
  float PseudoTf(const IndexedTerm& term, const std::array<uint32_t, kFieldCount>& length) const;
  // Whether `list` is long enough, among the ids given so far, for a
  // TfBitmap to pay for its memory.
  bool WantsBitmap(const PostingList& list) const;
  // Gives every list the bitmap WantsBitmap says, and takes it from the rest.
  void ChooseBitmaps();

  absl::flat_hash_map<std::string, PostingList> postings_;
  std::vector<bool> live_;
  size_t live_count_ = 0;
  // Running totals for average field lengths, over the documents that have
  // the field: core elements and tags are missing from many solutions, and
  // counting those would make every present one look long.
  std::array<double, kFieldCount> total_length_{};
  std::array<uint64_t, kFieldCount> documents_with_field_{};
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_ENGINE_TEXT_INDEX_H_
