#include "services/adoption/journey/lineage.h"

#include <algorithm>
#include <map>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/adoption/journey/adoption_stage.h"

namespace corematch::adoption {
namespace {

void Unlink(std::vector<std::string>& names, const std::string& name) {
  names.erase(std::remove(names.begin(), names.end(), name), names.end());
}

double RelativeChange(double baseline, double result) {
  return baseline == 0 ? 0 : (result - baseline) / baseline;
}

}  // namespace

void Lineage::PutSolution(LineageSolution solution) {
  absl::MutexLock lock(&mutex_);
  auto it = solutions_.find(solution.name);
  if (it != solutions_.end() && it->second.derived_from != solution.derived_from) {
    Unlink(derived_of_[it->second.derived_from], solution.name);
  }
  if (!solution.derived_from.empty() &&
      (it == solutions_.end() || it->second.derived_from != solution.derived_from)) {
    derived_of_[solution.derived_from].push_back(solution.name);
  }
  solutions_[solution.name] = std::move(solution);
}

void Lineage::PutAdoption(LineageAdoption adoption) {
  absl::MutexLock lock(&mutex_);
  auto [it, inserted] = adoptions_.try_emplace(adoption.name);
  if (inserted) adoptions_of_[adoption.solution].push_back(adoption.name);
  it->second = std::move(adoption);
}

std::optional<LineageSolution> Lineage::FindSolution(absl::string_view solution) const {
  absl::ReaderMutexLock lock(&mutex_);
  auto it = solutions_.find(solution);
  if (it == solutions_.end()) return std::nullopt;
  return it->second;
}

void Lineage::PutCohort(absl::string_view solution, absl::string_view cohort) {
  absl::MutexLock lock(&mutex_);
  cohorts_of_[solution].insert(std::string(cohort));
}

int Lineage::SupportUnits(absl::string_view solution) const {
  absl::ReaderMutexLock lock(&mutex_);
  int units = 0;
  if (auto it = cohorts_of_.find(solution); it != cohorts_of_.end()) {
    units += static_cast<int>(it->second.size());
  }
  if (auto it = adoptions_of_.find(solution); it != adoptions_of_.end()) {
    for (const std::string& name : it->second) {
      const LineageAdoption& a = adoptions_.at(name);
      if (IsOpen(a.stage) && a.cohort.empty()) ++units;
    }
  }
  return units;
}

void Lineage::BuildNode(const std::string& solution, int generation,
                        absl::flat_hash_set<std::string>& seen, v1::SpreadNode& node,
                        v1::SpreadTree& tree) const {
  seen.insert(solution);
  node.set_solution(solution);
  node.set_generation(generation);
  tree.set_generations(std::max(tree.generations(), generation));
  if (auto it = solutions_.find(solution); it != solutions_.end()) {
    node.set_title(it->second.title);
    node.set_owner(it->second.owner);
    node.set_country(it->second.country);
  }
  if (auto it = adoptions_of_.find(solution); it != adoptions_of_.end()) {
    for (const std::string& name : it->second) {
      const LineageAdoption& a = adoptions_.at(name);
      v1::SpreadAdoption& out = *node.add_adoptions();
      tree.set_adoptions(tree.adoptions() + 1);
      out.set_adoption(a.name);
      out.set_adopter(a.shown_adopter);
      out.set_country(a.country);
      out.set_region(a.region);
      out.set_stage(a.stage);
      for (const v1::EvaluatedEffect& effect : a.effects) *out.add_effects() = effect;
      if (!a.republished_as.empty() && !seen.contains(a.republished_as)) {
        BuildNode(a.republished_as, generation + 1, seen, *out.mutable_republished(), tree);
      }
    }
  }
  if (auto it = derived_of_.find(solution); it != derived_of_.end()) {
    for (const std::string& derived : it->second) {
      // Republished ones hang under their adoption, already placed.
      if (seen.contains(derived)) continue;
      BuildNode(derived, generation + 1, seen, *node.add_derived(), tree);
    }
  }
}

absl::StatusOr<v1::SpreadTree> Lineage::SpreadTree(absl::string_view solution) const {
  absl::ReaderMutexLock lock(&mutex_);
  const std::string root(solution);
  if (!solutions_.contains(root)) {
    return absl::NotFoundError(absl::StrCat(root, " is not a published solution known here"));
  }
  v1::SpreadTree tree;
  absl::flat_hash_set<std::string> seen;
  BuildNode(root, 0, seen, *tree.mutable_root(), tree);
  return tree;
}

std::vector<const LineageAdoption*> Lineage::TreeAdoptions(const std::string& solution) const {
  std::vector<const LineageAdoption*> all;
  absl::flat_hash_set<std::string> seen = {solution};
  std::vector<std::string> pending = {solution};
  while (!pending.empty()) {
    const std::string current = std::move(pending.back());
    pending.pop_back();
    auto visit = [&](const std::string& next) {
      if (!next.empty() && seen.insert(next).second) pending.push_back(next);
    };
    if (auto it = adoptions_of_.find(current); it != adoptions_of_.end()) {
      for (const std::string& name : it->second) {
        const LineageAdoption& a = adoptions_.at(name);
        all.push_back(&a);
        visit(a.republished_as);
      }
    }
    if (auto it = derived_of_.find(current); it != derived_of_.end()) {
      for (const std::string& derived : it->second) visit(derived);
    }
  }
  return all;
}

absl::StatusOr<v1::ValueSummary> Lineage::ValueSummary(absl::string_view solution) const {
  absl::ReaderMutexLock lock(&mutex_);
  const std::string root(solution);
  auto found = solutions_.find(root);
  if (found == solutions_.end()) {
    return absl::NotFoundError(absl::StrCat(root, " is not a published solution known here"));
  }
  v1::ValueSummary summary;
  summary.set_solution(root);
  absl::flat_hash_map<std::string, int64_t> adopters;  // adopter → population
  std::map<v1::AdoptionStage, int> stages;
  struct Metric {
    std::string unit;
    int reports = 0;
    double change_sum = 0;
    int with_baseline = 0;
  };
  std::map<std::string, Metric> metrics;
  for (const LineageAdoption* a : TreeAdoptions(root)) {
    adopters[a->adopter] = std::max(adopters[a->adopter], a->population);
    ++stages[a->stage];
    if (!a->republished_as.empty()) summary.set_republished(summary.republished() + 1);
    for (const v1::EvaluatedEffect& effect : a->effects) {
      Metric& m = metrics[effect.metric()];
      m.unit = effect.unit();
      ++m.reports;
      if (effect.baseline() != 0) {
        m.change_sum += RelativeChange(effect.baseline(), effect.result());
        ++m.with_baseline;
      }
    }
  }
  summary.set_adopters(static_cast<int32_t>(adopters.size()));
  for (const auto& [adopter, population] : adopters) {
    summary.set_population_reached(summary.population_reached() + population);
  }
  for (const auto& [stage, count] : stages) {
    v1::StageCount& out = *summary.add_stages();
    out.set_stage(stage);
    out.set_adoptions(count);
  }
  // The original's metrics that no adopter has reported yet are shown too.
  for (const publishing::v1::Evidence& evidence : found->second.evidence) {
    if (!metrics.contains(evidence.metric())) metrics[evidence.metric()].unit = evidence.unit();
  }
  for (const auto& [name, m] : metrics) {
    v1::MetricSummary& out = *summary.add_effects();
    out.set_metric(name);
    out.set_unit(m.unit);
    out.set_reports(m.reports);
    if (m.with_baseline > 0) out.set_mean_relative_change(m.change_sum / m.with_baseline);
    for (const publishing::v1::Evidence& evidence : found->second.evidence) {
      if (evidence.metric() != name) continue;
      out.set_in_original(true);
      out.set_original_relative_change(RelativeChange(evidence.baseline(), evidence.result()));
    }
  }
  return summary;
}

}  // namespace corematch::adoption
