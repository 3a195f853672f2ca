#include "services/matching/engine/text_index.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/matching/engine/byte_codec.h"
#include "services/matching/engine/max_score_search.h"
#include "services/matching/engine/ranking_weights.h"

namespace corematch::matching {
namespace {

constexpr std::array<float, kFieldCount> kFieldWeight = {weights::kTitle, weights::kCoreElements,
                                                         weights::kSummary, weights::kDescription,
                                                         weights::kTags};
constexpr std::array<float, kFieldCount> kFieldB = {
    weights::kTitleB, weights::kTextB, weights::kTextB, weights::kTextB, weights::kTitleB};

// A list holding at least 1 in kBitmapDensity of the documents, and at least
// kBitmapMinPostings, carries a TfBitmap (0.19 bytes a document and one a
// posting, against about three a posting for the list itself). At 1,000,000
// generated solutions that is 419 of 2,904 lists and 59 million of 103
// million postings: the common words' lists, in which the search looks up
// most of its candidates. (1 in 32 or 64 took more memory and were no
// faster; docs/benchmarks.md.)
constexpr size_t kBitmapDensity = 16;
constexpr size_t kBitmapMinPostings = 2048;

// About this many bytes of lists go into one snapshot record.
constexpr size_t kSnapshotRecordBytes = 1 << 20;

// Calls visit(i, posting) for each docs[i] (sorted, ascending) that `list`
// holds, skipping through the list rather than decoding all of it.
template <typename Visit>
void ForEachPosting(const PostingList& list, const std::vector<DocId>& docs, Visit visit) {
  PostingList::Iterator it(list);
  Posting p;
  bool have = false;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (!have || p.doc < docs[i]) {
      have = it.SkipTo(docs[i], p);
      if (!have) return;
    }
    if (p.doc == docs[i]) visit(i, p);
  }
}

}  // namespace

float TermScore(float idf, float query_weight, uint8_t quantised_tf) {
  const float tf = static_cast<float>(quantised_tf) / kTfScale;
  return idf * query_weight * tf * (weights::kK1 + 1.0f) / (tf + weights::kK1);
}

absl::string_view FieldName(Field field) {
  switch (field) {
    case Field::kTitle:
      return "title";
    case Field::kCoreElements:
      return "core_elements";
    case Field::kSummary:
      return "summary";
    case Field::kDescription:
      return "description";
    case Field::kTags:
      return "tags";
  }
  return "";
}

float TextIndex::PseudoTf(const IndexedTerm& term,
                          const std::array<uint32_t, kFieldCount>& length) const {
  float tf = 0.0f;
  for (int f = 0; f < kFieldCount; ++f) {
    if (term.tf[f] == 0) continue;
    const double average = documents_with_field_[f] == 0
                               ? length[f]
                               : total_length_[f] / static_cast<double>(documents_with_field_[f]);
    const float norm =
        average <= 0.0 ? 1.0f
                       : 1.0f - kFieldB[f] + kFieldB[f] * static_cast<float>(length[f] / average);
    tf += kFieldWeight[f] * static_cast<float>(term.tf[f]) / std::max(norm, 0.1f);
  }
  return term.translated ? tf * weights::kTranslatedTerm : tf;
}

uint8_t PostingFlags(const IndexedTerm& term) {
  uint8_t flags = term.translated ? kTranslatedFlag : 0;
  for (int f = 0; f < kFieldCount; ++f) {
    if (term.tf[f] > 0) flags |= FieldBit(static_cast<Field>(f));
  }
  return flags;
}

DocId TextIndex::Add(const IndexedDocument& document) {
  const DocId doc = static_cast<DocId>(live_.size());
  for (int f = 0; f < kFieldCount; ++f) {
    if (document.length[f] == 0) continue;
    total_length_[f] += document.length[f];
    ++documents_with_field_[f];
  }
  for (const IndexedTerm& term : document.terms) {
    const float tf = PseudoTf(term, document.length);
    if (tf <= 0.0f) continue;
    const float quantised = std::clamp(std::round(tf * kTfScale), 1.0f, 255.0f);
    PostingList& list = postings_[term.term];
    list.Append({doc, static_cast<uint8_t>(quantised), PostingFlags(term)});
    // A list that grows rarer as the corpus grows keeps its bitmap until
    // Compact or a snapshot's reading choose again.
    if (list.bitmap() == nullptr && WantsBitmap(list)) list.BuildBitmap();
  }
  live_.push_back(true);
  ++live_count_;
  return doc;
}

bool TextIndex::WantsBitmap(const PostingList& list) const {
  return list.size() >= kBitmapMinPostings && list.size() * kBitmapDensity >= live_.size();
}

void TextIndex::ChooseBitmaps() {
  for (auto& [term, list] : postings_) {
    if (!WantsBitmap(list)) {
      list.DropBitmap();
    } else if (list.bitmap() == nullptr) {
      list.BuildBitmap();
    }
  }
}

void TextIndex::Remove(DocId doc) {
  if (!IsLive(doc)) return;
  live_[doc] = false;
  --live_count_;
}

float TextIndex::Idf(absl::string_view term) const {
  auto it = postings_.find(term);
  if (it == postings_.end()) return 0.0f;
  const double n = static_cast<double>(std::max<size_t>(live_count_, 1));
  const double df = std::min<double>(it->second.size(), n);
  return static_cast<float>(std::log(1.0 + (n - df + 0.5) / (df + 0.5)));
}

