// clients/bench/sample_solutions.h
//
// The solutions the load generator publishes: realistic, about 1 KB each
// serialized, in Danish, Swedish and English in turn, with COFOG sectors, a
// NUTS or free-text region, a core element, an adaptable element, a
// precondition and an evidence entry, so the server validates, stores and
// returns what a real portal would send.
//
//   pb::CreateSolutionRequest request;
//   *request.mutable_solution() = SampleSolution(i);
#ifndef COREMATCH_CLIENTS_BENCH_SAMPLE_SOLUTIONS_H_
#define COREMATCH_CLIENTS_BENCH_SAMPLE_SOLUTIONS_H_

#include <cstdint>

#include "corematch/publishing/v1/publishing.pb.h"

namespace corematch::bench {

// How many distinct templates SampleSolution cycles through.
inline constexpr int kSampleTemplates = 3;

// The `index`-th sample: template `index % kSampleTemplates`, its title
// numbered with `index` so that every solution differs. Deterministic.
publishing::v1::Solution SampleSolution(int64_t index);

}  // namespace corematch::bench

#endif  // COREMATCH_CLIENTS_BENCH_SAMPLE_SOLUTIONS_H_
