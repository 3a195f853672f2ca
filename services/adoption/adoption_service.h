// services/adoption/adoption_service.h
//
// The gRPC edge of the adoption service: authenticates each call, hands it to
// the AdoptionRequestRepository and converts the result to a gRPC status.
#ifndef COREMATCH_SERVICES_ADOPTION_ADOPTION_SERVICE_H_
#define COREMATCH_SERVICES_ADOPTION_ADOPTION_SERVICE_H_

#include "corematch/adoption/v1/adoption.grpc.pb.h"
#include "services/adoption/adoption_request_repository.h"
#include "services/common/auth.h"

namespace corematch::adoption {

class AdoptionServiceImpl final : public pb::AdoptionService::Service {
 public:
  // Neither argument is owned; both must outlive the service.
  AdoptionServiceImpl(AdoptionRequestRepository* repository, Authenticator* authenticator)
      : repository_(repository), authenticator_(authenticator) {}

  grpc::Status CreateAdoptionRequest(grpc::ServerContext* context,
                                     const pb::CreateAdoptionRequestRequest* request,
                                     pb::AdoptionRequest* response) override;
  grpc::Status GetAdoptionRequest(grpc::ServerContext* context,
                                  const pb::GetAdoptionRequestRequest* request,
                                  pb::AdoptionRequest* response) override;
  grpc::Status ListAdoptionRequests(grpc::ServerContext* context,
                                    const pb::ListAdoptionRequestsRequest* request,
                                    pb::ListAdoptionRequestsResponse* response) override;
  grpc::Status UpdateAdoptionRequest(grpc::ServerContext* context,
                                     const pb::UpdateAdoptionRequestRequest* request,
                                     pb::AdoptionRequest* response) override;
  grpc::Status CloseAdoptionRequest(grpc::ServerContext* context,
                                    const pb::CloseAdoptionRequestRequest* request,
                                    pb::AdoptionRequest* response) override;
  // Operator keys only: the feed carries private requests and the requesters
  // of anonymous ones.
  grpc::Status WatchChanges(grpc::ServerContext* context, const pb::WatchChangesRequest* request,
                            grpc::ServerWriter<pb::WatchChangesResponse>* writer) override;

 private:
  AdoptionRequestRepository* const repository_;
  Authenticator* const authenticator_;
};

}  // namespace corematch::adoption

#endif  // COREMATCH_SERVICES_ADOPTION_ADOPTION_SERVICE_H_
