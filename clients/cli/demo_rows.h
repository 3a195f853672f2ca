// clients/cli/demo_rows.h
//
// The demo corpus (data/demo/solutions_demo.jsonl, see data/demo/SOURCES.md)
// and other JSON-lines solution catalogues in the same shape: one object a
// line with id, title, description, language, country, origin_org, sector,
// tags, scope, status, url, evidence_of_effect, deployment_countries.
//
//   absl::StatusOr<std::vector<DemoRow>> rows = ReadDemoRows(file, "demo.jsonl");
//   for (const DemoRow& row : *rows) {
//     CreateSolutionRequest request;
//     *request.mutable_solution() = SolutionFromDemoRow(row);
//     request.set_request_id(DemoRequestId(row.id));  // same row, same id: loads once
//     request.set_publish(true);
//   }
//
// Pure and thread-safe.
#ifndef COREMATCH_CLIENTS_CLI_DEMO_ROWS_H_
#define COREMATCH_CLIENTS_CLI_DEMO_ROWS_H_

#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "corematch/publishing/v1/publishing.pb.h"

namespace corematch::cli {

// One catalogue row. Absent and null fields are empty; `countries` and
// `deployment_countries` hold what the row says (codes or English names).
struct DemoRow {
  std::string id;
  std::string title;
  std::string description;
  std::string language;
  std::vector<std::string> countries;
  std::string origin_org;
  std::optional<std::string> sector;
  std::vector<std::string> tags;
  std::string scope;
  std::string status;
  std::string url;
  std::optional<std::string> evidence_of_effect;
  std::vector<std::string> deployment_countries;
};

// Limits the mapping keeps to, in code points (the Solution's own limits
// where it has them).
inline constexpr size_t kMaxTitleLength = 200;
inline constexpr size_t kMaxSummaryLength = 500;
inline constexpr size_t kMaxTextLength = 20000;
inline constexpr size_t kMaxTagLength = 100;
inline constexpr size_t kMaxTags = 50;
inline constexpr size_t kMaxMetricLength = 500;

// Parses one line. `country` may be a list or a single string. Fails with
// INVALID_ARGUMENT if the line is not a JSON object or has no "id".
absl::StatusOr<DemoRow> ParseDemoRow(absl::string_view json_line);

// Parses every non-blank line of `in`; the first bad line fails the whole
// read with "<source>:<line>: ..." so that nothing is loaded half.
absl::StatusOr<std::vector<DemoRow>> ReadDemoRows(std::istream& in, absl::string_view source);

// The Solution a row describes:
//   title        the title, at most 200 code points
//   summary      the description's first sentence, at most 500 code points
//   description  the description (plus a note if the solution is no longer in use)
//   language     the row's, "en" if absent
//   origin       country: the first country, else the first deployment
//                country, as an ISO code; empty if none maps to one
//   sectors      [COFOG code] if the sector name maps to one
//   tags         trimmed, deduplicated (case-insensitively), at most 50 of at
//                most 100 code points; "no longer in use" if so
//   maturity     Pilot, nominee -> PILOT; In development, Planned -> IDEA;
//                Implemented, In production, DPG, Not in use anymore -> PROVEN
//   contact      url (if it is a web address), name: origin_org
//   evidence     one {metric: evidence_of_effect, source: url} if there is any
publishing::v1::Solution SolutionFromDemoRow(const DemoRow& row);

// A UUID (version 5, RFC 4122 section 4.3) named by "corematch-demo:" + `row_id`
// in a namespace of corematch's own: the same row always yields the same
// request_id, so loading a catalogue twice creates nothing twice.
std::string DemoRequestId(absl::string_view row_id);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_DEMO_ROWS_H_