std::vector<ScoredDocument> TextIndex::Search(const std::vector<QueryTerm>& query, size_t k,
                                              const std::function<bool(DocId)>& accept) const {
  std::vector<ScoredDocument> results;
  for (const SearchHit& hit : MaxScoreSearch(*this, query, k, accept)) {
    results.push_back({hit.doc, hit.score, {}});
  }
  return results;
}

void TextIndex::AddContributions(const std::vector<QueryTerm>& query,
                                 std::vector<ScoredDocument>& documents) const {
  // Each list is skipped through once, in document order.
  std::vector<std::pair<DocId, size_t>> by_doc;  // doc, slot
  for (size_t i = 0; i < documents.size(); ++i) by_doc.push_back({documents[i].doc, i});
  std::sort(by_doc.begin(), by_doc.end());
  std::vector<DocId> docs;
  for (const auto& [doc, slot] : by_doc) docs.push_back(doc);
  // In the query's order, as callers read them.
  for (uint32_t q = 0; q < query.size(); ++q) {
    const PostingList* list = Postings(query[q].term);
    if (list == nullptr) continue;
    const float idf = Idf(query[q].term);
    ForEachPosting(*list, docs, [&](size_t i, const Posting& p) {
      documents[by_doc[i].second].contributions.push_back(
          {q, p.flags, TermScore(idf, query[q].weight, p.tf)});
    });
  }
}

ScoredDocument TextIndex::ScoreDocument(const std::vector<QueryTerm>& query, DocId doc) const {
  ScoredDocument scored{doc, 0.0f, {}};
  const std::vector<DocId> docs = {doc};
  for (uint32_t q = 0; q < query.size(); ++q) {
    auto it = postings_.find(query[q].term);
    if (it == postings_.end()) continue;
    const float idf = Idf(query[q].term);
    ForEachPosting(it->second, docs, [&](size_t, const Posting& p) {
      const float score = TermScore(idf, query[q].weight, p.tf);
      scored.score += score;
      scored.contributions.push_back({q, p.flags, score});
    });
  }
  return scored;
}

void TextIndex::Compact() {
  for (auto& [term, list] : postings_) {
    list.Compact([this](DocId doc) { return !live_[doc]; });
  }
  absl::erase_if(postings_, [](const auto& entry) { return entry.second.size() == 0; });
  ChooseBitmaps();
}

// Snapshot records: a header (field statistics, the live bits, how many
// terms), then the terms' lists, as many to a record as fit about a megabyte.
absl::Status TextIndex::WriteTo(SnapshotWriter& out) const {
  ByteWriter w;
  for (int f = 0; f < kFieldCount; ++f) {
    w.Double(total_length_[f]);
    w.Varint(documents_with_field_[f]);
  }
  w.Varint(live_.size());
  for (size_t doc = 0; doc < live_.size(); doc += 8) {
    uint8_t bits = 0;
    for (size_t i = 0; i < 8 && doc + i < live_.size(); ++i) {
      if (live_[doc + i]) bits |= static_cast<uint8_t>(1u << i);
    }
    w.Byte(bits);
  }
  w.Varint(postings_.size());
  RETURN_IF_ERROR(out.Add(w.bytes()));
  w.Clear();
  for (const auto& [term, list] : postings_) {
    w.String(term);
    list.EncodeTo(w);
    if (w.size() >= kSnapshotRecordBytes) {
      RETURN_IF_ERROR(out.Add(w.bytes()));
      w.Clear();
    }
  }
  if (w.size() > 0) RETURN_IF_ERROR(out.Add(w.bytes()));
  return absl::OkStatus();
}

absl::Status TextIndex::ReadFrom(SnapshotReader& in) {
  const auto damaged = [](absl::string_view what) {
    return absl::DataLossError(absl::StrCat("engine snapshot: text index ", what));
  };
  std::string record;
  ASSIGN_OR_RETURN(bool more, in.Next(record));
  if (!more) return damaged("missing");
  ByteReader r(record);
  for (int f = 0; f < kFieldCount; ++f) {
    if (!r.Double(total_length_[f]) || !r.Varint(documents_with_field_[f])) {
      return damaged("header truncated");
    }
  }
  uint64_t documents, terms;
  if (!r.Varint(documents) || documents > std::numeric_limits<DocId>::max()) {
    return damaged("document count out of range");
  }
  live_.assign(documents, false);
  live_count_ = 0;
  for (size_t doc = 0; doc < documents; doc += 8) {
    uint8_t bits;
    if (!r.Byte(bits)) return damaged("live bits truncated");
    for (size_t i = 0; i < 8 && doc + i < documents; ++i) {
      live_[doc + i] = (bits >> i) & 1;
      live_count_ += live_[doc + i];
    }
  }
  if (!r.Varint(terms) || !r.done()) return damaged("header malformed");
  postings_.reserve(terms);
  while (postings_.size() < terms) {
    ASSIGN_OR_RETURN(more, in.Next(record));
    if (!more) return damaged("lists truncated");
    ByteReader lists(record);
    while (!lists.done()) {
      std::string term;
      PostingList list;
      if (!lists.String(term) || !list.DecodeFrom(lists) || list.last_doc() >= documents) {
        return damaged("list malformed");
      }
      postings_.emplace(std::move(term), std::move(list));
    }
  }
  if (postings_.size() != terms) return damaged("term count mismatch");
  // Not in the snapshot: rebuilt from the lists, which hold the same.
  ChooseBitmaps();
  return absl::OkStatus();
}

size_t TextIndex::memory_bytes() const {
  size_t bytes =
      live_.size() / 8 + postings_.capacity() * (sizeof(std::string) + sizeof(PostingList));
  for (const auto& [term, list] : postings_) bytes += list.bytes() + term.capacity();
  return bytes;
}

}  // namespace corematch::matching
