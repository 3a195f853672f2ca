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

float TermScore(float idf, float query_weight, uint8_t quantised_tf) {
  const float tf = static_cast<float>(quantised_tf) / kTfScale;
  return idf * query_weight * tf * (weights::kK1 + 1.0f) / (tf + weights::kK1);
}

// Sums of float bounds and of float scores round differently: a margin
// keeps pruning on the safe side.
constexpr float kBoundSlack = 1e-4f;

// One query term's postings and what they score.
struct TermList {
  const PostingList* postings;
  float idf;
  float weight;
  // Index into the query.
  uint32_t query_term;
  // The most it adds to any document's score.
  float bound;

  float Score(uint8_t tf) const { return TermScore(idf, weight, tf); }
};

// Higher score first, then lower id: a total order, so results are stable.
bool Better(const std::vector<float>& scores, DocId a, DocId b) {
  return scores[a] != scores[b] ? scores[a] > scores[b] : a < b;
}

// The best k of `docs` that `accept`, as a heap with the worst on top.
// `accept` (the caller's filters, dearer than a score comparison) is asked
// only of a document that would enter the heap: a few hundred, not every
// document touched. Removed documents never enter.
std::vector<DocId> BestAcceptedOf(const std::vector<float>& scores, const std::vector<DocId>& docs,
                                  size_t k, const std::function<bool(DocId)>& accept,
                                  const std::vector<bool>& live) {
  const auto better = [&](DocId a, DocId b) { return Better(scores, a, b); };
  std::vector<DocId> heap;
  heap.reserve(k + 1);
  for (DocId doc : docs) {
    if (!live[doc]) continue;
    if (heap.size() == k && !better(doc, heap.front())) continue;
    if (accept && !accept(doc)) continue;
    heap.push_back(doc);
    std::push_heap(heap.begin(), heap.end(), better);
    if (heap.size() > k) {
      std::pop_heap(heap.begin(), heap.end(), better);
      heap.pop_back();
    }
  }
  return heap;
}

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

// Search runs in two phases (MaxScore, term at a time). Query terms go in
// order of the most they can add to a score, rarest first. While the terms
// left could still lift an untouched document into the best k, each term's
// whole list is added. Once they cannot, only the documents already touched
// that can still reach the best k are scored further, and the remaining
// lists — the long ones of common words — are skipped through to them
// rather than decoded.
std::vector<ScoredDocument> TextIndex::Search(const std::vector<QueryTerm>& query, size_t k,
                                              const std::function<bool(DocId)>& accept) const {
  if (k == 0) return {};
  thread_local Accumulator accumulator;
  accumulator.Reset(live_.size());
  std::vector<TermList> lists;
  for (size_t q = 0; q < query.size(); ++q) {
    auto it = postings_.find(query[q].term);
    if (it == postings_.end()) continue;
    const float idf = Idf(query[q].term);
    lists.push_back({&it->second, idf, query[q].weight, static_cast<uint32_t>(q),
                     TermScore(idf, query[q].weight, it->second.max_tf())});
  }
  std::vector<TermList> by_bound = lists;
  std::sort(by_bound.begin(), by_bound.end(),
            [](const TermList& a, const TermList& b) { return a.bound > b.bound; });
  // left[i]: the most the terms from i on can add to any document.
  std::vector<float> left(by_bound.size() + 1, 0.0f);
  for (size_t i = by_bound.size(); i-- > 0;) left[i] = left[i + 1] + by_bound[i].bound;

  const auto best_accepted = [&](const std::vector<DocId>& docs) {
    return BestAcceptedOf(accumulator.scores, docs, k, accept, live_);
  };
  std::vector<DocId> best;
  size_t i = 0;
  float threshold = 0.0f;
  for (; i < by_bound.size(); ++i) {
    // Worth checking when the check (a pass over the touched) costs less
    // than the list it may spare.
    if (i > 0 && by_bound[i].postings->size() > accumulator.touched.size()) {
      best = best_accepted(accumulator.touched);
      threshold = best.size() == k ? accumulator.scores[best.front()] : 0.0f;
      if (threshold > left[i] * (1.0f + kBoundSlack)) break;
    }
    PostingList::Iterator it(*by_bound[i].postings);
    Posting p;
    while (it.Next(p)) accumulator.Add(p.doc, by_bound[i].Score(p.tf));
  }
  std::vector<DocId> contenders;
  if (i < by_bound.size()) {
    for (DocId doc : accumulator.touched) {
      if (live_[doc] && accumulator.scores[doc] + left[i] * (1.0f + kBoundSlack) >= threshold) {
        contenders.push_back(doc);
      }
    }
    std::sort(contenders.begin(), contenders.end());
    for (; i < by_bound.size(); ++i) {
      ForEachPosting(*by_bound[i].postings, contenders, [&](size_t, const Posting& p) {
        accumulator.scores[p.doc] += by_bound[i].Score(p.tf);
      });
    }
  }
  best = best_accepted(contenders.empty() ? accumulator.touched : contenders);
  std::sort(best.begin(), best.end(),
            [&](DocId a, DocId b) { return Better(accumulator.scores, a, b); });

  // Second pass, for the winners only: each query term's share of their
  // scores, with the fields it was found in.
  std::vector<ScoredDocument> results;
  std::vector<std::pair<DocId, uint32_t>> winners;  // doc, slot; by doc
  for (DocId doc : best) {
    winners.push_back({doc, static_cast<uint32_t>(results.size())});
    results.push_back({doc, accumulator.scores[doc], {}});
  }
  std::sort(winners.begin(), winners.end());
  std::vector<DocId> winner_docs;
  for (const auto& [doc, slot] : winners) winner_docs.push_back(doc);
  for (const TermList& list : lists) {
    ForEachPosting(*list.postings, winner_docs, [&](size_t w, const Posting& p) {
      results[winners[w].second].contributions.push_back(
          {list.query_term, p.flags, list.Score(p.tf)});
    });
  }
  return results;
}

float TextIndex::ScoreDocument(const std::vector<QueryTerm>& query, DocId doc) const {
  float score = 0.0f;
  const std::vector<DocId> docs = {doc};
  for (const QueryTerm& term : query) {
    auto it = postings_.find(term.term);
    if (it == postings_.end()) continue;
    const float idf = Idf(term.term);
    ForEachPosting(it->second, docs,
                   [&](size_t, const Posting& p) { score += TermScore(idf, term.weight, p.tf); });
  }
  return score;
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
