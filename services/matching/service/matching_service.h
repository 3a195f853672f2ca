// services/matching/service/matching_service.h
//
// The gRPC edge of the matching service: authenticates each call, hands it to
// MatchRanking or MatchApi and converts the result to a gRPC status. The
// change feed of matches is for operator keys only: it carries every match
// whole, private requests' included.
#ifndef COREMATCH_SERVICES_MATCHING_SERVICE_MATCHING_SERVICE_H_
#define COREMATCH_SERVICES_MATCHING_SERVICE_MATCHING_SERVICE_H_

#include "corematch/matching/v1/matching.grpc.pb.h"
#include "services/common/auth.h"
#include "services/matching/service/match_api.h"
#include "services/matching/service/match_ranking.h"
#include "services/matching/service/matching_repository.h"

namespace corematch::matching {

class MatchingServiceImpl final : public pb::MatchingService::Service {
 public:
  // Neither argument is owned; both must outlive the service.
  MatchingServiceImpl(MatchingRepository* repository, Authenticator* authenticator)
      : repository_(repository),
        authenticator_(authenticator),
        ranking_(repository),
        matches_(repository) {}

  grpc::Status MatchAdoptionRequest(grpc::ServerContext* context,
                                    const pb::MatchAdoptionRequestRequest* request,
                                    pb::MatchAdoptionRequestResponse* response) override;
  grpc::Status MatchText(grpc::ServerContext* context, const pb::MatchTextRequest* request,
                         pb::MatchTextResponse* response) override;
  grpc::Status FindAdopters(grpc::ServerContext* context, const pb::FindAdoptersRequest* request,
                            pb::FindAdoptersResponse* response) override;
  grpc::Status ListMatches(grpc::ServerContext* context, const pb::ListMatchesRequest* request,
                           pb::ListMatchesResponse* response) override;
  grpc::Status GetMatch(grpc::ServerContext* context, const pb::GetMatchRequest* request,
                        pb::Match* response) override;
  grpc::Status ExpressInterest(grpc::ServerContext* context,
                               const pb::ExpressInterestRequest* request,
                               pb::Match* response) override;
  grpc::Status DeclineMatch(grpc::ServerContext* context, const pb::DeclineMatchRequest* request,
                            pb::Match* response) override;
  grpc::Status WatchChanges(grpc::ServerContext* context, const pb::WatchChangesRequest* request,
                            grpc::ServerWriter<pb::WatchChangesResponse>* writer) override;
  grpc::Status GetIndexStatus(grpc::ServerContext* context,
                              const pb::GetIndexStatusRequest* request,
                              pb::IndexStatus* response) override;

 private:
  MatchingRepository* const repository_;
  Authenticator* const authenticator_;
  MatchRanking ranking_;
  MatchApi matches_;
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_SERVICE_MATCHING_SERVICE_H_
