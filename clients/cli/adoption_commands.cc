#include "clients/cli/adoption_commands.h"

#include <memory>
#include <thread>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "clients/cli/enum_names.h"
#include "clients/cli/errors.h"
#include "clients/cli/input.h"
#include "clients/cli/output.h"
#include "clients/cli/table.h"
#include "corematch/adoption/v1/adoption.grpc.pb.h"
#include "corematch/organization/v1/organization.grpc.pb.h"
#include "corematch/publishing/v1/publishing.grpc.pb.h"

namespace corematch::cli {
namespace {

namespace ad = ::corematch::adoption::v1;
namespace org = ::corematch::organization::v1;
namespace pub = ::corematch::publishing::v1;

constexpr const char* kAdoptions = "adoptions";
constexpr const char* kNameHelp = "adoptions/{id} or {id}";
// How long `republish` waits for the adoption service to see the new
// solution on the publishing feed.
constexpr absl::Duration kRepublishWait = absl::Seconds(15);

std::unique_ptr<ad::AdoptionService::Stub> Stub(CommandContext& ctx) {
  return ad::AdoptionService::NewStub(ctx.connection().channel());
}

std::string EffectText(const ad::EvaluatedEffect& e) {
  return absl::StrFormat("%s %g → %g%s", e.metric(), e.baseline(), e.result(),
                         e.unit().empty() ? "" : absl::StrCat(" ", e.unit()));
}

int CallAndPrintAdoption(
    CommandContext& ctx,
    const std::function<grpc::Status(grpc::ClientContext*, ad::Adoption*)>& call) {
  ad::Adoption response;
  return ctx.CallAndPrint(response, [&](grpc::ClientContext* c) { return call(c, &response); });
}

void AddOpen(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("open", "Open an adoption from a CONNECTED match");
  auto match = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  auto request_id = std::make_shared<std::string>();
  auto cohort = std::make_shared<std::string>();
  cmd->add_option("MATCH", *match, "matches/{id} or {id}")->required();
  cmd->add_option("-f,--file", *file, "A first plan, as an Adoption in protobuf JSON");
  cmd->add_option("--cohort", *cohort, "Join this cohorts/{id} of the solution's owner");
  cmd->add_option("--request-id", *request_id, "A UUID; a retry with it opens nothing twice");
  OnRun(cmd, ctx, [&ctx, match, file, request_id, cohort] {
    ad::OpenAdoptionRequest request;
    if (!file->empty()) {
      absl::Status read = ReadJsonMessage(*file, ctx.in(), request.mutable_adoption());
      if (!read.ok()) return ctx.UsageError(read);
    }
    request.mutable_adoption()->set_match(ResourceName("matches", *match));
    if (!cohort->empty()) request.mutable_adoption()->set_cohort(ResourceName("cohorts", *cohort));
    request.set_request_id(*request_id);
    auto stub = Stub(ctx);
    return CallAndPrintAdoption(ctx, [&](grpc::ClientContext* c, ad::Adoption* out) {
      return stub->OpenAdoption(c, request, out);
    });
  });
}

void AddShow(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("show", "Show an adoption: plan, stage, history, effects");
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, kNameHelp)->required();
  OnRun(cmd, ctx, [&ctx, name] {
    ad::GetAdoptionRequest request;
    request.set_name(ResourceName(kAdoptions, *name));
    auto stub = Stub(ctx);
    return CallAndPrintAdoption(ctx, [&](grpc::ClientContext* c, ad::Adoption* out) {
      return stub->GetAdoption(c, request, out);
    });
  });
}

void AddList(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("list", "List the adoptions you adopt or own");
  auto filter = std::make_shared<std::string>();
  auto all = std::make_shared<bool>(false);
  cmd->add_option("--filter", *filter, "e.g. 'stage = LAUNCH' or 'solution = \"solutions/x\"'");
  cmd->add_flag("--all", *all, "Follow next_page_token to the last page");
  OnRun(cmd, ctx, [&ctx, filter, all] {
    ad::ListAdoptionsRequest request;
    request.set_filter(*filter);
    auto stub = Stub(ctx);
    ad::ListAdoptionsResponse response;
    grpc::Status status = ctx.FetchPages<ad::ListAdoptionsRequest, ad::ListAdoptionsResponse>(
        request, *all, &response,
        [&](grpc::ClientContext* c, const ad::ListAdoptionsRequest& r,
            ad::ListAdoptionsResponse* page) { return stub->ListAdoptions(c, r, page); });
    if (!status.ok()) return ctx.RpcError(status);
    Table table({"NAME", "SOLUTION", "ADOPTER", "STAGE", "REPUBLISHED AS"});
    for (const ad::Adoption& a : response.adoptions()) {
      table.AddRow({a.name(), a.solution(), a.adopter(), StageName(a.stage()), a.republished_as()});
    }
    ctx.printer().List(response, table, response.next_page_token());
    return kExitOk;
  });
}

void AddUpdate(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("update", "Change the plan from a protobuf JSON file");
  auto name = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  auto mask = std::make_shared<std::string>();
  auto etag = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, kNameHelp)->required();
  cmd->add_option("-f,--file", *file, "The plan fields, as an Adoption in protobuf JSON")
      ->required();
  cmd->add_option("--update-mask", *mask, "Comma-separated fields; default those in the file");
  cmd->add_option("--etag", *etag, "Fail with ABORTED unless this is the current etag");
  OnRun(cmd, ctx, [&ctx, name, file, mask, etag] {
    ad::UpdateAdoptionRequest request;
    absl::Status read = ReadJsonMessage(*file, ctx.in(), request.mutable_adoption());
    if (!read.ok()) return ctx.UsageError(read);
    request.mutable_adoption()->set_name(ResourceName(kAdoptions, *name));
    if (!etag->empty()) request.mutable_adoption()->set_etag(*etag);
    if (!mask->empty()) *request.mutable_update_mask() = ParseFieldMask(*mask);
    auto stub = Stub(ctx);
    return CallAndPrintAdoption(ctx, [&](grpc::ClientContext* c, ad::Adoption* out) {
      return stub->UpdateAdoption(c, request, out);
    });
  });
}

