// clients/cli/organization_commands.h
//
// `corematch organization create|get|list|update` and
// `corematch apikey create|list|revoke` (OrganizationService).
#ifndef COREMATCH_CLIENTS_CLI_ORGANIZATION_COMMANDS_H_
#define COREMATCH_CLIENTS_CLI_ORGANIZATION_COMMANDS_H_

#include "CLI/CLI.hpp"
#include "clients/cli/command_context.h"

namespace corematch::cli {

// Adds the `organization` and `apikey` command groups to `app`. `ctx` must
// outlive parsing and the action.
void AddOrganizationCommands(CLI::App& app, CommandContext& ctx);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_ORGANIZATION_COMMANDS_H_
