#include "services/adoption/journey/cohort_repository.h"

#include <utility>

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
#include "services/common/stored_proto.h"
#include "services/common/update_mask.h"

namespace corematch::adoption {
namespace {

constexpr absl::string_view kCollection = "cohorts";
constexpr absl::string_view kCreateMethod = "CreateCohort";
constexpr size_t kMaxDisplayName = 200;

const std::vector<std::string> kUpdatableFields = {"display_name", "workshops", "milestones"};
const std::vector<std::string> kFilterFields = {"solution", "owner"};

bool IsDate(absl::string_view text) {
  absl::CivilDay day;
  return absl::ParseCivilTime(text, &day);
}

void CheckCohort(const v1::Cohort& c, FieldViolations& v) {
  CheckText(v, "cohort.display_name", c.display_name(), /*required=*/false, kMaxDisplayName);
  for (int i = 0; i < c.workshops_size(); ++i) {
    if (c.workshops(i).title().empty()) {
      v.Add(absl::StrCat("cohort.workshops[", i, "].title"), "say what the workshop is about");
    }
    if (!c.workshops(i).date().empty() && !IsDate(c.workshops(i).date())) {
      v.Add(absl::StrCat("cohort.workshops[", i, "].date"),
            absl::StrCat("'", c.workshops(i).date(), "' is not a date; use YYYY-MM-DD"));
    }
  }
  for (int i = 0; i < c.milestones_size(); ++i) {
    if (c.milestones(i).title().empty()) {
      v.Add(absl::StrCat("cohort.milestones[", i, "].title"), "say what is reached");
    }
    if (!c.milestones(i).due_date().empty() && !IsDate(c.milestones(i).due_date())) {
      v.Add(absl::StrCat("cohort.milestones[", i, "].due_date"),
            absl::StrCat("'", c.milestones(i).due_date(), "' is not a date; use YYYY-MM-DD"));
    }
  }
}

std::vector<std::string> FieldValues(const v1::Cohort& c, absl::string_view field) {
  if (field == "solution") return {c.solution()};
  return {c.owner()};
}

}  // namespace

absl::StatusOr<v1::Cohort> LoadCohort(const storage::Transaction& txn, absl::string_view name) {
  ASSIGN_OR_RETURN(std::string id, ParseResourceName(name, kCollection, "cohort"));
  ASSIGN_OR_RETURN(std::optional<v1::Cohort> cohort,
                   LoadProto<v1::Cohort>(txn, ResourceKey(kCollection, id)));
  if (!cohort.has_value()) return NotFound(name);
  return *std::move(cohort);
}

void SaveCohort(storage::Transaction& txn, v1::Cohort& cohort) {
  cohort.clear_etag();
  cohort.set_etag(ComputeEtag(cohort));
  const absl::string_view name = cohort.name();
  txn.Put(ResourceKey(kCollection, name.substr(name.rfind('/') + 1)), cohort.SerializeAsString());
}

absl::StatusOr<std::unique_ptr<CohortRepository>> CohortRepository::Open(
    storage::Committer* committer, Lineage* lineage, Clock* clock, IdGenerator* ids) {
  absl::Status status;
  RETURN_IF_ERROR(
      committer->store()->Scan(absl::StrCat(kCollection, "/"), "", storage::ScanOrder::kAscending,
                               [&](absl::string_view key, absl::string_view value) {
                                 v1::Cohort cohort;
                                 if (!cohort.ParseFromArray(value.data(), value.size())) {
                                   status = absl::DataLossError(absl::StrCat("corrupt ", key));
                                   return false;
                                 }
                                 lineage->PutCohort(cohort.solution(), cohort.name());
                                 return true;
                               }));
  RETURN_IF_ERROR(status);
  return std::unique_ptr<CohortRepository>(new CohortRepository(committer, lineage, clock, ids));
}

absl::StatusOr<v1::Cohort> CohortRepository::Create(const Caller& caller,
                                                    const v1::CreateCohortRequest& request) {
  v1::Cohort draft = request.cohort();
  FieldViolations violations;
  if (draft.solution().empty()) {
    violations.Add("cohort.solution", "name your solutions/{solution} the cohort takes up");
  }
  CheckCohort(draft, violations);
  ValidateRequestId(request.request_id(), "request_id", violations);
  RETURN_IF_ERROR(violations.ToStatus());
  RETURN_IF_ERROR(ParseResourceName(draft.solution(), "solutions", "cohort.solution").status());
  std::optional<LineageSolution> solution = lineage_->FindSolution(draft.solution());
  if (!solution.has_value()) {
    return MakeError(absl::StatusCode::kFailedPrecondition, "SOLUTION_UNKNOWN",
                     absl::StrCat(draft.solution(),
                                  " is not a published solution known here (yet); publish it "
                                  "first"));
  }
  RETURN_IF_ERROR(RequireOwner(caller, solution->owner, draft.solution()));

  v1::Cohort created;
  RETURN_IF_ERROR(committer_->Run([&](storage::Transaction& txn) -> absl::Status {
    ASSIGN_OR_RETURN(auto earlier,
                     FindEarlierResponse(txn, caller.id(), kCreateMethod, request.request_id()));
    if (earlier.has_value()) {
      created.ParseFromString(*earlier);
      return absl::OkStatus();
    }
    const int units = lineage_->SupportUnits(draft.solution());
    if (solution->support_capacity > 0 && units >= solution->support_capacity) {
      return MakeError(absl::StatusCode::kFailedPrecondition, "SUPPORT_CAPACITY_TAKEN",
                       absl::StrCat(draft.solution(), " supports ", solution->support_capacity,
                                    " adopters or cohorts at once and ", units,
                                    " are under way; raise support_capacity or wait"));
    }
    const absl::Time now = clock_->Now();
    const std::string id = ids_->NewId();
    created = draft;
    created.set_name(ResourceKey(kCollection, id));
    created.set_owner(solution->owner);
    created.clear_adoptions();
    *created.mutable_create_time() = ToProtoTime(now);
    *created.mutable_update_time() = ToProtoTime(now);
    SaveCohort(txn, created);
    txn.Put(CreateTimeIndexKey(kCollection, now, id), "");
    RememberResponse(txn, caller.id(), kCreateMethod, request.request_id(),
                     created.SerializeAsString());
    txn.OnCommit([this, solution = created.solution(), name = created.name()] {
      lineage_->PutCohort(solution, name);
    });
    return absl::OkStatus();
  }));
  return created;
}

absl::StatusOr<v1::Cohort> CohortRepository::Get(absl::string_view name) {
  storage::Overlay none;
  storage::Transaction read(committer_->store(), &none);
  return LoadCohort(read, name);
}

absl::StatusOr<v1::ListCohortsResponse> CohortRepository::List(
    const Caller& caller, const v1::ListCohortsRequest& request) {
  ASSIGN_OR_RETURN(int page_size, EffectivePageSize(request.page_size()));
  ASSIGN_OR_RETURN(Filter filter, Filter::Parse(request.filter(), kFilterFields));
  const std::string fingerprint = QueryFingerprint(request.filter(), "", caller.id());
  ASSIGN_OR_RETURN(std::string start_after, DecodePageToken(request.page_token(), fingerprint));
  v1::ListCohortsResponse response;
  ListRequest list{.collection = kCollection, .start_after = start_after, .page_size = page_size};
  ASSIGN_OR_RETURN(ListPage page,
                   ListResources(*committer_->store(), list, [&](absl::string_view bytes) {
                     v1::Cohort c;
                     if (!c.ParseFromArray(bytes.data(), bytes.size())) return false;
                     if (!filter.Matches([&](absl::string_view f) { return FieldValues(c, f); })) {
                       return false;
                     }
                     *response.add_cohorts() = std::move(c);
                     return true;
                   }));
  if (!page.next_start_after.empty()) {
    response.set_next_page_token(EncodePageToken(page.next_start_after, fingerprint));
  }
  return response;
}

absl::StatusOr<v1::Cohort> CohortRepository::Update(const Caller& caller,
                                                    const v1::UpdateCohortRequest& request) {
  const v1::Cohort& patch = request.cohort();
  v1::Cohort updated;
  RETURN_IF_ERROR(committer_->Run([&](storage::Transaction& txn) -> absl::Status {
    ASSIGN_OR_RETURN(v1::Cohort c, LoadCohort(txn, patch.name()));
    RETURN_IF_ERROR(RequireOwner(caller, c.owner(), c.name()));
    RETURN_IF_ERROR(CheckEtag(patch.etag(), c.etag(), c.name()));
    RETURN_IF_ERROR(
        ApplyUpdateMask(patch, request.update_mask(), kUpdatableFields, "update_mask", &c));
    FieldViolations violations;
    CheckCohort(c, violations);
    RETURN_IF_ERROR(violations.ToStatus());
    *c.mutable_update_time() = ToProtoTime(clock_->Now());
    SaveCohort(txn, c);
    updated = std::move(c);
    return absl::OkStatus();
  }));
  return updated;
}

}  // namespace corematch::adoption
