// clients/cli/request_flags.cc
#include "clients/cli/request_flags.h"

#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "clients/cli/enum_names.h"
#include "clients/cli/sector_names.h"

namespace corematch::cli {
namespace {

namespace adoption_v1 = ::corematch::adoption::v1;

// A sector as given: a COFOG code ("10.5") passes through, a name ("Social
// protection") becomes its code.
std::string SectorCode(const std::string& sector) {
  std::optional<std::string> code = CofogCodeForSectorName(sector);
  return code ? *code : sector;
}

}  // namespace

void RequestFlags::Add(CLI::App* cmd) {
  auto add = [&](const char* path, CLI::Option* option) { options_.emplace_back(path, option); };
  add("title", cmd->add_option("--title", title_, "A short title"));
  add("need_statement", cmd->add_option("--need", need_, "The need in your own words"));
  add("language", cmd->add_option("--language", language_, "BCP 47 tag of the need's language"));
  add("sectors", cmd->add_option("--sector", sectors_, "COFOG code or name; repeatable"));
  add("target_groups", cmd->add_option("--target-group", target_groups_, "Repeatable"));
  add("desired_effects", cmd->add_option("--desired-effect", desired_effects_, "Repeatable"));
  add("accepted_languages", cmd->add_option("--accepted-language", accepted_languages_,
                                            "Languages you can read solutions in; repeatable"));
  add("visibility",
      cmd->add_option("--visibility", visibility_, "public|anonymous|private")
          ->check(CLI::IsMember({"public", "anonymous", "private"}, CLI::ignore_case)));
  add("readiness",
      cmd->add_option("--readiness", readiness_, "exploring|preparing|ready")
          ->check(CLI::IsMember({"exploring", "preparing", "ready"}, CLI::ignore_case)));
  add("context.country", cmd->add_option("--country", country_, "ISO 3166-1 alpha-2 code"));
  add("context.region", cmd->add_option("--region", region_, "NUTS code inside the EU"));
  add("context.population", cmd->add_option("--population", population_, "Inhabitants served")
                                ->check(CLI::NonNegativeNumber));
  add("constraints.budget",
      cmd->add_option("--budget", budget_, "Budget available")->check(CLI::NonNegativeNumber));
  add("constraints.currency", cmd->add_option("--currency", currency_, "ISO 4217 code, e.g. DKK"));
  add("constraints.timeline", cmd->add_option("--timeline", timeline_, "e.g. 'within 12 months'"));
  add("constraints.capacity",
      cmd->add_option("--capacity", capacity_, "People or hours available"));
}

bool RequestFlags::Given(const char* path) const {
  for (const auto& [option_path, option] : options_) {
    if (absl::string_view(option_path) == path) return option->count() > 0;
  }
  return false;
}

bool RequestFlags::HasRequiredFields() const {
  return Given("title") && Given("need_statement") && Given("language");
}

absl::Status RequestFlags::ApplyTo(adoption_v1::AdoptionRequest* r,
                                   std::vector<std::string>* paths) const {
  if (Given("title")) r->set_title(title_);
  if (Given("need_statement")) r->set_need_statement(need_);
  if (Given("language")) r->set_language(language_);
  if (Given("sectors")) {
    r->clear_sectors();
    for (const std::string& sector : sectors_) r->add_sectors(SectorCode(sector));
  }
  if (Given("target_groups"))
    r->mutable_target_groups()->Assign(target_groups_.begin(), target_groups_.end());
  if (Given("desired_effects"))
    r->mutable_desired_effects()->Assign(desired_effects_.begin(), desired_effects_.end());
  if (Given("accepted_languages")) {
    r->mutable_accepted_languages()->Assign(accepted_languages_.begin(), accepted_languages_.end());
  }
  if (Given("visibility")) {
    std::optional<int> v = ParseEnumName(*adoption_v1::Visibility_descriptor(), visibility_);
    if (!v)
      return absl::InvalidArgumentError(absl::StrCat("--visibility: unknown value ", visibility_));
    r->set_visibility(static_cast<adoption_v1::Visibility>(*v));
  }
  if (Given("readiness")) {
    std::optional<int> v = ParseEnumName(*adoption_v1::Readiness_descriptor(), readiness_);
    if (!v)
      return absl::InvalidArgumentError(absl::StrCat("--readiness: unknown value ", readiness_));
    r->set_readiness(static_cast<adoption_v1::Readiness>(*v));
  }
  if (Given("context.country")) r->mutable_context()->set_country(country_);
  if (Given("context.region")) r->mutable_context()->set_region(region_);
  if (Given("context.population")) r->mutable_context()->set_population(population_);
  if (Given("constraints.budget")) r->mutable_constraints()->set_budget(budget_);
  if (Given("constraints.currency")) r->mutable_constraints()->set_currency(currency_);
  if (Given("constraints.timeline")) r->mutable_constraints()->set_timeline(timeline_);
  if (Given("constraints.capacity")) r->mutable_constraints()->set_capacity(capacity_);
  for (const auto& [path, option] : options_) {
    if (option->count() > 0) paths->push_back(path);
  }
  return absl::OkStatus();
}

}  // namespace corematch::cli
