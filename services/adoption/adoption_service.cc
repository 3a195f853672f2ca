#include "services/adoption/adoption_service.h"

#include "services/common/status_macros.h"

namespace corematch::adoption {

grpc::Status AdoptionServiceImpl::CreateAdoptionRequest(
    grpc::ServerContext* context, const pb::CreateAdoptionRequestRequest* request,
    pb::AdoptionRequest* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, repository_->Create(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status AdoptionServiceImpl::GetAdoptionRequest(grpc::ServerContext* context,
                                                     const pb::GetAdoptionRequestRequest* request,
                                                     pb::AdoptionRequest* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, repository_->Get(caller, request->name()));
    return absl::OkStatus();
  });
}

grpc::Status AdoptionServiceImpl::ListAdoptionRequests(
    grpc::ServerContext* context, const pb::ListAdoptionRequestsRequest* request,
    pb::ListAdoptionRequestsResponse* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, repository_->List(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status AdoptionServiceImpl::UpdateAdoptionRequest(
    grpc::ServerContext* context, const pb::UpdateAdoptionRequestRequest* request,
    pb::AdoptionRequest* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, repository_->Update(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status AdoptionServiceImpl::CloseAdoptionRequest(
    grpc::ServerContext* context, const pb::CloseAdoptionRequestRequest* request,
    pb::AdoptionRequest* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, repository_->Close(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status AdoptionServiceImpl::WatchChanges(
    grpc::ServerContext* context, const pb::WatchChangesRequest* request,
    grpc::ServerWriter<pb::WatchChangesResponse>* writer) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    RETURN_IF_ERROR(RequireOperator(caller, "watching the adoption request change feed"));
    return ServeWatch(
        repository_->feed(), request->after_sequence(), [&] { return context->IsCancelled(); },
        [&](int64_t sequence, absl::string_view bytes) {
          pb::WatchChangesResponse event;
          if (!event.ParseFromString(std::string(bytes))) return false;
          event.set_sequence(sequence);
          return writer->Write(event);
        });
  });
}

grpc::Status AdoptionServiceImpl::OpenAdoption(grpc::ServerContext* context,
                                               const pb::OpenAdoptionRequest* request,
                                               pb::Adoption* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, adoptions_->Open(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status AdoptionServiceImpl::GetAdoption(grpc::ServerContext* context,
                                              const pb::GetAdoptionRequest* request,
                                              pb::Adoption* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, adoptions_->Get(caller, request->name()));
    return absl::OkStatus();
  });
}

grpc::Status AdoptionServiceImpl::ListAdoptions(grpc::ServerContext* context,
                                                const pb::ListAdoptionsRequest* request,
                                                pb::ListAdoptionsResponse* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, adoptions_->List(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status AdoptionServiceImpl::UpdateAdoption(grpc::ServerContext* context,
                                                 const pb::UpdateAdoptionRequest* request,
                                                 pb::Adoption* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, adoptions_->Update(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status AdoptionServiceImpl::AdvanceAdoption(grpc::ServerContext* context,
                                                  const pb::AdvanceAdoptionRequest* request,
                                                  pb::Adoption* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, adoptions_->Advance(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status AdoptionServiceImpl::EvaluateAdoption(grpc::ServerContext* context,
                                                   const pb::EvaluateAdoptionRequest* request,
                                                   pb::Adoption* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, adoptions_->Evaluate(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status AdoptionServiceImpl::RepublishAdoption(grpc::ServerContext* context,
                                                    const pb::RepublishAdoptionRequest* request,
                                                    pb::Adoption* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, adoptions_->Republish(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status AdoptionServiceImpl::GetSpreadTree(grpc::ServerContext* context,
                                                const pb::GetSpreadTreeRequest* request,
                                                pb::SpreadTree* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(*response, adoptions_->SpreadTree(request->solution()));
    return absl::OkStatus();
  });
}

grpc::Status AdoptionServiceImpl::GetValueSummary(grpc::ServerContext* context,
                                                  const pb::GetValueSummaryRequest* request,
                                                  pb::ValueSummary* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(*response, adoptions_->ValueSummary(request->solution()));
    return absl::OkStatus();
  });
}

grpc::Status AdoptionServiceImpl::CreateCohort(grpc::ServerContext* context,
                                               const pb::CreateCohortRequest* request,
                                               pb::Cohort* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, cohorts_->Create(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status AdoptionServiceImpl::GetCohort(grpc::ServerContext* context,
                                            const pb::GetCohortRequest* request,
                                            pb::Cohort* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(*response, cohorts_->Get(request->name()));
    return absl::OkStatus();
  });
}

grpc::Status AdoptionServiceImpl::ListCohorts(grpc::ServerContext* context,
                                              const pb::ListCohortsRequest* request,
                                              pb::ListCohortsResponse* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, cohorts_->List(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status AdoptionServiceImpl::UpdateCohort(grpc::ServerContext* context,
                                               const pb::UpdateCohortRequest* request,
                                               pb::Cohort* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, cohorts_->Update(caller, *request));
    return absl::OkStatus();
  });
}

}  // namespace corematch::adoption
