// clients/cli/request_commands.h
//
// `corematch request create|get|list|update|close` (AdoptionService). A
// request is given as a protobuf JSON file (`-f request.json`, `-f -` for
// stdin), as flags (--title, --need, --language, --sector ...), or both, the
// flags overriding the file. NAME is `adoptionRequests/{id}` or `{id}`.
#ifndef COREMATCH_CLIENTS_CLI_REQUEST_COMMANDS_H_
#define COREMATCH_CLIENTS_CLI_REQUEST_COMMANDS_H_

#include "CLI/CLI.hpp"
#include "clients/cli/command_context.h"
#include "clients/cli/table.h"
#include "corematch/adoption/v1/adoption.pb.h"

namespace corematch::cli {

// Adds the `request` command group to `app`. `ctx` must outlive parsing and
// the action.
void AddRequestCommands(CLI::App& app, CommandContext& ctx);

// The table `request list` prints.
Table AdoptionRequestTable(const adoption::v1::ListAdoptionRequestsResponse& response);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_REQUEST_COMMANDS_H_
