// services/matching/engine/seed_threshold.h
//
// SeedThreshold: a score that at least k documents of a search reach, found
// before the search starts. MaxScoreSearch prunes against the k-th best score
// it has found so far, which starts at nothing: over its first windows it
// decodes nearly every list of a long need before its best k are worth
// anything. The seed adds up the need's rarest lists — the words that tell
// most, whose documents are where the best ones usually lie — and scores the
// documents they rank highest in full; the k-th best of those is a score k
// real documents reach, so the search may prune against it from its first
// window and still return exactly what it would have without it.
#ifndef COREMATCH_SERVICES_MATCHING_ENGINE_SEED_THRESHOLD_H_
#define COREMATCH_SERVICES_MATCHING_ENGINE_SEED_THRESHOLD_H_

#include <cstddef>
#include <functional>
#include <vector>

#include "services/matching/engine/postings.h"
#include "services/matching/engine/text_index.h"

namespace corematch::matching {

// A score at or under the k-th best that live documents of `index` which
// `accept` (all when empty) reach for `query`; 0 when it finds fewer than k.
float SeedThreshold(const TextIndex& index, const std::vector<QueryTerm>& query, size_t k,
                    const std::function<bool(DocId)>& accept);

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_ENGINE_SEED_THRESHOLD_H_
