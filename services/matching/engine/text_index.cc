#include "services/matching/engine/text_index.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <thread>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/matching/engine/byte_codec.h"
#include "services/matching/engine/ranking_weights.h"

namespace corematch::matching {
namespace {

constexpr std::array<float, kFieldCount> kFieldWeight = {weights::kTitle, weights::kCoreElements,
                                                         weights::kSummary, weights::kDescription,
                                                         weights::kTags};
constexpr std::array<float, kFieldCount> kFieldB = {
    weights::kTitleB, weights::kTextB, weights::kTextB, weights::kTextB, weights::kTitleB};

float TermScore(float idf, float query_weight, uint8_t quantised_tf) {
  const float tf = static_cast<float>(quantised_tf) / kTfScale;
  return idf * query_weight * tf * (weights::kK1 + 1.0f) / (tf + weights::kK1);
}

// Sums of float bounds and of float scores round differently: a margin
// keeps pruning on the safe side.
constexpr float kBoundSlack = 1e-4f;

bool CannotReach(float bound, float threshold) { return bound * (1.0f + kBoundSlack) <= threshold; }

constexpr DocId kNoDoc = std::numeric_limits<DocId>::max();

// About this many bytes of lists go into one snapshot record.
constexpr size_t kSnapshotRecordBytes = 1 << 20;

// One query term's postings, walked in document order.
class TermCursor {
 public:
  TermCursor(const PostingList& postings, float idf, float weight, uint32_t query_term)
      : postings_(&postings), it_(postings), query_term_(query_term) {
    // Quantised tfs take 256 values: a table spares a division per posting.
    for (int tf = 0; tf < 256; ++tf) score_of_tf_[tf] = TermScore(idf, weight, tf);
    bound_ = score_of_tf_[postings.max_tf()];
    Advance();
  }

  const PostingList& postings() const { return *postings_; }
  uint32_t query_term() const { return query_term_; }
  // The most the term adds to any document's score.
  float bound() const { return bound_; }
  // The most it adds to `doc`'s, from the block that would hold it.
  float BlockBound(DocId doc) { return score_of_tf_[it_.BlockMaxTf(doc)]; }
  // The most it adds to any of documents first..last.
  float BoundBetween(DocId first, DocId last) {
    return score_of_tf_[it_.MaxTfBetween(first, last)];
  }
  void Prefetch(DocId first, DocId last) { it_.Prefetch(first, last); }
  float Score(uint8_t tf) const { return score_of_tf_[tf]; }

  // The document the cursor stands on; kNoDoc past the end.
  DocId doc() const { return doc_; }
  float score() const { return score_of_tf_[posting_.tf]; }
  void Advance() { doc_ = it_.Next(posting_) ? posting_.doc : kNoDoc; }
  void SkipTo(DocId target) {
    if (doc_ < target) doc_ = it_.SkipTo(target, posting_) ? posting_.doc : kNoDoc;
  }

 private:
  const PostingList* postings_;
  PostingList::Iterator it_;
  uint32_t query_term_;
  std::array<float, 256> score_of_tf_;
  float bound_;
  Posting posting_{};
  DocId doc_ = kNoDoc;
};

struct Hit {
  DocId doc;
  float score;
};

// The best k documents seen so far, as a heap with the worst on top. Higher
// score first, then lower id: a total order, so results are stable.
class TopK {
 public:
  explicit TopK(size_t k) : k_(k) { heap_.reserve(k + 1); }

  // What a document must now beat to enter; 0 until k are held.
  float threshold() const { return heap_.size() == k_ ? heap_.front().score : 0.0f; }
  bool Full() const { return heap_.size() == k_; }
  // Whether a document with `score` would enter (documents come in rising
  // id order, so a tie with the worst held one loses).
  bool WouldEnter(float score) const { return !Full() || score > heap_.front().score; }
  void Push(DocId doc, float score) {
    heap_.push_back({doc, score});
    std::push_heap(heap_.begin(), heap_.end(), Better);
    if (heap_.size() > k_) {
      std::pop_heap(heap_.begin(), heap_.end(), Better);
      heap_.pop_back();
    }
  }
  // Adds another range's best: the best k of both, as one TopK over both
  // ranges would have held.
  void Merge(TopK&& other) {
    for (const Hit& hit : other.heap_) Push(hit.doc, hit.score);
  }
  // Best first.
  std::vector<Hit> Sorted() && {
    std::sort(heap_.begin(), heap_.end(), Better);
    return std::move(heap_);
  }

