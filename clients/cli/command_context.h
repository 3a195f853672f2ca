// clients/cli/command_context.h
//
// What every command of the CLI shares: the global options (--server,
// --api-key, --output, --timeout), the streams, the connection, and the way a
// command ends (its exit code, with errors printed as errors.h describes).
//
// Commands register with CLI11 and, when chosen, leave their work as an
// action that RunCli runs after parsing, once the connection is open:
//
//   get->callback([&ctx, name] { ctx.SetAction([&ctx, name] { return Get(ctx, *name); }); });
//   ...
//   int Get(CommandContext& ctx, const std::string& name) {
//     auto stub = PublishingService::NewStub(ctx.connection().channel());
//     GetSolutionRequest request;
//     Solution solution;
//     return ctx.CallAndPrint(solution, [&](grpc::ClientContext* context) {
//       return stub->GetSolution(context, request, &solution);
//     });
//   }
//
// Not thread-safe; the demo loader shares only the Connection among threads.
#ifndef COREMATCH_CLIENTS_CLI_COMMAND_CONTEXT_H_
#define COREMATCH_CLIENTS_CLI_COMMAND_CONTEXT_H_

#include <functional>
#include <istream>
#include <memory>
#include <ostream>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "clients/cli/connection.h"
#include "clients/cli/errors.h"
#include "clients/cli/output.h"
#include "google/protobuf/message.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/status.h"

namespace corematch::cli {

// The global flags, as CLI11 fills them in.
struct GlobalOptions {
  std::string server = "localhost:50051";
  std::string api_key;
  std::string api_key_file;
  std::string output = "table";
  double timeout_seconds = 30;
};

class CommandContext final {
 public:
  CommandContext(std::istream& in, std::ostream& out, std::ostream& err)
      : in_(in), out_(out), err_(err) {}

  CommandContext(const CommandContext&) = delete;
  CommandContext& operator=(const CommandContext&) = delete;

  GlobalOptions& options() { return options_; }
  std::istream& in() { return in_; }
  std::ostream& out() { return out_; }
  std::ostream& err() { return err_; }

  // Resolves the API key and creates the channel from options(). Fails with
  // INVALID_ARGUMENT for a bad --output, --timeout or unreadable key file.
  absl::Status Open();
  // The connection made by Open(), which must have succeeded.
  const Connection& connection() const { return *connection_; }
  // Prints in the --output format Open() checked.
  Printer printer() { return Printer(format_, out_); }

  // The chosen command's work; RunCli runs it after parsing and Open().
  void SetAction(std::function<int()> action) { action_ = std::move(action); }
  const std::function<int()>& action() const { return action_; }

  // Prints "error: <message>" and returns kExitUsage.
  int UsageError(absl::string_view message);
  int UsageError(const absl::Status& status) { return UsageError(status.message()); }

  // Prints the failed call (errors.h) with a hint for UNAVAILABLE, and for
  // UNAUTHENTICATED when no key was sent; returns kExitServer.
  int RpcError(const grpc::Status& status);

  // Runs `call` with a prepared ClientContext; on success prints `response`
  // and returns kExitOk, else RpcError().
  int CallAndPrint(const google::protobuf::Message& response,
                   const std::function<grpc::Status(grpc::ClientContext*)>& call);

  // Runs `call` with a prepared ClientContext and returns its status.
  grpc::Status Call(const std::function<grpc::Status(grpc::ClientContext*)>& call) const;

  // Fetches a List call's pages into `response`: the page `request` asks for,
  // then, if `all`, each next_page_token in turn until one is empty (the
  // merged response then has none). Returns the first failed status.
  template <typename Request, typename Response>
  grpc::Status FetchPages(Request request, bool all, Response* response,
                          const std::function<grpc::Status(grpc::ClientContext*, const Request&,
                                                           Response*)>& call) const {
    while (true) {
      Response page;
      grpc::Status status =
          Call([&](grpc::ClientContext* context) { return call(context, request, &page); });
      if (!status.ok()) return status;
      // Appends the page's items; next_page_token is overwritten.
      response->MergeFrom(page);
      response->set_next_page_token(page.next_page_token());
      if (!all || page.next_page_token().empty() ||
          page.next_page_token() == request.page_token()) {
        return grpc::Status::OK;
      }
      request.set_page_token(page.next_page_token());
    }
  }

 private:
  std::istream& in_;
  std::ostream& out_;
  std::ostream& err_;
  GlobalOptions options_;
  OutputFormat format_ = OutputFormat::kTable;
  std::unique_ptr<Connection> connection_;
  std::function<int()> action_;
};

// Makes `app`'s callback set `action` as ctx's action.
template <typename App>
void OnRun(App* app, CommandContext& ctx, std::function<int()> action) {
  app->callback([&ctx, action = std::move(action)] { ctx.SetAction(action); });
}

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_COMMAND_CONTEXT_H_
