// services/adoption/adoption_service.h
//
// The gRPC edge of the adoption service: authenticates each call, hands it to
// the AdoptionRequestRepository (requests) or the AdoptionRepository
// (adoptions, spread trees) and converts the result to a gRPC status.
#ifndef COREMATCH_SERVICES_ADOPTION_ADOPTION_SERVICE_H_
#define COREMATCH_SERVICES_ADOPTION_ADOPTION_SERVICE_H_

#include "corematch/adoption/v1/adoption.grpc.pb.h"
#include "services/adoption/adoption_request_repository.h"
#include "services/adoption/journey/adoption_repository.h"
#include "services/adoption/journey/cohort_repository.h"
#include "services/common/auth.h"

namespace corematch::adoption {

class AdoptionServiceImpl final : public pb::AdoptionService::Service {
 public:
  // No argument is owned; all must outlive the service.
  AdoptionServiceImpl(AdoptionRequestRepository* repository, AdoptionRepository* adoptions,
                      CohortRepository* cohorts, Authenticator* authenticator)
      : repository_(repository),
        adoptions_(adoptions),
        cohorts_(cohorts),
        authenticator_(authenticator) {}

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

  grpc::Status OpenAdoption(grpc::ServerContext* context, const pb::OpenAdoptionRequest* request,
                            pb::Adoption* response) override;
  grpc::Status GetAdoption(grpc::ServerContext* context, const pb::GetAdoptionRequest* request,
                           pb::Adoption* response) override;
  grpc::Status ListAdoptions(grpc::ServerContext* context, const pb::ListAdoptionsRequest* request,
                             pb::ListAdoptionsResponse* response) override;
  grpc::Status UpdateAdoption(grpc::ServerContext* context,
                              const pb::UpdateAdoptionRequest* request,
                              pb::Adoption* response) override;
  grpc::Status AdvanceAdoption(grpc::ServerContext* context,
                               const pb::AdvanceAdoptionRequest* request,
                               pb::Adoption* response) override;
  grpc::Status EvaluateAdoption(grpc::ServerContext* context,
                                const pb::EvaluateAdoptionRequest* request,
                                pb::Adoption* response) override;
  grpc::Status RepublishAdoption(grpc::ServerContext* context,
                                 const pb::RepublishAdoptionRequest* request,
                                 pb::Adoption* response) override;
  // Public: any authenticated caller.
  grpc::Status GetSpreadTree(grpc::ServerContext* context, const pb::GetSpreadTreeRequest* request,
                             pb::SpreadTree* response) override;
  grpc::Status GetValueSummary(grpc::ServerContext* context,
                               const pb::GetValueSummaryRequest* request,
                               pb::ValueSummary* response) override;
  grpc::Status CreateCohort(grpc::ServerContext* context, const pb::CreateCohortRequest* request,
                            pb::Cohort* response) override;
  grpc::Status GetCohort(grpc::ServerContext* context, const pb::GetCohortRequest* request,
                         pb::Cohort* response) override;
  grpc::Status ListCohorts(grpc::ServerContext* context, const pb::ListCohortsRequest* request,
                           pb::ListCohortsResponse* response) override;
  grpc::Status UpdateCohort(grpc::ServerContext* context, const pb::UpdateCohortRequest* request,
                            pb::Cohort* response) override;

 private:
  AdoptionRequestRepository* const repository_;
  AdoptionRepository* const adoptions_;
  CohortRepository* const cohorts_;
  Authenticator* const authenticator_;
};

}  // namespace corematch::adoption

#endif  // COREMATCH_SERVICES_ADOPTION_ADOPTION_SERVICE_H_
