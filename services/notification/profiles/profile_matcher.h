// services/notification/profiles/profile_matcher.h
//
// Deciding whether one interest profile fits one solution, and why. The
// ProfileIndex uses this to verify its candidates; MatchProfile is the same
// decision without an index (a full scan, as tests do).
//
// The need score. Each distinct need term counts equally: a profile of n terms
// scores
//
//   score = (w_1 + ... + w_n) / n
//
// where w_i is the best weight at which the solution has term i:
//   kTitleOrCore  the term is in the title or a core element (what the
//                 solution is, and what must be kept when adopting it),
//   kBodyOnly     it is only in the summary, description, tags or adaptable
//                 elements,
//   times kTranslated when only one of the term's English pivots was found,
// and 0 when the solution lacks it. Without need terms the score is 1.
// Equal term weights are deliberate: rarity could only be measured over the
// profiles (not over solutions, which this index never sees as a whole), and
// how rare a word is among other municipalities' needs says nothing about how
// much it matters to this one.
//
// A profile with need terms matches only if at least one term is found and the
// score is at least min_score (min_score 0 thus means "any of the terms").
//
//   CompiledProfile profile = CompileProfile(interest);
//   PreparedSolution solution(facts);
//   if (std::optional<ProfileHit> hit = Evaluate(profile, solution)) ...
//
// A hit is explained only after the decision (Score, then Explain): a
// solution event checks many candidates and most fail.
#ifndef COREMATCH_SERVICES_NOTIFICATION_PROFILES_PROFILE_MATCHER_H_
#define COREMATCH_SERVICES_NOTIFICATION_PROFILES_PROFILE_MATCHER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/string_view.h"
#include "services/notification/profiles/profile.h"

namespace corematch::notification {

// The weights of the need score, in one place.
namespace weights {
inline constexpr double kTitleOrCore = 1.0;
inline constexpr double kBodyOnly = 0.6;
// As the matching engine discounts a translated term (ranking_weights.h): a
// dictionary's senses are looser than the word itself.
inline constexpr double kTranslated = 0.5;
}  // namespace weights

// One distinct need term and the pivot stems that also find it.
struct NeedConcept {
  std::string term;
  std::vector<std::string> pivots;  // Distinct, never `term`.
};

// A profile normalised once, at Upsert, so that matching compares without
// case folding or parsing.
struct CompiledProfile {
  std::string subscription;
  std::vector<std::string> sectors;        // Distinct, as given.
  std::vector<std::string> target_groups;  // Distinct, lower case.
  std::vector<std::string> countries;      // Distinct, upper case.
  std::vector<std::string> languages;      // Distinct primary subtags, lower case.
  std::vector<NeedConcept> need;           // Distinct terms, in the profile's order.
  double min_score = 0;                    // In [0, 1].
};

CompiledProfile CompileProfile(const InterestProfile& profile);

// A solution prepared once per match, for checking many profiles against it.
// Holds views into `facts`, which must outlive it.
class PreparedSolution final {
 public:
  explicit PreparedSolution(const SolutionFacts& facts);

  PreparedSolution(const PreparedSolution&) = delete;
  PreparedSolution& operator=(const PreparedSolution&) = delete;

  // kTitleOrCore, kBodyOnly, or 0 when the solution lacks `term`.
  double FieldWeight(absl::string_view term) const;

  // Every distinct term of every field, with its FieldWeight.
  const absl::flat_hash_map<absl::string_view, double>& terms() const { return terms_; }
  const std::vector<std::string>& sectors() const { return sectors_; }
  const std::vector<std::string>& target_groups() const { return target_groups_; }
  const std::string& country() const { return country_; }
  const std::string& language() const { return facts_.language; }
  const std::string& language_subtag() const { return language_subtag_; }

 private:
  const SolutionFacts& facts_;
  absl::flat_hash_map<absl::string_view, double> terms_;
  std::vector<std::string> sectors_;        // Whitespace stripped.
  std::vector<std::string> target_groups_;  // Lower case.
  std::string country_;                     // Upper case.
  std::string language_subtag_;             // Lower case.
};

// The score if `profile` fits `solution`, nullopt if not; allocates nothing,
// as the index runs it on every candidate.
std::optional<double> Score(const CompiledProfile& profile, const PreparedSolution& solution);

// The hit for a profile that Score() gave `score`, with its reasons.
ProfileHit Explain(const CompiledProfile& profile, const PreparedSolution& solution, double score);

// Score() and, when it fits, Explain().
std::optional<ProfileHit> Evaluate(const CompiledProfile& profile,
                                   const PreparedSolution& solution);

// Evaluate() without preparing either side in advance: the reference a full
// scan uses.
std::optional<ProfileHit> MatchProfile(const InterestProfile& profile,
                                       const SolutionFacts& solution);

// The fewest need terms a solution must have for a profile of `need_count`
// distinct terms and `min_score` to match (each term adds at most
// 1/need_count to the score, and at least one must be found). Rounds down
// when min_score * need_count is within floating-point noise of an integer,
// so it never asks for more terms than a match can have.
size_t RequiredNeedTerms(size_t need_count, double min_score);

// The lower-case primary subtag of a BCP 47 tag: "sv-SE" → "sv", "nb_NO" → "nb".
std::string PrimarySubtag(absl::string_view bcp47);

// True if solution sector `sector` is `profile_sector` or below it in the
// COFOG hierarchy: "10.1" is within "10" and "10.1", not within "1" or "10.2".
bool SectorWithin(absl::string_view sector, absl::string_view profile_sector);

}  // namespace corematch::notification

#endif  // COREMATCH_SERVICES_NOTIFICATION_PROFILES_PROFILE_MATCHER_H_
