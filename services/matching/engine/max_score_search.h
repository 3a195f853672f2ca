// services/matching/engine/max_score_search.h
//
// MaxScoreSearch: the best k documents of a TextIndex for a query, exactly as
// scoring every document would rank them, without scoring every document.
//
// It runs MaxScore over windows of 8,192 document ids, in id order. In each
// window every list's bound is taken from its blocks there (sharper than the
// list's best posting), and the lists with the smallest bounds that together
// cannot lift a document into the best k held so far are "non-essential": the
// others are added into the window's accumulator, and only documents they
// hold are looked up in the non-essential lists — one list at a time over
// the window's candidates, dearest bound first, dropping each candidate once
// the bounds left cannot take it in; in a common word's list through its
// TfBitmap, in a list with few postings per candidate by decoding its window
// once, and otherwise by skipping. A window no list can lift into the best
// k is not decoded at all. Long needs — their words, compound parts and English pivots — thus
// decode mostly the short lists of rare words. A large index not searched by others at the moment
// is searched as two halves at once, on the caller's thread and one of its own, each pruning with
// the better of the two halves' k-th scores.
#ifndef COREMATCH_SERVICES_MATCHING_ENGINE_MAX_SCORE_SEARCH_H_
#define COREMATCH_SERVICES_MATCHING_ENGINE_MAX_SCORE_SEARCH_H_

#include <cstddef>
#include <functional>
#include <vector>

#include "services/matching/engine/postings.h"
#include "services/matching/engine/text_index.h"

namespace corematch::matching {

struct SearchHit {
  DocId doc;
  float score;
};

// The best `k` live documents of `index` that `accept` (all when it is
// empty) for `query`, best first; equal scores in id order.
std::vector<SearchHit> MaxScoreSearch(const TextIndex& index, const std::vector<QueryTerm>& query,
                                      size_t k, const std::function<bool(DocId)>& accept);

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_ENGINE_MAX_SCORE_SEARCH_H_
