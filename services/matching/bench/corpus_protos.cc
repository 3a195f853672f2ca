#include "services/matching/bench/corpus_protos.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace corematch::matching::bench {
namespace {

namespace publishing_pb = ::corematch::publishing::v1;
namespace adoption_pb = ::corematch::adoption::v1;

publishing_pb::PreconditionKind ToPreconditionKind(const std::string& kind) {
  publishing_pb::PreconditionKind parsed;
  if (publishing_pb::PreconditionKind_Parse(absl::StrCat("PRECONDITION_KIND_", kind), &parsed)) {
    return parsed;
  }
  return publishing_pb::PRECONDITION_KIND_OTHER;
}

}  // namespace

publishing_pb::CreateSolutionRequest ToCreateSolution(const SolutionRecord& solution) {
  publishing_pb::CreateSolutionRequest request;
  request.set_publish(true);
  publishing_pb::Solution& s = *request.mutable_solution();
  s.set_title(solution.title);
  s.set_summary(solution.summary);
  s.set_description(solution.description);
  s.set_language(solution.language);
  s.mutable_origin()->set_country(solution.country);
  s.mutable_origin()->set_region(solution.region);
  for (const std::string& sector : solution.sectors) s.add_sectors(sector);
  for (const std::string& group : solution.target_groups) s.add_target_groups(group);
  for (const std::string& tag : solution.tags) s.add_tags(tag);
  for (const CoreElementText& core : solution.core_elements) {
    publishing_pb::CoreElement* element = s.add_core_elements();
    element->set_title(core.title);
    element->set_description(core.description);
    element->set_value_rationale(core.value_rationale);
  }
  for (const PreconditionText& precondition : solution.preconditions) {
    publishing_pb::Precondition* p = s.add_preconditions();
    p->set_kind(ToPreconditionKind(precondition.kind));
    p->set_description(precondition.description);
  }
  for (int i = 0; i < solution.evidence_count; ++i) {
    publishing_pb::Evidence* evidence = s.add_evidence();
    evidence->set_metric("households receiving income support");
    evidence->set_baseline(100);
    evidence->set_result(80 - i);
    evidence->set_unit("households");
    evidence->set_period("2024");
  }
  if (solution.maturity > 0)
    s.set_maturity(static_cast<publishing_pb::Maturity>(solution.maturity));
  s.set_support_capacity(solution.support_capacity);
  return request;
}

adoption_pb::CreateAdoptionRequestRequest ToCreateAdoptionRequest(const RequestRecord& request) {
  adoption_pb::CreateAdoptionRequestRequest create;
  adoption_pb::AdoptionRequest& r = *create.mutable_adoption_request();
  r.set_title(request.title);
  r.set_need_statement(request.need_statement);
  r.set_language(request.language);
  for (const std::string& sector : request.sectors) r.add_sectors(sector);
  for (const std::string& group : request.target_groups) r.add_target_groups(group);
  for (const std::string& effect : request.desired_effects) r.add_desired_effects(effect);
  r.mutable_context()->set_country(request.country);
  r.mutable_context()->set_region(request.region);
  r.mutable_context()->set_population(request.population);
  for (const std::string& language : request.accepted_languages) r.add_accepted_languages(language);
  r.set_visibility(adoption_pb::VISIBILITY_PUBLIC);
  return create;
}

}  // namespace corematch::matching::bench
