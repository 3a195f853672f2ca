// clients/cli/solution_commands.cc
#include "clients/cli/solution_commands.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "clients/cli/adoption_commands.h"
#include "clients/cli/input.h"
#include "clients/cli/list_flags.h"
#include "clients/cli/output.h"
#include "corematch/adoption/v1/adoption.grpc.pb.h"
#include "corematch/publishing/v1/publishing.grpc.pb.h"

namespace corematch::cli {
namespace {

namespace pub = ::corematch::publishing::v1;
using pub::PublishingService;

constexpr const char* kCollection = "solutions";
constexpr const char* kNameHelp = "solutions/{id} or {id}";

std::unique_ptr<PublishingService::Stub> Stub(CommandContext& ctx) {
  return PublishingService::NewStub(ctx.connection().channel());
}

struct CreateFlags {
  std::string file;
  bool publish = false;
  std::string request_id;
};

void AddCreate(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("create", "Create a solution from a protobuf JSON file");
  auto f = std::make_shared<CreateFlags>();
  cmd->add_option("-f,--file", f->file, "A Solution in protobuf JSON; - reads stdin")->required();
  cmd->add_flag("--publish", f->publish, "Publish at once instead of creating a draft");
  cmd->add_option("--request-id", f->request_id, "A UUID; a retry with it creates nothing twice");
  OnRun(cmd, ctx, [&ctx, f] {
    pub::CreateSolutionRequest request;
    absl::Status read = ReadJsonMessage(f->file, ctx.in(), request.mutable_solution());
    if (!read.ok()) return ctx.UsageError(read);
    request.set_publish(f->publish);
    request.set_request_id(f->request_id);
    pub::Solution response;
    auto stub = Stub(ctx);
    return ctx.CallAndPrint(response, [&](grpc::ClientContext* c) {
      return stub->CreateSolution(c, request, &response);
    });
  });
}

// The effects its adoptions reported, beside the solution's own evidence.
// Nothing when none did, or when the server hosts no adoption service.
void PrintAdoptionEvidence(CommandContext& ctx, const std::string& solution) {
  auto adoptions = adoption::v1::AdoptionService::NewStub(ctx.connection().channel());
  adoption::v1::GetValueSummaryRequest request;
  request.set_solution(solution);
  adoption::v1::ValueSummary value;
  grpc::Status status = ctx.Call(
      [&](grpc::ClientContext* c) { return adoptions->GetValueSummary(c, request, &value); });
  if (!status.ok()) return;
  std::vector<std::string> lines = AdoptionEvidenceLines(value);
  if (lines.empty()) return;
  ctx.out() << "evidence from " << value.adopters() << " adopters (corematch solution value "
            << solution << "):\n";
  for (const std::string& line : lines) ctx.out() << "  " << line << "\n";
}

void AddGet(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("get", "Show one solution");
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, kNameHelp)->required();
  OnRun(cmd, ctx, [&ctx, name] {
    pub::GetSolutionRequest request;
    request.set_name(ResourceName(kCollection, *name));
    pub::Solution response;
    auto stub = Stub(ctx);
    int exit_code = ctx.CallAndPrint(
        response, [&](grpc::ClientContext* c) { return stub->GetSolution(c, request, &response); });
    if (exit_code == kExitOk && ctx.printer().format() == OutputFormat::kTable) {
      PrintAdoptionEvidence(ctx, response.name());
    }
    return exit_code;
  });
}

void AddList(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("list", "List solutions");
  auto f = std::make_shared<ListFlags>();
  AddListFlags(cmd, *f, "'state = PUBLISHED AND sector = \"10.5\" AND country = \"SE\"'");
  OnRun(cmd, ctx, [&ctx, f] {
    pub::ListSolutionsRequest request;
    f->ApplyTo(&request);
    auto stub = Stub(ctx);
    pub::ListSolutionsResponse response;
    grpc::Status status = ctx.FetchPages<pub::ListSolutionsRequest, pub::ListSolutionsResponse>(
        request, f->all, &response,
        [&](grpc::ClientContext* c, const pub::ListSolutionsRequest& r,
            pub::ListSolutionsResponse* page) { return stub->ListSolutions(c, r, page); });
    if (!status.ok()) return ctx.RpcError(status);
    ctx.printer().List(response, SolutionTable(response), response.next_page_token());
    return kExitOk;
  });
}

struct UpdateFlags {
  std::string name;
  std::string file;
  std::string update_mask;
  std::string etag;
};

void AddUpdate(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("update", "Update a solution from a protobuf JSON patch");
  auto f = std::make_shared<UpdateFlags>();
  cmd->add_option("NAME", f->name, kNameHelp)->required();
  cmd->add_option("-f,--file", f->file, "The fields to change, as a Solution in protobuf JSON")
      ->required();
  cmd->add_option("--update-mask", f->update_mask,
                  "Comma-separated fields to update; default the fields in the file; * = all");
  cmd->add_option("--etag", f->etag, "Fail with ABORTED unless this is the current etag");
  OnRun(cmd, ctx, [&ctx, f] {
    pub::UpdateSolutionRequest request;
    absl::Status read = ReadJsonMessage(f->file, ctx.in(), request.mutable_solution());
    if (!read.ok()) return ctx.UsageError(read);
    request.mutable_solution()->set_name(ResourceName(kCollection, f->name));
    if (!f->etag.empty()) request.mutable_solution()->set_etag(f->etag);
    if (!f->update_mask.empty()) *request.mutable_update_mask() = ParseFieldMask(f->update_mask);
    pub::Solution response;
    auto stub = Stub(ctx);
    return ctx.CallAndPrint(response, [&](grpc::ClientContext* c) {
      return stub->UpdateSolution(c, request, &response);
    });
  });
}

struct StateChangeFlags {
  std::string name;
  std::string reason;
  std::string etag;
  std::string request_id;
};

void AddStateChangeFlags(CLI::App* cmd, StateChangeFlags& f) {
  cmd->add_option("NAME", f.name, kNameHelp)->required();
  cmd->add_option("--etag", f.etag, "Fail with ABORTED unless this is the current etag");
  cmd->add_option("--request-id", f.request_id, "A UUID; a retry with it changes nothing twice");
}

void AddPublish(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("publish", "Publish a draft solution");
  auto f = std::make_shared<StateChangeFlags>();
  AddStateChangeFlags(cmd, *f);
  OnRun(cmd, ctx, [&ctx, f] {
    pub::PublishSolutionRequest request;
    request.set_name(ResourceName(kCollection, f->name));
    request.set_etag(f->etag);
    request.set_request_id(f->request_id);
    pub::Solution response;
    auto stub = Stub(ctx);
    return ctx.CallAndPrint(response, [&](grpc::ClientContext* c) {
      return stub->PublishSolution(c, request, &response);
    });
  });
}

void AddWithdraw(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("withdraw", "Withdraw a solution (it is kept, not erased)");
  auto f = std::make_shared<StateChangeFlags>();
  AddStateChangeFlags(cmd, *f);
  cmd->add_option("--reason", f->reason, "Why it is withdrawn")->required();
  OnRun(cmd, ctx, [&ctx, f] {
    pub::WithdrawSolutionRequest request;
    request.set_name(ResourceName(kCollection, f->name));
    request.set_reason(f->reason);
    request.set_etag(f->etag);
    request.set_request_id(f->request_id);
    pub::Solution response;
    auto stub = Stub(ctx);
    return ctx.CallAndPrint(response, [&](grpc::ClientContext* c) {
      return stub->WithdrawSolution(c, request, &response);
    });
  });
}

}  // namespace

Table SolutionTable(const pub::ListSolutionsResponse& response) {
  Table table({"NAME", "TITLE", "STATE", "LANGUAGE", "COUNTRY", "SECTORS", "MATURITY"});
  for (const pub::Solution& s : response.solutions()) {
    table.AddRow({s.name(), s.title(), EnumCell(s, "state"), s.language(), s.origin().country(),
                  JoinCell(s.sectors()), EnumCell(s, "maturity")});
  }
  return table;
}

void AddSolutionCommands(CLI::App& app, CommandContext& ctx) {
  CLI::App* group = app.add_subcommand("solution", "Solutions (PublishingService)");
  group->require_subcommand(1);
  AddCreate(*group, ctx);
  AddGet(*group, ctx);
  AddList(*group, ctx);
  AddUpdate(*group, ctx);
  AddPublish(*group, ctx);
  AddWithdraw(*group, ctx);
  AddSpreadCommands(*group, ctx);
}

}  // namespace corematch::cli
