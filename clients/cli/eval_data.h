// clients/cli/eval_data.h
//
// The inputs of `corematch eval` (data/eval/SOURCES.md describes the sets)
// and what they become on a corematch server:
//
//   requests  one JSON object a line: id, text, language, country (a string or
//             a list), org_name, org_type, population, sector, target_group;
//             any may be null except id and text.
//   qrels     TSV: a header line `request_id solution_id grade`, then one
//             judged pair a line; grade 0 (judged not relevant), 1 or 2.
//   solutions the JSON-lines catalogue shape of demo_rows.h (id, title,
//             description, language, country, origin_org, sector, tags).
//
//   absl::StatusOr<std::vector<EvalRequest>> requests = ReadEvalRequests(in, "requests.jsonl");
//   absl::StatusOr<Qrels> qrels = ReadQrels(in, "qrels.tsv");
//   absl::StatusOr<EvalOrganizations> orgs = PlanOrganizations(*requests);
//   AdoptionRequest r = AdoptionRequestFromEvalRequest((*requests)[0], "organizations/o1");
//
// Pure and thread-safe.
#ifndef COREMATCH_CLIENTS_CLI_EVAL_DATA_H_
#define COREMATCH_CLIENTS_CLI_EVAL_DATA_H_

#include <cstddef>
#include <cstdint>
#include <istream>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "corematch/adoption/v1/adoption.pb.h"
#include "corematch/organization/v1/organization.pb.h"

namespace corematch::cli {

// One evaluation request. Null and absent fields are empty (0 for population).
struct EvalRequest {
  std::string id;
  std::string text;
  std::string language;
  // An ISO 3166-1 alpha-2 code: the first entry of a list, English country
  // names mapped to their code.
  std::string country;
  std::string org_name;
  std::string org_type;
  int64_t population = 0;
  std::string sector;
  std::string target_group;
};

// Parses one line. Fails with INVALID_ARGUMENT if it is not a JSON object, has
// no "id" or no "text", or names a country that is neither an ISO code nor a
// known English country name.
absl::StatusOr<EvalRequest> ParseEvalRequest(absl::string_view json_line);

// Parses every non-blank line of `in`; the first bad line, or an id seen
// before, fails the whole read with "<source>:<line>: ...".
absl::StatusOr<std::vector<EvalRequest>> ReadEvalRequests(std::istream& in,
                                                          absl::string_view source);

// Relevance judgements: request id -> solution id -> grade.
using Grades = std::map<std::string, int>;
struct Qrels {
  std::map<std::string, Grades> by_request;
  // Judged pairs read.
  size_t pairs = 0;
};

// Reads qrels: fields separated by a tab (or, failing that, by spaces); a
// first line whose grade is not a number is the header; blank lines are
// skipped. A grade must be a whole number >= 0. Fails with INVALID_ARGUMENT
// and "<source>:<line>: ..." for a line without three fields, a bad grade, or a
// pair judged twice.
absl::StatusOr<Qrels> ReadQrels(std::istream& in, absl::string_view source);

// The organisations that file the requests: one per distinct org_name (an
// empty org_name files under kEvalFallbackOrganization), in order of first
// appearance.
inline constexpr absl::string_view kEvalFallbackOrganization = "corematch eval requester";
struct EvalOrganizations {
  std::vector<organization::v1::Organization> organizations;
  // For each request, the index of its organisation in `organizations`.
  std::vector<size_t> of_request;
};

// Plans the organisations of `requests`: display_name the org_name; kind from
// the first request's org_type (municipality, region, agency, else OTHER);
// country and population from the first of its requests that has one. An
// organisation none of whose requests has a country gets the country most of
// the requests have (corematch requires one). Fails with INVALID_ARGUMENT if
// no request has a country at all but one is needed.
absl::StatusOr<EvalOrganizations> PlanOrganizations(const std::vector<EvalRequest>& requests);

// The title of a request: its text's first ~80 characters, cut at a word
// boundary and ending in "…" when the text is longer.
inline constexpr size_t kEvalTitleLength = 80;
std::string EvalRequestTitle(absl::string_view text);

// The AdoptionRequest filed for `request` on behalf of `requester`
// (organizations/{id}): title EvalRequestTitle(text), need_statement the text,
// language ("und" if none, so the server decides), sectors [the COFOG code of
// sector] if it names one, target_groups [target_group] if set, context
// country and population, visibility PUBLIC.
adoption::v1::AdoptionRequest AdoptionRequestFromEvalRequest(const EvalRequest& request,
                                                             absl::string_view requester);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_EVAL_DATA_H_
