// clients/cli/cli_test.cc
//
// Command-line handling that needs no server: help, usage errors, input
// errors, API key resolution. All of these exit before any call is made.
#include "clients/cli/cli.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "clients/cli/cli_test_util.h"
#include "clients/cli/connection.h"
#include "clients/cli/errors.h"
#include "clients/cli/load_commands.h"
#include "clients/cli/worked_example.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/temp_dir.h"

namespace corematch::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::IsEmpty;

// A file in a fresh temporary directory, removed with it.
class TempFile {
 public:
  explicit TempFile(const std::string& contents) : path_(dir_.File("file")) {
    std::ofstream(path_) << contents;
  }
  const std::string& path() const { return path_; }

 private:
  testing::TempDir dir_;
  std::string path_;
};

TEST(CliTest, HelpExitsZeroEverywhere) {
  const std::vector<std::vector<std::string>> commands = {{},
                                                          {"organization"},
                                                          {"organization", "create"},
                                                          {"organization", "update"},
                                                          {"apikey", "create"},
                                                          {"solution"},
                                                          {"solution", "create"},
                                                          {"solution", "list"},
                                                          {"solution", "withdraw"},
                                                          {"request", "create"},
                                                          {"request", "close"},
                                                          {"match"},
                                                          {"match", "request"},
                                                          {"match", "text"},
                                                          {"match", "list"},
                                                          {"match", "interest"},
                                                          {"match", "status"},
                                                          {"eval"},
                                                          {"load", "demo"},
                                                          {"load", "solutions"},
                                                          {"health"}};
  for (std::vector<std::string> command : commands) {
    command.push_back("--help");
    CliResult result = RunCliForTest(command);
    EXPECT_EQ(result.exit_code, kExitOk) << command[0];
    EXPECT_THAT(result.out, HasSubstr("Usage: corematch")) << command[0];
    EXPECT_THAT(result.err, IsEmpty());
  }
}

TEST(CliTest, HelpDescribesGlobalOptionsAndExitCodes) {
  CliResult result = RunCliForTest({"--help"});
  for (const char* text :
       {"--server", "COREMATCH_SERVER", "--api-key", "COREMATCH_API_KEY", "--api-key-file",
        "--output", "--timeout", "organization", "apikey", "solution", "request", "match", "load",
        "eval", "health", "Exit codes"}) {
    EXPECT_THAT(result.out, HasSubstr(text));
  }
}

TEST(CliTest, NoCommandIsAUsageError) {
  CliResult result = RunCliForTest({});
  EXPECT_EQ(result.exit_code, kExitUsage);
  EXPECT_THAT(result.err, HasSubstr("error: A subcommand is required"));
  EXPECT_THAT(result.err, HasSubstr("--help"));
}

TEST(CliTest, UnknownFlagIsAUsageError) {
  CliResult result = RunCliForTest({"solution", "list", "--colour", "red"});
  EXPECT_EQ(result.exit_code, kExitUsage);
  EXPECT_THAT(result.err, HasSubstr("error: "));
  EXPECT_THAT(result.err, HasSubstr("--colour"));
}

TEST(CliTest, MissingArgumentsAreUsageErrors) {
  EXPECT_THAT(RunCliForTest({"solution", "get"}).err, HasSubstr("NAME is required"));
  EXPECT_THAT(RunCliForTest({"solution", "create"}).err, HasSubstr("--file is required"));
  EXPECT_EQ(RunCliForTest({"solution", "withdraw", "abc"}).exit_code, kExitUsage);
  CliResult close = RunCliForTest({"request", "close", "r1", "--outcome", "won", "--reason", "x"});
  EXPECT_EQ(close.exit_code, kExitUsage);
  EXPECT_THAT(close.err, HasSubstr("--outcome"));
}

TEST(CliTest, BadGlobalOptionsAreUsageErrors) {
  EXPECT_EQ(RunCliForTest({"--output", "xml", "solution", "get", "a"}).exit_code, kExitUsage);
  EXPECT_EQ(RunCliForTest({"--timeout", "-1", "solution", "get", "a"}).exit_code, kExitUsage);
  CliResult key = RunCliForTest({"--api-key-file", "/nonexistent/key", "solution", "get", "a"});
  EXPECT_EQ(key.exit_code, kExitUsage);
  EXPECT_THAT(key.err, HasSubstr("error: cannot read API key file /nonexistent/key"));
}

TEST(CliTest, UnreadableFileIsAUsageError) {
  CliResult result = RunCliForTest({"solution", "create", "-f", "/nonexistent/solution.json"});
  EXPECT_EQ(result.exit_code, kExitUsage);
  EXPECT_EQ(result.err, "error: cannot read /nonexistent/solution.json\n");
}