void AddAdvance(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand(
      "advance", "Move to the next stage (prepare, plan, launch, lead, evaluate, anchored)");
  auto name = std::make_shared<std::string>();
  auto stage = std::make_shared<std::string>();
  auto reason = std::make_shared<std::string>();
  auto etag = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, kNameHelp)->required();
  cmd->add_option("STAGE", *stage, "The stage to move to")->required();
  cmd->add_option("--reason", *reason, "Why; required when going back");
  cmd->add_option("--etag", *etag, "Fail with ABORTED unless this is the current etag");
  OnRun(cmd, ctx, [&ctx, name, stage, reason, etag] {
    std::optional<int> parsed = ParseEnumName(*ad::AdoptionStage_descriptor(), *stage);
    if (!parsed.has_value()) {
      return ctx.UsageError(absl::StrCat("STAGE: '", *stage,
                                         "'; choose prepare, plan, launch, lead, evaluate or "
                                         "anchored"));
    }
    ad::AdvanceAdoptionRequest request;
    request.set_name(ResourceName(kAdoptions, *name));
    request.set_stage(static_cast<ad::AdoptionStage>(*parsed));
    request.set_reason(*reason);
    request.set_etag(*etag);
    auto stub = Stub(ctx);
    return CallAndPrintAdoption(ctx, [&](grpc::ClientContext* c, ad::Adoption* out) {
      return stub->AdvanceAdoption(c, request, out);
    });
  });
}

