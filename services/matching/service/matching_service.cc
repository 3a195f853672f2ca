#include "services/matching/service/matching_service.h"

#include "services/common/status_macros.h"

namespace corematch::matching {

grpc::Status MatchingServiceImpl::MatchAdoptionRequest(
    grpc::ServerContext* context, const pb::MatchAdoptionRequestRequest* request,
    pb::MatchAdoptionRequestResponse* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, ranking_.MatchAdoptionRequest(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status MatchingServiceImpl::MatchText(grpc::ServerContext* context,
                                            const pb::MatchTextRequest* request,
                                            pb::MatchTextResponse* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, ranking_.MatchText(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status MatchingServiceImpl::FindAdopters(grpc::ServerContext* context,
                                               const pb::FindAdoptersRequest* request,
                                               pb::FindAdoptersResponse* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, ranking_.FindAdopters(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status MatchingServiceImpl::ListMatches(grpc::ServerContext* context,
                                              const pb::ListMatchesRequest* request,
                                              pb::ListMatchesResponse* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, matches_.ListMatches(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status MatchingServiceImpl::GetMatch(grpc::ServerContext* context,
                                           const pb::GetMatchRequest* request,
                                           pb::Match* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, matches_.GetMatch(caller, request->name()));
    return absl::OkStatus();
  });
}

grpc::Status MatchingServiceImpl::ExpressInterest(grpc::ServerContext* context,
                                                  const pb::ExpressInterestRequest* request,
                                                  pb::Match* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, matches_.ExpressInterest(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status MatchingServiceImpl::DeclineMatch(grpc::ServerContext* context,
                                               const pb::DeclineMatchRequest* request,
                                               pb::Match* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, matches_.DeclineMatch(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status MatchingServiceImpl::WatchChanges(
    grpc::ServerContext* context, const pb::WatchChangesRequest* request,
    grpc::ServerWriter<pb::WatchChangesResponse>* writer) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    RETURN_IF_ERROR(RequireOperator(caller, "watching the match change feed"));
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

grpc::Status MatchingServiceImpl::GetIndexStatus(grpc::ServerContext* context,
                                                 const pb::GetIndexStatusRequest* /*request*/,
                                                 pb::IndexStatus* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller&) -> absl::Status {
    ASSIGN_OR_RETURN(int64_t publishing, repository_->publishing_cursor());
    ASSIGN_OR_RETURN(int64_t adoption, repository_->adoption_cursor());
    response->set_solutions_indexed(static_cast<int64_t>(repository_->engine().solution_count()));
    response->set_adoption_requests_indexed(
        static_cast<int64_t>(repository_->engine().request_count()));
    response->set_publishing_sequence(publishing);
    response->set_adoption_sequence(adoption);
    response->set_matches(repository_->matches().count());
    return absl::OkStatus();
  });
}

}  // namespace corematch::matching
