#include "services/matching/engine/max_score_search.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <limits>
#include <thread>

namespace corematch::matching {
namespace {

// Sums of float bounds and of float scores round differently: a margin
// keeps pruning on the safe side.
constexpr float kBoundSlack = 1e-4f;

bool CannotReach(float bound, float threshold) { return bound * (1.0f + kBoundSlack) <= threshold; }

constexpr DocId kNoDoc = std::numeric_limits<DocId>::max();

// One query term's postings, walked in document order.
class TermCursor {
 public:
  TermCursor(const PostingList& postings, float idf, float weight)
      : it_(postings), bitmap_(postings.bitmap()) {
    // Quantised tfs take 256 values: a table spares a division per posting.
    for (int tf = 0; tf < 256; ++tf) score_of_tf_[tf] = TermScore(idf, weight, tf);
    Advance();
  }

  // The most the term adds to `doc`'s, from the block that would hold it.
  float BlockBound(DocId doc) { return score_of_tf_[it_.BlockMaxTf(doc)]; }
  // The most it adds to any of documents first..last; from then on,
  // window_postings() says how many postings it may hold there.
  float BoundBetween(DocId first, DocId last) {
    const PostingList::Iterator::BlockSummary blocks = it_.SummarizeBetween(first, last);
    window_postings_ = blocks.postings;
    return score_of_tf_[blocks.max_tf];
  }
  uint32_t window_postings() const { return window_postings_; }
  // The bitmap's documents, up to which ScoreInBitmap answers; -1 (none)
  // when the list has no bitmap.
  int64_t bitmap_end() const {
    return bitmap_ == nullptr || bitmap_->holders() == 0 ? int64_t{-1}
                                                         : int64_t{bitmap_->last_doc()};
  }
  float ScoreInBitmap(DocId doc) const { return score_of_tf_[bitmap_->TfOf(doc)]; }
  // Writes the tf of each of its documents from..to into tfs, at the
  // document's offset from `first`. `from` must not precede the document the
  // cursor stands on; the cursor ends past `to`.
  template <typename Tfs>
  void DecodeInto(DocId first, DocId from, DocId to, Tfs& tfs) {
    if (static_cast<int64_t>(to) <= bitmap_end()) {
      bitmap_->ForEachHolder(from, to, [&](DocId doc, uint8_t tf) { tfs.Set(doc - first, tf); });
      return;
    }
    SkipTo(from);
    ForEachUpTo(to, [&](DocId doc, uint8_t tf) { tfs.Set(doc - first, tf); });
  }
  // Calls visit(doc, tf) for each posting from the one the cursor stands on
  // up to document `last`, and leaves the cursor past `last`.
  template <typename Visit>
  void ForEachUpTo(DocId last, Visit visit) {
    if (doc_ > last) return;
    visit(doc_, posting_.tf);
    doc_ = it_.NextAfter(last, posting_, visit) ? posting_.doc : kNoDoc;
  }
  float ScoreOfTf(uint8_t tf) const { return score_of_tf_[tf]; }
  // What the term adds to `doc`, which must not precede the document the
  // cursor stands on; it may move the cursor up to `doc`.
  float ScoreOf(DocId doc) {
    if (bitmap_ != nullptr && bitmap_->Covers(doc)) return ScoreInBitmap(doc);
    SkipTo(doc);
    return doc_ == doc ? score_of_tf_[posting_.tf] : 0.0f;
  }
  void SkipTo(DocId target) {
    if (doc_ < target) doc_ = it_.SkipTo(target, posting_) ? posting_.doc : kNoDoc;
  }

 private:
  void Advance() { doc_ = it_.Next(posting_) ? posting_.doc : kNoDoc; }

  PostingList::Iterator it_;
  const TfBitmap* bitmap_;
  std::array<float, 256> score_of_tf_;
  Posting posting_{};
  DocId doc_ = kNoDoc;
  uint32_t window_postings_ = 0;
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
    for (const SearchHit& hit : other.heap_) Push(hit.doc, hit.score);
  }
  // Best first.
  std::vector<SearchHit> Sorted() && {
    std::sort(heap_.begin(), heap_.end(), Better);
    return std::move(heap_);
  }

