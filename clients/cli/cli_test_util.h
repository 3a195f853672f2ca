// clients/cli/cli_test_util.h
//
// Runs RunCli in-process the way a shell would, for tests:
//
//   CliResult result = RunCliForTest({"solution", "get", "abc"});
//   EXPECT_EQ(result.exit_code, kExitOk);
#ifndef COREMATCH_CLIENTS_CLI_CLI_TEST_UTIL_H_
#define COREMATCH_CLIENTS_CLI_CLI_TEST_UTIL_H_

#include <sstream>
#include <string>
#include <vector>

#include "clients/cli/cli.h"

namespace corematch::cli {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `corematch <args...>` with `stdin_text` as standard input.
inline CliResult RunCliForTest(std::vector<std::string> args, const std::string& stdin_text = "") {
  args.insert(args.begin(), "corematch");
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  std::istringstream in(stdin_text);
  std::ostringstream out;
  std::ostringstream err;
  CliResult result;
  result.exit_code = RunCli(static_cast<int>(args.size()), argv.data(), in, out, err);
  result.out = out.str();
  result.err = err.str();
  return result;
}

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_CLI_TEST_UTIL_H_