 private:
  // As the heap's "less", it puts the worst on top.
  static bool Better(const Hit& a, const Hit& b) {
    return a.score != b.score ? a.score > b.score : a.doc < b.doc;
  }

  size_t k_;
  std::vector<Hit> heap_;
};

// Documents per window of Search: small enough that a window's scores stay
// in the L1 cache and the blocks' bounds are sharp, large enough that
// sorting the lists per window costs little.
constexpr DocId kWindow = 2048;

// From this many documents on, a search not run alongside others is split
// in two halves of the ids searched on two threads: one need's ranking then
// takes about half the time when the machine has a core to spare.
constexpr size_t kSplitSearchFrom = 1 << 16;

// Searches now running: a search is split only while fewer than the cores
// run, so that under load a query costs no more than it would alone.
std::atomic<int> searches_running{0};

// The best k-th score either half of a split search holds: a lower bound on
// the whole search's k-th, so each half may prune with the other's.
class SharedThreshold {
 public:
  float Get() const { return value_.load(std::memory_order_relaxed); }
  void Raise(float threshold) {
    float current = value_.load(std::memory_order_relaxed);
    while (threshold > current &&
           !value_.compare_exchange_weak(current, threshold, std::memory_order_relaxed)) {
    }
  }

 private:
  std::atomic<float> value_{0.0f};
};

// A window's accumulated scores, read back in id order.
class WindowScores {
 public:
  void Add(uint32_t offset, float score) {
    scores_[offset] += score;
    touched_[offset / 64] |= uint64_t{1} << (offset % 64);
  }
  // Calls visit(offset, score) for each document added to, in order, and
  // leaves the window empty.
  template <typename Visit>
  void ForEach(Visit visit) {
    for (uint32_t word = 0; word < touched_.size(); ++word) {
      for (uint64_t bits = touched_[word]; bits != 0; bits &= bits - 1) {
        const uint32_t offset = word * 64 + static_cast<uint32_t>(__builtin_ctzll(bits));
        const float score = scores_[offset];
        scores_[offset] = 0.0f;
        visit(offset, score);
      }
      touched_[word] = 0;
    }
  }

