// services/matching/engine/records.h
//
// What the engine knows of solutions and requests: plain structs, filled by
// the matching service from the publishing and adoption feeds. No protobuf and
// no gRPC here, so the engine is tested and benchmarked on its own.
#ifndef COREMATCH_SERVICES_MATCHING_ENGINE_RECORDS_H_
#define COREMATCH_SERVICES_MATCHING_ENGINE_RECORDS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace corematch::matching {

struct CoreElementText {
  std::string title;
  std::string description;
  std::string value_rationale;
};

struct PreconditionText {
  // "STAFF", "COMPETENCE", "IT", "LEGAL", "BUDGET", "OTHER".
  std::string kind;
  std::string description;
};

// 0 unknown, 1 idea, 2 pilot, 3 proven, 4 scaled.
using MaturityLevel = int;

struct SolutionRecord {
  std::string name;  // solutions/{id}
  std::string language;
  std::string title;
  std::string summary;
  std::string description;
  std::vector<CoreElementText> core_elements;
  std::vector<std::string> tags;
  std::vector<std::string> sectors;
  std::vector<std::string> target_groups;
  std::string country;
  std::string region;
  MaturityLevel maturity = 0;
  int evidence_count = 0;
  int support_capacity = 0;
  std::vector<PreconditionText> preconditions;
  // The terms of each core element, as MatchingEngine::CoreElementTerms gives
  // them, when the caller kept them: explaining a winner then analyses no
  // text. Left empty (or of another length than core_elements), they are
  // analysed afresh.
  std::vector<std::vector<std::string>> core_terms;
};

// A need to rank solutions for: a stored adoption request or an ad-hoc text.
struct NeedQuery {
  std::string text;
  // BCP 47; empty = guess.
  std::string language;
  std::vector<std::string> sectors;
  std::vector<std::string> target_groups;
  std::string country;
  std::string region;
  int64_t population = 0;
  std::vector<std::string> accepted_languages;
  // Hard filters.
  std::vector<std::string> only_languages;
  std::vector<std::string> only_countries;
  std::vector<std::string> only_sectors;
  MaturityLevel min_maturity = 0;
  // The owner-side counterpart: connected adopters per solution, for capacity.
  size_t top_k = 20;
};

// An open adoption request, as FindAdopters ranks it.
struct RequestRecord {
  std::string name;  // adoptionRequests/{id}
  std::string title;
  std::string need_statement;
  std::string language;
  std::vector<std::string> sectors;
  std::vector<std::string> target_groups;
  std::vector<std::string> desired_effects;
  std::string country;
  std::string region;
  int64_t population = 0;
  std::vector<std::string> accepted_languages;
};

// The need a stored request asks about: title, need statement and desired
// effects as text, with its context. When the request names accepted
// languages, only solutions in those (or in the request's own language) are
// ranked: the requester says it cannot read others.
NeedQuery NeedOf(const RequestRecord& request, size_t top_k = 20);

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_ENGINE_RECORDS_H_
