// services/matching/service/record_conversion.h
//
// The seam between the protobuf world of the feeds and the API and the plain
// structs of the engine: solutions and requests from the publishing and
// adoption feeds become SolutionRecord / RequestRecord / NeedQuery, and the
// engine's Explanation becomes the API's. Pure functions, thread-safe.
//
//   SolutionRecord record = ToSolutionRecord(solution);
//   NeedQuery need = NeedQueryFor(request);
//   *scored.mutable_explanation() = ToProtoExplanation(ranked.explanation);
#ifndef COREMATCH_SERVICES_MATCHING_SERVICE_RECORD_CONVERSION_H_
#define COREMATCH_SERVICES_MATCHING_SERVICE_RECORD_CONVERSION_H_

#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "corematch/adoption/v1/adoption.pb.h"
#include "corematch/matching/v1/matching.pb.h"
#include "corematch/publishing/v1/publishing.pb.h"
#include "services/common/errors.h"
#include "services/matching/engine/explanation.h"
#include "services/matching/engine/records.h"

namespace corematch::matching {

namespace pb = ::corematch::matching::v1;
namespace publishing_pb = ::corematch::publishing::v1;
namespace adoption_pb = ::corematch::adoption::v1;

// How many solutions a stored request keeps as matches.
inline constexpr size_t kMatchesPerRequest = 20;
// Ranked results: 0 means the default, more than the maximum is clamped.
inline constexpr int kDefaultTopK = 20;
inline constexpr int kMaxTopK = 100;

// Maturity enum → 0 (unknown) … 4 (scaled); evidence and preconditions
// counted and named as the engine expects ("STAFF", not
// "PRECONDITION_KIND_STAFF"); country and region from the origin.
SolutionRecord ToSolutionRecord(const publishing_pb::Solution& solution);

// Country, region and population from the request's context.
RequestRecord ToRequestRecord(const adoption_pb::AdoptionRequest& request);

// The need a stored request asks about (NeedOf, records.h).
NeedQuery NeedQueryFor(const adoption_pb::AdoptionRequest& request,
                       size_t top_k = kMatchesPerRequest);

// "IDEA" … "SCALED" (or the full enum name) → 1 … 4, "" → 0; nullopt for
// anything else.
std::optional<MaturityLevel> ParseMaturity(absl::string_view text);

// Checks `filter` (naming bad fields under `field`) and narrows `need` with
// it. Languages left empty keep what `need` already restricts to.
void ApplySolutionFilter(const pb::SolutionFilter& filter, absl::string_view field, NeedQuery& need,
                         FieldViolations& violations);

// 0 → kDefaultTopK, above kMaxTopK → kMaxTopK; negative is a violation.
size_t EffectiveTopK(int top_k, absl::string_view field, FieldViolations& violations);

// Field bits → "title", "core_elements", … in field order.
std::vector<std::string> FieldNames(uint8_t fields);
pb::TermMatchKind ToProtoKind(MatchKind kind);
pb::Explanation ToProtoExplanation(const Explanation& explanation);

// "solutions/abc" → "abc"; the part after the first '/'.
absl::string_view IdOf(absl::string_view name);
// "abc" → "solutions/abc" / "adoptionRequests/abc".
std::string SolutionName(absl::string_view id);
std::string RequestName(absl::string_view id);

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_SERVICE_RECORD_CONVERSION_H_
