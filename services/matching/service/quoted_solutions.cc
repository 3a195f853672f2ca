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
  return [this](const std::vector<std::string>& names) {
    std::vector<std::string> ids;
    ids.reserve(names.size());
    for (const std::string& name : names) ids.emplace_back(IdOf(name));
    // A store that fails here fails again below, one solution at a time, and
    // leaves only those unquoted.
    ReadQuotes(ids).IgnoreError();
    std::vector<std::optional<SolutionRecord>> records;
    records.reserve(ids.size());
    for (const std::string& id : ids) {
      absl::StatusOr<const SolutionRecord*> quote = Find(id);
      records.push_back(quote.ok() && *quote != nullptr ? std::optional(**quote) : std::nullopt);
    }
    return records;
  };
}

absl::Status QuotedSolutions::ReadQuotes(const std::vector<std::string>& ids) {
  std::vector<std::string> unread;
  std::vector<std::string> keys;
  for (const std::string& id : ids) {
    if (quoted_.contains(id) || absent_.contains(id)) continue;
    unread.push_back(id);
    keys.push_back(keys::Quote(id));
  }
  if (keys.empty()) return absl::OkStatus();
  ASSIGN_OR_RETURN(std::vector<std::optional<std::string>> blobs, store_->GetMany(keys));
  for (size_t i = 0; i < unread.size(); ++i) {
    if (blobs[i].has_value()) {
      // A quote that cannot be read costs the shortcut, not the answer.
      absl::StatusOr<SolutionRecord> quote = ParseQuote(*blobs[i]);
      if (quote.ok()) {
        quoted_.emplace(unread[i], *std::move(quote));
        continue;
      }
    }
    RETURN_IF_ERROR(QuoteFromSolution(unread[i]).status());
  }
  return absl::OkStatus();
}

absl::StatusOr<const SolutionRecord*> QuotedSolutions::Find(absl::string_view id) {
  RETURN_IF_ERROR(ReadQuotes({std::string(id)}));
  auto it = quoted_.find(id);
  return it == quoted_.end() ? nullptr : &it->second;
}

absl::StatusOr<const SolutionRecord*> QuotedSolutions::QuoteFromSolution(absl::string_view id) {
  ASSIGN_OR_RETURN(std::optional<publishing::v1::Solution> solution,
                   LoadProto<publishing::v1::Solution>(*store_, keys::Solution(id)));
  if (!solution.has_value()) {
    absent_.emplace(id);
    return nullptr;
  }
  return &quoted_.emplace(std::string(id), ToSolutionRecord(*solution)).first->second;
}

}  // namespace corematch::matching
