// services/publishing/publishing_service.h
//
// The gRPC edge of the publishing service: authenticates each call, hands it
// to the SolutionRepository and converts the result to a gRPC status.
#ifndef COREMATCH_SERVICES_PUBLISHING_PUBLISHING_SERVICE_H_
#define COREMATCH_SERVICES_PUBLISHING_PUBLISHING_SERVICE_H_

#include "corematch/publishing/v1/publishing.grpc.pb.h"
#include "services/common/auth.h"
#include "services/publishing/solution_repository.h"

namespace corematch::publishing {

// GetSolution and CreateSolution, the hottest read and write, run on gRPC's
// callback API: a read is answered on the thread that read the request,
// without handing it to a worker thread, and a create is answered by the
// committer's thread once it is durable, so no thread waits on the disk (each
// cost half or less of the CPU of a sync call on two cores;
// docs/benchmarks.md). The other methods stay synchronous.
class PublishingServiceImpl final : public pb::PublishingService::WithCallbackMethod_GetSolution<
                                        pb::PublishingService::WithCallbackMethod_CreateSolution<
                                            pb::PublishingService::Service>> {
 public:
  // Neither argument is owned; both must outlive the service.
  PublishingServiceImpl(SolutionRepository* repository, Authenticator* authenticator)
      : repository_(repository), authenticator_(authenticator) {}

  grpc::ServerUnaryReactor* CreateSolution(grpc::CallbackServerContext* context,
                                           const pb::CreateSolutionRequest* request,
                                           pb::Solution* response) override;
  grpc::ServerUnaryReactor* GetSolution(grpc::CallbackServerContext* context,
                                        const pb::GetSolutionRequest* request,
                                        pb::Solution* response) override;
  grpc::Status ListSolutions(grpc::ServerContext* context, const pb::ListSolutionsRequest* request,
                             pb::ListSolutionsResponse* response) override;
  grpc::Status UpdateSolution(grpc::ServerContext* context,
                              const pb::UpdateSolutionRequest* request,
                              pb::Solution* response) override;
  grpc::Status PublishSolution(grpc::ServerContext* context,
                               const pb::PublishSolutionRequest* request,
                               pb::Solution* response) override;
  grpc::Status WithdrawSolution(grpc::ServerContext* context,
                                const pb::WithdrawSolutionRequest* request,
                                pb::Solution* response) override;
  // Operator keys only: the feed carries drafts too.
  grpc::Status WatchChanges(grpc::ServerContext* context, const pb::WatchChangesRequest* request,
                            grpc::ServerWriter<pb::WatchChangesResponse>* writer) override;

 private:
  SolutionRepository* const repository_;
  Authenticator* const authenticator_;
};

}  // namespace corematch::publishing

#endif  // COREMATCH_SERVICES_PUBLISHING_PUBLISHING_SERVICE_H_