TEST(CliTest, BadJsonIsAUsageError) {
  TempFile file(R"({"title": "x", "colour": "red"})");
  CliResult result = RunCliForTest({"solution", "create", "-f", file.path()});
  EXPECT_EQ(result.exit_code, kExitUsage);
  EXPECT_THAT(result.err, HasSubstr("is not a valid Solution in protobuf JSON"));
  CliResult from_stdin = RunCliForTest({"solution", "update", "abc", "-f", "-"}, "{not json");
  EXPECT_EQ(from_stdin.exit_code, kExitUsage);
  EXPECT_THAT(from_stdin.err, HasSubstr("stdin is not a valid Solution"));
}

TEST(CliTest, RequestCreateNeedsFileOrFields) {
  CliResult result = RunCliForTest({"request", "create", "--title", "Jobb"});
  EXPECT_EQ(result.exit_code, kExitUsage);
  EXPECT_THAT(result.err, HasSubstr("give -f FILE, or at least --title, --need and --language"));
}

TEST(CliTest, UpdateWithoutChangesIsAUsageError) {
  EXPECT_THAT(RunCliForTest({"organization", "update", "o1"}).err, HasSubstr("nothing to update"));
  EXPECT_THAT(RunCliForTest({"request", "update", "r1"}).err, HasSubstr("nothing to update"));
}

TEST(CliTest, LoadReportsTheBadLine) {
  TempFile file("{\"id\": \"a\", \"title\": \"A\"}\nnot json\n");
  CliResult result = RunCliForTest({"load", "solutions", "-f", file.path()});
  EXPECT_EQ(result.exit_code, kExitUsage);
  EXPECT_THAT(result.err, HasSubstr(file.path() + ":2: not a JSON object"));
}

TEST(CliTest, LoadDryRunPrintsRequests) {
  TempFile file("{\"id\": \"a\", \"title\": \"A\", \"status\": \"Pilot\"}\n");
  CliResult result = RunCliForTest({"load", "solutions", "-f", file.path(), "--dry-run"});
  EXPECT_EQ(result.exit_code, kExitOk) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\"publish\":true"));
  EXPECT_THAT(result.out, HasSubstr("\"maturity\":\"MATURITY_PILOT\""));
}

TEST(CliTest, LoadReadsStdin) {
  CliResult result = RunCliForTest({"load", "solutions", "-f", "-", "--dry-run"},
                                   "{\"id\": \"a\", \"title\": \"A\"}\n");
  EXPECT_EQ(result.exit_code, kExitOk) << result.err;
  EXPECT_THAT(result.out, HasSubstr("\"title\":\"A\""));
  EXPECT_EQ(RunCliForTest({"load", "solutions", "-f", "/nonexistent.jsonl"}).err,
            "error: cannot read /nonexistent.jsonl\n");
}

TEST(CliTest, DataFilesExist) {
  for (const char* relative : {"data/demo/solutions_demo.jsonl", kWorkedExampleFile}) {
    EXPECT_TRUE(std::filesystem::is_regular_file(DataFile(relative))) << DataFile(relative);
  }
}

// Files for `eval` in a directory of the test's own; removed with it.
class EvalFiles {
 public:
  EvalFiles() {
    Write("solutions.jsonl", "{\"id\": \"s1\", \"title\": \"Jobb Först\", \"language\": \"sv\"}\n");
    Write("requests.jsonl",
          "{\"id\": \"q1\", \"text\": \"Jobs\", \"language\": \"en\", \"country\": \"DK\"}\n");
    Write("qrels.tsv", "request_id\tsolution_id\tgrade\nq1\ts1\t2\n");
  }
  std::string Write(const std::string& name, const std::string& contents) {
    std::string path = Path(name);
    std::ofstream(path) << contents;
    std::filesystem::permissions(path, std::filesystem::perms::owner_all);
    return path;
  }
  std::string Path(const std::string& name) const { return dir_.File(name); }

  // `corematch eval` on the three files and `args`.
  CliResult Eval(std::vector<std::string> args) const {
    std::vector<std::string> command = {
        "eval",    "--solutions",    Path("solutions.jsonl"), "--requests", Path("requests.jsonl"),
        "--qrels", Path("qrels.tsv")};
    command.insert(command.end(), args.begin(), args.end());
    return RunCliForTest(command);
  }

 private:
  testing::TempDir dir_;
};

