// clients/cli/solution_commands.h
//
// `corematch solution create|get|list|update|publish|withdraw`
// (PublishingService). Solutions are written as protobuf JSON files
// (`-f solution.json`, `-f -` for stdin); NAME is `solutions/{id}` or `{id}`.
#ifndef COREMATCH_CLIENTS_CLI_SOLUTION_COMMANDS_H_
#define COREMATCH_CLIENTS_CLI_SOLUTION_COMMANDS_H_

#include "CLI/CLI.hpp"
#include "clients/cli/command_context.h"
#include "clients/cli/table.h"
#include "corematch/publishing/v1/publishing.pb.h"

namespace corematch::cli {

// Adds the `solution` command group to `app`. `ctx` must outlive parsing and
// the action.
void AddSolutionCommands(CLI::App& app, CommandContext& ctx);

// The table `solution list` prints.
Table SolutionTable(const publishing::v1::ListSolutionsResponse& response);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_SOLUTION_COMMANDS_H_
