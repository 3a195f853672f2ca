// services/adoption/journey/adoption_repository.h
//
// Adoptions — an adopter's work from a connected match to an anchored
// solution of its own — in the adoption service's store, beside the requests
// they come from. What it needs of other services it learns from their
// change feeds, never from their databases: connected matches from
// matching's, solutions (owner, core elements, preconditions, evidence,
// support capacity, derived_from) from publishing's. Each feed event is
// applied with its cursor in one transaction.
//
//   adoptions/{id}                         → Adoption
//   idx/adoptions/ctime/{micros}/{id}      → ""
//   adoption_of_match/{match id}           → adoption id (one adoption per match)
//   journey/match/{match id}               → the connected match (matching feed)
//   journey/solution/{id}                  → the solution (publishing feed)
//   journey/cursor/{feed}                  → last sequence applied
//
// Who may do what: the adopter (the request's requester) opens, edits,
// advances, evaluates and republishes; the solution's owner reads; operators
// do anything; others get NOT_FOUND. Spread trees and value summaries are
// public, and show an adopter's name only for a public request.
//
// Thread-safe.
#ifndef COREMATCH_SERVICES_ADOPTION_JOURNEY_ADOPTION_REPOSITORY_H_
#define COREMATCH_SERVICES_ADOPTION_JOURNEY_ADOPTION_REPOSITORY_H_

#include <cstdint>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "corematch/adoption/v1/adoption.pb.h"
#include "corematch/matching/v1/matching.pb.h"
#include "corematch/publishing/v1/publishing.pb.h"
#include "services/adoption/adoption_request_repository.h"
#include "services/adoption/journey/lineage.h"
#include "services/common/auth.h"
#include "services/common/change_feed.h"
#include "services/common/clock.h"
#include "services/common/id_generator.h"
#include "storage/committer.h"
#include "storage/kv_store.h"

namespace corematch::adoption {

inline constexpr absl::string_view kJourneyPublishingFeed = "publishing";
inline constexpr absl::string_view kJourneyMatchingFeed = "matching";

class AdoptionRepository {
 public:
  // `requests` is the adoption service's request repository, whose store,
  // committer and change feed adoptions share (adoption events are on the
  // same feed); none is owned. Rebuilds the lineage from the store.
  static absl::StatusOr<std::unique_ptr<AdoptionRepository>> Open(
      AdoptionRequestRepository* requests, storage::KvStore* store, Clock* clock, IdGenerator* ids);

  absl::StatusOr<v1::Adoption> Open(const Caller& caller, const v1::OpenAdoptionRequest& request);
  absl::StatusOr<v1::Adoption> Get(const Caller& caller, absl::string_view name);
  absl::StatusOr<v1::ListAdoptionsResponse> List(const Caller& caller,
                                                 const v1::ListAdoptionsRequest& request);
  absl::StatusOr<v1::Adoption> Update(const Caller& caller,
                                      const v1::UpdateAdoptionRequest& request);
  absl::StatusOr<v1::Adoption> Advance(const Caller& caller,
                                       const v1::AdvanceAdoptionRequest& request);
  absl::StatusOr<v1::Adoption> Evaluate(const Caller& caller,
                                        const v1::EvaluateAdoptionRequest& request);
  absl::StatusOr<v1::Adoption> Republish(const Caller& caller,
                                         const v1::RepublishAdoptionRequest& request);
  absl::StatusOr<v1::SpreadTree> SpreadTree(absl::string_view solution);
  absl::StatusOr<v1::ValueSummary> ValueSummary(absl::string_view solution);

  // The feeds it follows; events at or before the cursor are skipped.
  absl::Status ApplySolutionEvent(const publishing::v1::WatchChangesResponse& event);
  absl::Status ApplyMatchEvent(const matching::v1::WatchChangesResponse& event);
  absl::StatusOr<int64_t> cursor(absl::string_view feed);

  // What cohorts share: the lineage, for the owner's support capacity.
  Lineage* lineage() { return &lineage_; }
  storage::Committer* committer() { return &committer_; }

 private:
  AdoptionRepository(AdoptionRequestRepository* requests, storage::KvStore* store, Clock* clock,
                     IdGenerator* ids)
      : store_(store),
        committer_(requests->committer()),
        feed_(requests->feed()),
        clock_(clock),
        ids_(ids) {}

  absl::Status Rebuild();
  // Loads, checks the caller may change it and the etag, lets `change` edit
  // it, stores it (and its lineage once committed).
  using Change = std::function<absl::Status(v1::Adoption&, absl::Time now)>;
  absl::StatusOr<v1::Adoption> Mutate(const Caller& caller, absl::string_view name,
                                      absl::string_view etag, absl::string_view method,
                                      absl::string_view request_id, v1::ChangeType type,
                                      const Change& change);
  // Stores `adoption` and appends its change event of `type`.
  absl::Status Save(storage::Transaction& txn, v1::Adoption& adoption, v1::ChangeType type);
  // The request an adoption came from, for its requester and visibility.
  absl::StatusOr<v1::AdoptionRequest> RequestOf(const storage::Transaction& txn,
                                                absl::string_view name);
  LineageAdoption LineageOf(const v1::Adoption& adoption, v1::Visibility visibility) const;
  absl::Status ApplyInOrder(absl::string_view feed, int64_t sequence,
                            const std::function<absl::Status(storage::Transaction&)>& apply);

  storage::KvStore* const store_;
  storage::Committer& committer_;
  ChangeFeed& feed_;
  Clock* const clock_;
  IdGenerator* const ids_;
  Lineage lineage_;
};

}  // namespace corematch::adoption

#endif  // COREMATCH_SERVICES_ADOPTION_JOURNEY_ADOPTION_REPOSITORY_H_
