#include "services/matching/service/quoted_solutions.h"

#include <optional>
#include <utility>

#include "services/common/status_macros.h"
#include "services/common/stored_proto.h"
#include "services/matching/service/analyzed_document.h"
#include "services/matching/service/match_store.h"
#include "services/matching/service/record_conversion.h"

namespace corematch::matching {

SolutionFetcher QuotedSolutions::Fetcher() {
  return [this](absl::string_view name) -> std::optional<SolutionRecord> {
    absl::StatusOr<const SolutionRecord*> quote = Find(IdOf(name));
    if (!quote.ok() || *quote == nullptr) return std::nullopt;
    return **quote;
  };
}

absl::StatusOr<const SolutionRecord*> QuotedSolutions::Find(absl::string_view id) {
  if (auto it = quoted_.find(id); it != quoted_.end()) return &it->second;
  ASSIGN_OR_RETURN(std::optional<std::string> blob, store_->Get(keys::Quote(id)));
  if (blob.has_value()) {
    absl::StatusOr<SolutionRecord> quote = ParseQuote(*blob);
    // A quote that cannot be read costs the shortcut, not the answer.
    if (quote.ok()) return &quoted_.emplace(std::string(id), *std::move(quote)).first->second;
  }
  ASSIGN_OR_RETURN(std::optional<publishing::v1::Solution> solution,
                   LoadProto<publishing::v1::Solution>(*store_, keys::Solution(id)));
  if (!solution.has_value()) return nullptr;
  return &quoted_.emplace(std::string(id), ToSolutionRecord(*solution)).first->second;
}

}  // namespace corematch::matching
