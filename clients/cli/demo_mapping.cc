// clients/cli/demo_mapping.cc
//
// SolutionFromDemoRow (declared in demo_rows.h): how a catalogue row becomes
// a Solution.
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "clients/cli/country_names.h"
#include "clients/cli/demo_rows.h"
#include "clients/cli/sector_names.h"
#include "clients/cli/text.h"

namespace corematch::cli {
namespace {

namespace pub = ::corematch::publishing::v1;

constexpr absl::string_view kNotInUseTag = "no longer in use";

struct MaturityStatus {
  pub::Maturity maturity = pub::MATURITY_UNSPECIFIED;
  bool no_longer_in_use = false;
};

MaturityStatus MaturityForStatus(absl::string_view status) {
  std::string key = absl::AsciiStrToLower(absl::StripAsciiWhitespace(status));
  if (key == "pilot" || key == "nominee") return {pub::MATURITY_PILOT, false};
  if (key == "in development" || key == "planned") return {pub::MATURITY_IDEA, false};
  if (key == "implemented" || key == "in production" || key == "dpg") {
    return {pub::MATURITY_PROVEN, false};
  }
  // It worked once; the note tells adopters it has stopped.
  if (key == "not in use anymore") return {pub::MATURITY_PROVEN, true};
  return {};
}

// The first entry of `names` that maps to an ISO code.
std::optional<std::string> FirstCountryCode(const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    if (std::optional<std::string> code = CountryCodeForName(name)) return code;
  }
  return std::nullopt;
}

std::string OriginCountry(const DemoRow& row) {
  if (std::optional<std::string> code = FirstCountryCode(row.countries)) return *code;
  return FirstCountryCode(row.deployment_countries).value_or("");
}

// A web address from free text: "https://…" or "www.…" up to the first space,
// else "" (some rows hold a description instead of a URL).
std::string CleanUrl(absl::string_view text) {
  std::string url = CollapseWhitespace(text);
  url = url.substr(0, url.find(' '));
  if (absl::StartsWithIgnoreCase(url, "http://") || absl::StartsWithIgnoreCase(url, "https://")) {
    return url;
  }
  if (absl::StartsWithIgnoreCase(url, "www.")) return absl::StrCat("https://", url);
  return "";
}

// "Unemployment." -> "Unemployment": catalogue tags often end in a full stop.
// An abbreviation keeps its dot: "Social protection n.e.c.".
std::string CleanTag(absl::string_view tag) {
  std::string cleaned = CollapseWhitespace(tag);
  if (absl::EndsWith(cleaned, ".")) {
    size_t word_start = cleaned.rfind(' ') == std::string::npos ? 0 : cleaned.rfind(' ') + 1;
    absl::string_view last_word = absl::string_view(cleaned).substr(word_start);
    if (last_word.find('.') == last_word.size() - 1) cleaned.pop_back();
  }
  return TruncateCodePoints(cleaned, kMaxTagLength);
}

std::vector<std::string> Tags(const DemoRow& row, bool no_longer_in_use) {
  // The note comes first so that the limit never drops it.
  std::vector<std::string> candidates;
  if (no_longer_in_use) candidates.emplace_back(kNotInUseTag);
  candidates.insert(candidates.end(), row.tags.begin(), row.tags.end());
  std::vector<std::string> tags;
  absl::flat_hash_set<std::string> seen;
  for (const std::string& candidate : candidates) {
    std::string tag = CleanTag(candidate);
    if (tag.empty() || !seen.insert(absl::AsciiStrToLower(tag)).second) continue;
    if (tags.size() == kMaxTags) break;
    tags.push_back(std::move(tag));
  }
  return tags;
}

std::string Title(const DemoRow& row) {
  std::string title = CollapseWhitespace(row.title);
  if (title.empty()) title = FirstSentence(row.description);
  if (title.empty()) title = row.id;
  return TruncateCodePoints(title, kMaxTitleLength);
}

std::string Description(const DemoRow& row, bool no_longer_in_use) {
  std::string description(absl::StripAsciiWhitespace(row.description));
  std::string note =
      no_longer_in_use ? "\n\nStatus in the source catalogue: not in use anymore." : "";
  return TruncateCodePoints(description, kMaxTextLength - CodePointCount(note)) + note;
}

void SetContactAndEvidence(const DemoRow& row, pub::Solution* solution) {
  std::string url = CleanUrl(row.url);
  std::string origin_org = CollapseWhitespace(row.origin_org);
  if (!url.empty()) solution->mutable_contact()->set_url(url);
  if (!origin_org.empty()) {
    solution->mutable_contact()->set_name(TruncateCodePoints(origin_org, kMaxTitleLength));
  }
  std::string evidence = CollapseWhitespace(row.evidence_of_effect.value_or(""));
  if (evidence.empty()) return;
  pub::Evidence* item = solution->add_evidence();
  item->set_metric(TruncateCodePoints(evidence, kMaxMetricLength));
  item->set_source(url);
}

}  // namespace

pub::Solution SolutionFromDemoRow(const DemoRow& row) {
  MaturityStatus status = MaturityForStatus(row.status);
  pub::Solution solution;
  solution.set_title(Title(row));
  solution.set_summary(TruncateCodePoints(FirstSentence(row.description), kMaxSummaryLength));
  solution.set_description(Description(row, status.no_longer_in_use));
  solution.set_language(row.language.empty() ? "en" : row.language);
  std::string country = OriginCountry(row);
  if (!country.empty()) solution.mutable_origin()->set_country(country);
  if (row.sector) {
    if (std::optional<std::string> code = CofogCodeForSectorName(*row.sector)) {
      solution.add_sectors(*code);
    }
  }
  for (std::string& tag : Tags(row, status.no_longer_in_use)) solution.add_tags(std::move(tag));
  solution.set_maturity(status.maturity);
  SetContactAndEvidence(row, &solution);
  return solution;
}

}  // namespace corematch::cli