void AddEvaluate(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("evaluate", "Record an effect you measured");
  auto name = std::make_shared<std::string>();
  auto metric = std::make_shared<std::string>();
  auto baseline = std::make_shared<double>(0);
  auto result = std::make_shared<double>(0);
  auto unit = std::make_shared<std::string>();
  auto period = std::make_shared<std::string>();
  auto source = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, kNameHelp)->required();
  cmd->add_option("--metric", *metric, "What was measured, as the solution's evidence names it")
      ->required();
  cmd->add_option("--baseline", *baseline, "The value before")->required();
  cmd->add_option("--result", *result, "The value after")->required();
  cmd->add_option("--unit", *unit, "The unit");
  cmd->add_option("--period", *period, "When, e.g. 2026-Q1")->required();
  cmd->add_option("--source", *source, "Where the figure comes from");
  OnRun(cmd, ctx, [&ctx, name, metric, baseline, result, unit, period, source] {
    ad::EvaluateAdoptionRequest request;
    request.set_name(ResourceName(kAdoptions, *name));
    ad::EvaluatedEffect& e = *request.add_effects();
    e.set_metric(*metric);
    e.set_baseline(*baseline);
    e.set_result(*result);
    e.set_unit(*unit);
    e.set_period(*period);
    e.set_source(*source);
    auto stub = Stub(ctx);
    return CallAndPrintAdoption(ctx, [&](grpc::ClientContext* c, ad::Adoption* out) {
      return stub->EvaluateAdoption(c, request, out);
    });
  });
}

int Republish(CommandContext& ctx, const std::string& name, const std::string& file) {
  auto adoptions = Stub(ctx);
  ad::GetAdoptionRequest get;
  get.set_name(ResourceName(kAdoptions, name));
  ad::Adoption adoption;
  grpc::Status status =
      ctx.Call([&](grpc::ClientContext* c) { return adoptions->GetAdoption(c, get, &adoption); });
  if (!status.ok()) return ctx.RpcError(status);
  pub::CreateSolutionRequest create;
  absl::Status read = ReadJsonMessage(file, ctx.in(), create.mutable_solution());
  if (!read.ok()) return ctx.UsageError(read);
  create.mutable_solution()->set_derived_from(adoption.solution());
  create.set_publish(true);
  auto solutions = pub::PublishingService::NewStub(ctx.connection().channel());
  pub::Solution adapted;
  status = ctx.Call(
      [&](grpc::ClientContext* c) { return solutions->CreateSolution(c, create, &adapted); });
  if (!status.ok()) return ctx.RpcError(status);
  ad::RepublishAdoptionRequest link;
  link.set_name(adoption.name());
  link.set_solution(adapted.name());
  ad::Adoption response;
  // The adoption service learns of the new solution from the publishing feed.
  const absl::Time deadline = absl::Now() + kRepublishWait;
  do {
    status = ctx.Call(
        [&](grpc::ClientContext* c) { return adoptions->RepublishAdoption(c, link, &response); });
    if (status.error_code() != grpc::StatusCode::UNAVAILABLE) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  } while (absl::Now() < deadline);
  if (!status.ok()) return ctx.RpcError(status);
  ctx.printer().Resource(response);
  return kExitOk;
}

void AddRepublish(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand(
      "republish", "Publish your adapted solution (derived_from the adopted one) and link it");
  auto name = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, kNameHelp)->required();
  cmd->add_option("-f,--file", *file, "Your adapted Solution in protobuf JSON")->required();
  OnRun(cmd, ctx, [&ctx, name, file] { return Republish(ctx, *name, *file); });
}

// Draws a spread tree line by line, organisations by display name.
class TreeDrawer final {
 public:
  explicit TreeDrawer(const OrganizationNames& names) : names_(names) {}

  std::vector<std::string> Draw(const ad::SpreadTree& tree) && {
    Node(tree.root(), "", true, true);
    return std::move(lines_);
  }

 private:
  std::string Organization(const std::string& name) const {
    auto it = names_.find(name);
    return it == names_.end() ? name : it->second;
  }

