// clients/cli/adoption_commands.h
//
// `corematch adoption open|show|list|update|advance|evaluate|republish`
// (AdoptionService's adoptions), `corematch cohort create|show|list|update`
// and `corematch solution tree|value` (spread tree and value summary). Adoption names are
// adoptions/{id} or {id}; plans come as an Adoption in protobuf JSON (-f plan.json).
//
// `solution tree` draws the spread tree in the terminal:
//
//   solutions/a  Jobb Först  SE  Göteborgs Stad
//   ├── adoptions/x  Lundby kommun  SE  ANCHORED  households on income support 200 → 150
//   │   └── solutions/b  Jobb Först, Lundby  SE  Lundby kommun
//   │       └── adoptions/y  Kungsbacka kommun  SE  PREPARE
//   └── adoptions/z  (anonymous)  DK  PLAN
//
// (organisations by display name where the organization service tells it).
//
// `adoption republish NAME -f adapted.json` creates the adopter's adapted
// solution (published, derived_from the adopted one) through
// PublishingService and links it to the adoption.
#ifndef COREMATCH_CLIENTS_CLI_ADOPTION_COMMANDS_H_
#define COREMATCH_CLIENTS_CLI_ADOPTION_COMMANDS_H_

#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/container/flat_hash_map.h"
#include "clients/cli/command_context.h"
#include "corematch/adoption/v1/adoption.pb.h"

namespace corematch::cli {

// Adds the `adoption` command group to `app`.
void AddAdoptionCommands(CLI::App& app, CommandContext& ctx);

// Adds the `cohort` command group (create|show|list|update) to `app`.
void AddCohortCommands(CLI::App& app, CommandContext& ctx);

// Adds `tree` and `value` to the `solution` command group.
void AddSpreadCommands(CLI::App& solution_group, CommandContext& ctx);

// Display names by organizations/{id}.
using OrganizationNames = absl::flat_hash_map<std::string, std::string>;

// "ANCHORED" for ADOPTION_STAGE_ANCHORED: how the CLI names a stage.
std::string StageName(adoption::v1::AdoptionStage stage);

// The lines `solution tree` prints for `tree`, naming each organisation by its
// display name in `names`, or by its resource name if `names` lacks it.
std::vector<std::string> SpreadTreeLines(const adoption::v1::SpreadTree& tree,
                                         const OrganizationNames& names = {});

// What `solution get` prints beside a solution's own evidence: one line per
// metric that adoptions reported, "metric (unit): N adoptions report it, mean
// -21% (original -40%)". Empty when no adoption reported an effect.
std::vector<std::string> AdoptionEvidenceLines(const adoption::v1::ValueSummary& value);

// The display names of the organisations in `tree`, from the organization
// service; one it cannot tell is left out.
OrganizationNames OrganizationsOf(CommandContext& ctx, const adoption::v1::SpreadTree& tree);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_ADOPTION_COMMANDS_H_
