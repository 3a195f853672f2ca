// services/matching/service/match_ranking.h
//
// The ranking calls of the matching API, without gRPC: ranked solutions for a
// stored request (MatchAdoptionRequest) or an ad-hoc text (MatchText), and
// ranked open requests for a solution (FindAdopters). Rankings are computed
// live by the engine; a persisted match, when there is one the caller may
// see, is named beside each result.
//
// Who may ask:
//   MatchAdoptionRequest  the requester or an operator; anyone for a PUBLIC or
//                         ANONYMOUS request (NOT_FOUND for a PRIVATE one)
//   MatchText             any authenticated caller
//   FindAdopters          the solution's owner or an operator; PRIVATE
//                         requests are left out, anonymous ones unnamed
//
// Thread-safe.
#ifndef COREMATCH_SERVICES_MATCHING_SERVICE_MATCH_RANKING_H_
#define COREMATCH_SERVICES_MATCHING_SERVICE_MATCH_RANKING_H_

#include "absl/status/statusor.h"
#include "services/common/auth.h"
#include "services/matching/service/matching_repository.h"
#include "services/matching/service/quoted_solutions.h"

namespace corematch::matching {

class MatchRanking {
 public:
  // `repository` is not owned and must outlive this.
  explicit MatchRanking(MatchingRepository* repository) : repository_(repository) {}

  absl::StatusOr<pb::MatchAdoptionRequestResponse> MatchAdoptionRequest(
      const Caller& caller, const pb::MatchAdoptionRequestRequest& request);
  absl::StatusOr<pb::MatchTextResponse> MatchText(const Caller& caller,
                                                  const pb::MatchTextRequest& request);
  absl::StatusOr<pb::FindAdoptersResponse> FindAdopters(const Caller& caller,
                                                        const pb::FindAdoptersRequest& request);

 private:
  // Fills `out` from the engine's ranking; drops solutions matching has not
  // stored (a race with the feed). `request_id` names the persisted matches
  // to link, "" for none.
  absl::Status FillSolutions(const std::vector<RankedSolution>& ranked, QuotedSolutions& quoted,
                             absl::string_view request_id,
                             google::protobuf::RepeatedPtrField<pb::ScoredSolution>* out);
  absl::StatusOr<bool> MatchExists(absl::string_view match_id);

  MatchingRepository* const repository_;
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_SERVICE_MATCH_RANKING_H_
