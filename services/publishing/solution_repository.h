// services/publishing/solution_repository.h
//
// The publishing service's data and rules, without gRPC: solutions in the
// service's own store, each change committed together with its change-feed
// event, request-id record and index entries in one durable write.
//
//   solutions/{id}                        → Solution
//   idx/solutions/ctime/{micros}/{id}     → ""
//   feed/e/{sequence}                     → WatchChangesResponse (sequence unset)
//
// Thread-safe.
#ifndef COREMATCH_SERVICES_PUBLISHING_SOLUTION_REPOSITORY_H_
#define COREMATCH_SERVICES_PUBLISHING_SOLUTION_REPOSITORY_H_

#include <functional>
#include <memory>

#include "absl/status/statusor.h"
#include "corematch/publishing/v1/publishing.pb.h"
#include "services/common/auth.h"
#include "services/common/change_feed.h"
#include "services/common/clock.h"
#include "services/common/id_generator.h"
#include "storage/committer.h"
#include "storage/kv_store.h"

namespace corematch::publishing {

namespace pb = ::corematch::publishing::v1;

class SolutionRepository {
 public:
  // `store`, `clock` and `ids` are not owned and must outlive the repository.
  static absl::StatusOr<std::unique_ptr<SolutionRepository>> Open(storage::KvStore* store,
                                                                  Clock* clock, IdGenerator* ids);

  // Told a call's outcome; see StartCreate.
  using SolutionCallback = std::function<void(absl::StatusOr<pb::Solution>)>;

  absl::StatusOr<pb::Solution> Create(const Caller& caller,
                                      const pb::CreateSolutionRequest& request);
  // Create without waiting for the disk: `done` is told the outcome (on the
  // committer's thread once the solution is durable, at once for a request
  // that fails validation) and must not block. `request` must stay valid
  // until then.
  void StartCreate(const Caller& caller, const pb::CreateSolutionRequest& request,
                   SolutionCallback done);
  absl::StatusOr<pb::Solution> Get(const Caller& caller, absl::string_view name);
  absl::StatusOr<pb::ListSolutionsResponse> List(const Caller& caller,
                                                 const pb::ListSolutionsRequest& request);
  absl::StatusOr<pb::Solution> Update(const Caller& caller,
                                      const pb::UpdateSolutionRequest& request);
  absl::StatusOr<pb::Solution> Publish(const Caller& caller,
                                       const pb::PublishSolutionRequest& request);
  absl::StatusOr<pb::Solution> Withdraw(const Caller& caller,
                                        const pb::WithdrawSolutionRequest& request);

  ChangeFeed& feed() { return *feed_; }

 private:
  SolutionRepository(storage::KvStore* store, Clock* clock, IdGenerator* ids,
                     std::unique_ptr<ChangeFeed> feed);

  struct CreateCall;
  // Validates a create request; the call to run if it is valid.
  absl::StatusOr<std::shared_ptr<CreateCall>> PrepareCreate(
      const Caller& caller, const pb::CreateSolutionRequest& request);
  // The create's transaction: unless the request id was seen before, the
  // prepared solution stored with its feed event, its index entry and its
  // request-id record.
  absl::Status RunCreate(storage::Transaction& txn, CreateCall& call);

  // Runs a state change on an existing solution: loads it, checks owner and
  // etag, lets `change` edit it, then stores it with its feed event. A retry
  // with the same request id returns the first result.
  absl::StatusOr<pb::Solution> Mutate(
      const Caller& caller, absl::string_view name, absl::string_view etag,
      absl::string_view method, absl::string_view request_id, pb::ChangeType change_type,
      const std::function<absl::Status(storage::Transaction&, pb::Solution&)>& change);

  // A solution as stored: its record and its change event, serialised.
  struct EncodedSolution {
    std::string record;
    std::string event;
  };
  // Sets `solution`'s etag and serialises it.
  static EncodedSolution Encode(pb::Solution& solution, pb::ChangeType type);
  // Stores the encoded `solution` and appends its change event inside `txn`.
  absl::Status Store(storage::Transaction& txn, const pb::Solution& solution,
                     const EncodedSolution& encoded);
  // Encode, then Store.
  absl::Status Save(storage::Transaction& txn, pb::Solution& solution, pb::ChangeType type);

  storage::KvStore* const store_;
  storage::Committer committer_;
  Clock* const clock_;
  IdGenerator* const ids_;
  std::unique_ptr<ChangeFeed> feed_;
};

}  // namespace corematch::publishing

#endif  // COREMATCH_SERVICES_PUBLISHING_SOLUTION_REPOSITORY_H_
