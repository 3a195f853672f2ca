// clients/cli/health_commands.h
//
// `corematch health [--service NAME]`: asks the server's standard gRPC health
// service (grpc.health.v1.Health/Check) about one service, or with no
// --service about the server as a whole, and prints its status:
//
//   $ corematch health --service corematch.publishing.v1.PublishingService
//   SERVING
//   $ corematch --output json health
//   {
//    "status": "SERVING"
//   }
//
// Exits 0 only if the status is SERVING; 2 for any other status, and for a
// failed call (NOT_FOUND names a service the server does not know). Health
// needs no API key, so it suits container health checks.
#ifndef COREMATCH_CLIENTS_CLI_HEALTH_COMMANDS_H_
#define COREMATCH_CLIENTS_CLI_HEALTH_COMMANDS_H_

#include "CLI/CLI.hpp"
#include "clients/cli/command_context.h"

namespace corematch::cli {

// Adds the `health` command to `app`. `ctx` must outlive parsing and the
// action.
void AddHealthCommands(CLI::App& app, CommandContext& ctx);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_HEALTH_COMMANDS_H_
