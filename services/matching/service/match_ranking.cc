#include "services/matching/service/match_ranking.h"

#include <algorithm>
#include <iterator>

#include "absl/container/flat_hash_set.h"
#include "services/common/field_checks.h"
#include "services/common/resource_name.h"
#include "services/common/status_macros.h"
#include "services/matching/service/match_planner.h"
#include "services/matching/service/match_state.h"
#include "services/matching/service/match_store.h"
#include "services/matching/service/match_visibility.h"

namespace corematch::matching {
namespace {

constexpr int kMaxSectors = 20;

// Whether `caller` sees `request` at all (NOT_FOUND otherwise, as the
// adoption service answers).
bool MaySeeRequest(const Caller& caller, const adoption_pb::AdoptionRequest& request) {
  return caller.CanModify(request.requester()) || RequestShownToOthers(request.visibility());
}

}  // namespace

absl::StatusOr<bool> MatchRanking::MatchExists(absl::string_view match_id) {
  ASSIGN_OR_RETURN(std::optional<std::string> bytes,
                   repository_->store().Get(keys::Match(match_id)));
  return bytes.has_value();
}

absl::Status MatchRanking::FillSolutions(
    const std::vector<RankedSolution>& ranked, QuotedSolutions& quoted,
    absl::string_view request_id, google::protobuf::RepeatedPtrField<pb::ScoredSolution>* out) {
  // The request's stored matches, from one scan of its index: at 1,000,000
  // solutions a look-up per winner read a block of the store each.
  absl::flat_hash_set<std::string> matched;
  if (!request_id.empty()) {
    ASSIGN_OR_RETURN(std::vector<std::string> ids,
                     ScanIds(repository_->store(), keys::ByRequestPrefix(request_id)));
    matched.insert(std::make_move_iterator(ids.begin()), std::make_move_iterator(ids.end()));
  }
  for (const RankedSolution& r : ranked) {
    const absl::string_view solution_id = IdOf(r.name);
    ASSIGN_OR_RETURN(const SolutionRecord* solution, quoted.Find(solution_id));
    if (solution == nullptr) continue;
    pb::ScoredSolution* scored = out->Add();
    scored->set_solution(r.name);
    scored->set_title(solution->title);
    scored->set_language(solution->language);
    scored->set_score(r.score);
    *scored->mutable_explanation() = ToProtoExplanation(r.explanation);
    if (matched.contains(solution_id)) scored->set_match(MatchName(request_id, solution_id));
  }
  return absl::OkStatus();
}

absl::StatusOr<pb::MatchAdoptionRequestResponse> MatchRanking::MatchAdoptionRequest(
    const Caller& caller, const pb::MatchAdoptionRequestRequest& request) {
  ASSIGN_OR_RETURN(std::string id, ParseResourceName(request.adoption_request(), "adoptionRequests",
                                                     "adoption_request"));
  FieldViolations violations;
  const size_t top_k = EffectiveTopK(request.top_k(), "top_k", violations);
  ASSIGN_OR_RETURN(std::optional<adoption_pb::AdoptionRequest> stored,
                   repository_->FindRequest(id));
  if (!stored.has_value() || !MaySeeRequest(caller, *stored)) {
    return NotFound(request.adoption_request());
  }
  NeedQuery need = NeedQueryFor(*stored, top_k);
  ApplySolutionFilter(request.filter(), "filter", need, violations);
  RETURN_IF_ERROR(violations.ToStatus());

  QuotedSolutions quoted(&repository_->store());
  const std::vector<RankedSolution> ranked = repository_->engine().Match(need, quoted.Fetcher());
  pb::MatchAdoptionRequestResponse response;
  // Only those who may see the request's matches are told of them.
  const bool sees_matches = caller.CanModify(stored->requester());
  RETURN_IF_ERROR(
      FillSolutions(ranked, quoted, sees_matches ? id : "", response.mutable_solutions()));
  return response;
}

absl::StatusOr<pb::MatchTextResponse> MatchRanking::MatchText(const Caller&,
                                                              const pb::MatchTextRequest& request) {
  FieldViolations violations;
  CheckText(violations, "text", request.text(), /*required=*/true, kMaxTextLength);
  CheckLanguage(violations, "language", request.language(), /*required=*/false);
  CheckCountry(violations, "country", request.country(), /*required=*/false);
  CheckSectors(violations, "sectors", request.sectors(), kMaxSectors);
  if (request.population() < 0) violations.Add("population", "must not be negative");
  NeedQuery need;
  need.top_k = EffectiveTopK(request.top_k(), "top_k", violations);
  ApplySolutionFilter(request.filter(), "filter", need, violations);
  RETURN_IF_ERROR(violations.ToStatus());

  Language language = LanguageFromTag(request.language());
  if (language == Language::kUnknown)
    language = repository_->analyzer().GuessLanguage(request.text());
  need.text = request.text();
  need.language = std::string(LanguageTag(language));
  need.country = request.country();
  need.sectors.assign(request.sectors().begin(), request.sectors().end());
  need.population = request.population();

  pb::MatchTextResponse response;
  response.set_language(need.language);
  QuotedSolutions quoted(&repository_->store());
  const std::vector<RankedSolution> ranked = repository_->engine().Match(need, quoted.Fetcher());
  RETURN_IF_ERROR(FillSolutions(ranked, quoted, "", response.mutable_solutions()));
  return response;
}

absl::StatusOr<pb::FindAdoptersResponse> MatchRanking::FindAdopters(
    const Caller& caller, const pb::FindAdoptersRequest& request) {
  ASSIGN_OR_RETURN(std::string id, ParseResourceName(request.solution(), "solutions", "solution"));
  FieldViolations violations;
  const size_t top_k = EffectiveTopK(request.top_k(), "top_k", violations);
  RETURN_IF_ERROR(violations.ToStatus());
  ASSIGN_OR_RETURN(std::optional<publishing_pb::Solution> solution, repository_->FindSolution(id));
  if (!solution.has_value()) return NotFound(request.solution());
  RETURN_IF_ERROR(RequireOwner(caller, solution->owner(), request.solution()));

  // Ask for more than wanted: private requests are left out afterwards.
  const size_t wanted = std::min<size_t>(kMaxTopK, top_k * 2);
  const absl::Time now = repository_->clock().Now();
  pb::FindAdoptersResponse response;
  for (const RankedRequest& r :
       repository_->engine().FindAdopters(ToSolutionRecord(*solution), wanted)) {
    if (static_cast<size_t>(response.adoption_requests_size()) == top_k) break;
    ASSIGN_OR_RETURN(std::optional<adoption_pb::AdoptionRequest> stored,
                     repository_->FindRequest(IdOf(r.name)));
    if (!stored.has_value() || !IsLive(*stored, now) || !MaySeeRequest(caller, *stored)) continue;
    pb::ScoredAdoptionRequest* scored = response.add_adoption_requests();
    scored->set_adoption_request(r.name);
    scored->set_title(stored->title());
    if (caller.CanModify(stored->requester()) || RequesterShownToOthers(stored->visibility())) {
      scored->set_requester(stored->requester());
    }
    scored->set_country(stored->context().country());
    scored->set_score(r.score);
    *scored->mutable_explanation() = ToProtoExplanation(r.explanation);
    ASSIGN_OR_RETURN(bool exists, MatchExists(MatchId(IdOf(r.name), id)));
    if (exists) scored->set_match(MatchName(IdOf(r.name), id));
  }
  return response;
}

}  // namespace corematch::matching
