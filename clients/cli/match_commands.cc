// clients/cli/match_commands.cc
#include "clients/cli/match_commands.h"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "clients/cli/enum_names.h"
#include "clients/cli/input.h"
#include "clients/cli/output.h"
#include "clients/cli/sector_names.h"
#include "clients/cli/text.h"
#include "corematch/matching/v1/matching.grpc.pb.h"
#include "google/protobuf/util/json_util.h"

namespace corematch::cli {
namespace {

namespace mt = ::corematch::matching::v1;
using mt::MatchingService;

constexpr const char* kMatches = "matches";
constexpr const char* kSolutions = "solutions";
constexpr const char* kRequests = "adoptionRequests";
constexpr const char* kIndent = "    ";
constexpr int kMaxTopK = 100;

std::unique_ptr<MatchingService::Stub> Stub(CommandContext& ctx) {
  return MatchingService::NewStub(ctx.connection().channel());
}

// A sector as given: a COFOG code ("10.5") passes through, a name becomes its code.
std::string SectorCode(const std::string& sector) {
  std::optional<std::string> code = CofogCodeForSectorName(sector);
  return code ? *code : sector;
}

std::string Score(double score) { return absl::StrFormat("%.3f", score); }

// `label: first` and the other items below `first`, aligned with it.
void AppendBlock(absl::string_view label, const std::vector<std::string>& items,
                 std::vector<std::string>* lines) {
  if (items.empty()) return;
  std::string prefix = absl::StrCat(label, ": ");
  std::string padding(CodePointCount(prefix), ' ');
  for (size_t i = 0; i < items.size(); ++i) {
    lines->push_back(absl::StrCat(i == 0 ? prefix : padding, items[i]));
  }
}

std::vector<std::string> TermLines(const mt::Explanation& explanation) {
  std::vector<const mt::TermMatch*> terms;
  for (const mt::TermMatch& term : explanation.term_matches()) terms.push_back(&term);
  std::stable_sort(terms.begin(), terms.end(), [](const mt::TermMatch* a, const mt::TermMatch* b) {
    return a->contribution() > b->contribution();
  });
  std::vector<std::string> lines;
  for (size_t i = 0; i < terms.size() && i < static_cast<size_t>(kShownTermMatches); ++i) {
    lines.push_back(TermMatchText(*terms[i]));
  }
  if (terms.size() > static_cast<size_t>(kShownTermMatches)) {
    lines.push_back(absl::StrCat("\xE2\x80\xA6 and ", terms.size() - kShownTermMatches, " more"));
  }
  return lines;
}

std::vector<std::string> ContextLines(const mt::Explanation& explanation) {
  size_t width = 0;
  for (const mt::ContextFactor& factor : explanation.context_factors()) {
    width = std::max(width, CodePointCount(factor.name()));
  }
  std::vector<std::string> lines;
  for (const mt::ContextFactor& factor : explanation.context_factors()) {
    std::string name = factor.name();
    name.append(width - CodePointCount(name), ' ');
    std::string line = absl::StrFormat("%s  %.3f \xC3\x97 %.3f = %+.3f", name, factor.value(),
                                       factor.weight(), factor.contribution());
    if (!factor.note().empty()) absl::StrAppend(&line, "  ", CollapseWhitespace(factor.note()));
    lines.push_back(std::move(line));
  }
  return lines;
}

std::vector<std::string> Collapsed(const google::protobuf::RepeatedPtrField<std::string>& items) {
  std::vector<std::string> result;
  for (const std::string& item : items) result.push_back(CollapseWhitespace(item));
  return result;
}

// Prints `table` with the lines of blocks[i] indented below its row i.
void PrintWithBlocks(const Table& table, const std::vector<std::vector<std::string>>& blocks,
                     std::ostream& out) {
  std::ostringstream rendered;
  table.Print(rendered);
  std::vector<std::string> lines = absl::StrSplit(rendered.str(), '\n');
  out << lines[0] << "\n";
  for (size_t i = 0; i < blocks.size() && i + 1 < lines.size(); ++i) {
    out << lines[i + 1] << "\n";
    for (const std::string& line : blocks[i]) out << kIndent << line << "\n";
  }
}

// The explanation block of a ranked result: its persisted match, then the
// explanation.
std::vector<std::string> ResultBlock(const mt::Explanation& explanation, const std::string& match) {
  std::vector<std::string> lines;
  if (!match.empty()) lines.push_back(absl::StrCat("match: ", match));
  std::vector<std::string> explained = ExplanationLines(explanation);
  lines.insert(lines.end(), explained.begin(), explained.end());
  return lines;
}

// Prints IndexStatus with its zero counts, which the JSON mapping and
// PrintFields would leave out.
void PrintIndexStatus(CommandContext& ctx, const mt::IndexStatus& status) {
  if (ctx.printer().format() == OutputFormat::kTable) {
    ctx.out() << "solutions_indexed: " << status.solutions_indexed() << "\n"
              << "adoption_requests_indexed: " << status.adoption_requests_indexed() << "\n"
              << "publishing_sequence: " << status.publishing_sequence() << "\n"
              << "adoption_sequence: " << status.adoption_sequence() << "\n"
              << "matches: " << status.matches() << "\n";
    return;
  }
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.always_print_primitive_fields = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(status, &json, options).ok()) json = "{}";
  while (!json.empty() && absl::ascii_isspace(static_cast<unsigned char>(json.back()))) {
    json.pop_back();
  }
  ctx.out() << json << "\n";
}

// --- Flags -----------------------------------------------------------------------------

struct FilterFlags {
  std::vector<std::string> languages;
  std::vector<std::string> countries;
  std::vector<std::string> sectors;
  std::string min_maturity;

