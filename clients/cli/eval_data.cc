// clients/cli/eval_data.cc
#include "clients/cli/eval_data.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "clients/cli/country_names.h"
#include "clients/cli/enum_names.h"
#include "clients/cli/input.h"
#include "clients/cli/sector_names.h"
#include "clients/cli/text.h"
#include "google/protobuf/struct.pb.h"
#include "services/validation/cofog.h"

namespace corematch::cli {
namespace {

namespace ad = ::corematch::adoption::v1;
namespace org = ::corematch::organization::v1;
using google::protobuf::Struct;
using google::protobuf::Value;

// What a request without a language is filed as: "undetermined" (BCP 47).
constexpr absl::string_view kUndeterminedLanguage = "und";

const Value* FindField(const Struct& row, const char* key) {
  auto it = row.fields().find(key);
  return it == row.fields().end() ? nullptr : &it->second;
}

// A string field, trimmed; null, absent and non-string values are "".
std::string String(const Struct& row, const char* key) {
  const Value* value = FindField(row, key);
  if (value == nullptr || value->kind_case() != Value::kStringValue) return "";
  return std::string(absl::StripAsciiWhitespace(value->string_value()));
}

// A string, or the first string of a list; "" otherwise.
std::string FirstString(const Struct& row, const char* key) {
  const Value* value = FindField(row, key);
  if (value == nullptr) return "";
  if (value->kind_case() == Value::kStringValue) {
    return std::string(absl::StripAsciiWhitespace(value->string_value()));
  }
  if (value->kind_case() != Value::kListValue) return "";
  for (const Value& item : value->list_value().values()) {
    if (item.kind_case() != Value::kStringValue) continue;
    absl::string_view text = absl::StripAsciiWhitespace(item.string_value());
    if (!text.empty()) return std::string(text);
  }
  return "";
}

// A positive whole number given as a number or as digits; 0 otherwise.
int64_t Count(const Struct& row, const char* key) {
  const Value* value = FindField(row, key);
  if (value == nullptr) return 0;
  if (value->kind_case() == Value::kNumberValue) {
    double number = value->number_value();
    if (!std::isfinite(number) || number < 1 || number > 9e15) return 0;
    return static_cast<int64_t>(std::llround(number));
  }
  int64_t parsed = 0;
  if (value->kind_case() == Value::kStringValue &&
      absl::SimpleAtoi(value->string_value(), &parsed) && parsed > 0) {
    return parsed;
  }
  return 0;
}

// The fields of one qrels line: tab-separated, or separated by runs of spaces.
std::vector<std::string> QrelsFields(absl::string_view line) {
  std::vector<std::string> fields = absl::StrSplit(line, '\t');
  if (fields.size() != 3) {
    fields = absl::StrSplit(line, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  }
  for (std::string& field : fields) field = std::string(absl::StripAsciiWhitespace(field));
  return fields;
}

org::OrganizationKind KindForType(absl::string_view org_type) {
  std::optional<int> kind = ParseEnumName(*org::OrganizationKind_descriptor(), org_type);
  return kind ? static_cast<org::OrganizationKind>(*kind) : org::ORGANIZATION_KIND_OTHER;
}

// The country most requests have (the first seen on a tie), or "" if none has one.
std::string MostCommonCountry(const std::vector<EvalRequest>& requests) {
  std::map<std::string, size_t> counts;
  std::string best;
  size_t best_count = 0;
  for (const EvalRequest& request : requests) {
    if (request.country.empty()) continue;
    size_t count = ++counts[request.country];
    if (count > best_count) {
      best = request.country;
      best_count = count;
    }
  }
  return best;
}

// A sector as the data names it: a COFOG name becomes its code, a COFOG code
// passes through, anything else is dropped.
std::optional<std::string> SectorCode(absl::string_view sector) {
  if (sector.empty()) return std::nullopt;
  if (std::optional<std::string> code = CofogCodeForSectorName(sector)) return code;
  if (validation::FindCofog(sector) != nullptr) return std::string(sector);
  return std::nullopt;
}

}  // namespace

absl::StatusOr<EvalRequest> ParseEvalRequest(absl::string_view json_line) {
  Struct row;
  if (!ParseJsonMessage(json_line, "row", &row).ok()) {
    return absl::InvalidArgumentError("not a JSON object");
  }
  EvalRequest request;
  request.id = String(row, "id");
  if (request.id.empty()) return absl::InvalidArgumentError("request has no \"id\"");
  request.text = String(row, "text");
  if (request.text.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("request ", request.id, " has no \"text\""));
  }
  request.language = String(row, "language");
  std::string country = FirstString(row, "country");
  if (!country.empty()) {
    std::optional<std::string> code = CountryCodeForName(country);
    if (!code) {
      return absl::InvalidArgumentError(
          absl::StrCat("request ", request.id, ": country \"", country,
                       "\" is neither an ISO 3166-1 alpha-2 code nor a known country name"));
    }
    request.country = *code;
  }
  request.org_name = CollapseWhitespace(String(row, "org_name"));
  request.org_type = String(row, "org_type");
  request.population = Count(row, "population");
  request.sector = String(row, "sector");
  request.target_group = CollapseWhitespace(String(row, "target_group"));
  return request;
}

absl::StatusOr<std::vector<EvalRequest>> ReadEvalRequests(std::istream& in,
                                                          absl::string_view source) {
  std::vector<EvalRequest> requests;
  std::map<std::string, int> seen;  // id -> line
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    absl::StatusOr<EvalRequest> request = ParseEvalRequest(line);
    if (!request.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(source, ":", number, ": ", request.status().message()));
    }
    auto [it, inserted] = seen.emplace(request->id, number);
    if (!inserted) {
      return absl::InvalidArgumentError(absl::StrCat(source, ":", number, ": request id ",
                                                     request->id, " already on line ", it->second));
    }
    requests.push_back(*std::move(request));
  }
  return requests;
}