 private:
  std::array<float, kWindow> scores_{};
  std::array<uint64_t, kWindow / 64> touched_{};
};

// A list as a window sees it.
struct WindowList {
  TermCursor* cursor;
  // The most it adds to a document of the window.
  float bound;
  // The most it and the lists before it (by bound) add together.
  float upto;
};

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

// A cursor on each query term's list, for the terms the index has.
std::vector<TermCursor> Cursors(const TextIndex& index, const std::vector<QueryTerm>& query) {
  std::vector<TermCursor> cursors;
  cursors.reserve(query.size());
  for (size_t q = 0; q < query.size(); ++q) {
    const PostingList* list = index.Postings(query[q].term);
    if (list == nullptr) continue;
    cursors.emplace_back(*list, index.Idf(query[q].term), query[q].weight,
                         static_cast<uint32_t>(q));
  }
  return cursors;
}

// The MaxScore search (TextIndex::Search) of documents begin..end-1 into
// `top`, pruning with the better of top's k-th score and `shared`.
void SearchRange(const TextIndex& index, const std::vector<QueryTerm>& query, DocId begin,
                 DocId end, const std::function<bool(DocId)>& accept, SharedThreshold& shared,
                 TopK& top) {
  std::vector<TermCursor> cursors = Cursors(index, query);
  WindowScores window;
  std::vector<WindowList> lists(cursors.size());
  // What a document must beat: this range's k-th, or the other half's.
  float threshold = 0.0f;
  const auto raise = [&] {
    if (top.Full()) shared.Raise(top.threshold());
    threshold = std::max(top.threshold(), shared.Get());
  };
  for (DocId first = begin; first < end; first += kWindow) {
    const DocId last = std::min(first + kWindow, end) - 1;
    raise();
    for (size_t i = 0; i < cursors.size(); ++i) {
      lists[i] = {&cursors[i], cursors[i].BoundBetween(first, last), 0.0f};
    }
    std::sort(lists.begin(), lists.end(),
              [](const WindowList& a, const WindowList& b) { return a.bound < b.bound; });
    float upto = 0.0f;
    for (WindowList& list : lists) list.upto = upto += list.bound;
    if (CannotReach(upto, threshold)) continue;
    // lists[0, essential) are non-essential.
    size_t essential = 0;
    while (threshold > 0.0f && CannotReach(lists[essential].upto, threshold)) ++essential;
    // The non-essential lists are skipped into below; their blocks here are
    // fetched while the essential ones are added up.
    for (size_t i = 0; i < essential; ++i) lists[i].cursor->Prefetch(first, last);

    for (size_t i = essential; i < lists.size(); ++i) {
      TermCursor& c = *lists[i].cursor;
      for (c.SkipTo(first); c.doc() <= last; c.Advance()) window.Add(c.doc() - first, c.score());
    }
    window.ForEach([&](uint32_t offset, float score) {
      const DocId doc = first + offset;
      for (size_t i = essential; i-- > 0;) {
        const float others = i == 0 ? 0.0f : lists[i - 1].upto;
        if (CannotReach(score + others + lists[i].bound, threshold)) return;
        TermCursor& c = *lists[i].cursor;
        const float block = c.BlockBound(doc);
        if (CannotReach(score + others + block, threshold)) return;
        if (block == 0.0f) continue;
        c.SkipTo(doc);
        if (c.doc() == doc) score += c.score();
      }
      if (top.WouldEnter(score) && index.IsLive(doc) && (!accept || accept(doc))) {
        top.Push(doc, score);
        raise();
      }
    });
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
    postings_[term.term].Append({doc, static_cast<uint8_t>(quantised), PostingFlags(term)});
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

// Search runs MaxScore over windows of kWindow document ids, in id order.
// In each window every list's bound is taken from its blocks there (sharper
// than the list's best posting), and the lists with the smallest bounds that
// together cannot lift a document into the best k held so far are
// "non-essential": the others are added into the window's accumulator, and
// only documents they hold are looked up in the non-essential lists — each
// skipped to, dearest bound first, and only while the bounds left could still
// take the document in. A window no list can lift into the best k is not
// decoded at all. Long needs — their words, compound parts and English pivots
// — thus decode mostly the short lists of rare words. A large index not
// searched by others at the moment is searched as two halves at once, each
// pruning with the better of the two halves' k-th scores.
std::vector<ScoredDocument> TextIndex::Search(const std::vector<QueryTerm>& query, size_t k,
                                              const std::function<bool(DocId)>& accept) const {
  if (k == 0) return {};
  const DocId end = static_cast<DocId>(live_.size());
  const int running = searches_running.fetch_add(1, std::memory_order_relaxed) + 1;
  const int cores = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  SharedThreshold shared;
  TopK top(k);
  if (end >= kSplitSearchFrom && running < cores) {
    const DocId middle = end / 2 / kWindow * kWindow;
    TopK upper(k);
    std::thread helper([&] { SearchRange(*this, query, middle, end, accept, shared, upper); });
    SearchRange(*this, query, 0, middle, accept, shared, top);
    helper.join();
    top.Merge(std::move(upper));
  } else {
    SearchRange(*this, query, 0, end, accept, shared, top);
  }
  searches_running.fetch_sub(1, std::memory_order_relaxed);
  const std::vector<TermCursor> cursors = Cursors(*this, query);
  std::vector<Hit> best = std::move(top).Sorted();

  // Second pass, for the winners only: each query term's share of their
  // scores, with the fields it was found in.
  std::vector<ScoredDocument> results;
  std::vector<std::pair<DocId, uint32_t>> winners;  // doc, slot; by doc
  for (const Hit& hit : best) {
    winners.push_back({hit.doc, static_cast<uint32_t>(results.size())});
    results.push_back({hit.doc, hit.score, {}});
  }
  std::sort(winners.begin(), winners.end());
  std::vector<DocId> winner_docs;
  for (const auto& [winner, slot] : winners) winner_docs.push_back(winner);
  // In the query's order, as callers read them.
  std::vector<const TermCursor*> in_query_order;
  for (const TermCursor& c : cursors) in_query_order.push_back(&c);
  std::sort(
      in_query_order.begin(), in_query_order.end(),
      [](const TermCursor* a, const TermCursor* b) { return a->query_term() < b->query_term(); });
  for (const TermCursor* c : in_query_order) {
    ForEachPosting(c->postings(), winner_docs, [&](size_t w, const Posting& p) {
      results[winners[w].second].contributions.push_back(
          {c->query_term(), p.flags, c->Score(p.tf)});
    });
  }
  return results;
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
  return absl::OkStatus();
}

size_t TextIndex::memory_bytes() const {
  size_t bytes =
      live_.size() / 8 + postings_.capacity() * (sizeof(std::string) + sizeof(PostingList));
  for (const auto& [term, list] : postings_) bytes += list.bytes() + term.capacity();
  return bytes;
}

}  // namespace corematch::matching
