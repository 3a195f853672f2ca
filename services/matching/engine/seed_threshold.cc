#include "services/matching/engine/seed_threshold.h"

#include <algorithm>
#include <functional>
#include <queue>

#include "services/matching/engine/window_scores.h"

namespace corematch::matching {
namespace {

// Documents scored in full: enough that k of them are nearly always among
// the best k the search finds (FIXME figures).
constexpr size_t kSeedDocuments = 200;
// The rare lists added up hold at most this share of the index's
// documents' worth of postings, so that the seed stays a small part of the
// search it speeds up.
constexpr uint32_t kRarePostingsDivisor = 10;
// Sums added in another order round differently; a seed a little under the
// k-th score it found keeps the search's pruning on the safe side.
constexpr float kSeedMargin = 1e-3f;

struct SeedList {
  const PostingList* postings;
  float idf;
  float weight;
};

struct Scored {
  DocId doc;
  float score;
};

// The query's lists, shortest first.
std::vector<SeedList> ListsByLength(const TextIndex& index, const std::vector<QueryTerm>& query) {
  std::vector<SeedList> lists;
  for (const QueryTerm& term : query) {
    const PostingList* postings = index.Postings(term.term);
    if (postings != nullptr) lists.push_back({postings, index.Idf(term.term), term.weight});
  }
  std::sort(lists.begin(), lists.end(), [](const SeedList& a, const SeedList& b) {
    return a.postings->size() < b.postings->size();
  });
  return lists;
}

// How many of `lists`, from the first, fit together in `budget` postings.
size_t RareListCount(const std::vector<SeedList>& lists, uint64_t budget) {
  size_t count = 0;
  uint64_t postings = 0;
  while (count < lists.size() && postings + lists[count].postings->size() <= budget) {
    postings += lists[count++].postings->size();
  }
  return count;
}

// The `m` documents to which rare[0, count) add the most, with what they add,
// in id order. The lists are added up a window at a time, as the search
// does, so that the sums stay in cache.
std::vector<Scored> BestByRareLists(const std::vector<SeedList>& lists, size_t count, DocId end,
                                    size_t m) {
  struct Walk {
    PostingList::Iterator it;
    Posting posting;
    bool more;
  };
  std::vector<Walk> walks;
  walks.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    walks.push_back({PostingList::Iterator(*lists[i].postings), {}, false});
    walks.back().more = walks.back().it.Next(walks.back().posting);
  }
  const auto worse = [](const Scored& a, const Scored& b) { return a.score > b.score; };
  std::priority_queue<Scored, std::vector<Scored>, decltype(worse)> best(worse);
  WindowScores window;
  for (DocId first = 0; first < end; first += kWindow) {
    const DocId last = std::min(first + kWindow, end) - 1;
    bool added = false;
    for (size_t i = 0; i < count; ++i) {
      Walk& walk = walks[i];
      for (; walk.more && walk.posting.doc <= last; walk.more = walk.it.Next(walk.posting)) {
        window.Add(walk.posting.doc - first,
                   TermScore(lists[i].idf, lists[i].weight, walk.posting.tf));
        added = true;
      }
    }
    if (!added) continue;
    window.ForEach([&](uint32_t offset, float score) {
      if (best.size() < m) {
        best.push({first + offset, score});
      } else if (score > best.top().score) {
        best.pop();
        best.push({first + offset, score});
      }
    });
  }
  std::vector<Scored> docs;
  docs.reserve(best.size());
  for (; !best.empty(); best.pop()) docs.push_back(best.top());
  std::sort(docs.begin(), docs.end(),
            [](const Scored& a, const Scored& b) { return a.doc < b.doc; });
  return docs;
}

// Adds to each of `docs` (in id order) what `list` gives it.
void AddList(const SeedList& list, std::vector<Scored>& docs) {
  const TfBitmap* bitmap = list.postings->bitmap();
  PostingList::Iterator it(*list.postings);
  Posting posting{};
  bool read = false;  // whether `posting` holds one
  bool more = true;
  for (Scored& scored : docs) {
    uint8_t tf = 0;
    if (bitmap != nullptr && bitmap->Covers(scored.doc)) {
      tf = bitmap->TfOf(scored.doc);
    } else if (more) {
      if (!read || posting.doc < scored.doc) {
        more = it.SkipTo(scored.doc, posting);
        read = true;
      }
      if (more && posting.doc == scored.doc) tf = posting.tf;
    }
    if (tf != 0) scored.score += TermScore(list.idf, list.weight, tf);
  }
}

}  // namespace

float SeedThreshold(const TextIndex& index, const std::vector<QueryTerm>& query, size_t k,
                    const std::function<bool(DocId)>& accept) {
  if (k == 0) return 0.0f;
  const DocId end = static_cast<DocId>(index.live_documents() + index.dead_documents());
  const std::vector<SeedList> lists = ListsByLength(index, query);
  const size_t rare = RareListCount(lists, std::max<uint64_t>(kWindow, end / kRarePostingsDivisor));
  if (rare == 0) return 0.0f;
  std::vector<Scored> docs = BestByRareLists(lists, rare, end, std::max(k, kSeedDocuments));
  std::erase_if(
      docs, [&](const Scored& s) { return !index.IsLive(s.doc) || (accept && !accept(s.doc)); });
  if (docs.size() < k) return 0.0f;
  for (size_t i = rare; i < lists.size(); ++i) AddList(lists[i], docs);
  std::nth_element(docs.begin(), docs.begin() + static_cast<std::ptrdiff_t>(k - 1), docs.end(),
                   [](const Scored& a, const Scored& b) { return a.score > b.score; });
  return docs[k - 1].score * (1.0f - kSeedMargin);
}

}  // namespace corematch::matching