absl::StatusOr<Qrels> ReadQrels(std::istream& in, absl::string_view source) {
  Qrels qrels;
  std::string line;
  bool first = true;
  for (int number = 1; std::getline(in, line); ++number) {
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    auto error = [&](absl::string_view message) {
      return absl::InvalidArgumentError(absl::StrCat(source, ":", number, ": ", message));
    };
    std::vector<std::string> fields = QrelsFields(line);
    if (fields.size() != 3) {
      return error(absl::StrCat("expected 3 fields (request_id, solution_id, grade), found ",
                                fields.size()));
    }
    int grade = 0;
    bool numeric = absl::SimpleAtoi(fields[2], &grade);
    bool header = first && !numeric;
    first = false;
    if (header) continue;
    if (!numeric || grade < 0) {
      return error(absl::StrCat("grade \"", fields[2], "\" is not a whole number >= 0"));
    }
    if (fields[0].empty() || fields[1].empty()) return error("empty request_id or solution_id");
    auto [it, inserted] = qrels.by_request[fields[0]].emplace(fields[1], grade);
    if (!inserted) return error(absl::StrCat(fields[0], " ", fields[1], " is judged twice"));
    ++qrels.pairs;
  }
  return qrels;
}

absl::StatusOr<EvalOrganizations> PlanOrganizations(const std::vector<EvalRequest>& requests) {
  EvalOrganizations result;
  std::map<std::string, size_t> index_of;
  for (const EvalRequest& request : requests) {
    std::string name =
        request.org_name.empty() ? std::string(kEvalFallbackOrganization) : request.org_name;
    auto [it, inserted] = index_of.emplace(name, result.organizations.size());
    if (inserted) {
      org::Organization& organization = result.organizations.emplace_back();
      organization.set_display_name(TruncateCodePoints(name, 200));
      organization.set_kind(KindForType(request.org_type));
    }
    org::Organization& organization = result.organizations[it->second];
    if (organization.country().empty()) organization.set_country(request.country);
    if (organization.population() == 0) organization.set_population(request.population);
    result.of_request.push_back(it->second);
  }
  std::string fallback_country = MostCommonCountry(requests);
  for (org::Organization& organization : result.organizations) {
    if (!organization.country().empty()) continue;
    if (fallback_country.empty()) {
      return absl::InvalidArgumentError(absl::StrCat(
          "no request gives a country, and the organisation \"", organization.display_name(),
          "\" needs one: set \"country\" on at least one request"));
    }
    organization.set_country(fallback_country);
  }
  return result;
}

std::string EvalRequestTitle(absl::string_view text) {
  std::string collapsed = CollapseWhitespace(text);
  if (CodePointCount(collapsed) <= kEvalTitleLength) return collapsed;
  constexpr absl::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026
  std::string head = TruncateCodePoints(collapsed, kEvalTitleLength);
  head.resize(head.size() - kEllipsis.size());
  // Cut at the last space, unless that would leave less than half the length.
  size_t space = head.rfind(' ');
  if (space != std::string::npos && CodePointCount(head.substr(0, space)) >= kEvalTitleLength / 2) {
    head.resize(space);
  }
  while (!head.empty() && absl::string_view(" ,;:-").find(head.back()) != absl::string_view::npos) {
    head.pop_back();
  }
  return absl::StrCat(head, kEllipsis);
}

ad::AdoptionRequest AdoptionRequestFromEvalRequest(const EvalRequest& request,
                                                   absl::string_view requester) {
  ad::AdoptionRequest result;
  result.set_requester(std::string(requester));
  result.set_title(EvalRequestTitle(request.text));
  result.set_need_statement(request.text);
  result.set_language(request.language.empty() ? std::string(kUndeterminedLanguage)
                                               : request.language);
  if (std::optional<std::string> code = SectorCode(request.sector)) result.add_sectors(*code);
  if (!request.target_group.empty()) result.add_target_groups(request.target_group);
  if (!request.country.empty()) result.mutable_context()->set_country(request.country);
  if (request.population > 0) result.mutable_context()->set_population(request.population);
  result.set_visibility(ad::VISIBILITY_PUBLIC);
  return result;
}

}  // namespace corematch::cli