  void Adoption(const ad::SpreadAdoption& a, const std::string& prefix, bool last) {
    std::vector<std::string> parts = {
        a.adoption(), a.adopter().empty() ? "(anonymous)" : Organization(a.adopter()), a.country(),
        StageName(a.stage())};
    for (const ad::EvaluatedEffect& e : a.effects()) parts.push_back(EffectText(e));
    lines_.push_back(absl::StrCat(prefix, last ? "└── " : "├── ", absl::StrJoin(parts, "  ")));
    if (a.has_republished()) {
      Node(a.republished(), absl::StrCat(prefix, last ? "    " : "│   "), true, false);
    }
  }

  void Node(const ad::SpreadNode& node, const std::string& prefix, bool last, bool root) {
    const std::string text = absl::StrJoin(
        {node.solution(), node.title(), node.country(), Organization(node.owner())}, "  ");
    lines_.push_back(root ? text : absl::StrCat(prefix, last ? "└── " : "├── ", text));
    const std::string inner = root ? "" : absl::StrCat(prefix, last ? "    " : "│   ");
    const int children = node.adoptions_size() + node.derived_size();
    int i = 0;
    for (const ad::SpreadAdoption& a : node.adoptions()) Adoption(a, inner, ++i == children);
    for (const ad::SpreadNode& derived : node.derived()) {
      Node(derived, inner, ++i == children, false);
    }
  }

  const OrganizationNames& names_;
  std::vector<std::string> lines_;
};

void CollectOrganizations(const ad::SpreadNode& node, absl::flat_hash_set<std::string>& out) {
  out.insert(node.owner());
  for (const ad::SpreadAdoption& a : node.adoptions()) {
    if (!a.adopter().empty()) out.insert(a.adopter());
    if (a.has_republished()) CollectOrganizations(a.republished(), out);
  }
  for (const ad::SpreadNode& derived : node.derived()) CollectOrganizations(derived, out);
}

void AddTree(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("tree", "Draw a solution's spread tree: a → b → c …");
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, "solutions/{id} or {id}")->required();
  OnRun(cmd, ctx, [&ctx, name] {
    ad::GetSpreadTreeRequest request;
    request.set_solution(ResourceName("solutions", *name));
    ad::SpreadTree tree;
    auto stub = Stub(ctx);
    grpc::Status status =
        ctx.Call([&](grpc::ClientContext* c) { return stub->GetSpreadTree(c, request, &tree); });
    if (!status.ok()) return ctx.RpcError(status);
    if (ctx.printer().format() == OutputFormat::kJson) {
      ctx.printer().Resource(tree);
      return kExitOk;
    }
    for (const std::string& line : SpreadTreeLines(tree, OrganizationsOf(ctx, tree))) {
      ctx.out() << line << "\n";
    }
    return kExitOk;
  });
}

void AddValue(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand(
      "value", "How much value a solution adds: adopters, people reached, stages, effects");
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, "solutions/{id} or {id}")->required();
  OnRun(cmd, ctx, [&ctx, name] {
    ad::GetValueSummaryRequest request;
    request.set_solution(ResourceName("solutions", *name));
    ad::ValueSummary value;
    auto stub = Stub(ctx);
    grpc::Status status =
        ctx.Call([&](grpc::ClientContext* c) { return stub->GetValueSummary(c, request, &value); });
    if (!status.ok()) return ctx.RpcError(status);
    if (ctx.printer().format() == OutputFormat::kJson) {
      ctx.printer().Resource(value);
      return kExitOk;
    }
    ctx.out() << value.solution() << "\n"
              << "adopters: " << value.adopters() << "\n"
              << "people reached: " << value.population_reached() << "\n"
              << "republished: " << value.republished() << "\n";
    std::vector<std::string> stages;
    for (const ad::StageCount& s : value.stages()) {
      stages.push_back(absl::StrCat(StageName(s.stage()), " ", s.adoptions()));
    }
    ctx.out() << "adoptions by stage: " << absl::StrJoin(stages, ", ") << "\n";
    Table table({"METRIC", "UNIT", "REPORTS", "MEAN CHANGE", "ORIGINAL"});
    for (const ad::MetricSummary& m : value.effects()) {
      table.AddRow(
          {m.metric(), m.unit(), absl::StrCat(m.reports()),
           m.reports() > 0 ? absl::StrFormat("%+.0f%%", 100 * m.mean_relative_change()) : "-",
           m.in_original() ? absl::StrFormat("%+.0f%%", 100 * m.original_relative_change()) : "-"});
    }
    if (table.row_count() > 0) table.Print(ctx.out());
    return kExitOk;
  });
}

