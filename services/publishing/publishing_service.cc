#include "services/publishing/publishing_service.h"

#include "services/common/grpc_status.h"
#include "services/common/status_macros.h"

namespace corematch::publishing {

grpc::ServerUnaryReactor* PublishingServiceImpl::CreateSolution(
    grpc::CallbackServerContext* context, const pb::CreateSolutionRequest* request,
    pb::Solution* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  absl::StatusOr<Caller> caller = AuthenticateCall(*authenticator_, *context);
  if (!caller.ok()) {
    reactor->Finish(ToGrpcStatus(caller.status()));
    return reactor;
  }
  // gRPC keeps the request and the response until Finish.
  repository_->StartCreate(*caller, *request,
                           [reactor, response](absl::StatusOr<pb::Solution> solution) {
                             if (solution.ok()) *response = *std::move(solution);
                             reactor->Finish(ToGrpcStatus(solution.status()));
                           });
  return reactor;
}

grpc::ServerUnaryReactor* PublishingServiceImpl::GetSolution(grpc::CallbackServerContext* context,
                                                             const pb::GetSolutionRequest* request,
                                                             pb::Solution* response) {
  grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
  reactor->Finish(
      ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
        ASSIGN_OR_RETURN(*response, repository_->Get(caller, request->name()));
        return absl::OkStatus();
      }));
  return reactor;
}

grpc::Status PublishingServiceImpl::ListSolutions(grpc::ServerContext* context,
                                                  const pb::ListSolutionsRequest* request,
                                                  pb::ListSolutionsResponse* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, repository_->List(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status PublishingServiceImpl::UpdateSolution(grpc::ServerContext* context,
                                                   const pb::UpdateSolutionRequest* request,
                                                   pb::Solution* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, repository_->Update(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status PublishingServiceImpl::PublishSolution(grpc::ServerContext* context,
                                                    const pb::PublishSolutionRequest* request,
                                                    pb::Solution* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, repository_->Publish(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status PublishingServiceImpl::WithdrawSolution(grpc::ServerContext* context,
                                                     const pb::WithdrawSolutionRequest* request,
                                                     pb::Solution* response) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    ASSIGN_OR_RETURN(*response, repository_->Withdraw(caller, *request));
    return absl::OkStatus();
  });
}

grpc::Status PublishingServiceImpl::WatchChanges(
    grpc::ServerContext* context, const pb::WatchChangesRequest* request,
    grpc::ServerWriter<pb::WatchChangesResponse>* writer) {
  return ServeAuthenticated(*authenticator_, *context, [&](const Caller& caller) -> absl::Status {
    RETURN_IF_ERROR(RequireOperator(caller, "watching the solution change feed"));
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

}  // namespace corematch::publishing
