// services/matching/engine/window_scores.h
//
// A window of document ids and the scores added up for them there: the unit
// in which MaxScoreSearch, and SeedThreshold before it, walk an index.
#ifndef COREMATCH_SERVICES_MATCHING_ENGINE_WINDOW_SCORES_H_
#define COREMATCH_SERVICES_MATCHING_ENGINE_WINDOW_SCORES_H_

#include <array>
#include <cstdint>

#include "services/matching/engine/postings.h"

namespace corematch::matching {

// Documents per window of MaxScoreSearch: small enough that a window's scores (32
// KiB) stay in a core's L1 cache and the blocks' bounds stay sharp, large
// enough that what each window costs whatever it holds (a bound, a sort and
// a prefetch per list) stays small: at 1,000,000 solutions 8,192 took the
// p99 from 11.3–11.6 to 10.2–10.7 ms against 2,048 (docs/benchmarks.md).
constexpr DocId kWindow = 8192;

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

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_ENGINE_WINDOW_SCORES_H_
