// clients/cli/health_commands.cc
#include "clients/cli/health_commands.h"

#include <memory>
#include <string>

#include "clients/cli/output.h"
#include "google/protobuf/struct.pb.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace corematch::cli {
namespace {

using ::grpc::health::v1::Health;
using ::grpc::health::v1::HealthCheckRequest;
using ::grpc::health::v1::HealthCheckResponse;

// Prints the status by its name: "SERVING", or {"status": "SERVING"} in JSON.
// A Struct rather than the response itself, so that UNKNOWN (the enum's zero,
// which the JSON mapping leaves out) still prints.
void PrintStatus(CommandContext& ctx, HealthCheckResponse::ServingStatus status) {
  const std::string& name = HealthCheckResponse::ServingStatus_Name(status);
  if (ctx.printer().format() == OutputFormat::kJson) {
    google::protobuf::Struct result;
    (*result.mutable_fields())["status"].set_string_value(name);
    ctx.printer().Resource(result);
    return;
  }
  ctx.out() << name << "\n";
}

int Check(CommandContext& ctx, const std::string& service) {
  HealthCheckRequest request;
  request.set_service(service);
  HealthCheckResponse response;
  auto stub = Health::NewStub(ctx.connection().channel());
  grpc::Status status =
      ctx.Call([&](grpc::ClientContext* c) { return stub->Check(c, request, &response); });
  if (!status.ok()) return ctx.RpcError(status);
  PrintStatus(ctx, response.status());
  return response.status() == HealthCheckResponse::SERVING ? kExitOk : kExitServer;
}

}  // namespace

void AddHealthCommands(CLI::App& app, CommandContext& ctx) {
  CLI::App* cmd = app.add_subcommand(
      "health", "Check the gRPC health of the server or of one service (exit 0 if SERVING)");
  auto service = std::make_shared<std::string>();
  cmd->add_option("--service", *service,
                  "Fully qualified service name, e.g. "
                  "corematch.publishing.v1.PublishingService; default: the whole server");
  OnRun(cmd, ctx, [&ctx, service] { return Check(ctx, *service); });
}

}  // namespace corematch::cli
