#include "services/matching/engine/text_index.h"

#include <algorithm>
#include <cmath>

#include "absl/container/flat_hash_set.h"
#include "services/matching/engine/ranking_weights.h"

namespace corematch::matching {
namespace {

constexpr std::array<float, kFieldCount> kFieldWeight = {weights::kTitle, weights::kCoreElements,
                                                         weights::kSummary, weights::kDescription,
                                                         weights::kTags};
constexpr std::array<float, kFieldCount> kFieldB = {
    weights::kTitleB, weights::kTextB, weights::kTextB, weights::kTextB, weights::kTitleB};

// Per-thread score accumulator, reused across searches: allocating and zeroing
// one float per document for every query would cost more than the scoring.
struct Accumulator {
  std::vector<float> scores;
  std::vector<DocId> touched;

  void Reset(size_t documents) {
    for (DocId doc : touched) scores[doc] = 0.0f;
    touched.clear();
    if (scores.size() < documents) scores.resize(documents, 0.0f);
  }
  void Add(DocId doc, float value) {
    if (scores[doc] == 0.0f) touched.push_back(doc);
    scores[doc] += value;
  }
};

// Which result slot a document fills in the second pass of Search, or -1.
// An array rather than a hash map: the pass looks up every posting again.
struct ResultSlots {
  std::vector<int32_t> slot;

  void Reserve(size_t documents) {
    if (slot.size() < documents) slot.resize(documents, -1);
  }
};

float TermScore(float idf, float query_weight, uint8_t quantised_tf) {
  const float tf = static_cast<float>(quantised_tf) / kTfScale;
  return idf * query_weight * tf * (weights::kK1 + 1.0f) / (tf + weights::kK1);
}

}  // namespace

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

uint8_t TextIndex::Flags(const IndexedTerm& term) const {
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
    postings_[term.term].Append({doc, static_cast<uint8_t>(quantised), Flags(term)});
  }
  live_.push_back(true);
  ++live_count_;
  return doc;
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
  if (k == 0) return {};
  thread_local Accumulator accumulator;
  accumulator.Reset(live_.size());
  std::vector<std::pair<const PostingList*, float>> lists;  // list, idf
  for (const QueryTerm& term : query) {
    auto it = postings_.find(term.term);
    lists.emplace_back(it == postings_.end() ? nullptr : &it->second,
                       it == postings_.end() ? 0.0f : Idf(term.term));
  }
  for (size_t q = 0; q < query.size(); ++q) {
    if (lists[q].first == nullptr) continue;
    PostingList::Iterator it(*lists[q].first);
    Posting p;
    while (it.Next(p)) accumulator.Add(p.doc, TermScore(lists[q].second, query[q].weight, p.tf));
  }

  const auto better = [&](DocId a, DocId b) {
    const float sa = accumulator.scores[a], sb = accumulator.scores[b];
    return sa != sb ? sa > sb : a < b;
  };
  // A heap of the best k so far, worst on top. `accept` (the caller's
  // filters, dearer than a score comparison) is asked only of a document that
  // would enter it: a few hundred instead of every document touched.
  std::vector<DocId> candidates;
  candidates.reserve(k + 1);
  for (DocId doc : accumulator.touched) {
    if (!live_[doc]) continue;
    if (candidates.size() == k && !better(doc, candidates.front())) continue;
    if (accept && !accept(doc)) continue;
    candidates.push_back(doc);
    std::push_heap(candidates.begin(), candidates.end(), better);
    if (candidates.size() > k) {
      std::pop_heap(candidates.begin(), candidates.end(), better);
      candidates.pop_back();
    }
  }
  std::sort(candidates.begin(), candidates.end(), better);

  // Second pass over the same postings, for the winners only: each query
  // term's share of their scores, with the fields it was found in.
  std::vector<ScoredDocument> results;
  thread_local ResultSlots slots;
  slots.Reserve(live_.size());
  for (DocId doc : candidates) {
    slots.slot[doc] = static_cast<int32_t>(results.size());
    results.push_back({doc, accumulator.scores[doc], {}});
  }
  for (size_t q = 0; q < query.size() && !results.empty(); ++q) {
    if (lists[q].first == nullptr) continue;
    PostingList::Iterator it(*lists[q].first);
    Posting p;
    while (it.Next(p)) {
      const int32_t slot = slots.slot[p.doc];
      if (slot < 0) continue;
      results[slot].contributions.push_back(
          {static_cast<uint32_t>(q), p.flags, TermScore(lists[q].second, query[q].weight, p.tf)});
    }
  }
  for (DocId doc : candidates) slots.slot[doc] = -1;
  return results;
}

void TextIndex::Compact() {
  for (auto& [term, list] : postings_) {
    list.Compact([this](DocId doc) { return !live_[doc]; });
  }
  absl::erase_if(postings_, [](const auto& entry) { return entry.second.size() == 0; });
}

size_t TextIndex::memory_bytes() const {
  size_t bytes =
      live_.size() / 8 + postings_.capacity() * (sizeof(std::string) + sizeof(PostingList));
  for (const auto& [term, list] : postings_) bytes += list.bytes() + term.capacity();
  return bytes;
}

}  // namespace corematch::matching
