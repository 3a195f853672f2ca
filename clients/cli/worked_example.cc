// clients/cli/worked_example.cc
#include "clients/cli/worked_example.h"

#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "clients/cli/input.h"

namespace corematch::cli {
namespace {

namespace ad = ::corematch::adoption::v1;
namespace demo = ::corematch::demo::v1;

class Problems {
 public:
  void Add(std::string field, absl::string_view problem) {
    lines_.push_back(absl::StrCat(field, ": ", problem));
  }
  absl::Status ToStatus() const {
    if (lines_.empty()) return absl::OkStatus();
    return absl::InvalidArgumentError(absl::StrCat("the worked example has ", lines_.size(),
                                                   " problem(s): ", absl::StrJoin(lines_, "; ")));
  }

 private:
  std::vector<std::string> lines_;
};

std::set<std::string> CheckOrganizations(const demo::WorkedExample& example, Problems& problems) {
  std::set<std::string> keys;
  for (int i = 0; i < example.organizations_size(); ++i) {
    const std::string& key = example.organizations(i).key();
    const std::string field = absl::StrCat("organizations[", i, "].key");
    if (key.empty()) {
      problems.Add(field, "required: how the rest of the file names the organisation");
    } else if (!keys.insert(key).second) {
      problems.Add(field, absl::StrCat("'", key, "' is used twice; keys must be unique"));
    }
  }
  return keys;
}

void CheckKey(const std::set<std::string>& keys, const std::string& key, std::string field,
              Problems& problems) {
  if (key.empty()) {
    problems.Add(std::move(field), "required: the key of one of the organisations");
  } else if (!keys.contains(key)) {
    problems.Add(std::move(field), absl::StrCat("'", key, "' is not an organisation's key"));
  }
}

void CheckAdoption(const demo::ExampleAdoption& adoption, const std::string& at,
                   const std::set<std::string>& keys, const std::set<std::string>& republishers,
                   Problems& problems) {
  CheckKey(keys, adoption.adopter(), absl::StrCat(at, ".adopter"), problems);
  if (!adoption.adopts_from().empty() && !republishers.contains(adoption.adopts_from())) {
    problems.Add(absl::StrCat(at, ".adopts_from"),
                 absl::StrCat("'", adoption.adopts_from(),
                              "' republishes no adaptation in an earlier adoption"));
  }
  const ad::AdoptionStage stage = adoption.reach_stage();
  if (stage == ad::ADOPTION_STAGE_UNSPECIFIED) {
    problems.Add(absl::StrCat(at, ".reach_stage"), "required: the stage the adoption reaches");
  }
  if (stage == ad::ADOPTION_STAGE_ANCHORED && adoption.effects().empty()) {
    problems.Add(absl::StrCat(at, ".effects"), "an anchored adoption needs evaluated effects");
  }
  if (!adoption.effects().empty() && stage < ad::ADOPTION_STAGE_LAUNCH) {
    problems.Add(absl::StrCat(at, ".effects"), "effects are evaluated from LAUNCH on");
  }
  if (adoption.has_republish_as() && stage != ad::ADOPTION_STAGE_ANCHORED) {
    problems.Add(absl::StrCat(at, ".republish_as"), "only an ANCHORED adoption republishes");
  }
}

}  // namespace

absl::StatusOr<demo::WorkedExample> ReadWorkedExample(absl::string_view path, std::istream& in) {
  demo::WorkedExample example;
  absl::Status read = ReadJsonMessage(path, in, &example);
  if (!read.ok()) return read;
  absl::Status checked = CheckWorkedExample(example);
  if (!checked.ok()) return absl::InvalidArgumentError(absl::StrCat(path, ": ", checked.message()));
  return example;
}

absl::Status CheckWorkedExample(const demo::WorkedExample& example) {
  Problems problems;
  const std::set<std::string> keys = CheckOrganizations(example, problems);
  CheckKey(keys, example.origin().owner(), "origin.owner", problems);
  if (example.origin().solution().title().empty()) {
    problems.Add("origin.solution.title", "required: the solution that starts the spread");
  }
  std::set<std::string> republishers;
  for (int i = 0; i < example.adoptions_size(); ++i) {
    const demo::ExampleAdoption& adoption = example.adoptions(i);
    CheckAdoption(adoption, absl::StrCat("adoptions[", i, "]"), keys, republishers, problems);
    if (adoption.has_republish_as()) republishers.insert(adoption.adopter());
  }
  return problems.ToStatus();
}

}  // namespace corematch::cli
