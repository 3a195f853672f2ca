// services/matching/service/analyzed_document.h
//
// What the matching service persists of each indexed solution and open
// request besides its protobuf: the engine's analysed document and the
// compact context features, in a small binary form. On start the engine is
// rebuilt from these alone, so a restart never runs text analysis (ICU, word
// breaking, stemming, compound splitting, translation) again.
//
//   std::string blob = SerializeAnalyzed(AnalyzedSolution{document, features});
//   ASSIGN_OR_RETURN(AnalyzedSolution back, ParseAnalyzedSolution(blob));
//
// Layout: a format byte, a kind byte ('S' or 'R'), the document (terms with
// their per-field counts as varints, then the field lengths), then the
// features. Strings are length-prefixed; target-group hashes are sorted and
// delta-encoded. `SolutionFeatures::connected_adopters` is not stored: it is
// derived from the matches. Pure functions, thread-safe.
#ifndef COREMATCH_SERVICES_MATCHING_SERVICE_ANALYZED_DOCUMENT_H_
#define COREMATCH_SERVICES_MATCHING_SERVICE_ANALYZED_DOCUMENT_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/matching/engine/context_scorer.h"
#include "services/matching/engine/text_index.h"

namespace corematch::matching {

struct AnalyzedSolution {
  IndexedDocument document;
  SolutionFeatures features;
};

struct AnalyzedRequest {
  IndexedDocument document;
  NeedFeatures features;
};

std::string SerializeAnalyzed(const AnalyzedSolution& solution);
std::string SerializeAnalyzed(const AnalyzedRequest& request);

// DATA_LOSS for a truncated or corrupt blob, or one of the other kind;
// FAILED_PRECONDITION for another format version.
absl::StatusOr<AnalyzedSolution> ParseAnalyzedSolution(absl::string_view blob);
absl::StatusOr<AnalyzedRequest> ParseAnalyzedRequest(absl::string_view blob);

// What a ranking quotes of a published solution when it explains it and
// names it in an answer: its title and language, each core element's title
// and terms (MatchingEngine::CoreElementTerms), and its preconditions. Kept
// beside the solution, so that an answer neither loads the whole solution
// nor analyses text. Layout: a format byte, the kind byte 'Q', then the
// fields as length-prefixed strings and counts.
std::string SerializeQuote(const SolutionRecord& solution,
                           const std::vector<std::vector<std::string>>& core_terms);
// A SolutionRecord with only the quoted fields (core elements without their
// descriptions; core_terms filled). DATA_LOSS for a truncated or corrupt
// blob; FAILED_PRECONDITION for another format version.
absl::StatusOr<SolutionRecord> ParseQuote(absl::string_view blob);

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_SERVICE_ANALYZED_DOCUMENT_H_
