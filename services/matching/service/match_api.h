// services/matching/service/match_api.h
//
// The persisted matches through the API, without gRPC: ListMatches, GetMatch
// and the two sides' stances (ExpressInterest, DeclineMatch). Every read goes
// through ViewMatch (match_visibility.h).
//
// Who may do what:
//   ListMatches of a request   its requester or an operator
//   ListMatches of a solution  its owner or an operator; matches the owner
//                              may not see (PRIVATE requests) are left out
//   GetMatch                   the requester, the owner (as visibility allows)
//                              or an operator; NOT_FOUND for anyone else
//   ExpressInterest / Decline  the requester (adopter side) or the owner
//                              (owner side); an operator key speaks for no
//                              side (PERMISSION_DENIED); INACTIVE matches are
//                              FAILED_PRECONDITION; a stale etag ABORTED; a
//                              retried request_id returns the first result
//
// Thread-safe.
#ifndef COREMATCH_SERVICES_MATCHING_SERVICE_MATCH_API_H_
#define COREMATCH_SERVICES_MATCHING_SERVICE_MATCH_API_H_

#include <optional>

#include "absl/status/statusor.h"
#include "services/common/auth.h"
#include "services/matching/service/match_visibility.h"
#include "services/matching/service/matching_repository.h"

namespace corematch::matching {

class MatchApi {
 public:
  // `repository` is not owned and must outlive this.
  explicit MatchApi(MatchingRepository* repository) : repository_(repository) {}

  absl::StatusOr<pb::ListMatchesResponse> ListMatches(const Caller& caller,
                                                      const pb::ListMatchesRequest& request);
  absl::StatusOr<pb::Match> GetMatch(const Caller& caller, absl::string_view name);
  absl::StatusOr<pb::Match> ExpressInterest(const Caller& caller,
                                            const pb::ExpressInterestRequest& request);
  absl::StatusOr<pb::Match> DeclineMatch(const Caller& caller,
                                         const pb::DeclineMatchRequest& request);

 private:
  struct StanceChange {
    absl::string_view name;
    absl::string_view note;
    absl::string_view note_field;
    absl::string_view etag;
    absl::string_view request_id;
    absl::string_view method;
    pb::Interest interest;
  };
  absl::StatusOr<pb::Match> ChangeStance(const Caller& caller, const StanceChange& change);

  // The parties of a stored match, from the stored request and solution.
  template <typename Source>
  absl::StatusOr<Parties> PartiesOfMatch(Source& source, const pb::Match& match);

  // The request or solution a List names, checked against the caller.
  absl::Status CheckListParent(const Caller& caller, absl::string_view parent, bool by_request,
                               absl::string_view id);

  MatchingRepository* const repository_;
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_SERVICE_MATCH_API_H_