void AddCohortCreate(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("create", "Start a cohort that takes up your solution");
  auto solution = std::make_shared<std::string>();
  auto display_name = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  cmd->add_option("SOLUTION", *solution, "solutions/{id} or {id}: your solution")->required();
  cmd->add_option("--display-name", *display_name, "What the cohort is called");
  cmd->add_option("-f,--file", *file, "Workshops and milestones, as a Cohort in protobuf JSON");
  OnRun(cmd, ctx, [&ctx, solution, display_name, file] {
    ad::CreateCohortRequest request;
    if (!file->empty()) {
      absl::Status read = ReadJsonMessage(*file, ctx.in(), request.mutable_cohort());
      if (!read.ok()) return ctx.UsageError(read);
    }
    request.mutable_cohort()->set_solution(ResourceName("solutions", *solution));
    if (!display_name->empty()) request.mutable_cohort()->set_display_name(*display_name);
    ad::Cohort response;
    auto stub = Stub(ctx);
    return ctx.CallAndPrint(response, [&](grpc::ClientContext* c) {
      return stub->CreateCohort(c, request, &response);
    });
  });
}

void AddCohortShow(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("show", "Show a cohort: workshops, milestones, adoptions");
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, "cohorts/{id} or {id}")->required();
  OnRun(cmd, ctx, [&ctx, name] {
    ad::GetCohortRequest request;
    request.set_name(ResourceName("cohorts", *name));
    ad::Cohort response;
    auto stub = Stub(ctx);
    return ctx.CallAndPrint(
        response, [&](grpc::ClientContext* c) { return stub->GetCohort(c, request, &response); });
  });
}

void AddCohortList(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("list", "List cohorts");
  auto solution = std::make_shared<std::string>();
  auto all = std::make_shared<bool>(false);
  cmd->add_option("--solution", *solution, "Only the cohorts of this solution");
  cmd->add_flag("--all", *all, "Follow next_page_token to the last page");
  OnRun(cmd, ctx, [&ctx, solution, all] {
    ad::ListCohortsRequest request;
    if (!solution->empty()) {
      request.set_filter(absl::StrCat("solution = \"", ResourceName("solutions", *solution), "\""));
    }
    auto stub = Stub(ctx);
    ad::ListCohortsResponse response;
    grpc::Status status = ctx.FetchPages<ad::ListCohortsRequest, ad::ListCohortsResponse>(
        request, *all, &response,
        [&](grpc::ClientContext* c, const ad::ListCohortsRequest& r,
            ad::ListCohortsResponse* page) { return stub->ListCohorts(c, r, page); });
    if (!status.ok()) return ctx.RpcError(status);
    Table table({"NAME", "SOLUTION", "DISPLAY NAME", "ADOPTIONS", "WORKSHOPS", "MILESTONES"});
    for (const ad::Cohort& c : response.cohorts()) {
      table.AddRow({c.name(), c.solution(), c.display_name(), absl::StrCat(c.adoptions_size()),
                    absl::StrCat(c.workshops_size()), absl::StrCat(c.milestones_size())});
    }
    ctx.printer().List(response, table, response.next_page_token());
    return kExitOk;
  });
}

