// services/adoption/adoption_request_repository.h
//
// The adoption service's data and rules, without gRPC: adoption requests in
// the service's own store, each change committed together with its
// change-feed event, request-id record and index entries in one durable write.
//
//   adoptionRequests/{id}                        → AdoptionRequest
//   idx/adoptionRequests/ctime/{micros}/{id}     → ""
//   feed/e/{sequence}                            → WatchChangesResponse (sequence unset)
//
// Who sees what: the requester and operators see a request whole. Others see
// a PUBLIC request whole, an ANONYMOUS one without `requester` (its kind and
// context stay), and a PRIVATE one not at all: Get answers NOT_FOUND, exactly
// as for a request that does not exist, and List skips it. List filters on
// what the caller sees, so a filter on `requester` cannot unmask an anonymous
// request. The change feed carries every request whole; only operators (and
// through them the matching service) may read it.
//
// Thread-safe.
#ifndef COREMATCH_SERVICES_ADOPTION_ADOPTION_REQUEST_REPOSITORY_H_
#define COREMATCH_SERVICES_ADOPTION_ADOPTION_REQUEST_REPOSITORY_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "corematch/adoption/v1/adoption.pb.h"
#include "services/adoption/organization_directory.h"
#include "services/common/auth.h"
#include "services/common/change_feed.h"
#include "services/common/clock.h"
#include "services/common/id_generator.h"
#include "storage/committer.h"
#include "storage/kv_store.h"

namespace corematch::adoption {

namespace pb = ::corematch::adoption::v1;

// How long a request stays matchable when nobody sets expire_time, and how
// long an update renews it for.
inline constexpr absl::Duration kDefaultLifetime = absl::Hours(24 * 365);
// An update renews a request that would expire within this window.
inline constexpr absl::Duration kRenewWindow = absl::Hours(24 * 30);

class AdoptionRequestRepository {
 public:
  // `store`, `clock`, `ids` and `directory` are not owned and must outlive the
  // repository.
  static absl::StatusOr<std::unique_ptr<AdoptionRequestRepository>> Open(
      storage::KvStore* store, Clock* clock, IdGenerator* ids, OrganizationDirectory* directory);

  AdoptionRequestRepository(const AdoptionRequestRepository&) = delete;
  AdoptionRequestRepository& operator=(const AdoptionRequestRepository&) = delete;

  // Files a request for the caller's organisation (an operator names it in
  // `requester`), open at once. Its kind and empty context fields come from
  // the organisation; FAILED_PRECONDITION when the directory does not know
  // it, UNAVAILABLE when the directory cannot be reached.
  absl::StatusOr<pb::AdoptionRequest> Create(const Caller& caller,
                                             const pb::CreateAdoptionRequestRequest& request);
  // The request as the caller may see it; NOT_FOUND when it may not.
  absl::StatusOr<pb::AdoptionRequest> Get(const Caller& caller, absl::string_view name);
  // The requests the caller may see, as it may see them, filtered and paged.
  absl::StatusOr<pb::ListAdoptionRequestsResponse> List(
      const Caller& caller, const pb::ListAdoptionRequestsRequest& request);
  // Changes the content of an open request; requester or operator only. An
  // update renews a request about to expire (see kRenewWindow).
  absl::StatusOr<pb::AdoptionRequest> Update(const Caller& caller,
                                             const pb::UpdateAdoptionRequestRequest& request);
  // Closes an open request as fulfilled or abandoned; requester or operator only.
  absl::StatusOr<pb::AdoptionRequest> Close(const Caller& caller,
                                            const pb::CloseAdoptionRequestRequest& request);

  ChangeFeed& feed() { return *feed_; }
  // The store's one committer: adoptions commit through it too, so requests
  // and adoptions share the change feed's sequence.
  storage::Committer& committer() { return committer_; }

 private:
  AdoptionRequestRepository(storage::KvStore* store, Clock* clock, IdGenerator* ids,
                            OrganizationDirectory* directory, std::unique_ptr<ChangeFeed> feed);

  // Looks up the organisation `draft` is filed for (its `requester`) and fills
  // the kind and the context fields the draft leaves empty from it.
  absl::Status FillFromOrganization(const Caller& caller, pb::AdoptionRequest& draft);

  // Runs a change on an existing request: loads it, checks that the caller
  // may change it and the etag, lets `change` edit it as of `now`, then
  // stores it with its feed event. A retry with the same request id returns
  // the first result.
  using Change = std::function<absl::Status(pb::AdoptionRequest&, absl::Time now)>;
  absl::StatusOr<pb::AdoptionRequest> Mutate(const Caller& caller, absl::string_view name,
                                             absl::string_view name_field, absl::string_view etag,
                                             absl::string_view method, absl::string_view request_id,
                                             pb::ChangeType change_type, const Change& change);

  // Stores `request` and appends its change event inside `txn`.
  absl::Status Save(storage::Transaction& txn, pb::AdoptionRequest& request, pb::ChangeType type);

  storage::KvStore* const store_;
  storage::Committer committer_;
  Clock* const clock_;
  IdGenerator* const ids_;
  OrganizationDirectory* const directory_;
  std::unique_ptr<ChangeFeed> feed_;
};

}  // namespace corematch::adoption

#endif  // COREMATCH_SERVICES_ADOPTION_ADOPTION_REQUEST_REPOSITORY_H_
