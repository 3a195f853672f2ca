// services/notification/profiles/profile_index.h
//
// The interest-profile index: a percolator, in the manner of Elasticsearch's
// percolator and Luwak. Profiles (standing queries) are indexed; a published
// or updated solution (a document) is matched against them, and the profiles
// it fits are the subscriptions to notify.
//
// Each profile is filed under the keys of one anchor, its most selective
// condition (profile_anchors.h): a need term set chosen by pigeonhole, or the
// values of one facet, or, with no condition at all, a match-all list. Match
// looks up the keys the solution has (its terms, every prefix of its sectors,
// its target groups, country and language subtag, and match-all) and checks
// only the profiles found there, in full (profile_matcher.h). Anchors are
// chosen so that a solution a profile matches always has one of its keys:
// Match returns exactly what checking every profile would.
//
//   ProfileIndex index;
//   index.Upsert(InterestProfile{.subscription = "subscriptions/aarhus-jobs",
//                                .sectors = {"10"}, .need_terms = {"ledig", "arbejd"},
//                                .min_score = 0.5});
//   for (const ProfileHit& hit : index.Match(facts)) Notify(hit.subscription, hit.reasons);
//
// Thread-safe: any number of concurrent Match calls share a reader lock;
// Upsert and Remove take it exclusively.
#ifndef COREMATCH_SERVICES_NOTIFICATION_PROFILES_PROFILE_INDEX_H_
#define COREMATCH_SERVICES_NOTIFICATION_PROFILES_PROFILE_INDEX_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "services/notification/profiles/profile.h"
#include "services/notification/profiles/profile_anchors.h"
#include "services/notification/profiles/profile_matcher.h"

namespace corematch::notification {

// What one Match call did, for benchmarks and monitoring.
struct MatchStats {
  size_t candidates = 0;  // Distinct profiles checked in full.
  size_t hits = 0;
};

class ProfileIndex final {
 public:
  ProfileIndex() = default;

  ProfileIndex(const ProfileIndex&) = delete;
  ProfileIndex& operator=(const ProfileIndex&) = delete;

  // Adds `profile`, or replaces the profile with the same subscription (its
  // old anchors go with it). Never fails: values are normalised as
  // CompileProfile does; validating subscription names is the service's job.
  void Upsert(const InterestProfile& profile) ABSL_LOCKS_EXCLUDED(mutex_);

  // Removes the profile of `subscription`; a no-op if there is none.
  void Remove(absl::string_view subscription) ABSL_LOCKS_EXCLUDED(mutex_);

  // Number of profiles indexed.
  size_t size() const ABSL_LOCKS_EXCLUDED(mutex_);

  // Every profile `solution` fits, sorted by subscription name. Fills `stats`
  // when given.
  std::vector<ProfileHit> Match(const SolutionFacts& solution, MatchStats* stats = nullptr) const
      ABSL_LOCKS_EXCLUDED(mutex_);

  // The keys the profile of `subscription` is filed under (empty for a
  // match-all profile); nullopt if there is no such profile. For tests and
  // diagnostics.
  std::optional<std::vector<Anchor>> AnchorsOf(absl::string_view subscription) const
      ABSL_LOCKS_EXCLUDED(mutex_);

  // Approximate heap bytes held, for capacity planning.
  size_t ApproximateMemoryUsage() const ABSL_LOCKS_EXCLUDED(mutex_);

 private:
  using SlotId = uint32_t;
  struct Slot {
    CompiledProfile profile;
    std::vector<Anchor> anchors;  // Empty: in match_all_.
  };

  // Files slot `id` under its anchors.
  void File(SlotId id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // Takes slot `id` out of every posting list and the frequencies.
  void Unfile(SlotId id) ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  // The slots filed under the keys `solution` has, each once, ascending.
  std::vector<SlotId> Candidates(const PreparedSolution& solution) const
      ABSL_SHARED_LOCKS_REQUIRED(mutex_);

  mutable absl::Mutex mutex_;
  // Slots of removed profiles are reused; a free slot has an empty
  // subscription and is filed nowhere.
  std::vector<Slot> slots_ ABSL_GUARDED_BY(mutex_);
  std::vector<SlotId> free_slots_ ABSL_GUARDED_BY(mutex_);
  absl::flat_hash_map<std::string, SlotId> slot_of_ ABSL_GUARDED_BY(mutex_);
  // Per facet: key → the slots filed under it, unordered.
  std::array<absl::flat_hash_map<std::string, std::vector<SlotId>>, kFacetCount> postings_
      ABSL_GUARDED_BY(mutex_);
  std::vector<SlotId> match_all_ ABSL_GUARDED_BY(mutex_);
  KeyFrequencies frequencies_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace corematch::notification

#endif  // COREMATCH_SERVICES_NOTIFICATION_PROFILES_PROFILE_INDEX_H_
