// clients/cli/cli.h
//
// The `corematch` command-line client: the commands over the
// OrganizationService, PublishingService, AdoptionService and MatchingService,
// the bulk loader, and the quality evaluation. main() only calls RunCli; tests
// call it with string streams.
//
//   corematch [--server H:P] [--api-key K | --api-key-file F] [--output table|json]
//             [--timeout S] <group> <command> [args] [--help]
//
//   groups: organization {create,get,list,update}, apikey {create,list,revoke},
//           solution {create,get,list,update,publish,withdraw},
//           request {create,get,list,update,close},
//           match {request,text,adopters,list,get,interest,decline,status},
//           load {demo,solutions}, eval (on a temporary server of its own),
//           health [--service NAME]
//
// Every call carries `authorization: Bearer <key>` (health needs none, but
// gets it too). The key is --api-key, else $COREMATCH_API_KEY, else the file
// --api-key-file, else ./var/operator.key if it exists. The server is
// --server, else $COREMATCH_SERVER, else localhost:50051.
//
// Exit codes (errors.h): 0 ok (and --help), 1 usage error, 2 server error.
#ifndef COREMATCH_CLIENTS_CLI_CLI_H_
#define COREMATCH_CLIENTS_CLI_CLI_H_

#include <istream>
#include <ostream>

namespace corematch::cli {

// Runs the command `argv` names, reading "-f -" input from std::cin; output
// and help go to `out`, errors and progress to `err`. Returns the exit code.
int RunCli(int argc, char** argv, std::ostream& out, std::ostream& err);

// The same, reading "-f -" input from `in`.
int RunCli(int argc, char** argv, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_CLI_H_
