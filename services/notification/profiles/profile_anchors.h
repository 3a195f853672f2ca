// services/notification/profiles/profile_anchors.h
//
// Where the ProfileIndex files a profile so that a solution finds it without
// a scan. A profile is filed under the keys of ONE of its conditions, its
// anchor: a solution event looks up the keys it has and only the profiles
// filed there are checked. An anchor is correct when no solution can match
// the profile without having one of the anchor's keys:
//
//   facet anchor  all values of one non-empty facet (sectors, target groups,
//                 countries or languages). The facet must match, so a
//                 matching solution has one of its values (a solution looks
//                 a sector up under every prefix: "10.1" under "10" and
//                 "10.1").
//   term anchor   any m = n - k + 1 of the profile's n need terms, with every
//                 pivot of each, where k = RequiredNeedTerms(n, min_score) is
//                 the fewest terms a match can have. A matching solution
//                 misses at most n - k terms, so by pigeonhole it has at
//                 least one of any n - k + 1 (min_score 0 gives m = n: every
//                 term; min_score 1 gives m = 1: the rarest).
//   match-all     a profile with no condition at all, checked for every
//                 solution.
//
// Which anchor: the one with the fewest expected candidates. A key filed
// under costs about (profiles filed under it) × (chance a solution has it);
// both grow with how many profiles have the key as a condition (f), so the
// cost is estimated as f² (times kSolutionTermsPerNeedTerm for a need term),
// summed over the anchor's keys; for need terms the m rarest are taken.
// The choice is made at Upsert from the profiles indexed then; a choice made
// stale by later profiles stays correct, only less selective.
#ifndef COREMATCH_SERVICES_NOTIFICATION_PROFILES_PROFILE_ANCHORS_H_
#define COREMATCH_SERVICES_NOTIFICATION_PROFILES_PROFILE_ANCHORS_H_

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "services/notification/profiles/profile_matcher.h"

namespace corematch::notification {

// The kinds of key a profile can be filed under; each has its own key space.
enum class Facet { kNeedTerm, kSector, kTargetGroup, kCountry, kLanguage };
inline constexpr size_t kFacetCount = 5;
inline constexpr size_t FacetIndex(Facet facet) { return static_cast<size_t>(facet); }

// "need term", "sector", ...: for messages and test output.
absl::string_view FacetName(Facet facet);

// One key a profile is filed under. Keys are normalised as CompiledProfile's
// values are (need terms and pivots as given, countries upper case, ...).
struct Anchor {
  Facet facet;
  std::string key;

  friend bool operator==(const Anchor&, const Anchor&) = default;
};

// A solution's terms are many, a need's few: a term in x of the profiles'
// needs is estimated to be in kSolutionTermsPerNeedTerm × x of the solutions,
// where a facet value's share is taken as the same among profiles and
// solutions. About 200 distinct terms a solution over about 5 a need.
inline constexpr double kSolutionTermsPerNeedTerm = 40;

// How many indexed profiles have each key as a condition (every value of every
// facet, every need term and pivot), whatever they are filed under.
// Not thread-safe; the ProfileIndex guards it.
class KeyFrequencies final {
 public:
  void Add(const CompiledProfile& profile);
  void Subtract(const CompiledProfile& profile);
  size_t Count(Facet facet, absl::string_view key) const;

  size_t ApproximateMemoryUsage() const;

 private:
  void Change(const CompiledProfile& profile, int delta);
  void ChangeKey(Facet facet, const std::string& key, int delta);

  std::array<absl::flat_hash_map<std::string, size_t>, kFacetCount> counts_;
};

// The keys to file `profile` under, distinct; empty means match-all.
// `frequencies` should not yet count `profile` itself.
std::vector<Anchor> ChooseAnchors(const CompiledProfile& profile,
                                  const KeyFrequencies& frequencies);

}  // namespace corematch::notification

#endif  // COREMATCH_SERVICES_NOTIFICATION_PROFILES_PROFILE_ANCHORS_H_
