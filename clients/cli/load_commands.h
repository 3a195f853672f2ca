// clients/cli/load_commands.h
//
// `corematch load demo [--file PATH]` and `corematch load solutions -f FILE`:
// bulk-load a JSON-lines solution catalogue (demo_rows.h) through
// CreateSolution, several calls at a time (demo_loader.h).
// `corematch load example [--file PATH]` plays a worked example
// (example_player.h): Jobb Först spreading from Angered. Loading again
// creates nothing twice.
#ifndef COREMATCH_CLIENTS_CLI_LOAD_COMMANDS_H_
#define COREMATCH_CLIENTS_CLI_LOAD_COMMANDS_H_

#include <string>

#include "CLI/CLI.hpp"
#include "absl/strings/string_view.h"
#include "clients/cli/command_context.h"

namespace corematch::cli {

// Where a file of the project's data/ is: `relative` (e.g.
// "data/demo/solutions_demo.jsonl") in the current directory if it exists,
// else in the source tree the CLI was built from.
std::string DataFile(absl::string_view relative);

// Adds the `load` command group to `app`. `ctx` must outlive parsing and the
// action.
void AddLoadCommands(CLI::App& app, CommandContext& ctx);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_LOAD_COMMANDS_H_
