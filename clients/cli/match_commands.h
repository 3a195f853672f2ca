// clients/cli/match_commands.h
//
// `corematch match request|text|adopters|list|get|interest|decline|status`
// (MatchingService). Names are given with or without their collection:
// ADOPTION_REQUEST is adoptionRequests/{id} or {id}, SOLUTION solutions/{id} or
// {id}, NAME matches/{id} or {id}; the PARENT of `match list` names its
// collection (adoptionRequests/{id} or solutions/{id}).
//
// In table format a ranking prints one row per result (rank, score, name,
// title, ...) with its explanation indented below it:
//
//   RANK  SCORE  SOLUTION       TITLE       LANGUAGE
//   1     0.812  solutions/s1   Jobb Först  sv
//       Fits the need for faster work placement
//       text: 0.700 × 0.600 = +0.420
//       terms: kontanthjælp → work (title, core_elements) translation +1.23
//       context: sector   1.000 × 0.150 = +0.150  same sector 10.5 (Unemployment)
//                country  0.500 × 0.100 = +0.050  Nordic neighbour
//       core elements met: Första samtal inom en vecka
//       preconditions to check: A job coach per 30 participants
//
// In JSON format every command prints the protobuf JSON of its response.
#ifndef COREMATCH_CLIENTS_CLI_MATCH_COMMANDS_H_
#define COREMATCH_CLIENTS_CLI_MATCH_COMMANDS_H_

#include <ostream>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "clients/cli/command_context.h"
#include "clients/cli/table.h"
#include "corematch/matching/v1/matching.pb.h"
#include "google/protobuf/repeated_ptr_field.h"

namespace corematch::cli {

// Adds the `match` command group to `app`. `ctx` must outlive parsing and the
// action.
void AddMatchCommands(CLI::App& app, CommandContext& ctx);

// How many term matches an explanation shows, best first.
inline constexpr int kShownTermMatches = 5;

// The lines of an explanation, unindented (see the file comment): the summary,
// the text part, the top term matches, the context factors, the core elements
// met and the preconditions to check; parts that are empty are left out.
std::vector<std::string> ExplanationLines(const matching::v1::Explanation& explanation);

// "kontanthjælp → work (title, core_elements) translation +1.23"; the arrow
// and matched term only when they differ from the query term.
std::string TermMatchText(const matching::v1::TermMatch& term);

// The table of a ranking, each row followed by its explanation.
void PrintRankedSolutions(
    const google::protobuf::RepeatedPtrField<matching::v1::ScoredSolution>& solutions,
    std::ostream& out);
void PrintRankedAdoptionRequests(
    const google::protobuf::RepeatedPtrField<matching::v1::ScoredAdoptionRequest>& requests,
    std::ostream& out);

// A match as "field: value" lines, its explanation as ExplanationLines.
void PrintMatch(const matching::v1::Match& match, std::ostream& out);

// The table `match list` prints.
Table MatchTable(const matching::v1::ListMatchesResponse& response);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_MATCH_COMMANDS_H_