  void ApplyTo(mt::SolutionFilter* filter) const {
    for (const std::string& language : languages) filter->add_languages(language);
    for (const std::string& country : countries) {
      filter->add_countries(absl::AsciiStrToUpper(country));
    }
    for (const std::string& sector : sectors) filter->add_sectors(SectorCode(sector));
    filter->set_min_maturity(absl::AsciiStrToUpper(min_maturity));
  }
};

CLI::Option* AddTopK(CLI::App* cmd, int& top_k) {
  return cmd->add_option("--top-k", top_k, "How many, 1-100 (server default 20)")
      ->check(CLI::Range(1, kMaxTopK));
}

CLI::Option* AddMinMaturity(CLI::App* cmd, std::string& min_maturity) {
  return cmd
      ->add_option("--min-maturity", min_maturity,
                   "Only solutions at least this mature: idea|pilot|proven|scaled")
      ->check(CLI::IsMember({"idea", "pilot", "proven", "scaled"}, CLI::ignore_case));
}

// --- Commands ----------------------------------------------------------------------------

struct MatchRequestFlags {
  std::string name;
  int top_k = 0;
  FilterFlags filter;
};

void AddRequest(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd =
      group.add_subcommand("request", "Rank the solutions for a stored adoption request");
  auto f = std::make_shared<MatchRequestFlags>();
  cmd->add_option("ADOPTION_REQUEST", f->name, "adoptionRequests/{id} or {id}")->required();
  AddTopK(cmd, f->top_k);
  cmd->add_option("--language", f->filter.languages,
                  "Only solutions in this language (BCP 47); repeatable; default the request's "
                  "accepted languages");
  cmd->add_option("--country", f->filter.countries,
                  "Only solutions from this country (ISO 3166-1 alpha-2); repeatable");
  cmd->add_option("--sector", f->filter.sectors,
                  "Only solutions of this sector (COFOG code or name); repeatable");
  AddMinMaturity(cmd, f->filter.min_maturity);
  OnRun(cmd, ctx, [&ctx, f] {
    mt::MatchAdoptionRequestRequest request;
    request.set_adoption_request(ResourceName(kRequests, f->name));
    request.set_top_k(f->top_k);
    f->filter.ApplyTo(request.mutable_filter());
    mt::MatchAdoptionRequestResponse response;
    auto stub = Stub(ctx);
    grpc::Status status = ctx.Call(
        [&](grpc::ClientContext* c) { return stub->MatchAdoptionRequest(c, request, &response); });
    if (!status.ok()) return ctx.RpcError(status);
    if (ctx.printer().format() == OutputFormat::kJson) {
      ctx.printer().Resource(response);
    } else {
      PrintRankedSolutions(response.solutions(), ctx.out());
    }
    return kExitOk;
  });
}

struct TextFlags {
  std::string text;
  std::string language;
  std::string country;
  std::vector<std::string> sectors;
  int64_t population = 0;
  int top_k = 0;
  std::string min_maturity;
};

void AddText(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("text", "Rank the solutions for a need given as text");
  auto f = std::make_shared<TextFlags>();
  cmd->add_option("TEXT", f->text, "The need in your own words; - reads stdin")->required();
  cmd->add_option("--language", f->language, "BCP 47 tag of the text; default: guessed");
  cmd->add_option("--country", f->country, "Your country (ISO 3166-1 alpha-2)");
  cmd->add_option("--sector", f->sectors, "COFOG code or name; repeatable");
  cmd->add_option("--population", f->population, "Inhabitants served")
      ->check(CLI::NonNegativeNumber);
  AddTopK(cmd, f->top_k);
  AddMinMaturity(cmd, f->min_maturity);
  OnRun(cmd, ctx, [&ctx, f] {
    mt::MatchTextRequest request;
    if (f->text == "-") {
      absl::StatusOr<std::string> text = ReadInput("-", ctx.in());
      if (!text.ok()) return ctx.UsageError(text.status());
      request.set_text(std::string(absl::StripAsciiWhitespace(*text)));
    } else {
      request.set_text(f->text);
    }
    if (request.text().empty()) return ctx.UsageError("TEXT is empty");
    request.set_language(f->language);
    request.set_country(absl::AsciiStrToUpper(f->country));
    for (const std::string& sector : f->sectors) request.add_sectors(SectorCode(sector));
    request.set_population(f->population);
    request.set_top_k(f->top_k);
    if (!f->min_maturity.empty()) {
      request.mutable_filter()->set_min_maturity(absl::AsciiStrToUpper(f->min_maturity));
    }
    mt::MatchTextResponse response;
    auto stub = Stub(ctx);
    grpc::Status status =
        ctx.Call([&](grpc::ClientContext* c) { return stub->MatchText(c, request, &response); });
    if (!status.ok()) return ctx.RpcError(status);
    if (ctx.printer().format() == OutputFormat::kJson) {
      ctx.printer().Resource(response);
    } else {
      if (!response.language().empty()) ctx.out() << "language: " << response.language() << "\n";
      PrintRankedSolutions(response.solutions(), ctx.out());
    }
    return kExitOk;
  });
}

struct AdoptersFlags {
  std::string name;
  int top_k = 0;
};

void AddAdopters(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd =
      group.add_subcommand("adopters", "Rank the open adoption requests a solution fits");
  auto f = std::make_shared<AdoptersFlags>();
  cmd->add_option("SOLUTION", f->name, "solutions/{id} or {id}")->required();
  AddTopK(cmd, f->top_k);
  OnRun(cmd, ctx, [&ctx, f] {
    mt::FindAdoptersRequest request;
    request.set_solution(ResourceName(kSolutions, f->name));
    request.set_top_k(f->top_k);
    mt::FindAdoptersResponse response;
    auto stub = Stub(ctx);
    grpc::Status status =
        ctx.Call([&](grpc::ClientContext* c) { return stub->FindAdopters(c, request, &response); });
    if (!status.ok()) return ctx.RpcError(status);
    if (ctx.printer().format() == OutputFormat::kJson) {
      ctx.printer().Resource(response);
    } else {
      PrintRankedAdoptionRequests(response.adoption_requests(), ctx.out());
    }
    return kExitOk;
  });
}

struct MatchListFlags {
  std::string parent;
  std::string filter;
  int page_size = 0;
  std::string page_token;
  bool all = false;
};

void AddList(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd =
      group.add_subcommand("list", "List the persisted matches of a request or a solution");
  auto f = std::make_shared<MatchListFlags>();
  cmd->add_option("PARENT", f->parent, "adoptionRequests/{id} or solutions/{id}")->required();
  cmd->add_option("--filter", f->filter, "AIP-160 filter on state, e.g. 'state = CONNECTED'");
  cmd->add_option("--page-size", f->page_size, "At most this many per page (server default 50)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--page-token", f->page_token, "From a previous list's next_page_token");
  cmd->add_flag("--all", f->all, "Follow next_page_token to the last page");
  OnRun(cmd, ctx, [&ctx, f] {
    if (!absl::StartsWith(f->parent, absl::StrCat(kRequests, "/")) &&
        !absl::StartsWith(f->parent, absl::StrCat(kSolutions, "/"))) {
      return ctx.UsageError(
          absl::StrCat("PARENT must be adoptionRequests/{id} or solutions/{id}, "
                       "not \"",
                       f->parent, "\""));
    }
    mt::ListMatchesRequest request;
    request.set_parent(f->parent);
    request.set_filter(f->filter);
    request.set_page_size(f->page_size);
    request.set_page_token(f->page_token);
    auto stub = Stub(ctx);
    mt::ListMatchesResponse response;
    grpc::Status status = ctx.FetchPages<mt::ListMatchesRequest, mt::ListMatchesResponse>(
        request, f->all, &response,
        [&](grpc::ClientContext* c, const mt::ListMatchesRequest& r,
            mt::ListMatchesResponse* page) { return stub->ListMatches(c, r, page); });
    if (!status.ok()) return ctx.RpcError(status);
    ctx.printer().List(response, MatchTable(response), response.next_page_token());
    return kExitOk;
  });
}

// Prints a match in the --output format.
int PrintMatchResult(CommandContext& ctx, const mt::Match& match) {
  if (ctx.printer().format() == OutputFormat::kJson) {
    ctx.printer().Resource(match);
  } else {
    PrintMatch(match, ctx.out());
  }
  return kExitOk;
}

void AddGet(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("get", "Show one match with its explanation and history");
  auto name = std::make_shared<std::string>();
  cmd->add_option("NAME", *name, "matches/{id} or {id}")->required();
  OnRun(cmd, ctx, [&ctx, name] {
    mt::GetMatchRequest request;
    request.set_name(ResourceName(kMatches, *name));
    mt::Match response;
    auto stub = Stub(ctx);
    grpc::Status status =
        ctx.Call([&](grpc::ClientContext* c) { return stub->GetMatch(c, request, &response); });
    if (!status.ok()) return ctx.RpcError(status);
    return PrintMatchResult(ctx, response);
  });
}

struct StanceFlags {
  std::string name;
  std::string text;  // --note or --reason
  std::string etag;
  std::string request_id;
};

void AddStanceFlags(CLI::App* cmd, StanceFlags& f) {
  cmd->add_option("NAME", f.name, "matches/{id} or {id}")->required();
  cmd->add_option("--etag", f.etag, "Fail with ABORTED unless this is the current etag");
  cmd->add_option("--request-id", f.request_id, "A UUID; a retry with it changes nothing twice");
}

void AddInterest(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand(
      "interest", "Say your side (adopter or owner) is interested; both are: CONNECTED");
  auto f = std::make_shared<StanceFlags>();
  AddStanceFlags(cmd, *f);
  cmd->add_option("--note", f->text, "A note to the other side");
  OnRun(cmd, ctx, [&ctx, f] {
    mt::ExpressInterestRequest request;
    request.set_name(ResourceName(kMatches, f->name));
    request.set_note(f->text);
    request.set_etag(f->etag);
    request.set_request_id(f->request_id);
    mt::Match response;
    auto stub = Stub(ctx);
    grpc::Status status = ctx.Call(
        [&](grpc::ClientContext* c) { return stub->ExpressInterest(c, request, &response); });
    if (!status.ok()) return ctx.RpcError(status);
    return PrintMatchResult(ctx, response);
  });
}

void AddDecline(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd = group.add_subcommand("decline", "Decline a match for your side");
  auto f = std::make_shared<StanceFlags>();
  AddStanceFlags(cmd, *f);
  cmd->add_option("--reason", f->text, "Why");
  OnRun(cmd, ctx, [&ctx, f] {
    mt::DeclineMatchRequest request;
    request.set_name(ResourceName(kMatches, f->name));
    request.set_reason(f->text);
    request.set_etag(f->etag);
    request.set_request_id(f->request_id);
    mt::Match response;
    auto stub = Stub(ctx);
    grpc::Status status =
        ctx.Call([&](grpc::ClientContext* c) { return stub->DeclineMatch(c, request, &response); });
    if (!status.ok()) return ctx.RpcError(status);
    return PrintMatchResult(ctx, response);
  });
}

void AddStatus(CLI::App& group, CommandContext& ctx) {
  CLI::App* cmd =
      group.add_subcommand("status", "How far matching has caught up with the feeds (operator)");
  OnRun(cmd, ctx, [&ctx] {
    mt::IndexStatus response;
    auto stub = Stub(ctx);
    grpc::Status status = ctx.Call([&](grpc::ClientContext* c) {
      return stub->GetIndexStatus(c, mt::GetIndexStatusRequest(), &response);
    });
    if (!status.ok()) return ctx.RpcError(status);
    PrintIndexStatus(ctx, response);
    return kExitOk;
  });
}

}  // namespace

