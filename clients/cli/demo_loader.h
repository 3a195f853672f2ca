// clients/cli/demo_loader.h
//
// Loads catalogue rows (demo_rows.h) into a publishing service: one
// CreateSolution call per row, published at once, with the row's
// DemoRequestId, several calls in flight at a time.
//
//   LoadReport report = LoadDemoRows(*stub, connection, rows, LoadOptions{});
//   // report.ok: created, or created by an earlier load (the request_id makes
//   // the server answer a repeated row with the first result).
//
// Because every call carries a deterministic request_id, loading the same
// rows again creates nothing twice, and calls that fail with UNAVAILABLE are
// safely retried.
#ifndef COREMATCH_CLIENTS_CLI_DEMO_LOADER_H_
#define COREMATCH_CLIENTS_CLI_DEMO_LOADER_H_

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "clients/cli/connection.h"
#include "clients/cli/demo_rows.h"
#include "corematch/publishing/v1/publishing.grpc.pb.h"

namespace corematch::cli {

inline constexpr size_t kMaxReportedErrors = 5;

struct LoadOptions {
  // Calls in flight at once.
  int parallelism = 8;
  // Attempts per row when the server is UNAVAILABLE.
  int max_attempts = 3;
  // Called after each row with the number done so far, from the loading
  // threads, one call at a time. May be empty.
  std::function<void(size_t done, size_t total)> on_progress;
  // Called for each row created (or answered with the first result of its
  // request_id) with the row's index in `rows` and the server's Solution, from
  // the loading threads, one call at a time. May be empty.
  std::function<void(size_t row, const publishing::v1::Solution& solution)> on_created;
};

struct LoadReport {
  size_t total = 0;
  // Created now, or already created with the same request_id.
  size_t ok = 0;
  // Answered ALREADY_EXISTS (a server that detects duplicates by content).
  size_t already_present = 0;
  size_t failed = 0;
  // "<row id>: CODE: message (details)" of the first failures, in the order
  // they happened, at most kMaxReportedErrors.
  std::vector<std::string> first_errors;
  absl::Duration elapsed;
};

// Loads `rows` and blocks until every row has been tried. `stub` and
// `connection` must be safe for concurrent use (gRPC stubs are).
LoadReport LoadDemoRows(publishing::v1::PublishingService::StubInterface& stub,
                        const Connection& connection, const std::vector<DemoRow>& rows,
                        const LoadOptions& options);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_DEMO_LOADER_H_
