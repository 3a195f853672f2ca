#include "services/adoption/journey/adoption_stage.h"

#include "absl/strings/str_cat.h"
#include "services/common/errors.h"

namespace corematch::adoption {

std::string StageName(v1::AdoptionStage stage) {
  const std::string& full = v1::AdoptionStage_Name(stage);
  constexpr absl::string_view kPrefix = "ADOPTION_STAGE_";
  return full.size() > kPrefix.size() ? full.substr(kPrefix.size()) : full;
}

absl::Status CheckStageChange(v1::AdoptionStage from, v1::AdoptionStage to,
                              absl::string_view reason, bool has_effects) {
  if (to == v1::ADOPTION_STAGE_UNSPECIFIED || !v1::AdoptionStage_IsValid(to)) {
    FieldViolations violations;
    violations.Add("stage",
                   "name the stage to move to: PREPARE, PLAN, LAUNCH, LEAD, EVALUATE "
                   "or ANCHORED");
    return violations.ToStatus();
  }
  if (to == from) {
    return MakeError(absl::StatusCode::kFailedPrecondition, "SAME_STAGE",
                     absl::StrCat("the adoption is already in ", StageName(from)));
  }
  if (to < from) {
    if (reason.empty()) {
      FieldViolations violations;
      violations.Add("reason", absl::StrCat("going back from ", StageName(from), " to ",
                                            StageName(to), " needs a reason"));
      return violations.ToStatus();
    }
    return absl::OkStatus();
  }
  if (to != from + 1) {
    return MakeError(absl::StatusCode::kFailedPrecondition, "STAGE_SKIPPED",
                     absl::StrCat("an adoption in ", StageName(from), " moves on to ",
                                  StageName(static_cast<v1::AdoptionStage>(from + 1)),
                                  " first, not to ", StageName(to)));
  }
  if (to == v1::ADOPTION_STAGE_ANCHORED && !has_effects) {
    return MakeError(absl::StatusCode::kFailedPrecondition, "NOT_EVALUATED",
                     "record the evaluated effects (EvaluateAdoption) before anchoring");
  }
  return absl::OkStatus();
}

bool MayEvaluate(v1::AdoptionStage stage) { return stage >= v1::ADOPTION_STAGE_LAUNCH; }

}  // namespace corematch::adoption
