// services/adoption/journey/adoption_stage.h
//
// The stages of an adoption and the moves between them, as the spreading
// guides describe the work: prepare → plan → launch → lead → evaluate →
// anchored. Forward one stage at a time (no skipping); back to any earlier
// stage only with a reason; anchored only once effects were evaluated.
// Pure functions.
#ifndef COREMATCH_SERVICES_ADOPTION_JOURNEY_ADOPTION_STAGE_H_
#define COREMATCH_SERVICES_ADOPTION_JOURNEY_ADOPTION_STAGE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "corematch/adoption/v1/adoption.pb.h"

namespace corematch::adoption {

// "LAUNCH" for ADOPTION_STAGE_LAUNCH.
std::string StageName(v1::AdoptionStage stage);

// OK if an adoption in `from` may move to `to` with `reason`, given whether
// it has evaluated effects; otherwise INVALID_ARGUMENT (no target, a step
// back without a reason) or FAILED_PRECONDITION (skipping, standing still,
// anchoring unevaluated), each saying what is allowed instead.
absl::Status CheckStageChange(v1::AdoptionStage from, v1::AdoptionStage to,
                              absl::string_view reason, bool has_effects);

// Whether effects may be recorded in `stage`: once something runs (launch on).
bool MayEvaluate(v1::AdoptionStage stage);

// Open adoptions count against the owner's support capacity; anchored ones
// no longer need the owner.
inline bool IsOpen(v1::AdoptionStage stage) { return stage != v1::ADOPTION_STAGE_ANCHORED; }

}  // namespace corematch::adoption

#endif  // COREMATCH_SERVICES_ADOPTION_JOURNEY_ADOPTION_STAGE_H_
