// clients/cli/command_context.cc
#include "clients/cli/command_context.h"

#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"

namespace corematch::cli {

absl::Status CommandContext::Open() {
  std::optional<OutputFormat> format = ParseOutputFormat(options_.output);
  if (!format) {
    return absl::InvalidArgumentError(
        absl::StrCat("--output must be table or json, not \"", options_.output, "\""));
  }
  format_ = *format;
  if (!(options_.timeout_seconds > 0)) {
    return absl::InvalidArgumentError("--timeout must be a positive number of seconds");
  }
  absl::StatusOr<std::string> key = ResolveApiKey(options_.api_key, options_.api_key_file);
  if (!key.ok()) return key.status();
  ConnectionOptions connection_options;
  connection_options.target = options_.server;
  connection_options.api_key = *key;
  connection_options.timeout = absl::Seconds(options_.timeout_seconds);
  connection_ = std::make_unique<Connection>(std::move(connection_options));
  return absl::OkStatus();
}

int CommandContext::UsageError(absl::string_view message) {
  err_ << "error: " << message << "\n";
  return kExitUsage;
}

int CommandContext::RpcError(const grpc::Status& status) {
  PrintRpcError(status, err_);
  if (status.error_code() == grpc::StatusCode::UNAVAILABLE) {
    err_ << "  hint: is a corematch server listening at " << options_.server
         << "? (set --server or COREMATCH_SERVER)\n";
  } else if (status.error_code() == grpc::StatusCode::UNAUTHENTICATED &&
             connection_->options().api_key.empty()) {
    err_ << "  hint: pass an API key with --api-key, COREMATCH_API_KEY or --api-key-file\n";
  }
  return kExitServer;
}

grpc::Status CommandContext::Call(
    const std::function<grpc::Status(grpc::ClientContext*)>& call) const {
  grpc::ClientContext context;
  connection_->Prepare(&context);
  return call(&context);
}

int CommandContext::CallAndPrint(const google::protobuf::Message& response,
                                 const std::function<grpc::Status(grpc::ClientContext*)>& call) {
  grpc::Status status = Call(call);
  if (!status.ok()) return RpcError(status);
  printer().Resource(response);
  return kExitOk;
}

}  // namespace corematch::cli