std::string TermMatchText(const mt::TermMatch& term) {
  std::string text = term.query_term();
  if (!term.matched_term().empty() && term.matched_term() != term.query_term()) {
    absl::StrAppend(&text, " \xE2\x86\x92 ", term.matched_term());  // →
  }
  if (term.fields_size() > 0) absl::StrAppend(&text, " (", absl::StrJoin(term.fields(), ", "), ")");
  const google::protobuf::EnumValueDescriptor* kind =
      mt::TermMatchKind_descriptor()->FindValueByNumber(static_cast<int>(term.kind()));
  if (kind != nullptr && kind->number() != 0) {
    absl::StrAppend(&text, " ", absl::AsciiStrToLower(EnumShortName(*kind)));
  }
  absl::StrAppend(&text, absl::StrFormat(" %+.2f", term.contribution()));
  return text;
}

std::vector<std::string> ExplanationLines(const mt::Explanation& explanation) {
  std::vector<std::string> lines;
  if (!explanation.summary().empty()) lines.push_back(CollapseWhitespace(explanation.summary()));
  if (explanation.text_weight() != 0 || explanation.text_score() != 0) {
    lines.push_back(absl::StrFormat("text: %.3f \xC3\x97 %.3f = %+.3f", explanation.text_score(),
                                    explanation.text_weight(),
                                    explanation.text_score() * explanation.text_weight()));
  }
  AppendBlock("terms", TermLines(explanation), &lines);
  AppendBlock("context", ContextLines(explanation), &lines);
  AppendBlock("core elements met", Collapsed(explanation.matched_core_elements()), &lines);
  AppendBlock("preconditions to check", Collapsed(explanation.preconditions_to_check()), &lines);
  return lines;
}

