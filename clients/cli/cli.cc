// clients/cli/cli.cc
#include "clients/cli/cli.h"

#include <iostream>
#include <string>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "clients/cli/adoption_commands.h"
#include "clients/cli/command_context.h"
#include "clients/cli/connection.h"
#include "clients/cli/errors.h"
#include "clients/cli/eval_command.h"
#include "clients/cli/health_commands.h"
#include "clients/cli/load_commands.h"
#include "clients/cli/match_commands.h"
#include "clients/cli/notification_commands.h"
#include "clients/cli/organization_commands.h"
#include "clients/cli/request_commands.h"
#include "clients/cli/solution_commands.h"

namespace corematch::cli {
namespace {

constexpr const char* kDescription =
    "corematch: publish public-sector solutions (push) and file adoption requests (pull)";
constexpr const char* kFooter =
    "Global options (--server, --api-key, --api-key-file, --output, --timeout) may also follow\n"
    "the command. Environment: COREMATCH_SERVER, COREMATCH_API_KEY.\n"
    "Exit codes: 0 ok, 1 usage error (nothing sent), 2 the server answered with an error.";

void AddGlobalOptions(CLI::App& app, GlobalOptions& options) {
  app.add_option("--server", options.server, "host:port of the corematch server")
      ->envname("COREMATCH_SERVER")
      ->capture_default_str();
  app.add_option("--api-key", options.api_key, "API key, sent as 'authorization: Bearer <key>'")
      ->envname("COREMATCH_API_KEY");
  app.add_option("--api-key-file", options.api_key_file,
                 std::string("File holding the API key (default: ") +
                     std::string(kDefaultApiKeyFile) + " if it exists)");
  app.add_option("--output", options.output, "table or json (protobuf JSON mapping)")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  app.add_option("--timeout", options.timeout_seconds, "Deadline of each call, in seconds")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
}

int ParseErrorExit(const CLI::App& app, const CLI::ParseError& error, std::ostream& out,
                   std::ostream& err) {
  if (error.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
    app.exit(error, out, err);  // --help: prints the help of the command asked about.
    return kExitOk;
  }
  err << "error: " << error.what() << "\n"
      << "Run with --help for more information.\n";
  return kExitUsage;
}

}  // namespace

int RunCli(int argc, char** argv, std::ostream& out, std::ostream& err) {
  return RunCli(argc, argv, std::cin, out, err);
}

int RunCli(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err) {
  CommandContext ctx(in, out, err);
  CLI::App app(kDescription, "corematch");
  app.footer(kFooter);
  // Global options may also follow the command: `corematch solution list --output json`.
  app.fallthrough();
  app.require_subcommand(1);
  AddGlobalOptions(app, ctx.options());
  AddOrganizationCommands(app, ctx);
  AddSolutionCommands(app, ctx);
  AddRequestCommands(app, ctx);
  AddMatchCommands(app, ctx);
  AddNotificationCommands(app, ctx);
  AddAdoptionCommands(app, ctx);
  AddCohortCommands(app, ctx);
  AddLoadCommands(app, ctx);
  AddEvalCommand(app, ctx);
  AddHealthCommands(app, ctx);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    return ParseErrorExit(app, error, out, err);
  }
  if (!ctx.action()) return ctx.UsageError("no command given; run with --help");
  absl::Status opened = ctx.Open();
  if (!opened.ok()) return ctx.UsageError(opened);
  return ctx.action()();
}

}  // namespace corematch::cli
