// services/matching/bench/corpus_protos.h
//
// A generated corpus (corpus_generator.h) as the API's create requests, so a
// benchmark can load it through the publishing and adoption services the way
// a portal would — the inverse of services/matching/service/record_conversion.
#ifndef COREMATCH_SERVICES_MATCHING_BENCH_CORPUS_PROTOS_H_
#define COREMATCH_SERVICES_MATCHING_BENCH_CORPUS_PROTOS_H_

#include "corematch/adoption/v1/adoption.pb.h"
#include "corematch/publishing/v1/publishing.pb.h"
#include "services/matching/engine/records.h"

namespace corematch::matching::bench {

// A CreateSolution request that creates `solution` published. Its evidence
// count becomes that many evidence entries.
publishing::v1::CreateSolutionRequest ToCreateSolution(const SolutionRecord& solution);

// A CreateAdoptionRequest request for `request`, filed publicly.
adoption::v1::CreateAdoptionRequestRequest ToCreateAdoptionRequest(const RequestRecord& request);

}  // namespace corematch::matching::bench

#endif  // COREMATCH_SERVICES_MATCHING_BENCH_CORPUS_PROTOS_H_
