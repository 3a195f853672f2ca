#include "services/adoption/adoption_request_repository.h"

#include <optional>
#include <utility>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/adoption/adoption_request_validator.h"
#include "services/adoption/visibility.h"
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

namespace corematch::adoption {
namespace {

namespace orgpb = ::corematch::organization::v1;

constexpr absl::string_view kCollection = "adoptionRequests";
constexpr absl::string_view kCreateMethod = "CreateAdoptionRequest";
constexpr absl::string_view kCloseMethod = "CloseAdoptionRequest";

const std::vector<std::string> kUpdatableFields = {
    "title",   "need_statement", "language",  "target_groups",      "sectors",    "desired_effects",
    "context", "constraints",    "readiness", "accepted_languages", "visibility", "expire_time"};

const std::vector<std::string> kFilterFields = {"state", "sector", "country", "language",
                                                "requester"};

std::string EnumSuffix(const std::string& full, absl::string_view prefix) {
  return absl::StartsWith(full, prefix) ? full.substr(prefix.size()) : full;
}

std::string StateName(pb::AdoptionRequestState state) {
  return EnumSuffix(pb::AdoptionRequestState_Name(state), "ADOPTION_REQUEST_STATE_");
}

// The values the filter compares, taken from what the caller sees: an
// anonymised view has no requester, so `requester = ...` cannot match it.
std::vector<std::string> FieldValues(const pb::AdoptionRequest& r, absl::string_view field) {
  if (field == "state") return {StateName(r.state())};
  if (field == "country") return {r.context().country()};
  if (field == "language") return {r.language(), r.language().substr(0, r.language().find('-'))};
  if (field == "requester") return {r.requester()};
  std::vector<std::string> sectors;  // a group also matches its division: "10.5" → "10"
  for (const std::string& sector : r.sectors()) {
    sectors.push_back(sector);
    sectors.push_back(sector.substr(0, sector.find('.')));
  }
  return sectors;
}

absl::StatusOr<pb::AdoptionRequest> Parse(absl::string_view bytes, absl::string_view what) {
  pb::AdoptionRequest request;
  if (!request.ParseFromString(std::string(bytes))) {
    return absl::DataLossError(absl::StrCat("corrupt ", what));
  }
  return request;
}

absl::StatusOr<pb::AdoptionRequest> Load(storage::Transaction& txn, absl::string_view name,
                                         absl::string_view id) {
  ASSIGN_OR_RETURN(std::optional<std::string> bytes, txn.Get(ResourceKey(kCollection, id)));
  if (!bytes.has_value()) return NotFound(name);
  return Parse(*bytes, name);
}

absl::Status StateError(const pb::AdoptionRequest& r, absl::string_view action) {
  return MakeError(absl::StatusCode::kFailedPrecondition, "INVALID_STATE",
                   absl::StrCat("cannot ", action, " ", r.name(), ": it is ", StateName(r.state()),
                                "; only OPEN requests can be changed"));
}

// The response stored for an earlier call with `request_id`, read outside any
// transaction: a retry is answered without asking the organisation directory.
absl::StatusOr<std::optional<std::string>> EarlierResponse(storage::KvStore* store,
                                                           const Caller& caller,
                                                           absl::string_view method,
                                                           absl::string_view request_id) {
  storage::Overlay none;
  storage::Transaction read(store, &none);
  return FindEarlierResponse(read, caller.id(), method, request_id);
}

// The organisation a new request is filed for: the caller's own; an operator,
// which has none, names one in `requester`.
std::string ResolveRequester(const Caller& caller, const std::string& requested,
                             FieldViolations& v) {
  if (!caller.is_operator) return caller.organization;
  constexpr absl::string_view kField = "adoption_request.requester";
  if (requested.empty()) {
    v.Add(std::string(kField),
          "required with an operator key: the organizations/{organization} to file for");
  } else if (!ParseResourceName(requested, "organizations", kField).ok()) {
    v.Add(std::string(kField),
          absl::StrCat("'", requested, "' is malformed; expected organizations/{organization}"));
  }
  return requested;
}

// Output-only fields a client may have copied from an earlier response; the
// repository sets them itself.
void ClearOutputOnly(pb::AdoptionRequest& r) {
  r.clear_name();
  r.clear_requester();
  r.clear_state();
  r.clear_close_reason();
  r.clear_requester_kind();
  r.clear_create_time();
  r.clear_update_time();
  r.clear_close_time();
  r.clear_etag();
}

std::string RequesterKind(orgpb::OrganizationKind kind) {
  switch (kind) {
    case orgpb::ORGANIZATION_KIND_MUNICIPALITY:
      return "MUNICIPALITY";
    case orgpb::ORGANIZATION_KIND_REGION:
      return "REGION";
    case orgpb::ORGANIZATION_KIND_AGENCY:
      return "AGENCY";
    default:
      return "OTHER";
  }
}

// Fills what the request leaves empty from its organisation. Region and
// population describe the organisation's own place, so they are taken only
// when the request is about the organisation's country.
void ApplyOrganizationDefaults(const orgpb::Organization& org, pb::AdoptionRequest& r) {
  r.set_requester_kind(RequesterKind(org.kind()));
  pb::Context& context = *r.mutable_context();
  if (context.country().empty()) context.set_country(org.country());
  if (context.country() != org.country()) return;
  if (context.region().empty()) context.set_region(org.region());
  if (context.population() == 0) context.set_population(org.population());
}

// The defaults of an unset visibility and expire_time, and the renewal an
// update brings: unless the update sets expire_time itself, a request that
// would expire within kRenewWindow gets another kDefaultLifetime.
void ApplyLifetimeAndVisibility(pb::AdoptionRequest& r, bool sets_expire_time, absl::Time now) {
  if (r.visibility() == pb::VISIBILITY_UNSPECIFIED) r.set_visibility(pb::VISIBILITY_PUBLIC);
  const bool due = r.has_expire_time() && !sets_expire_time &&
                   FromProtoTime(r.expire_time()) - now < kRenewWindow;
  if (!r.has_expire_time() || due) *r.mutable_expire_time() = ToProtoTime(now + kDefaultLifetime);
}

// Whether an update writes expire_time, as ApplyUpdateMask decides it.
bool UpdateSetsExpireTime(const pb::UpdateAdoptionRequestRequest& request) {
  const google::protobuf::FieldMask& mask = request.update_mask();
  if (mask.paths_size() == 0) return request.adoption_request().has_expire_time();
  for (const std::string& path : mask.paths()) {
    if (path == "*" || path == "expire_time" || absl::StartsWith(path, "expire_time.")) {
      return true;
    }
  }
  return false;
}

}  // namespace

absl::StatusOr<std::unique_ptr<AdoptionRequestRepository>> AdoptionRequestRepository::Open(
    storage::KvStore* store, Clock* clock, IdGenerator* ids, OrganizationDirectory* directory) {
  ASSIGN_OR_RETURN(std::unique_ptr<ChangeFeed> feed, ChangeFeed::Open(store));
  return std::unique_ptr<AdoptionRequestRepository>(
      new AdoptionRequestRepository(store, clock, ids, directory, std::move(feed)));
}

AdoptionRequestRepository::AdoptionRequestRepository(storage::KvStore* store, Clock* clock,
                                                     IdGenerator* ids,
                                                     OrganizationDirectory* directory,
                                                     std::unique_ptr<ChangeFeed> feed)
    : store_(store),
      committer_(store),
      clock_(clock),
      ids_(ids),
      directory_(directory),
      feed_(std::move(feed)) {}

absl::Status AdoptionRequestRepository::Save(storage::Transaction& txn, pb::AdoptionRequest& r,
                                             pb::ChangeType type) {
  r.set_etag(ComputeEtag(r));
  txn.Put(ResourceKey(kCollection, r.name().substr(kCollection.size() + 1)), r.SerializeAsString());
  pb::WatchChangesResponse event;
  event.set_type(type);
  *event.mutable_adoption_request() = r;
  *event.mutable_commit_time() = r.update_time();
  return feed_->Append(txn, event.SerializeAsString()).status();
}

absl::Status AdoptionRequestRepository::FillFromOrganization(const Caller& caller,
                                                             pb::AdoptionRequest& draft) {
  absl::StatusOr<orgpb::Organization> org = draft.requester().empty()
                                                ? absl::NotFoundError("no organization")
                                                : directory_->GetOrganization(draft.requester());
  if (!org.ok()) {
    if (org.status().code() != absl::StatusCode::kNotFound) return org.status();
    return MakeError(
        absl::StatusCode::kFailedPrecondition, "ORGANIZATION_UNKNOWN",
        caller.is_operator
            ? absl::StrCat("adoption_request.requester: ", draft.requester(),
                           " is not a known organization; create it first")
            : absl::StrCat("the caller's organization ", draft.requester(),
                           " is unknown to the organization service; ask an operator"));
  }
  ApplyOrganizationDefaults(*org, draft);
  // A region given without a country must fit the country just filled in.
  FieldViolations violations;
  ValidateContext(draft.context(), "adoption_request.context", violations);
  return violations.ToStatus();
}

absl::StatusOr<pb::AdoptionRequest> AdoptionRequestRepository::Create(
    const Caller& caller, const pb::CreateAdoptionRequestRequest& request) {
  pb::AdoptionRequest draft = request.adoption_request();
  FieldViolations violations;
  const std::string requester = ResolveRequester(caller, draft.requester(), violations);
  ClearOutputOnly(draft);
  NormalizeAdoptionRequest(draft);
  ValidateAdoptionRequest(draft, clock_->Now(), violations);
  ValidateRequestId(request.request_id(), "request_id", violations);
  RETURN_IF_ERROR(violations.ToStatus());

  ASSIGN_OR_RETURN(auto earlier,
                   EarlierResponse(store_, caller, kCreateMethod, request.request_id()));
  if (earlier.has_value()) return Parse(*earlier, "stored response");
  draft.set_requester(requester);
  RETURN_IF_ERROR(FillFromOrganization(caller, draft));

  pb::AdoptionRequest created;
  RETURN_IF_ERROR(committer_.Run([&](storage::Transaction& txn) -> absl::Status {
    // Checked again: a concurrent retry may have committed since.
    ASSIGN_OR_RETURN(earlier,
                     FindEarlierResponse(txn, caller.id(), kCreateMethod, request.request_id()));
    if (earlier.has_value()) {
      ASSIGN_OR_RETURN(created, Parse(*earlier, "stored response"));
      return absl::OkStatus();
    }
    const std::string id = ids_->NewId();
    const absl::Time now = clock_->Now();
    created = draft;
    created.set_name(ResourceKey(kCollection, id));
    created.set_state(pb::ADOPTION_REQUEST_STATE_OPEN);
    *created.mutable_create_time() = ToProtoTime(now);
    *created.mutable_update_time() = ToProtoTime(now);
    ApplyLifetimeAndVisibility(created, /*sets_expire_time=*/true, now);
    RETURN_IF_ERROR(Save(txn, created, pb::CHANGE_TYPE_CREATED));
    txn.Put(CreateTimeIndexKey(kCollection, now, id), "");
    RememberResponse(txn, caller.id(), kCreateMethod, request.request_id(),
                     created.SerializeAsString());
    return absl::OkStatus();
  }));
  return created;
}

absl::StatusOr<pb::AdoptionRequest> AdoptionRequestRepository::Get(const Caller& caller,
                                                                   absl::string_view name) {
  ASSIGN_OR_RETURN(std::string id, ParseResourceName(name, kCollection, "name"));
  storage::Overlay none;
  storage::Transaction read(store_, &none);
  ASSIGN_OR_RETURN(pb::AdoptionRequest stored, Load(read, name, id));
  std::optional<pb::AdoptionRequest> view = ViewFor(caller, std::move(stored));
  // The same answer as for a request that does not exist.
  if (!view.has_value()) return NotFound(name);
  return *std::move(view);
}

absl::StatusOr<pb::ListAdoptionRequestsResponse> AdoptionRequestRepository::List(
    const Caller& caller, const pb::ListAdoptionRequestsRequest& request) {
  ASSIGN_OR_RETURN(int page_size, EffectivePageSize(request.page_size()));
  ASSIGN_OR_RETURN(storage::ScanOrder order, ParseOrderBy(request.order_by()));
  ASSIGN_OR_RETURN(Filter filter, Filter::Parse(request.filter(), kFilterFields));
  const std::string fingerprint =
      QueryFingerprint(request.filter(), request.order_by(), caller.id());
  ASSIGN_OR_RETURN(std::string start_after, DecodePageToken(request.page_token(), fingerprint));

  pb::ListAdoptionRequestsResponse response;
  ListRequest list{.collection = kCollection,
                   .order = order,
                   .start_after = start_after,
                   .page_size = page_size};
  ASSIGN_OR_RETURN(
      ListPage page, ListResources(*store_, list, [&](absl::string_view bytes) {
        pb::AdoptionRequest stored;
        if (!stored.ParseFromString(std::string(bytes))) return false;
        std::optional<pb::AdoptionRequest> view = ViewFor(caller, std::move(stored));
        if (!view.has_value()) return false;
        if (!filter.Matches([&](absl::string_view f) { return FieldValues(*view, f); }))
          return false;
        *response.add_adoption_requests() = *std::move(view);
        return true;
      }));
  if (!page.next_start_after.empty()) {
    response.set_next_page_token(EncodePageToken(page.next_start_after, fingerprint));
  }
  return response;
}

absl::StatusOr<pb::AdoptionRequest> AdoptionRequestRepository::Mutate(
    const Caller& caller, absl::string_view name, absl::string_view name_field,
    absl::string_view etag, absl::string_view method, absl::string_view request_id,
    pb::ChangeType change_type, const Change& change) {
  ASSIGN_OR_RETURN(std::string id, ParseResourceName(name, kCollection, name_field));
  pb::AdoptionRequest result;
  RETURN_IF_ERROR(committer_.Run([&](storage::Transaction& txn) -> absl::Status {
    ASSIGN_OR_RETURN(auto earlier, FindEarlierResponse(txn, caller.id(), method, request_id));
    if (earlier.has_value()) {
      ASSIGN_OR_RETURN(result, Parse(*earlier, "stored response"));
      return absl::OkStatus();
    }
    ASSIGN_OR_RETURN(pb::AdoptionRequest r, Load(txn, name, id));
    RETURN_IF_ERROR(CheckMayChange(caller, r));
    RETURN_IF_ERROR(CheckEtag(etag, r.etag(), name));
    const absl::Time now = clock_->Now();
    RETURN_IF_ERROR(change(r, now));
    *r.mutable_update_time() = ToProtoTime(now);
    RETURN_IF_ERROR(Save(txn, r, change_type));
    RememberResponse(txn, caller.id(), method, request_id, r.SerializeAsString());
    result = std::move(r);
    return absl::OkStatus();
  }));
  return result;
}

absl::StatusOr<pb::AdoptionRequest> AdoptionRequestRepository::Update(
    const Caller& caller, const pb::UpdateAdoptionRequestRequest& request) {
  const pb::AdoptionRequest& patch = request.adoption_request();
  const bool sets_expire_time = UpdateSetsExpireTime(request);
  return Mutate(caller, patch.name(), "adoption_request.name", patch.etag(),
                "UpdateAdoptionRequest", /*request_id=*/"", pb::CHANGE_TYPE_UPDATED,
                [&](pb::AdoptionRequest& r, absl::Time now) -> absl::Status {
                  if (r.state() != pb::ADOPTION_REQUEST_STATE_OPEN) return StateError(r, "update");
                  RETURN_IF_ERROR(ApplyUpdateMask(patch, request.update_mask(), kUpdatableFields,
                                                  "update_mask", &r));
                  NormalizeAdoptionRequest(r);
                  ApplyLifetimeAndVisibility(r, sets_expire_time, now);
                  FieldViolations violations;
                  ValidateAdoptionRequest(r, now, violations);
                  return violations.ToStatus();
                });
}

absl::StatusOr<pb::AdoptionRequest> AdoptionRequestRepository::Close(
    const Caller& caller, const pb::CloseAdoptionRequestRequest& request) {
  FieldViolations violations;
  if (request.outcome() != pb::CLOSE_OUTCOME_FULFILLED &&
      request.outcome() != pb::CLOSE_OUTCOME_ABANDONED) {
    violations.Add("outcome", "required: FULFILLED or ABANDONED");
  }
  CheckText(violations, "reason", request.reason(), /*required=*/true, kMaxShortTextLength);
  ValidateRequestId(request.request_id(), "request_id", violations);
  RETURN_IF_ERROR(violations.ToStatus());
  const pb::AdoptionRequestState closed = request.outcome() == pb::CLOSE_OUTCOME_FULFILLED
                                              ? pb::ADOPTION_REQUEST_STATE_FULFILLED
                                              : pb::ADOPTION_REQUEST_STATE_ABANDONED;
  return Mutate(caller, request.name(), "name", request.etag(), kCloseMethod, request.request_id(),
                pb::CHANGE_TYPE_CLOSED,
                [&](pb::AdoptionRequest& r, absl::Time now) -> absl::Status {
                  if (r.state() != pb::ADOPTION_REQUEST_STATE_OPEN) return StateError(r, "close");
                  r.set_state(closed);
                  r.set_close_reason(request.reason());
                  *r.mutable_close_time() = ToProtoTime(now);
                  return absl::OkStatus();
                });
}

}  // namespace corematch::adoption