 private:
  // As the heap's "less", it puts the worst on top.
  static bool Better(const SearchHit& a, const SearchHit& b) {
    return a.score != b.score ? a.score > b.score : a.doc < b.doc;
  }

  size_t k_;
  std::vector<SearchHit> heap_;
};

// Documents per window of Search: small enough that a window's scores (32
// KiB) stay in a core's L1 cache and the blocks' bounds stay sharp, large
// enough that what each window costs whatever it holds (a bound and a sort
// per list) stays small: at 1,000,000 solutions 8,192 took the
// p99 from 11.3–11.6 to 10.2–10.7 ms against 2,048 (docs/benchmarks.md).
constexpr DocId kWindow = 8192;

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

// One list's tfs over a window, decoded from its postings when most of
// them would be looked up anyway; 0 for the documents it does not hold.
class WindowTfs {
 public:
  void Set(uint32_t offset, uint8_t tf) { tfs_[offset] = tf; }
  uint8_t Get(uint32_t offset) const { return tfs_[offset]; }
  // Back to all 0 for offsets from..to, the only ones set.
  void Clear(uint32_t from, uint32_t to) { std::fill(&tfs_[from], &tfs_[to] + 1, uint8_t{0}); }

 private:
  std::array<uint8_t, kWindow> tfs_{};
};

// A list as a window sees it.
struct WindowList {
  TermCursor* cursor;
  // The most it adds to a document of the window.
  float bound;
  // The most it and the lists before it (by bound) add together.
  float upto;
};

// A document the essential lists hold, with what they add up to so far.
struct Candidate {
  DocId doc;
  float score;
};

// A list's postings are decoded for a window's look-ups, rather than skipped
// to candidate by candidate, when it may hold no more than this many times
// as many postings there as there are candidates left: skipping to a
// candidate cost about 100 cycles at 1,000,000 solutions, decoding a posting
// about 10 (8 against 4 and 16: docs/benchmarks.md).
constexpr uint32_t kDecodeWhenPostingsPerCandidate = 8;
// The same for a list with a bitmap, whose window is read from the bitmap a
// few cycles a holder, against about 19 a look-up (2 against 4 and 8:
// docs/benchmarks.md).
constexpr size_t kDecodeBitmapWhenHoldersPerCandidate = 2;

// Adds to each candidate what the non-essential lists lists[0, essential)
// hold for it, and keeps the candidates that can still beat `threshold`.
// One list at a time, dearest bound first: each pass walks one list's bitmap
// or blocks in id order, and drops the candidates its bounds rule out.
// Candidates lie in the window that starts at `first`.
//
// Compiled twice, and the copy for the processor chosen when the program
// loads: once for any x86-64, once for those with a popcnt instruction —
// every one made since about 2008, though Debian's baseline does not assume
// it. A bitmap look-up counts the bits below the document's, and without
// the instruction that count is a call into libgcc.
__attribute__((target_clones("popcnt", "default"))) void LookUpInNonEssentialLists(
    const std::vector<WindowList>& lists, size_t essential, float threshold, DocId first,
    WindowTfs& decoded, std::vector<Candidate>& candidates) {
  for (size_t i = essential; i-- > 0 && !candidates.empty();) {
    const float with = lists[i].upto;
    const float others = i == 0 ? 0.0f : lists[i - 1].upto;
    TermCursor& c = *lists[i].cursor;
    size_t kept = 0;
    size_t next = 0;
    const bool decode_bitmap =
        static_cast<int64_t>(candidates.back().doc) <= c.bitmap_end() &&
        c.window_postings() <= kDecodeBitmapWhenHoldersPerCandidate * candidates.size();
    // Otherwise, in a bitmap a look-up costs what a bound would, so every
    // candidate is looked up, without a branch: the processor then fetches
    // many candidates' words at once instead of waiting on each in turn.
    for (const int64_t end = decode_bitmap ? -1 : c.bitmap_end();
         next < candidates.size() && static_cast<int64_t>(candidates[next].doc) <= end; ++next) {
      const Candidate candidate = candidates[next];
      const float score = candidate.score + c.ScoreInBitmap(candidate.doc);
      candidates[kept] = {candidate.doc, score};
      kept += !CannotReach(score + others, threshold);
    }
    const size_t left = candidates.size() - next;
    if (left > 0 &&
        (decode_bitmap || c.window_postings() <= kDecodeWhenPostingsPerCandidate * left)) {
      const DocId from = candidates[next].doc;
      const DocId to = candidates.back().doc;
      c.DecodeInto(first, from, to, decoded);
      for (; next < candidates.size(); ++next) {
        const Candidate candidate = candidates[next];
        const float score = candidate.score + c.ScoreOfTf(decoded.Get(candidate.doc - first));
        candidates[kept] = {candidate.doc, score};
        kept += !CannotReach(score + others, threshold);
      }
      decoded.Clear(from - first, to - first);
    }
    for (size_t j = next; j < candidates.size(); ++j) {
      const Candidate candidate = candidates[j];
      if (CannotReach(candidate.score + with, threshold)) continue;
      const float block = c.BlockBound(candidate.doc);
      if (CannotReach(candidate.score + others + block, threshold)) continue;
      const float score =
          block == 0.0f ? candidate.score : candidate.score + c.ScoreOf(candidate.doc);
      candidates[kept++] = {candidate.doc, score};
    }
    candidates.resize(kept);
  }
}

// A cursor on each query term's list, for the terms the index has.
std::vector<TermCursor> Cursors(const TextIndex& index, const std::vector<QueryTerm>& query) {
  std::vector<TermCursor> cursors;
  cursors.reserve(query.size());
  for (const QueryTerm& term : query) {
    const PostingList* list = index.Postings(term.term);
    if (list != nullptr) cursors.emplace_back(*list, index.Idf(term.term), term.weight);
  }
  return cursors;
}

// The MaxScore search of documents begin..end-1 into
// `top`, pruning with the better of top's k-th score and `shared`.
void SearchRange(const TextIndex& index, const std::vector<QueryTerm>& query, DocId begin,
                 DocId end, const std::function<bool(DocId)>& accept, SharedThreshold& shared,
                 TopK& top) {
  std::vector<TermCursor> cursors = Cursors(index, query);
  WindowScores window;
  WindowTfs decoded;
  std::vector<WindowList> lists(cursors.size());
  std::vector<Candidate> candidates;
  candidates.reserve(kWindow);
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
    for (size_t i = essential; i < lists.size(); ++i) {
      TermCursor& c = *lists[i].cursor;
      c.SkipTo(first);
      c.ForEachUpTo(last, [&](DocId doc, uint8_t tf) { window.Add(doc - first, c.ScoreOfTf(tf)); });
    }
    candidates.clear();
    window.ForEach([&](uint32_t offset, float score) {
      candidates.push_back({first + offset, score});
    });
    LookUpInNonEssentialLists(lists, essential, threshold, first, decoded, candidates);
    for (const Candidate& candidate : candidates) {
      if (top.WouldEnter(candidate.score) && index.IsLive(candidate.doc) &&
          (!accept || accept(candidate.doc))) {
        top.Push(candidate.doc, candidate.score);
        raise();
      }
    }
  }
}

}  // namespace

std::vector<SearchHit> MaxScoreSearch(const TextIndex& index, const std::vector<QueryTerm>& query,
                                      size_t k, const std::function<bool(DocId)>& accept) {
  if (k == 0) return {};
  // Every id given so far, the dead ones included.
  const DocId end = static_cast<DocId>(index.live_documents() + index.dead_documents());
  const int running = searches_running.fetch_add(1, std::memory_order_relaxed) + 1;
  // Asked once: glibc answers by reading /sys/devices/system/cpu/online,
  // three system calls that every search paid.
  static const int cores = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()));
  SharedThreshold shared;
  TopK top(k);
  if (end >= kSplitSearchFrom && running < cores) {
    const DocId middle = end / 2 / kWindow * kWindow;
    TopK upper(k);
    std::thread helper([&] { SearchRange(index, query, middle, end, accept, shared, upper); });
    SearchRange(index, query, 0, middle, accept, shared, top);
    helper.join();
    top.Merge(std::move(upper));
  } else {
    SearchRange(index, query, 0, end, accept, shared, top);
  }
  searches_running.fetch_sub(1, std::memory_order_relaxed);
  return std::move(top).Sorted();
}

}  // namespace corematch::matching