void PrintRankedSolutions(const google::protobuf::RepeatedPtrField<mt::ScoredSolution>& solutions,
                          std::ostream& out) {
  Table table({"RANK", "SCORE", "SOLUTION", "TITLE", "LANGUAGE"});
  std::vector<std::vector<std::string>> blocks;
  int rank = 0;
  for (const mt::ScoredSolution& s : solutions) {
    table.AddRow({absl::StrCat(++rank), Score(s.score()), s.solution(), s.title(), s.language()});
    blocks.push_back(ResultBlock(s.explanation(), s.match()));
  }
  PrintWithBlocks(table, blocks, out);
}

void PrintRankedAdoptionRequests(
    const google::protobuf::RepeatedPtrField<mt::ScoredAdoptionRequest>& requests,
    std::ostream& out) {
  Table table({"RANK", "SCORE", "ADOPTION_REQUEST", "TITLE", "COUNTRY", "REQUESTER"});
  std::vector<std::vector<std::string>> blocks;
  int rank = 0;
  for (const mt::ScoredAdoptionRequest& r : requests) {
    table.AddRow({absl::StrCat(++rank), Score(r.score()), r.adoption_request(), r.title(),
                  r.country(), r.requester()});
    blocks.push_back(ResultBlock(r.explanation(), r.match()));
  }
  PrintWithBlocks(table, blocks, out);
}

