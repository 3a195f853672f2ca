// clients/cli/load_commands.cc
#include "clients/cli/load_commands.h"

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "clients/cli/adoption_commands.h"
#include "clients/cli/demo_loader.h"
#include "clients/cli/demo_rows.h"
#include "clients/cli/example_player.h"
#include "clients/cli/output.h"
#include "clients/cli/table.h"
#include "clients/cli/worked_example.h"
#include "corematch/adoption/v1/adoption.grpc.pb.h"
#include "corematch/publishing/v1/publishing.grpc.pb.h"
#include "google/protobuf/struct.pb.h"

namespace corematch::cli {
namespace {

namespace pub = ::corematch::publishing::v1;

constexpr const char* kDemoFile = "data/demo/solutions_demo.jsonl";
constexpr size_t kProgressEvery = 250;

struct LoadFlags {
  std::string file;
  int parallelism = 8;
  bool dry_run = false;
};

void AddLoadFlags(CLI::App* cmd, LoadFlags& f) {
  cmd->add_option("--parallel", f.parallelism, "Calls in flight at once")->check(CLI::Range(1, 64));
  cmd->add_flag("--dry-run", f.dry_run,
                "Print each CreateSolutionRequest as a JSON line instead of sending it");
}

// Prints the requests a load would send, one JSON object a line.
void PrintDryRun(CommandContext& ctx, const std::vector<DemoRow>& rows) {
  for (const DemoRow& row : rows) {
    pub::CreateSolutionRequest request;
    *request.mutable_solution() = SolutionFromDemoRow(row);
    request.set_request_id(DemoRequestId(row.id));
    request.set_publish(true);
    ctx.out() << ToCompactJson(request) << "\n";
  }
}

google::protobuf::Struct ReportStruct(const std::string& file, const LoadReport& report) {
  google::protobuf::Struct result;
  auto& fields = *result.mutable_fields();
  fields["file"].set_string_value(file);
  fields["total"].set_number_value(static_cast<double>(report.total));
  fields["ok"].set_number_value(static_cast<double>(report.ok));
  fields["alreadyPresent"].set_number_value(static_cast<double>(report.already_present));
  fields["failed"].set_number_value(static_cast<double>(report.failed));
  fields["seconds"].set_number_value(absl::ToDoubleSeconds(report.elapsed));
  auto* errors = fields["firstErrors"].mutable_list_value();
  for (const std::string& error : report.first_errors)
    errors->add_values()->set_string_value(error);
  return result;
}

void PrintReport(CommandContext& ctx, const std::string& file, const LoadReport& report) {
  if (ctx.printer().format() == OutputFormat::kJson) {
    ctx.printer().Resource(ReportStruct(file, report));
    return;
  }
  ctx.out() << "loaded " << report.total << " rows from " << file << " in "
            << absl::FormatDuration(absl::Trunc(report.elapsed, absl::Milliseconds(1))) << ": "
            << report.ok << " ok (created, or already created by an earlier load), ";
  if (report.already_present > 0) ctx.out() << report.already_present << " already present, ";
  ctx.out() << report.failed << " failed\n";
  if (report.first_errors.empty()) return;
  ctx.out() << "first errors:\n";
  for (const std::string& error : report.first_errors) ctx.out() << "  " << error << "\n";
}

// The rows of f.file ("-" = standard input).
absl::StatusOr<std::vector<DemoRow>> ReadRows(CommandContext& ctx, const LoadFlags& f) {
  if (f.file == "-") return ReadDemoRows(ctx.in(), "stdin");
  std::ifstream in(f.file);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read ", f.file));
  return ReadDemoRows(in, f.file);
}

int Load(CommandContext& ctx, const LoadFlags& f) {
  absl::StatusOr<std::vector<DemoRow>> rows = ReadRows(ctx, f);
  if (!rows.ok()) return ctx.UsageError(rows.status());
  if (f.dry_run) {
    PrintDryRun(ctx, *rows);
    return kExitOk;
  }
  auto stub = pub::PublishingService::NewStub(ctx.connection().channel());
  LoadOptions options;
  options.parallelism = f.parallelism;
  options.on_progress = [&ctx](size_t done, size_t total) {
    if (done % kProgressEvery == 0 && done < total)
      ctx.err() << "  " << done << "/" << total << "\n";
  };
  LoadReport report = LoadDemoRows(*stub, ctx.connection(), *rows, options);
  PrintReport(ctx, f.file, report);
  return report.failed == 0 ? kExitOk : kExitServer;
}

void AddDemo(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("demo", "Load the demo corpus of 1,081 real solutions");
  auto f = std::make_shared<LoadFlags>();
  cmd->add_option("--file", f->file,
                  absl::StrCat("Default: ", kDemoFile, " here or in the source tree"));
  AddLoadFlags(cmd, *f);
  OnRun(cmd, ctx, [&ctx, f] {
    LoadFlags flags = *f;
    if (flags.file.empty()) flags.file = DataFile(kDemoFile);
    return Load(ctx, flags);
  });
}

void AddSolutions(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("solutions", "Load a JSON-lines catalogue of solutions");
  auto f = std::make_shared<LoadFlags>();
  cmd->add_option("-f,--file", f->file,
                  "One JSON object a line, shaped like the demo corpus; - reads stdin")
      ->required();
  AddLoadFlags(cmd, *f);
  OnRun(cmd, ctx, [&ctx, f] { return Load(ctx, *f); });
}

google::protobuf::Struct OutcomeStruct(const ExampleOutcome& outcome) {
  google::protobuf::Struct result;
  auto& fields = *result.mutable_fields();
  fields["origin"].set_string_value(outcome.origin);
  fields["cohort"].set_string_value(outcome.cohort);
  auto* adoptions = fields["adoptions"].mutable_list_value();
  for (const ExampleOutcome::Adoption& a : outcome.adoptions) {
    auto& entry = *adoptions->add_values()->mutable_struct_value()->mutable_fields();
    entry["adopter"].set_string_value(a.adopter);
    entry["name"].set_string_value(a.name);
    entry["solution"].set_string_value(a.solution);
    entry["stage"].set_string_value(adoption::v1::AdoptionStage_Name(a.stage));
    entry["republishedAs"].set_string_value(a.republished_as);
  }
  return result;
}

// The outcome as tables, then the spread tree it grew.
void PrintOutcome(CommandContext& ctx, const ExampleOutcome& outcome) {
  ctx.out() << "origin: " << outcome.origin << "\n";
  if (!outcome.cohort.empty()) ctx.out() << "cohort: " << outcome.cohort << "\n";
  Table table({"ADOPTER", "ADOPTION", "ADOPTS", "STAGE", "REPUBLISHED AS"});
  for (const ExampleOutcome::Adoption& a : outcome.adoptions) {
    table.AddRow({a.adopter, a.name, a.solution, StageName(a.stage),
                  a.republished_as.empty() ? "-" : a.republished_as});
  }
  table.Print(ctx.out());
  auto stub = adoption::v1::AdoptionService::NewStub(ctx.connection().channel());
  adoption::v1::GetSpreadTreeRequest request;
  request.set_solution(outcome.origin);
  adoption::v1::SpreadTree tree;
  grpc::Status status =
      ctx.Call([&](grpc::ClientContext* c) { return stub->GetSpreadTree(c, request, &tree); });
  if (status.ok()) {
    ctx.out() << "\nspread tree (corematch solution tree " << outcome.origin << "):\n";
    for (const std::string& line : SpreadTreeLines(tree, OrganizationsOf(ctx, tree))) {
      ctx.out() << line << "\n";
    }
  }
  ctx.out() << "\nvalue added: corematch solution value " << outcome.origin << "\n";
}

int PlayExample(CommandContext& ctx, const std::string& file, double wait_seconds) {
  absl::StatusOr<demo::v1::WorkedExample> example = ReadWorkedExample(file, ctx.in());
  if (!example.ok()) return ctx.UsageError(example.status());
  ctx.err() << example->title() << "\n(" << example->source() << ")\n";
  PlayOptions options;
  options.feed_wait = absl::Seconds(wait_seconds);
  options.on_step = [&ctx](absl::string_view step) { ctx.err() << "  " << step << "\n"; };
  absl::StatusOr<ExampleOutcome> outcome =
      PlayWorkedExample(*example, ctx.connection().options(), options);
  if (!outcome.ok()) {
    ctx.err() << "error: " << outcome.status().message() << "\n";
    return kExitServer;
  }
  if (ctx.printer().format() == OutputFormat::kJson) {
    ctx.printer().Resource(OutcomeStruct(*outcome));
  } else {
    PrintOutcome(ctx, *outcome);
  }
  return kExitOk;
}

void AddExample(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand(
      "example",
      "Play the worked example: Jobb Först spreading from Angered through the Spridningslabbet "
      "(needs an operator key and the whole server)");
  auto file = std::make_shared<std::string>();
  auto wait = std::make_shared<double>(60);
  cmd->add_option(
      "--file", *file,
      absl::StrCat("A worked example in protobuf JSON (corematch.demo.v1.WorkedExample)."
                   " Default: ",
                   kWorkedExampleFile, " here or in the source tree"));
  cmd->add_option("--wait", *wait, "Seconds to wait for a change to reach another service")
      ->check(CLI::Range(1.0, 3600.0));
  OnRun(cmd, ctx, [&ctx, file, wait] {
    return PlayExample(ctx, file->empty() ? DataFile(kWorkedExampleFile) : *file, *wait);
  });
}

}  // namespace

std::string DataFile(absl::string_view relative) {
  std::error_code error;
  const std::string here(relative);
  if (std::filesystem::is_regular_file(here, error)) return here;
#ifdef COREMATCH_SOURCE_DIR
  std::string in_source_tree = absl::StrCat(COREMATCH_SOURCE_DIR, "/", relative);
  if (std::filesystem::is_regular_file(in_source_tree, error)) return in_source_tree;
#endif
  return here;
}

void AddLoadCommands(CLI::App& app, CommandContext& ctx) {
  CLI::App* group = app.add_subcommand("load", "Bulk-load solutions, or play the worked example");
  group->require_subcommand(1);
  AddDemo(*group, ctx);
  AddSolutions(*group, ctx);
  AddExample(*group, ctx);
}

}  // namespace corematch::cli