TEST(CliEvalTest, BadInputsAreUsageErrors) {
  EvalFiles files;
  EXPECT_THAT(RunCliForTest({"eval", "--solutions", "s", "--requests", "r"}).err,
              HasSubstr("--qrels is required"));
  EXPECT_EQ(files.Eval({"--ranking", "bm42"}).exit_code, kExitUsage);
  EXPECT_EQ(files.Eval({"--k", "0"}).exit_code, kExitUsage);
  files.Write("qrels.tsv", "request_id\tsolution_id\tgrade\nq1\ts1\n");
  CliResult bad_qrels = files.Eval({});
  EXPECT_EQ(bad_qrels.exit_code, kExitUsage);
  EXPECT_THAT(bad_qrels.err, HasSubstr("qrels.tsv:2: expected 3 fields"));
  files.Write("qrels.tsv", "request_id\tsolution_id\tgrade\nq1\ts1\t0\nq9\ts1\t2\n");
  CliResult no_relevant = files.Eval({});
  EXPECT_EQ(no_relevant.exit_code, kExitUsage);
  EXPECT_THAT(no_relevant.err, HasSubstr("has a relevant judgement"));
  files.Write("qrels.tsv", "q1\ts1\t2\n");
  files.Write("requests.jsonl", "{\"id\": \"q1\"}\n");
  CliResult bad_request = files.Eval({});
  EXPECT_EQ(bad_request.exit_code, kExitUsage);
  EXPECT_THAT(bad_request.err, HasSubstr("requests.jsonl:1: request q1 has no \"text\""));
}

TEST(CliEvalTest, MissingServerBinaryIsAUsageError) {
  EvalFiles files;
  CliResult result = files.Eval({"--server-binary", files.Path("nope")});
  EXPECT_EQ(result.exit_code, kExitUsage);
  EXPECT_THAT(result.err, HasSubstr("no corematch-server at"));
}

TEST(CliEvalTest, ServerThatCannotStartExitsTwo) {
  EvalFiles files;
  std::string server =
      files.Write("server", "#!/bin/sh\necho 'ERROR: Unknown command line flag' >&2\nexit 1\n");
  CliResult result = files.Eval({"--server-binary", server, "--ranking", "plain_bm25"});
  EXPECT_EQ(result.exit_code, kExitServer);
  EXPECT_THAT(result.err, HasSubstr("--matching_ranking=plain_bm25"));
  EXPECT_THAT(result.err, HasSubstr("cannot start the server"));
  EXPECT_THAT(result.err, HasSubstr("Unknown command line flag"));
  EXPECT_EQ(result.out, "");
}

TEST(CliEvalTest, FailedCallsExitTwoAndRemoveTheServerDirectory) {
  EvalFiles files;
  // Listens nowhere: every call fails with UNAVAILABLE.
  std::string server = files.Write("server", R"sh(#!/bin/sh
for arg in "$@"; do
  case "$arg" in --data_dir=*) data_dir="${arg#--data_dir=}" ;; esac
done
echo key > "$data_dir/operator.key"
echo "corematch-server listening on 127.0.0.1:1 (services: all)"
trap 'exit 0' TERM
while true; do sleep 0.02; done
)sh");
  CliResult result = files.Eval({"--server-binary", server, "--timeout", "2"});
  EXPECT_EQ(result.exit_code, kExitServer);
  EXPECT_THAT(result.err, HasSubstr("solutions could not be created"));
  EXPECT_THAT(result.err, HasSubstr("UNAVAILABLE"));
  std::string prefix = "eval: server listening on 127.0.0.1:1, data in ";
  size_t at = result.err.find(prefix);
  ASSERT_NE(at, std::string::npos) << result.err;
  std::string directory = result.err.substr(at + prefix.size());
  directory = directory.substr(0, directory.find('\n'));
  EXPECT_FALSE(std::filesystem::exists(directory)) << directory;
}

TEST(ResolveApiKeyTest, PrefersFlagThenFileThenDefaultFile) {
  TempFile file("  secret-from-file\n");
  EXPECT_EQ(*ResolveApiKey("flag-key", file.path(), file.path()), "flag-key");
  EXPECT_EQ(*ResolveApiKey("", file.path(), "/nonexistent"), "secret-from-file");
  EXPECT_EQ(*ResolveApiKey("", "", file.path()), "secret-from-file");
  EXPECT_EQ(*ResolveApiKey("", "", "/nonexistent/operator.key"), "");
  EXPECT_FALSE(ResolveApiKey("", "/nonexistent/key", "").ok());
}

}  // namespace
}  // namespace corematch::cli
