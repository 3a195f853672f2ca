// services/notification/profiles/profile.h
//
// The data of percolation: a municipality's standing interest (InterestProfile),
// what is known of a published or updated solution (SolutionFacts), and why a
// profile fits it (ProfileHit). Plain structs, no protobuf: the notification
// service converts its messages into these at its edge.
//
// A profile matches a solution when every non-empty facet matches (any of the
// profile's values within a facet) and, with need terms, the need score
// reaches min_score (see profile_matcher.h for the score). Facets compare as:
//
//   sectors        COFOG codes by hierarchy: "10" matches "10" and "10.1" (a
//                  prefix ending at a dot), not "100"
//   target_groups  exact, case-insensitive
//   countries      ISO 3166-1 alpha-2, case-insensitive
//   languages      BCP 47 primary subtags: "sv" matches "sv-SE" and "sv_FI"
//
// Empty strings inside a facet are ignored, so {""} means the same as {}: any.
#ifndef COREMATCH_SERVICES_NOTIFICATION_PROFILES_PROFILE_H_
#define COREMATCH_SERVICES_NOTIFICATION_PROFILES_PROFILE_H_

#include <string>
#include <vector>

namespace corematch::notification {

struct InterestProfile {
  std::string subscription;                // "subscriptions/{id}": the profile's key.
  std::vector<std::string> sectors;        // Empty: any sector.
  std::vector<std::string> target_groups;  // Empty: any target group.
  std::vector<std::string> countries;      // Empty: any country.
  std::vector<std::string> languages;      // Empty: any language.
  // The analysed need text (ProfileText's NeedTerms); duplicates count once.
  // Empty: no text condition, and the score is 1.
  std::vector<std::string> need_terms;
  // Optional, for cross-language matching: need_term_pivots[i] are the English
  // pivot stems of need_terms[i] (ProfileText's NeedTermPivots). A solution
  // term equal to one of them finds need_terms[i], at a discount. Empty, or
  // parallel to need_terms (missing trailing entries mean no pivots).
  std::vector<std::vector<std::string>> need_term_pivots;
  // 0..1; values outside are clamped, NaN counts as 0.
  double min_score = 0;
};

struct SolutionFacts {
  std::string solution;  // "solutions/{id}"
  std::vector<std::string> sectors;
  std::vector<std::string> target_groups;
  std::string country;
  std::string language;  // BCP 47
  // Analysed terms per field (ProfileText's SetSolutionTerms), with the
  // English pivots of the solution's own terms when translating. Body is the
  // summary, description, tags and adaptable elements.
  std::vector<std::string> title_terms;
  std::vector<std::string> core_terms;
  std::vector<std::string> body_terms;
};

struct ProfileHit {
  std::string subscription;
  double score = 0;  // 0..1
  // The profile's need terms the solution has, in the profile's order.
  std::vector<std::string> matched_terms;
  // Human-readable, built from the numbers that decided the match:
  // "sector 10.1 within 10", "country SE", "need terms: arbejd, ledig", ...
  std::vector<std::string> reasons;
};

}  // namespace corematch::notification

#endif  // COREMATCH_SERVICES_NOTIFICATION_PROFILES_PROFILE_H_