void AddCohortUpdate(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("update", "Change a cohort's workshops and milestones");
  auto name = std::make_shared<std::string>();
  auto file = std::make_shared<std::string>();
  auto mask = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, "cohorts/{id} or {id}")->required();
  cmd->add_option("-f,--file", *file, "The fields, as a Cohort in protobuf JSON")->required();
  cmd->add_option("--update-mask", *mask, "Comma-separated fields; default those in the file");
  OnRun(cmd, ctx, [&ctx, name, file, mask] {
    ad::UpdateCohortRequest request;
    absl::Status read = ReadJsonMessage(*file, ctx.in(), request.mutable_cohort());
    if (!read.ok()) return ctx.UsageError(read);
    request.mutable_cohort()->set_name(ResourceName("cohorts", *name));
    if (!mask->empty()) *request.mutable_update_mask() = ParseFieldMask(*mask);
    ad::Cohort response;
    auto stub = Stub(ctx);
    return ctx.CallAndPrint(response, [&](grpc::ClientContext* c) {
      return stub->UpdateCohort(c, request, &response);
    });
  });
}

}  // namespace

void AddCohortCommands(CLI::App& app, CommandContext& ctx) {
  CLI::App* group = app.add_subcommand(
      "cohort", "Cohorts: adopters taking up one solution together, run by its owner");
  group->require_subcommand(1);
  AddCohortCreate(*group, ctx);
  AddCohortShow(*group, ctx);
  AddCohortList(*group, ctx);
  AddCohortUpdate(*group, ctx);
}

std::string StageName(ad::AdoptionStage stage) {
  const auto* value = ad::AdoptionStage_descriptor()->FindValueByNumber(stage);
  return value == nullptr ? absl::StrCat(stage) : EnumShortName(*value);
}

std::vector<std::string> SpreadTreeLines(const ad::SpreadTree& tree,
                                         const OrganizationNames& names) {
  return TreeDrawer(names).Draw(tree);
}

std::vector<std::string> AdoptionEvidenceLines(const ad::ValueSummary& value) {
  std::vector<std::string> lines;
  for (const ad::MetricSummary& m : value.effects()) {
    if (m.reports() == 0) continue;
    std::string line = absl::StrFormat(
        "%s (%s): %d adoption%s report%s it, mean %+.0f%%", m.metric(), m.unit(), m.reports(),
        m.reports() == 1 ? "" : "s", m.reports() == 1 ? "s" : "", 100 * m.mean_relative_change());
    if (m.in_original()) {
      absl::StrAppend(&line,
                      absl::StrFormat(" (original %+.0f%%)", 100 * m.original_relative_change()));
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

OrganizationNames OrganizationsOf(CommandContext& ctx, const ad::SpreadTree& tree) {
  absl::flat_hash_set<std::string> wanted;
  CollectOrganizations(tree.root(), wanted);
  auto stub = org::OrganizationService::NewStub(ctx.connection().channel());
  OrganizationNames names;
  for (const std::string& name : wanted) {
    org::GetOrganizationRequest request;
    request.set_name(name);
    org::Organization found;
    grpc::Status status =
        ctx.Call([&](grpc::ClientContext* c) { return stub->GetOrganization(c, request, &found); });
    if (status.ok()) names[name] = found.display_name();
  }
  return names;
}

void AddAdoptionCommands(CLI::App& app, CommandContext& ctx) {
  CLI::App* group = app.add_subcommand(
      "adoption", "Adoptions: from a connected match to an anchored solution (AdoptionService)");
  group->require_subcommand(1);
  AddOpen(*group, ctx);
  AddShow(*group, ctx);
  AddList(*group, ctx);
  AddUpdate(*group, ctx);
  AddAdvance(*group, ctx);
  AddEvaluate(*group, ctx);
  AddRepublish(*group, ctx);
}

void AddSpreadCommands(CLI::App& solution_group, CommandContext& ctx) {
  AddTree(solution_group, ctx);
  AddValue(solution_group, ctx);
}

}  // namespace corematch::cli
