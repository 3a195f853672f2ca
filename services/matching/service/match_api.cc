#include "services/matching/service/match_api.h"

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "services/common/etag.h"
#include "services/common/field_checks.h"
#include "services/common/filter.h"
#include "services/common/page_token.h"
#include "services/common/request_ids.h"
#include "services/common/resource_name.h"
#include "services/common/status_macros.h"
#include "services/matching/service/match_state.h"

namespace corematch::matching {
namespace {

const std::vector<std::string> kFilterFields = {"state"};

// Best score first, then by id: the inverted bits of a non-negative double
// sort like the number, backwards.
std::string SortKey(const pb::Match& match) {
  const double score = std::max(0.0, match.score());
  uint64_t bits;
  std::memcpy(&bits, &score, sizeof bits);
  return absl::StrFormat("%016x/%s", ~bits, IdOf(match.name()));
}

absl::StatusOr<std::pair<bool, std::string>> ParseParent(absl::string_view parent) {
  if (absl::StartsWith(parent, "adoptionRequests/")) {
    ASSIGN_OR_RETURN(std::string id, ParseResourceName(parent, "adoptionRequests", "parent"));
    return std::make_pair(true, std::move(id));
  }
  if (absl::StartsWith(parent, "solutions/")) {
    ASSIGN_OR_RETURN(std::string id, ParseResourceName(parent, "solutions", "parent"));
    return std::make_pair(false, std::move(id));
  }
  FieldViolations violations;
  violations.Add("parent", "expected adoptionRequests/{adoption_request} or solutions/{solution}");
  return violations.ToStatus("INVALID_RESOURCE_NAME");
}

}  // namespace

template <typename Source>
absl::StatusOr<Parties> MatchApi::PartiesOfMatch(Source& source, const pb::Match& match) {
  ASSIGN_OR_RETURN(std::optional<adoption_pb::AdoptionRequest> request,
                   LoadProto<adoption_pb::AdoptionRequest>(
                       source, keys::Request(IdOf(match.adoption_request()))));
  ASSIGN_OR_RETURN(
      std::optional<publishing_pb::Solution> solution,
      LoadProto<publishing_pb::Solution>(source, keys::Solution(IdOf(match.solution()))));
  return PartiesOf(request.value_or(adoption_pb::AdoptionRequest()),
                   solution.value_or(publishing_pb::Solution()));
}

absl::Status MatchApi::CheckListParent(const Caller& caller, absl::string_view parent,
                                       bool by_request, absl::string_view id) {
  if (!by_request) {
    ASSIGN_OR_RETURN(std::optional<publishing_pb::Solution> solution,
                     repository_->FindSolution(id));
    if (!solution.has_value()) return NotFound(parent);
    return RequireOwner(caller, solution->owner(), parent);
  }
  ASSIGN_OR_RETURN(std::optional<adoption_pb::AdoptionRequest> request,
                   repository_->FindRequest(id));
  if (!request.has_value()) return NotFound(parent);
  if (caller.CanModify(request->requester())) return absl::OkStatus();
  if (!RequestShownToOthers(request->visibility())) return NotFound(parent);
  return MakeError(
      absl::StatusCode::kPermissionDenied, "NOT_REQUESTER",
      absl::StrCat("only the requester of ", parent, " or an operator may list its matches"));
}

absl::StatusOr<pb::ListMatchesResponse> MatchApi::ListMatches(
    const Caller& caller, const pb::ListMatchesRequest& request) {
  ASSIGN_OR_RETURN(auto parent, ParseParent(request.parent()));
  const auto& [by_request, id] = parent;
  ASSIGN_OR_RETURN(int page_size, EffectivePageSize(request.page_size()));
  ASSIGN_OR_RETURN(Filter filter, Filter::Parse(request.filter(), kFilterFields));
  const std::string fingerprint =
      QueryFingerprint(absl::StrCat(request.parent(), "\n", request.filter()), "", caller.id());
  ASSIGN_OR_RETURN(std::string start_after, DecodePageToken(request.page_token(), fingerprint));
  RETURN_IF_ERROR(CheckListParent(caller, request.parent(), by_request, id));

  storage::KvStore& store = repository_->store();
  ASSIGN_OR_RETURN(
      std::vector<std::string> others,
      ScanIds(store, by_request ? keys::ByRequestPrefix(id) : keys::BySolutionPrefix(id)));
  std::vector<std::pair<std::string, pb::Match>> rows;
  for (const std::string& other : others) {
    const std::string match_id = by_request ? MatchId(id, other) : MatchId(other, id);
    ASSIGN_OR_RETURN(std::optional<pb::Match> match,
                     LoadProto<pb::Match>(store, keys::Match(match_id)));
    if (!match.has_value()) continue;
    ASSIGN_OR_RETURN(Parties parties, PartiesOfMatch(store, *match));
    std::optional<pb::Match> view = ViewMatch(caller, parties, *std::move(match));
    if (!view.has_value() || !filter.Matches([&](absl::string_view) {
          return std::vector<std::string>{StateName(view->state())};
        })) {
      continue;
    }
    rows.emplace_back(SortKey(*view), *std::move(view));
  }
  std::sort(rows.begin(), rows.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });

  pb::ListMatchesResponse response;
  std::string last;
  for (auto& [key, match] : rows) {
    if (!start_after.empty() && key <= start_after) continue;
    if (response.matches_size() == page_size) {
      response.set_next_page_token(EncodePageToken(last, fingerprint));
      break;
    }
    *response.add_matches() = std::move(match);
    last = key;
  }
  return response;
}

absl::StatusOr<pb::Match> MatchApi::GetMatch(const Caller& caller, absl::string_view name) {
  ASSIGN_OR_RETURN(std::string id, ParseResourceName(name, "matches", "name"));
  ASSIGN_OR_RETURN(std::optional<pb::Match> match,
                   LoadProto<pb::Match>(repository_->store(), keys::Match(id)));
  if (!match.has_value()) return NotFound(name);
  ASSIGN_OR_RETURN(Parties parties, PartiesOfMatch(repository_->store(), *match));
  std::optional<pb::Match> view = ViewMatch(caller, parties, *std::move(match));
  if (!view.has_value()) return NotFound(name);
  return *std::move(view);
}

absl::StatusOr<pb::Match> MatchApi::ExpressInterest(const Caller& caller,
                                                    const pb::ExpressInterestRequest& request) {
  return ChangeStance(caller, {request.name(), request.note(), "note", request.etag(),
                               request.request_id(), "ExpressInterest", pb::INTEREST_INTERESTED});
}

absl::StatusOr<pb::Match> MatchApi::DeclineMatch(const Caller& caller,
                                                 const pb::DeclineMatchRequest& request) {
  return ChangeStance(caller, {request.name(), request.reason(), "reason", request.etag(),
                               request.request_id(), "DeclineMatch", pb::INTEREST_DECLINED});
}

absl::StatusOr<pb::Match> MatchApi::ChangeStance(const Caller& caller, const StanceChange& change) {
  ASSIGN_OR_RETURN(std::string id, ParseResourceName(change.name, "matches", "name"));
  FieldViolations violations;
  CheckText(violations, change.note_field, change.note, /*required=*/false, kMaxShortTextLength);
  ValidateRequestId(change.request_id, "request_id", violations);
  RETURN_IF_ERROR(violations.ToStatus());
  if (caller.is_operator) {
    return MakeError(absl::StatusCode::kPermissionDenied, "OPERATOR_HAS_NO_SIDE",
                     absl::StrCat("operators cannot speak for a side of ", change.name,
                                  ": the requester or the solution's owner must, with its own "
                                  "API key"));
  }
  pb::Match result;
  Parties parties;
  RETURN_IF_ERROR(repository_->committer().Run([&](storage::Transaction& txn) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<std::string> earlier,
                     FindEarlierResponse(txn, caller.id(), change.method, change.request_id));
    if (earlier.has_value()) {
      if (!result.ParseFromString(*earlier)) return absl::DataLossError("corrupt response");
      ASSIGN_OR_RETURN(parties, PartiesOfMatch(txn, result));
      return absl::OkStatus();
    }
    ASSIGN_OR_RETURN(std::optional<pb::Match> match, MatchStore::Load(txn, id));
    if (!match.has_value()) return NotFound(change.name);
    ASSIGN_OR_RETURN(parties, PartiesOfMatch(txn, *match));
    const Sides sides = SidesOf(caller, parties);
    if (!sides.any() || !ViewMatch(caller, parties, *match).has_value()) {
      return NotFound(change.name);
    }
    RETURN_IF_ERROR(CheckEtag(change.etag, match->etag(), change.name));
    const absl::Time now = repository_->clock().Now();
    ASSIGN_OR_RETURN(bool changed, SetStance(*match, sides, change.interest, caller.organization,
                                             change.note, now));
    if (changed) {
      RETURN_IF_ERROR(repository_->matches().Save(txn, *match, pb::CHANGE_TYPE_UPDATED, now));
    }
    RememberResponse(txn, caller.id(), change.method, change.request_id,
                     match->SerializeAsString());
    result = *std::move(match);
    return absl::OkStatus();
  }));
  std::optional<pb::Match> view = ViewMatch(caller, parties, std::move(result));
  if (!view.has_value()) return NotFound(change.name);
  return *std::move(view);
}

}  // namespace corematch::matching
