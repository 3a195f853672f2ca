#include "services/publishing/solution_repository.h"

#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/common/etag.h"
#include "services/common/field_checks.h"
#include "services/common/filter.h"
#include "services/common/page_token.h"
#include "services/common/proto_time.h"
#include "services/common/request_ids.h"
#include "services/common/resource_list.h"
#include "services/common/resource_name.h"
#include "services/common/status_macros.h"
#include "services/common/update_mask.h"
#include "services/publishing/solution_validator.h"

namespace corematch::publishing {
namespace {

constexpr absl::string_view kCollection = "solutions";

const std::vector<std::string> kUpdatableFields = {
    "title",         "summary",         "description", "language",      "origin",
    "sectors",       "target_groups",   "tags",        "core_elements", "adaptable_elements",
    "preconditions", "evidence",        "maturity",    "derived_from",  "contact",
    "license",       "support_capacity"};

const std::vector<std::string> kFilterFields = {"state",    "sector", "country",
                                                "language", "owner",  "maturity"};

std::string EnumSuffix(const std::string& full, absl::string_view prefix) {
  return absl::StartsWith(full, prefix) ? full.substr(prefix.size()) : full;
}

std::vector<std::string> FieldValues(const pb::Solution& s, absl::string_view field) {
  if (field == "state") return {EnumSuffix(pb::SolutionState_Name(s.state()), "SOLUTION_STATE_")};
  if (field == "maturity") return {EnumSuffix(pb::Maturity_Name(s.maturity()), "MATURITY_")};
  if (field == "country") return {s.origin().country()};
  if (field == "language") return {s.language(), s.language().substr(0, s.language().find('-'))};
  if (field == "owner") return {s.owner()};
  std::vector<std::string> sectors;  // a group also matches its division: "10.5" → "10"
  for (const std::string& sector : s.sectors()) {
    sectors.push_back(sector);
    sectors.push_back(sector.substr(0, sector.find('.')));
  }
  return sectors;
}

absl::StatusOr<pb::Solution> Load(storage::Transaction& txn, absl::string_view name,
                                  absl::string_view id) {
  ASSIGN_OR_RETURN(std::optional<std::string> bytes, txn.Get(ResourceKey(kCollection, id)));
  if (!bytes.has_value()) return NotFound(name);
  pb::Solution solution;
  if (!solution.ParseFromString(*bytes)) return absl::DataLossError(absl::StrCat("corrupt ", name));
  return solution;
}

bool CanSee(const Caller& caller, const pb::Solution& solution) {
  return solution.state() != pb::SOLUTION_STATE_DRAFT || caller.CanModify(solution.owner());
}

absl::Status StateError(const pb::Solution& solution, absl::string_view action) {
  return MakeError(
      absl::StatusCode::kFailedPrecondition, "INVALID_STATE",
      absl::StrCat("cannot ", action, " ", solution.name(), ": it is ",
                   EnumSuffix(pb::SolutionState_Name(solution.state()), "SOLUTION_STATE_")));
}

// derived_from must name an existing solution, and the chain of ancestors it
// starts must not lead back here: an update can re-point an old link.
absl::Status CheckDerivedFrom(storage::Transaction& txn, const pb::Solution& solution) {
  if (solution.derived_from().empty()) return absl::OkStatus();
  ASSIGN_OR_RETURN(std::string parent_id, ParseResourceName(solution.derived_from(), kCollection,
                                                            "solution.derived_from"));
  std::string current = solution.derived_from();
  std::string current_id = parent_id;
  for (int depth = 0; depth < 1000 && !current.empty(); ++depth) {
    if (current == solution.name()) {
      return MakeError(
          absl::StatusCode::kFailedPrecondition, "LINEAGE_CYCLE",
          absl::StrCat("solution.derived_from: ", solution.derived_from(), " descends from ",
                       solution.name(), "; a solution cannot be derived from its own descendant"));
    }
    absl::StatusOr<pb::Solution> parent = Load(txn, current, current_id);
    if (!parent.ok()) {
      if (depth == 0 && parent.status().code() == absl::StatusCode::kNotFound) {
        FieldViolations v;
        v.Add("solution.derived_from", absl::StrCat(current, " does not exist"));
        return v.ToStatus();
      }
      return parent.status();
    }
    current = parent->derived_from();
    if (!current.empty()) current_id = current.substr(kCollection.size() + 1);
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::unique_ptr<SolutionRepository>> SolutionRepository::Open(
    storage::KvStore* store, Clock* clock, IdGenerator* ids) {
  ASSIGN_OR_RETURN(std::unique_ptr<ChangeFeed> feed, ChangeFeed::Open(store));
  return std::unique_ptr<SolutionRepository>(
      new SolutionRepository(store, clock, ids, std::move(feed)));
}

SolutionRepository::SolutionRepository(storage::KvStore* store, Clock* clock, IdGenerator* ids,
                                       std::unique_ptr<ChangeFeed> feed)
    : store_(store), committer_(store), clock_(clock), ids_(ids), feed_(std::move(feed)) {}

SolutionRepository::EncodedSolution SolutionRepository::Encode(pb::Solution& solution,
                                                               pb::ChangeType type) {
  solution.clear_etag();  // Hashed without a copy (etag.h).
  solution.set_etag(ComputeEtag(solution));
  EncodedSolution encoded{.record = solution.SerializeAsString(), .event = {}};
  pb::WatchChangesResponse event;
  event.set_type(type);
  *event.mutable_solution() = solution;
  *event.mutable_commit_time() = solution.update_time();
  encoded.event = event.SerializeAsString();
  return encoded;
}

absl::Status SolutionRepository::Store(storage::Transaction& txn, const pb::Solution& solution,
                                       const EncodedSolution& encoded) {
  txn.Put(ResourceKey(kCollection, solution.name().substr(kCollection.size() + 1)), encoded.record);
  return feed_->Append(txn, encoded.event).status();
}

absl::Status SolutionRepository::Save(storage::Transaction& txn, pb::Solution& solution,
                                      pb::ChangeType type) {
  return Store(txn, solution, Encode(solution, type));
}

struct SolutionRepository::CreateCall {
  Caller caller;
  const pb::CreateSolutionRequest* request;
  // The new solution, made before the transaction (which then only checks
  // and writes, one group member after another); a retry's earlier one
  // after it.
  pb::Solution solution;
  EncodedSolution encoded;
  absl::Time create_time;
};

absl::StatusOr<std::shared_ptr<SolutionRepository::CreateCall>> SolutionRepository::PrepareCreate(
    const Caller& caller, const pb::CreateSolutionRequest& request) {
  FieldViolations violations;
  ValidateSolution(request.solution(), violations);
  ValidateRequestId(request.request_id(), "request_id", violations);
  std::string owner = caller.organization;
  if (caller.is_operator && !request.solution().owner().empty()) {
    // An operator may publish on behalf of an organisation.
    owner = request.solution().owner();
    if (!ParseResourceName(owner, "organizations", "solution.owner").ok()) {
      violations.Add("solution.owner", "expected organizations/{organization}");
    }
  }
  RETURN_IF_ERROR(violations.ToStatus());

  auto call = std::make_shared<CreateCall>();
  call->caller = caller;
  call->request = &request;
  call->create_time = clock_->Now();
  pb::Solution& solution = call->solution;
  solution = request.solution();
  NormalizeSolution(solution);
  solution.set_name(ResourceKey(kCollection, ids_->NewId()));
  solution.set_owner(owner);
  solution.clear_withdraw_reason();
  solution.clear_withdraw_time();
  *solution.mutable_create_time() = ToProtoTime(call->create_time);
  *solution.mutable_update_time() = ToProtoTime(call->create_time);
  if (request.publish()) {
    solution.set_state(pb::SOLUTION_STATE_PUBLISHED);
    *solution.mutable_publish_time() = ToProtoTime(call->create_time);
  } else {
    solution.set_state(pb::SOLUTION_STATE_DRAFT);
    solution.clear_publish_time();
  }
  call->encoded = Encode(solution, pb::CHANGE_TYPE_CREATED);
  return call;
}

absl::Status SolutionRepository::RunCreate(storage::Transaction& txn, CreateCall& call) {
  const std::string& request_id = call.request->request_id();
  ASSIGN_OR_RETURN(auto earlier,
                   FindEarlierResponse(txn, call.caller.id(), "CreateSolution", request_id));
  if (earlier.has_value()) {
    call.solution.ParseFromString(*earlier);
    return absl::OkStatus();
  }
  RETURN_IF_ERROR(CheckDerivedFrom(txn, call.solution));
  RETURN_IF_ERROR(Store(txn, call.solution, call.encoded));
  const absl::string_view id =
      absl::string_view(call.solution.name()).substr(kCollection.size() + 1);
  txn.Put(CreateTimeIndexKey(kCollection, call.create_time, id), "");
  // The stored response is the record itself.
  RememberResponse(txn, call.caller.id(), "CreateSolution", request_id, call.encoded.record);
  return absl::OkStatus();
}

absl::StatusOr<pb::Solution> SolutionRepository::Create(const Caller& caller,
                                                        const pb::CreateSolutionRequest& request) {
  ASSIGN_OR_RETURN(std::shared_ptr<CreateCall> call, PrepareCreate(caller, request));
  RETURN_IF_ERROR(committer_.Run([&](storage::Transaction& txn) { return RunCreate(txn, *call); }));
  return std::move(call->solution);
}

void SolutionRepository::StartCreate(const Caller& caller, const pb::CreateSolutionRequest& request,
                                     SolutionCallback done) {
  absl::StatusOr<std::shared_ptr<CreateCall>> call = PrepareCreate(caller, request);
  if (!call.ok()) {
    done(call.status());
    return;
  }
  committer_.Submit(
      [this, call = *call](storage::Transaction& txn) { return RunCreate(txn, *call); },
      [call = *call, done = std::move(done)](absl::Status status) {
        if (!status.ok()) {
          done(std::move(status));
        } else {
          done(std::move(call->solution));
        }
      });
}

absl::StatusOr<pb::Solution> SolutionRepository::Get(const Caller& caller, absl::string_view name) {
  ASSIGN_OR_RETURN(std::string id, ParseResourceName(name, kCollection, "name"));
  storage::Overlay none;
  storage::Transaction read(store_, &none);
  ASSIGN_OR_RETURN(pb::Solution solution, Load(read, name, id));
  if (!CanSee(caller, solution)) {
    return MakeError(absl::StatusCode::kPermissionDenied, "DRAFT_OF_ANOTHER_ORGANIZATION",
                     absl::StrCat(name, " is a draft of another organization"));
  }
  return solution;
}

absl::StatusOr<pb::ListSolutionsResponse> SolutionRepository::List(
    const Caller& caller, const pb::ListSolutionsRequest& request) {
  ASSIGN_OR_RETURN(int page_size, EffectivePageSize(request.page_size()));
  ASSIGN_OR_RETURN(storage::ScanOrder order, ParseOrderBy(request.order_by()));
  ASSIGN_OR_RETURN(Filter filter, Filter::Parse(request.filter(), kFilterFields));
  const std::string fingerprint =
      QueryFingerprint(request.filter(), request.order_by(), caller.id());
  ASSIGN_OR_RETURN(std::string start_after, DecodePageToken(request.page_token(), fingerprint));

  pb::ListSolutionsResponse response;
  ListRequest list{.collection = kCollection,
                   .order = order,
                   .start_after = start_after,
                   .page_size = page_size};
  ASSIGN_OR_RETURN(
      ListPage page, ListResources(*store_, list, [&](absl::string_view bytes) {
        pb::Solution solution;
        if (!solution.ParseFromString(std::string(bytes)) || !CanSee(caller, solution))
          return false;
        if (!filter.Matches([&](absl::string_view f) { return FieldValues(solution, f); })) {
          return false;
        }
        *response.add_solutions() = std::move(solution);
        return true;
      }));
  if (!page.next_start_after.empty()) {
    response.set_next_page_token(EncodePageToken(page.next_start_after, fingerprint));
  }
  return response;
}

absl::StatusOr<pb::Solution> SolutionRepository::Mutate(
    const Caller& caller, absl::string_view name, absl::string_view etag, absl::string_view method,
    absl::string_view request_id, pb::ChangeType change_type,
    const std::function<absl::Status(storage::Transaction&, pb::Solution&)>& change) {
  ASSIGN_OR_RETURN(std::string id, ParseResourceName(name, kCollection, "name"));
  pb::Solution result;
  RETURN_IF_ERROR(committer_.Run([&](storage::Transaction& txn) -> absl::Status {
    ASSIGN_OR_RETURN(auto earlier, FindEarlierResponse(txn, caller.id(), method, request_id));
    if (earlier.has_value()) {
      result.ParseFromString(*earlier);
      return absl::OkStatus();
    }
    ASSIGN_OR_RETURN(pb::Solution solution, Load(txn, name, id));
    RETURN_IF_ERROR(RequireOwner(caller, solution.owner(), name));
    RETURN_IF_ERROR(CheckEtag(etag, solution.etag(), name));
    RETURN_IF_ERROR(change(txn, solution));
    *solution.mutable_update_time() = ToProtoTime(clock_->Now());
    RETURN_IF_ERROR(Save(txn, solution, change_type));
    RememberResponse(txn, caller.id(), method, request_id, solution.SerializeAsString());
    result = std::move(solution);
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<pb::Solution> SolutionRepository::Update(const Caller& caller,
                                                        const pb::UpdateSolutionRequest& request) {
  const pb::Solution& patch = request.solution();
  return Mutate(caller, patch.name(), patch.etag(), "UpdateSolution", "", pb::CHANGE_TYPE_UPDATED,
                [&](storage::Transaction& txn, pb::Solution& solution) -> absl::Status {
                  if (solution.state() == pb::SOLUTION_STATE_WITHDRAWN)
                    return StateError(solution, "update");
                  RETURN_IF_ERROR(ApplyUpdateMask(patch, request.update_mask(), kUpdatableFields,
                                                  "update_mask", &solution));
                  FieldViolations violations;
                  ValidateSolution(solution, violations);
                  RETURN_IF_ERROR(violations.ToStatus());
                  NormalizeSolution(solution);
                  return CheckDerivedFrom(txn, solution);
                });
}

absl::StatusOr<pb::Solution> SolutionRepository::Publish(
    const Caller& caller, const pb::PublishSolutionRequest& request) {
  FieldViolations violations;
  ValidateRequestId(request.request_id(), "request_id", violations);
  RETURN_IF_ERROR(violations.ToStatus());
  return Mutate(caller, request.name(), request.etag(), "PublishSolution", request.request_id(),
                pb::CHANGE_TYPE_PUBLISHED,
                [&](storage::Transaction&, pb::Solution& solution) -> absl::Status {
                  if (solution.state() != pb::SOLUTION_STATE_DRAFT) {
                    return StateError(solution, "publish");
                  }
                  solution.set_state(pb::SOLUTION_STATE_PUBLISHED);
                  *solution.mutable_publish_time() = ToProtoTime(clock_->Now());
                  return absl::OkStatus();
                });
}

absl::StatusOr<pb::Solution> SolutionRepository::Withdraw(
    const Caller& caller, const pb::WithdrawSolutionRequest& request) {
  FieldViolations violations;
  CheckText(violations, "reason", request.reason(), /*required=*/true, kMaxShortTextLength);
  ValidateRequestId(request.request_id(), "request_id", violations);
  RETURN_IF_ERROR(violations.ToStatus());
  return Mutate(caller, request.name(), request.etag(), "WithdrawSolution", request.request_id(),
                pb::CHANGE_TYPE_WITHDRAWN,
                [&](storage::Transaction&, pb::Solution& solution) -> absl::Status {
                  if (solution.state() == pb::SOLUTION_STATE_WITHDRAWN) {
                    return StateError(solution, "withdraw");
                  }
                  solution.set_state(pb::SOLUTION_STATE_WITHDRAWN);
                  solution.set_withdraw_reason(request.reason());
                  *solution.mutable_withdraw_time() = ToProtoTime(clock_->Now());
                  return absl::OkStatus();
                });
}

}  // namespace corematch::publishing
