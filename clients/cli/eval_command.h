// clients/cli/eval_command.h
//
// `corematch eval --solutions S.jsonl --requests R.jsonl --qrels Q.tsv
//   [--ranking full|plain_bm25] [--server-binary PATH] [--k 10] [--verbose]`:
// measures matching quality on a fresh temporary server of its own
// (eval_runner.h), from the files eval_data.h describes, with the measures of
// eval_metrics.h. --server is not used.
//
// Prints a summary (and with --verbose a line per request) and, as the last
// line, one JSON object:
//   {"ndcg@10": 0.5123, "recall@10": 0.6012, "mrr@10": 0.7001, "requests": 42,
//    "ranking": "full", "solutions": 1081}
// With --output json only JSON lines are printed. Progress goes to standard
// error. Exit codes: 0 measured, 1 bad flags or input files, 2 the server
// could not be started or a call failed (or the run was interrupted).
#ifndef COREMATCH_CLIENTS_CLI_EVAL_COMMAND_H_
#define COREMATCH_CLIENTS_CLI_EVAL_COMMAND_H_

#include "CLI/CLI.hpp"
#include "clients/cli/command_context.h"

namespace corematch::cli {

// Adds the `eval` command to `app`. `ctx` must outlive parsing and the action.
void AddEvalCommand(CLI::App& app, CommandContext& ctx);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_EVAL_COMMAND_H_