void PrintMatch(const mt::Match& match, std::ostream& out) {
  mt::Match fields = match;
  fields.clear_explanation();
  PrintFields(fields, out);
  if (!match.has_explanation()) return;
  out << "explanation:\n";
  for (const std::string& line : ExplanationLines(match.explanation())) {
    out << "  " << line << "\n";
  }
}

Table MatchTable(const mt::ListMatchesResponse& response) {
  Table table({"NAME", "SCORE", "STATE", "ADOPTION_REQUEST", "SOLUTION", "SOLUTION_TITLE",
               "ADOPTER", "OWNER"});
  for (const mt::Match& m : response.matches()) {
    table.AddRow({m.name(), Score(m.score()), EnumCell(m, "state"), m.adoption_request(),
                  m.solution(), m.solution_title(), EnumCell(m.adopter(), "interest"),
                  EnumCell(m.owner(), "interest")});
  }
  return table;
}

void AddMatchCommands(CLI::App& app, CommandContext& ctx) {
  CLI::App* group =
      app.add_subcommand("match", "Matches of requests and solutions (MatchingService)");
  group->require_subcommand(1);
  AddRequest(*group, ctx);
  AddText(*group, ctx);
  AddAdopters(*group, ctx);
  AddList(*group, ctx);
  AddGet(*group, ctx);
  AddInterest(*group, ctx);
  AddDecline(*group, ctx);
  AddStatus(*group, ctx);
}

}  // namespace corematch::cli
