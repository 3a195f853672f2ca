// services/matching/service/quoted_solutions.h
//
// QuotedSolutions: what one ranking's answer quotes of its winners — title,
// language, core elements with their terms, preconditions — read from the
// small quote matching keeps beside each published solution (SerializeQuote),
// once per solution. An answer thus neither loads and parses whole solutions
// nor analyses their text (docs/benchmarks.md). A solution indexed before
// quotes were kept is read from the solution itself, and the engine analyses
// its cores as it always did.
//
//   QuotedSolutions quoted(&store);
//   auto ranked = engine.Match(need, quoted.Fetcher());  // reads the winners' quotes
//   for (const RankedSolution& r : ranked) ... quoted.Find(IdOf(r.name)) ...
//
// Not thread-safe: one per ranking.
#ifndef COREMATCH_SERVICES_MATCHING_SERVICE_QUOTED_SOLUTIONS_H_
#define COREMATCH_SERVICES_MATCHING_SERVICE_QUOTED_SOLUTIONS_H_

#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/matching/engine/matching_engine.h"
#include "storage/kv_store.h"

namespace corematch::matching {

class QuotedSolutions {
 public:
  // `store` is not owned and must outlive this.
  explicit QuotedSolutions(storage::KvStore* store) : store_(store) {}
  QuotedSolutions(const QuotedSolutions&) = delete;
  QuotedSolutions& operator=(const QuotedSolutions&) = delete;

  // For MatchingEngine::Match: the quotes of solutions by name, read from
  // the store at once (KvStore::GetMany); a solution the store cannot give
  // is only left unquoted. Valid while this lives.
  SolutionFetcher Fetcher();

  // The quote of solution `id` (its title, language, core elements and
  // preconditions): as fetched, else from the store; nullptr if the solution
  // is not there. Valid while this lives.
  absl::StatusOr<const SolutionRecord*> Find(absl::string_view id);

 private:
  // Reads the quotes of the solutions `ids` not yet quoted, all at once, and
  // for those without a readable quote the solution itself.
  absl::Status ReadQuotes(const std::vector<std::string>& ids);
  // The quote made from solution `id` as stored (solutions indexed before
  // quotes were kept have none); nullptr if it is not there.
  absl::StatusOr<const SolutionRecord*> QuoteFromSolution(absl::string_view id);

  storage::KvStore* const store_;
  absl::flat_hash_map<std::string, SolutionRecord> quoted_;  // by id
  // Solutions looked for and not found.
  absl::flat_hash_set<std::string> absent_;
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_SERVICE_QUOTED_SOLUTIONS_H_
