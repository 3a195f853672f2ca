// services/adoption/journey/cohort_repository.h
//
// Cohorts: several adopters taking up one solution together, run by its
// owner with shared workshops and milestones, each adopter's own adoption
// inside (an adoption joins on open). A cohort counts as one against the
// owner's support capacity, however many adoptions it holds.
//
//   cohorts/{id}                        → Cohort
//   idx/cohorts/ctime/{micros}/{id}     → ""
//
// Cohorts are readable by any authenticated caller (adopters join by name);
// only the solution's owner (or an operator) creates and changes them.
// Thread-safe.
#ifndef COREMATCH_SERVICES_ADOPTION_JOURNEY_COHORT_REPOSITORY_H_
#define COREMATCH_SERVICES_ADOPTION_JOURNEY_COHORT_REPOSITORY_H_

#include <memory>

#include "absl/status/statusor.h"
#include "corematch/adoption/v1/adoption.pb.h"
#include "services/adoption/journey/lineage.h"
#include "services/common/auth.h"
#include "services/common/clock.h"
#include "services/common/id_generator.h"
#include "storage/committer.h"

namespace corematch::adoption {

// The cohort `name` inside `txn`; NOT_FOUND if there is none.
absl::StatusOr<v1::Cohort> LoadCohort(const storage::Transaction& txn, absl::string_view name);
// Stores `cohort` (new etag) inside `txn`.
void SaveCohort(storage::Transaction& txn, v1::Cohort& cohort);

class CohortRepository {
 public:
  // None is owned; `lineage` is the adoptions' (for the support capacity).
  // Tells the lineage of the stored cohorts.
  static absl::StatusOr<std::unique_ptr<CohortRepository>> Open(storage::Committer* committer,
                                                                Lineage* lineage, Clock* clock,
                                                                IdGenerator* ids);

  absl::StatusOr<v1::Cohort> Create(const Caller& caller, const v1::CreateCohortRequest& request);
  absl::StatusOr<v1::Cohort> Get(absl::string_view name);
  absl::StatusOr<v1::ListCohortsResponse> List(const Caller& caller,
                                               const v1::ListCohortsRequest& request);
  absl::StatusOr<v1::Cohort> Update(const Caller& caller, const v1::UpdateCohortRequest& request);

 private:
  CohortRepository(storage::Committer* committer, Lineage* lineage, Clock* clock, IdGenerator* ids)
      : committer_(committer), lineage_(lineage), clock_(clock), ids_(ids) {}

  storage::Committer* const committer_;
  Lineage* const lineage_;
  Clock* const clock_;
  IdGenerator* const ids_;
};

}  // namespace corematch::adoption

#endif  // COREMATCH_SERVICES_ADOPTION_JOURNEY_COHORT_REPOSITORY_H_
