// services/adoption/journey/lineage.h
//
// Who adopted what from whom: the solutions the publishing feed told of (with
// their derived_from) and the adoption service's own adoptions, held in
// memory so a solution's spread tree (a → b → c …) and value summary are
// answered without a scan: each solution knows its adoptions and the
// solutions derived from it, each adoption the solution it was republished as.
//
//   Lineage lineage;
//   lineage.PutSolution(...);  lineage.PutAdoption(...);
//   absl::StatusOr<v1::SpreadTree> tree = lineage.SpreadTree("solutions/a");
//
// A solution reached twice (a lineage that loops, which publishing refuses,
// or one republished twice) appears once. Thread-safe.
#ifndef COREMATCH_SERVICES_ADOPTION_JOURNEY_LINEAGE_H_
#define COREMATCH_SERVICES_ADOPTION_JOURNEY_LINEAGE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "corematch/adoption/v1/adoption.pb.h"
#include "corematch/publishing/v1/publishing.pb.h"

namespace corematch::adoption {

struct LineageSolution {
  std::string name;  // solutions/{id}
  std::string title;
  std::string owner;
  std::string country;
  std::string derived_from;
  int32_t support_capacity = 0;  // 0 = not stated
  std::vector<publishing::v1::Evidence> evidence;
};

struct LineageAdoption {
  std::string name;      // adoptions/{id}
  std::string solution;  // adopted
  std::string adopter;   // organizations/{id}, for counting
  // What the spread tree shows of the adopter: empty when the request's
  // visibility hides the requester's name.
  std::string shown_adopter;
  std::string country;
  std::string region;
  int64_t population = 0;
  v1::AdoptionStage stage = v1::ADOPTION_STAGE_UNSPECIFIED;
  std::vector<v1::EvaluatedEffect> effects;
  std::string republished_as;
  // cohorts/{id} it belongs to, if any.
  std::string cohort;
};

class Lineage {
 public:
  void PutSolution(LineageSolution solution);
  void PutAdoption(LineageAdoption adoption);

  // Whether the publishing feed told of `solution`, and what.
  std::optional<LineageSolution> FindSolution(absl::string_view solution) const;
  // A cohort of `solution` exists.
  void PutCohort(absl::string_view solution, absl::string_view cohort);
  // What the owner supports at once: each cohort counts one, each open
  // adoption outside a cohort one.
  int SupportUnits(absl::string_view solution) const;

  // NOT_FOUND for a solution the feed has not told of.
  absl::StatusOr<v1::SpreadTree> SpreadTree(absl::string_view solution) const;
  absl::StatusOr<v1::ValueSummary> ValueSummary(absl::string_view solution) const;

 private:
  // Fills `node` for `solution` at `generation`, recursing into what spread
  // from it; counts adoptions and the deepest generation.
  void BuildNode(const std::string& solution, int generation,
                 absl::flat_hash_set<std::string>& seen, v1::SpreadNode& node,
                 v1::SpreadTree& tree) const ABSL_SHARED_LOCKS_REQUIRED(mutex_);
  // Every adoption in `solution`'s tree.
  std::vector<const LineageAdoption*> TreeAdoptions(const std::string& solution) const
      ABSL_SHARED_LOCKS_REQUIRED(mutex_);

  mutable absl::Mutex mutex_;
  absl::flat_hash_map<std::string, LineageSolution> solutions_ ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_map<std::string, LineageAdoption> adoptions_ ABSL_GUARDED_BY(mutex_);
  // solution → its adoptions, and the solutions derived from it, in arrival order.
  absl::flat_hash_map<std::string, std::vector<std::string>> adoptions_of_ ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_map<std::string, std::vector<std::string>> derived_of_ ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_map<std::string, absl::flat_hash_set<std::string>> cohorts_of_
      ABSL_GUARDED_BY(mutex_);
};

}  // namespace corematch::adoption

#endif  // COREMATCH_SERVICES_ADOPTION_JOURNEY_LINEAGE_H_
