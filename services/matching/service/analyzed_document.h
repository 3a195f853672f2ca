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

// A solution's core-element terms (MatchingEngine::CoreElementTerms), kept
// beside it so that explaining it in a ranking analyses no text. Layout: a
// format byte, the kind byte 'C', the number of core elements, then each
// one's terms as a count and length-prefixed strings.
std::string SerializeCoreTerms(const std::vector<std::vector<std::string>>& terms);
// DATA_LOSS for a truncated or corrupt blob; FAILED_PRECONDITION for another
// format version.
absl::StatusOr<std::vector<std::vector<std::string>>> ParseCoreTerms(absl::string_view blob);

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_SERVICE_ANALYZED_DOCUMENT_H_
