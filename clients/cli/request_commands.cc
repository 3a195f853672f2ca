// clients/cli/request_commands.cc
#include "clients/cli/request_commands.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "clients/cli/enum_names.h"
#include "clients/cli/input.h"
#include "clients/cli/list_flags.h"
#include "clients/cli/output.h"
#include "clients/cli/request_flags.h"
#include "corematch/adoption/v1/adoption.grpc.pb.h"

namespace corematch::cli {
namespace {

namespace ad = ::corematch::adoption::v1;
using ad::AdoptionService;

constexpr const char* kCollection = "adoptionRequests";
constexpr const char* kNameHelp = "adoptionRequests/{id} or {id}";

std::unique_ptr<AdoptionService::Stub> Stub(CommandContext& ctx) {
  return AdoptionService::NewStub(ctx.connection().channel());
}

struct WriteFlags {
  std::string name;
  std::string file;
  std::string request_id;
  std::string update_mask;
  std::string etag;
  RequestFlags fields;
};

// The request from -f (if given) with the field flags on top; `paths` gets
// the flags' field paths.
absl::Status BuildRequest(CommandContext& ctx, const WriteFlags& f, ad::AdoptionRequest* request,
                          std::vector<std::string>* paths) {
  if (!f.file.empty()) {
    absl::Status read = ReadJsonMessage(f.file, ctx.in(), request);
    if (!read.ok()) return read;
  }
  return f.fields.ApplyTo(request, paths);
}

void AddCreate(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("create", "File an adoption request (from -f or flags)");
  auto f = std::make_shared<WriteFlags>();
  cmd->add_option("-f,--file", f->file, "An AdoptionRequest in protobuf JSON; - reads stdin");
  f->fields.Add(cmd);
  cmd->add_option("--request-id", f->request_id, "A UUID; a retry with it creates nothing twice");
  OnRun(cmd, ctx, [&ctx, f] {
    if (f->file.empty() && !f->fields.HasRequiredFields()) {
      return ctx.UsageError("give -f FILE, or at least --title, --need and --language");
    }
    ad::CreateAdoptionRequestRequest request;
    std::vector<std::string> paths;
    absl::Status built = BuildRequest(ctx, *f, request.mutable_adoption_request(), &paths);
    if (!built.ok()) return ctx.UsageError(built);
    request.set_request_id(f->request_id);
    ad::AdoptionRequest response;
    auto stub = Stub(ctx);
    return ctx.CallAndPrint(response, [&](grpc::ClientContext* c) {
      return stub->CreateAdoptionRequest(c, request, &response);
    });
  });
}

void AddGet(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("get", "Show one adoption request");
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, kNameHelp)->required();
  OnRun(cmd, ctx, [&ctx, name] {
    ad::GetAdoptionRequestRequest request;
    request.set_name(ResourceName(kCollection, *name));
    ad::AdoptionRequest response;
    auto stub = Stub(ctx);
    return ctx.CallAndPrint(response, [&](grpc::ClientContext* c) {
      return stub->GetAdoptionRequest(c, request, &response);
    });
  });
}

void AddList(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("list", "List the adoption requests you may see");
  auto f = std::make_shared<ListFlags>();
  AddListFlags(cmd, *f, "'state = OPEN AND country = \"DK\"'");
  OnRun(cmd, ctx, [&ctx, f] {
    ad::ListAdoptionRequestsRequest request;
    f->ApplyTo(&request);
    auto stub = Stub(ctx);
    ad::ListAdoptionRequestsResponse response;
    grpc::Status status =
        ctx.FetchPages<ad::ListAdoptionRequestsRequest, ad::ListAdoptionRequestsResponse>(
            request, f->all, &response,
            [&](grpc::ClientContext* c, const ad::ListAdoptionRequestsRequest& r,
                ad::ListAdoptionRequestsResponse* page) {
              return stub->ListAdoptionRequests(c, r, page);
            });
    if (!status.ok()) return ctx.RpcError(status);
    ctx.printer().List(response, AdoptionRequestTable(response), response.next_page_token());
    return kExitOk;
  });
}

void AddUpdate(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("update", "Update an adoption request (from -f or flags)");
  auto f = std::make_shared<WriteFlags>();
  cmd->add_option("NAME", f->name, kNameHelp)->required();
  cmd->add_option("-f,--file", f->file, "The fields to change, in protobuf JSON; - reads stdin");
  f->fields.Add(cmd);
  cmd->add_option("--update-mask", f->update_mask,
                  "Comma-separated fields to update; default: the fields given; * = all");
  cmd->add_option("--etag", f->etag, "Fail with ABORTED unless this is the current etag");
  OnRun(cmd, ctx, [&ctx, f] {
    ad::UpdateAdoptionRequestRequest request;
    std::vector<std::string> paths;
    absl::Status built = BuildRequest(ctx, *f, request.mutable_adoption_request(), &paths);
    if (!built.ok()) return ctx.UsageError(built);
    if (f->file.empty() && paths.empty()) {
      return ctx.UsageError("nothing to update: give -f FILE or field flags");
    }
    request.mutable_adoption_request()->set_name(ResourceName(kCollection, f->name));
    if (!f->etag.empty()) request.mutable_adoption_request()->set_etag(f->etag);
    if (!f->update_mask.empty()) {
      *request.mutable_update_mask() = ParseFieldMask(f->update_mask);
    } else if (f->file.empty()) {
      for (const std::string& path : paths) request.mutable_update_mask()->add_paths(path);
    }
    ad::AdoptionRequest response;
    auto stub = Stub(ctx);
    return ctx.CallAndPrint(response, [&](grpc::ClientContext* c) {
      return stub->UpdateAdoptionRequest(c, request, &response);
    });
  });
}

struct CloseFlags {
  std::string name;
  std::string outcome;
  std::string reason;
  std::string etag;
  std::string request_id;
};

void AddClose(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd =
      group.add_subcommand("close", "Close an adoption request as fulfilled or abandoned");
  auto f = std::make_shared<CloseFlags>();
  cmd->add_option("NAME", f->name, kNameHelp)->required();
  cmd->add_option("--outcome", f->outcome, "fulfilled|abandoned")
      ->required()
      ->check(CLI::IsMember({"fulfilled", "abandoned"}, CLI::ignore_case));
  cmd->add_option("--reason", f->reason, "Why it is closed")->required();
  cmd->add_option("--etag", f->etag, "Fail with ABORTED unless this is the current etag");
  cmd->add_option("--request-id", f->request_id, "A UUID; a retry with it changes nothing twice");
  OnRun(cmd, ctx, [&ctx, f] {
    ad::CloseAdoptionRequestRequest request;
    request.set_name(ResourceName(kCollection, f->name));
    std::optional<int> outcome = ParseEnumName(*ad::CloseOutcome_descriptor(), f->outcome);
    if (!outcome) return ctx.UsageError("--outcome must be fulfilled or abandoned");
    request.set_outcome(static_cast<ad::CloseOutcome>(*outcome));
    request.set_reason(f->reason);
    request.set_etag(f->etag);
    request.set_request_id(f->request_id);
    ad::AdoptionRequest response;
    auto stub = Stub(ctx);
    return ctx.CallAndPrint(response, [&](grpc::ClientContext* c) {
      return stub->CloseAdoptionRequest(c, request, &response);
    });
  });
}

}  // namespace

Table AdoptionRequestTable(const ad::ListAdoptionRequestsResponse& response) {
  Table table(
      {"NAME", "TITLE", "STATE", "LANGUAGE", "COUNTRY", "SECTORS", "VISIBILITY", "REQUESTER"});
  for (const ad::AdoptionRequest& r : response.adoption_requests()) {
    table.AddRow({r.name(), r.title(), EnumCell(r, "state"), r.language(), r.context().country(),
                  JoinCell(r.sectors()), EnumCell(r, "visibility"), r.requester()});
  }
  return table;
}

void AddRequestCommands(CLI::App& app, CommandContext& ctx) {
  CLI::App* group = app.add_subcommand("request", "Adoption requests (AdoptionService)");
  group->require_subcommand(1);
  AddCreate(*group, ctx);
  AddGet(*group, ctx);
  AddList(*group, ctx);
  AddUpdate(*group, ctx);
  AddClose(*group, ctx);
}

}  // namespace corematch::cli
