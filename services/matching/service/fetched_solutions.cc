#include "services/matching/service/fetched_solutions.h"

#include <utility>

#include "services/common/stored_proto.h"
#include "services/matching/service/analyzed_document.h"
#include "services/matching/service/match_store.h"
#include "services/matching/service/record_conversion.h"

namespace corematch::matching {

SolutionFetcher FetchedSolutions::Fetcher() {
  return FetchEach([this](absl::string_view name) -> std::optional<SolutionRecord> {
    absl::StatusOr<const publishing::v1::Solution*> solution = Find(IdOf(name));
    if (!solution.ok() || *solution == nullptr) return std::nullopt;
    SolutionRecord record = ToSolutionRecord(**solution);
    record.core_terms = KeptCoreTerms(IdOf(name));
    return record;
  });
}

std::vector<std::vector<std::string>> FetchedSolutions::KeptCoreTerms(absl::string_view id) {
  // Solutions indexed before quotes were kept have none: the engine then
  // analyses their cores itself, as it does for a quote it cannot read.
  absl::StatusOr<std::optional<std::string>> blob = store_->Get(keys::Quote(id));
  if (!blob.ok() || !blob->has_value()) return {};
  absl::StatusOr<SolutionRecord> quote = ParseQuote(**blob);
  if (!quote.ok()) return {};
  return std::move(quote->core_terms);
}

absl::StatusOr<const publishing::v1::Solution*> FetchedSolutions::Find(absl::string_view id) {
  if (auto it = loaded_.find(id); it != loaded_.end()) return &it->second;
  ASSIGN_OR_RETURN(std::optional<publishing::v1::Solution> solution,
                   LoadProto<publishing::v1::Solution>(*store_, keys::Solution(id)));
  if (!solution.has_value()) return nullptr;
  return &loaded_.emplace(std::string(id), *std::move(solution)).first->second;
}

}  // namespace corematch::matching
