// services/matching/service/fetched_solutions.h
//
// FetchedSolutions: the whole solutions one ranking's explanations were built
// from, loaded from matching's store once, for a match plan, which stores
// the solutions it matches. The engine fetches its winners to quote them (with
// the core terms of their kept quotes, so it analyses no text); the plan built
// next needs the same solutions again, and reads them here instead of loading
// and parsing each a second time. An answer that stores nothing reads only
// the quotes (QuotedSolutions).
//
//   FetchedSolutions fetched(&store);
//   auto ranked = engine.Match(need, fetched.Fetcher());
//   for (const RankedSolution& r : ranked) ... fetched.Find(IdOf(r.name)) ...
//
// Not thread-safe: one per ranking.
#ifndef COREMATCH_SERVICES_MATCHING_SERVICE_FETCHED_SOLUTIONS_H_
#define COREMATCH_SERVICES_MATCHING_SERVICE_FETCHED_SOLUTIONS_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "corematch/publishing/v1/publishing.pb.h"
#include "services/matching/engine/matching_engine.h"
#include "storage/kv_store.h"

namespace corematch::matching {

class FetchedSolutions {
 public:
  // `store` is not owned and must outlive this.
  explicit FetchedSolutions(storage::KvStore* store) : store_(store) {}
  FetchedSolutions(const FetchedSolutions&) = delete;
  FetchedSolutions& operator=(const FetchedSolutions&) = delete;

  // For MatchingEngine::Match: looks solutions up by name, remembering what
  // it loads; a solution the store cannot give is only left unquoted. Valid
  // while this lives.
  SolutionFetcher Fetcher();

  // The solution with `id`: as fetched, else from the store; nullptr if it
  // is not there. Valid while this lives.
  absl::StatusOr<const publishing::v1::Solution*> Find(absl::string_view id);

 private:
  // The core terms of the quote kept beside solution `id`; empty if there
  // is none.
  std::vector<std::vector<std::string>> KeptCoreTerms(absl::string_view id);

  storage::KvStore* const store_;
  absl::flat_hash_map<std::string, publishing::v1::Solution> loaded_;  // by id
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_SERVICE_FETCHED_SOLUTIONS_H_
