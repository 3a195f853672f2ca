// clients/cli/organization_commands.cc
#include "clients/cli/organization_commands.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "clients/cli/enum_names.h"
#include "clients/cli/input.h"
#include "clients/cli/list_flags.h"
#include "clients/cli/output.h"
#include "clients/cli/table.h"
#include "corematch/organization/v1/organization.grpc.pb.h"
#include "google/protobuf/util/time_util.h"

namespace corematch::cli {
namespace {

namespace org = ::corematch::organization::v1;
using org::OrganizationService;

constexpr const char* kCollection = "organizations";

// The flags that describe an organisation, shared by create and update.
struct OrganizationFlags {
  std::string display_name;
  std::string kind;
  std::string country;
  std::string region;
  int64_t population = 0;
  std::vector<std::string> languages;
  std::string etag;
  std::string request_id;
  std::vector<CLI::Option*> field_options;  // The flag of each of kFieldPaths, in order.
};

constexpr const char* kFieldPaths[] = {"display_name", "kind",       "country",
                                       "region",       "population", "languages"};

void AddFieldFlags(CLI::App* cmd, OrganizationFlags& f, bool required) {
  f.field_options = {
      cmd->add_option("--display-name", f.display_name, "The organisation's own name"),
      cmd->add_option("--kind", f.kind, "municipality|region|agency|other")
          ->check(CLI::IsMember({"municipality", "region", "agency", "other"}, CLI::ignore_case)),
      cmd->add_option("--country", f.country, "ISO 3166-1 alpha-2 code, e.g. DK"),
      cmd->add_option("--region", f.region, "NUTS code inside the EU (e.g. DK042)"),
      cmd->add_option("--population", f.population, "Inhabitants served")
          ->check(CLI::NonNegativeNumber),
      cmd->add_option("--language", f.languages, "BCP 47 tag; repeat for several (da, en)"),
  };
  if (required) {
    for (int i = 0; i < 3; ++i) f.field_options[i]->required();
  }
}

// The organisation the flags describe, and the paths of the flags given.
org::Organization OrganizationFromFlags(const OrganizationFlags& f,
                                        std::vector<std::string>* paths) {
  org::Organization organization;
  organization.set_display_name(f.display_name);
  if (std::optional<int> kind = ParseEnumName(*org::OrganizationKind_descriptor(), f.kind)) {
    organization.set_kind(static_cast<org::OrganizationKind>(*kind));
  }
  organization.set_country(f.country);
  organization.set_region(f.region);
  organization.set_population(f.population);
  for (const std::string& language : f.languages) organization.add_languages(language);
  organization.set_etag(f.etag);
  for (size_t i = 0; i < f.field_options.size(); ++i) {
    if (f.field_options[i]->count() > 0) paths->push_back(kFieldPaths[i]);
  }
  return organization;
}

std::string TimeCell(const google::protobuf::Timestamp& time) {
  if (time.seconds() == 0 && time.nanos() == 0) return "";
  return google::protobuf::util::TimeUtil::ToString(time);
}

Table OrganizationTable(const org::ListOrganizationsResponse& response) {
  Table table({"NAME", "DISPLAY NAME", "KIND", "COUNTRY", "REGION", "POPULATION", "LANGUAGES"});
  for (const org::Organization& o : response.organizations()) {
    table.AddRow({o.name(), o.display_name(), EnumCell(o, "kind"), o.country(), o.region(),
                  o.population() > 0 ? absl::StrCat(o.population()) : "", JoinCell(o.languages())});
  }
  return table;
}

Table ApiKeyTable(const org::ListApiKeysResponse& response) {
  Table table({"NAME", "DISPLAY NAME", "CREATED", "REVOKED"});
  for (const org::ApiKey& key : response.api_keys()) {
    table.AddRow(
        {key.name(), key.display_name(), TimeCell(key.create_time()), TimeCell(key.revoke_time())});
  }
  return table;
}

std::unique_ptr<OrganizationService::Stub> Stub(CommandContext& ctx) {
  return OrganizationService::NewStub(ctx.connection().channel());
}

void AddCreate(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("create", "Create an organisation (operator key)");
  auto f = std::make_shared<OrganizationFlags>();
  AddFieldFlags(cmd, *f, /*required=*/true);
  cmd->add_option("--request-id", f->request_id, "A UUID; a retry with it creates nothing twice");
  OnRun(cmd, ctx, [&ctx, f] {
    org::CreateOrganizationRequest request;
    std::vector<std::string> paths;
    *request.mutable_organization() = OrganizationFromFlags(*f, &paths);
    request.set_request_id(f->request_id);
    org::Organization response;
    auto stub = Stub(ctx);
    return ctx.CallAndPrint(response, [&](grpc::ClientContext* c) {
      return stub->CreateOrganization(c, request, &response);
    });
  });
}

void AddGet(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("get", "Show one organisation");
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, "organizations/{id} or {id}")->required();
  OnRun(cmd, ctx, [&ctx, name] {
    org::GetOrganizationRequest request;
    request.set_name(ResourceName(kCollection, *name));
    org::Organization response;
    auto stub = Stub(ctx);
    return ctx.CallAndPrint(response, [&](grpc::ClientContext* c) {
      return stub->GetOrganization(c, request, &response);
    });
  });
}

void AddList(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("list", "List organisations");
  auto f = std::make_shared<ListFlags>();
  AddListFlags(cmd, *f, "'country = \"DK\" AND kind = MUNICIPALITY'");
  OnRun(cmd, ctx, [&ctx, f] {
    org::ListOrganizationsRequest request;
    f->ApplyTo(&request);
    auto stub = Stub(ctx);
    org::ListOrganizationsResponse response;
    grpc::Status status =
        ctx.FetchPages<org::ListOrganizationsRequest, org::ListOrganizationsResponse>(
            request, f->all, &response,
            [&](grpc::ClientContext* c, const org::ListOrganizationsRequest& r,
                org::ListOrganizationsResponse* page) {
              return stub->ListOrganizations(c, r, page);
            });
    if (!status.ok()) return ctx.RpcError(status);
    ctx.printer().List(response, OrganizationTable(response), response.next_page_token());
    return kExitOk;
  });
}

void AddUpdate(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("update", "Change the fields given as flags");
  auto name = std::make_shared<std::string>();
  auto f = std::make_shared<OrganizationFlags>();
  cmd->add_option("NAME", *name, "organizations/{id} or {id}")->required();
  AddFieldFlags(cmd, *f, /*required=*/false);
  cmd->add_option("--etag", f->etag, "Fail with ABORTED unless this is the current etag");
  OnRun(cmd, ctx, [&ctx, name, f] {
    org::UpdateOrganizationRequest request;
    std::vector<std::string> paths;
    *request.mutable_organization() = OrganizationFromFlags(*f, &paths);
    if (paths.empty()) return ctx.UsageError("nothing to update: give at least one field flag");
    request.mutable_organization()->set_name(ResourceName(kCollection, *name));
    for (const std::string& path : paths) request.mutable_update_mask()->add_paths(path);
    org::Organization response;
    auto stub = Stub(ctx);
    return ctx.CallAndPrint(response, [&](grpc::ClientContext* c) {
      return stub->UpdateOrganization(c, request, &response);
    });
  });
}

void PrintCreatedKey(CommandContext& ctx, const org::CreateApiKeyResponse& response) {
  if (ctx.printer().format() == OutputFormat::kJson) {
    ctx.printer().Resource(response);
  } else {
    PrintFields(response.api_key(), ctx.out());
    ctx.out() << "secret: " << response.secret() << "\n";
  }
  ctx.err() << "Store the secret now: it is shown this once and cannot be read again.\n";
}

void AddApiKeyCreate(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("create", "Issue an API key for an organisation");
  auto parent = std::make_shared<std::string>();
  auto display_name = std::make_shared<std::string>();
  cmd->add_option("ORG", *parent, "organizations/{id} or {id}")->required();
  cmd->add_option("--display-name", *display_name, "A label, e.g. 'portal production'");
  OnRun(cmd, ctx, [&ctx, parent, display_name] {
    org::CreateApiKeyRequest request;
    request.set_parent(ResourceName(kCollection, *parent));
    request.mutable_api_key()->set_display_name(*display_name);
    org::CreateApiKeyResponse response;
    auto stub = Stub(ctx);
    grpc::Status status =
        ctx.Call([&](grpc::ClientContext* c) { return stub->CreateApiKey(c, request, &response); });
    if (!status.ok()) return ctx.RpcError(status);
    PrintCreatedKey(ctx, response);
    return kExitOk;
  });
}

void AddApiKeyList(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("list", "List an organisation's API keys");
  auto parent = std::make_shared<std::string>();
  cmd->add_option("ORG", *parent, "organizations/{id} or {id}")->required();
  OnRun(cmd, ctx, [&ctx, parent] {
    org::ListApiKeysRequest request;
    request.set_parent(ResourceName(kCollection, *parent));
    org::ListApiKeysResponse response;
    auto stub = Stub(ctx);
    grpc::Status status =
        ctx.Call([&](grpc::ClientContext* c) { return stub->ListApiKeys(c, request, &response); });
    if (!status.ok()) return ctx.RpcError(status);
    ctx.printer().List(response, ApiKeyTable(response), "");
    return kExitOk;
  });
}

void AddApiKeyRevoke(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("revoke", "Revoke an API key");
  auto name = std::make_shared<std::string>();
  cmd->add_option("KEYNAME", *name, "organizations/{org}/apiKeys/{key}")->required();
  OnRun(cmd, ctx, [&ctx, name] {
    org::RevokeApiKeyRequest request;
    request.set_name(ResourceName(kCollection, *name));
    org::ApiKey response;
    auto stub = Stub(ctx);
    return ctx.CallAndPrint(response, [&](grpc::ClientContext* c) {
      return stub->RevokeApiKey(c, request, &response);
    });
  });
}

}  // namespace

void AddOrganizationCommands(CLI::App& app, CommandContext& ctx) {
  CLI::App* organization =
      app.add_subcommand("organization", "Organisations (OrganizationService)");
  organization->require_subcommand(1);
  AddCreate(*organization, ctx);
  AddGet(*organization, ctx);
  AddList(*organization, ctx);
  AddUpdate(*organization, ctx);

  CLI::App* apikey = app.add_subcommand("apikey", "API keys of organisations");
  apikey->require_subcommand(1);
  AddApiKeyCreate(*apikey, ctx);
  AddApiKeyList(*apikey, ctx);
  AddApiKeyRevoke(*apikey, ctx);
}

}  // namespace corematch::cli
