#include "services/adoption/journey/adoption_repository.h"

#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/adoption/journey/adoption_stage.h"
#include "services/adoption/journey/cohort_repository.h"
#include "services/common/errors.h"
#include "services/common/etag.h"
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

namespace pub = ::corematch::publishing::v1;
namespace mat = ::corematch::matching::v1;

constexpr absl::string_view kCollection = "adoptions";
constexpr absl::string_view kOpenMethod = "OpenAdoption";

const std::vector<std::string> kUpdatableFields = {
    "core_elements", "preconditions", "efforts", "risks", "resistance", "implementation_keys"};
const std::vector<std::string> kFilterFields = {"solution", "adopter", "stage"};

absl::string_view IdOf(absl::string_view name) { return name.substr(name.rfind('/') + 1); }

std::string MatchKey(absl::string_view id) { return absl::StrCat("journey/match/", id); }
std::string SolutionKey(absl::string_view id) { return absl::StrCat("journey/solution/", id); }
std::string CursorKey(absl::string_view feed) { return absl::StrCat("journey/cursor/", feed); }
std::string AdoptionOfMatchKey(absl::string_view id) {
  return absl::StrCat("adoption_of_match/", id);
}

absl::StatusOr<v1::Adoption> Load(const storage::Transaction& txn, absl::string_view name) {
  ASSIGN_OR_RETURN(std::string id, ParseResourceName(name, kCollection, "name"));
  ASSIGN_OR_RETURN(auto adoption, LoadProto<v1::Adoption>(txn, ResourceKey(kCollection, id)));
  if (!adoption.has_value()) return NotFound(name);
  return *std::move(adoption);
}

bool MayRead(const Caller& caller, const v1::Adoption& a) {
  return caller.is_operator || caller.organization == a.adopter() ||
         caller.organization == a.owner();
}

absl::Status CheckMayChange(const Caller& caller, const v1::Adoption& a) {
  if (caller.CanModify(a.adopter())) return absl::OkStatus();
  return MakeError(absl::StatusCode::kPermissionDenied, "NOT_ADOPTER",
                   absl::StrCat(a.name(), " is ", a.adopter(),
                                "'s adoption; the solution's owner reads it, only the adopter "
                                "changes it"));
}

std::vector<std::string> FieldValues(const v1::Adoption& a, absl::string_view field) {
  if (field == "solution") return {a.solution()};
  if (field == "adopter") return {a.adopter()};
  return {StageName(a.stage())};
}

void CheckEffects(const google::protobuf::RepeatedPtrField<v1::EvaluatedEffect>& effects,
                  FieldViolations& v) {
  if (effects.empty()) v.Add("effects", "record at least one effect: metric, baseline, result");
  for (int i = 0; i < effects.size(); ++i) {
    if (effects[i].metric().empty()) {
      v.Add(absl::StrCat("effects[", i, "].metric"),
            "name what was measured, ideally as the solution's evidence names it");
    }
    if (effects[i].period().empty()) {
      v.Add(absl::StrCat("effects[", i, "].period"), "say when it was measured, e.g. 2026-Q1");
    }
  }
}

void CheckPlan(const v1::Adoption& a, FieldViolations& v) {
  for (int i = 0; i < a.core_elements_size(); ++i) {
    if (a.core_elements(i).core_element().empty()) {
      v.Add(absl::StrCat("adoption.core_elements[", i, "].core_element"),
            "name the solution's core element");
    }
  }
  for (int i = 0; i < a.preconditions_size(); ++i) {
    if (a.preconditions(i).precondition().empty()) {
      v.Add(absl::StrCat("adoption.preconditions[", i, "].precondition"),
            "name the solution's precondition");
    }
  }
  for (int i = 0; i < a.efforts_size(); ++i) {
    if (a.efforts(i).title().empty()) {
      v.Add(absl::StrCat("adoption.efforts[", i, "].title"), "name the effort");
    }
    for (int j = 0; j < a.efforts(i).actions_size(); ++j) {
      const std::string& due = a.efforts(i).actions(j).due_date();
      absl::CivilDay day;
      if (!due.empty() && !absl::ParseCivilTime(due, &day)) {
        v.Add(absl::StrCat("adoption.efforts[", i, "].actions[", j, "].due_date"),
              absl::StrCat("'", due, "' is not a date; use YYYY-MM-DD"));
      }
    }
  }
  for (int i = 0; i < a.risks_size(); ++i) {
    if (a.risks(i).description().empty()) {
      v.Add(absl::StrCat("adoption.risks[", i, "].description"), "say what may go wrong");
    }
  }
  for (int i = 0; i < a.resistance_size(); ++i) {
    if (a.resistance(i).description().empty()) {
      v.Add(absl::StrCat("adoption.resistance[", i, "].description"), "say who resisted what");
    }
  }
}

// The plan an adoption starts from: one line per core element and
// precondition of the solution, for the adopter to fill in.
void StartPlan(const pub::Solution& solution, v1::Adoption& a) {
  if (a.core_elements().empty()) {
    for (const pub::CoreElement& core : solution.core_elements()) {
      a.add_core_elements()->set_core_element(core.title());
    }
  }
  if (a.preconditions().empty()) {
    for (const pub::Precondition& precondition : solution.preconditions()) {
      a.add_preconditions()->set_precondition(precondition.description());
    }
  }
}

LineageSolution LineageOfSolution(const pub::Solution& s) {
  LineageSolution out;
  out.name = s.name();
  out.title = s.title();
  out.owner = s.owner();
  out.country = s.origin().country();
  out.derived_from = s.derived_from();
  out.support_capacity = s.support_capacity();
  out.evidence.assign(s.evidence().begin(), s.evidence().end());
  return out;
}

}  // namespace

absl::StatusOr<std::unique_ptr<AdoptionRepository>> AdoptionRepository::Open(
    AdoptionRequestRepository* requests, storage::KvStore* store, Clock* clock, IdGenerator* ids) {
  std::unique_ptr<AdoptionRepository> repository(
      new AdoptionRepository(requests, store, clock, ids));
  RETURN_IF_ERROR(repository->Rebuild());
  return repository;
}

absl::Status AdoptionRepository::Rebuild() {
  absl::Status status;
  RETURN_IF_ERROR(store_->Scan("journey/solution/", "", storage::ScanOrder::kAscending,
                               [&](absl::string_view key, absl::string_view value) {
                                 pub::Solution s;
                                 if (!s.ParseFromArray(value.data(), value.size())) {
                                   status = absl::DataLossError(absl::StrCat("corrupt ", key));
                                   return false;
                                 }
                                 lineage_.PutSolution(LineageOfSolution(s));
                                 return true;
                               }));
  RETURN_IF_ERROR(status);
  std::vector<v1::Adoption> adoptions;
  RETURN_IF_ERROR(store_->Scan(absl::StrCat(kCollection, "/"), "", storage::ScanOrder::kAscending,
                               [&](absl::string_view key, absl::string_view value) {
                                 v1::Adoption a;
                                 if (!a.ParseFromArray(value.data(), value.size())) {
                                   status = absl::DataLossError(absl::StrCat("corrupt ", key));
                                   return false;
                                 }
                                 adoptions.push_back(std::move(a));
                                 return true;
                               }));
  RETURN_IF_ERROR(status);
  storage::Overlay none;
  storage::Transaction read(store_, &none);
  for (const v1::Adoption& a : adoptions) {
    ASSIGN_OR_RETURN(v1::AdoptionRequest request, RequestOf(read, a.adoption_request()));
    lineage_.PutAdoption(LineageOf(a, request.visibility()));
  }
  return absl::OkStatus();
}

LineageAdoption AdoptionRepository::LineageOf(const v1::Adoption& a,
                                              v1::Visibility visibility) const {
  LineageAdoption out;
  out.name = a.name();
  out.solution = a.solution();
  out.adopter = a.adopter();
  const bool public_request =
      visibility == v1::VISIBILITY_PUBLIC || visibility == v1::VISIBILITY_UNSPECIFIED;
  out.shown_adopter = public_request ? a.adopter() : "";
  out.country = a.context().country();
  out.region = a.context().region();
  out.population = a.context().population();
  out.stage = a.stage();
  out.effects.assign(a.effects().begin(), a.effects().end());
  out.republished_as = a.republished_as();
  out.cohort = a.cohort();
  return out;
}

absl::StatusOr<v1::AdoptionRequest> AdoptionRepository::RequestOf(const storage::Transaction& txn,
                                                                  absl::string_view name) {
  ASSIGN_OR_RETURN(auto request, LoadProto<v1::AdoptionRequest>(
                                     txn, ResourceKey("adoptionRequests", IdOf(name))));
  if (!request.has_value()) {
    return absl::DataLossError(absl::StrCat(name, " is gone from the adoption store"));
  }
  return *std::move(request);
}

absl::Status AdoptionRepository::Save(storage::Transaction& txn, v1::Adoption& adoption,
                                      v1::ChangeType type) {
  adoption.clear_etag();
  adoption.set_etag(ComputeEtag(adoption));
  txn.Put(ResourceKey(kCollection, IdOf(adoption.name())), adoption.SerializeAsString());
  v1::WatchChangesResponse event;
  event.set_type(type);
  *event.mutable_adoption() = adoption;
  *event.mutable_commit_time() = ToProtoTime(clock_->Now());
  return feed_.Append(txn, event.SerializeAsString()).status();
}

absl::StatusOr<v1::Adoption> AdoptionRepository::Open(const Caller& caller,
                                                      const v1::OpenAdoptionRequest& request) {
  v1::Adoption draft = request.adoption();
  FieldViolations violations;
  if (draft.match().empty()) {
    violations.Add("adoption.match", "name the CONNECTED matches/{match} the adoption comes from");
  }
  CheckPlan(draft, violations);
  ValidateRequestId(request.request_id(), "request_id", violations);
  RETURN_IF_ERROR(violations.ToStatus());
  ASSIGN_OR_RETURN(std::string match_id,
                   ParseResourceName(draft.match(), "matches", "adoption.match"));

  v1::Adoption opened;
  v1::Visibility visibility = v1::VISIBILITY_UNSPECIFIED;
  bool changed = false;
  RETURN_IF_ERROR(committer_.Run([&](storage::Transaction& txn) -> absl::Status {
    ASSIGN_OR_RETURN(auto earlier,
                     FindEarlierResponse(txn, caller.id(), kOpenMethod, request.request_id()));
    if (earlier.has_value()) {
      opened.ParseFromString(*earlier);
      return absl::OkStatus();
    }
    ASSIGN_OR_RETURN(auto match, LoadProto<mat::Match>(txn, MatchKey(match_id)));
    if (!match.has_value() || match->state() != mat::MATCH_STATE_CONNECTED) {
      return MakeError(absl::StatusCode::kFailedPrecondition, "MATCH_NOT_CONNECTED",
                       absl::StrCat(draft.match(),
                                    " is not CONNECTED here: an adoption opens once both the "
                                    "adopter and the owner have said interested (and matching's "
                                    "feed has brought the news, within a second or so)"));
    }
    ASSIGN_OR_RETURN(v1::AdoptionRequest need, RequestOf(txn, match->adoption_request()));
    if (!caller.CanModify(need.requester())) {
      return MakeError(absl::StatusCode::kPermissionDenied, "NOT_ADOPTER",
                       absl::StrCat("only ", need.requester(), ", which filed ", need.name(),
                                    ", opens an adoption from ", draft.match()));
    }
    ASSIGN_OR_RETURN(std::optional<std::string> existing, txn.Get(AdoptionOfMatchKey(match_id)));
    if (existing.has_value()) {
      return MakeError(absl::StatusCode::kAlreadyExists, "ADOPTION_EXISTS",
                       absl::StrCat(draft.match(), " already has adoptions/", *existing));
    }
    ASSIGN_OR_RETURN(auto solution,
                     LoadProto<pub::Solution>(txn, SolutionKey(IdOf(match->solution()))));
    if (!solution.has_value()) {
      return absl::UnavailableError(absl::StrCat(
          match->solution(), " has not arrived on the publishing feed yet; retry shortly"));
    }
    std::optional<v1::Cohort> cohort;
    if (!draft.cohort().empty()) {
      ASSIGN_OR_RETURN(cohort, LoadCohort(txn, draft.cohort()));
      if (cohort->solution() != solution->name()) {
        return MakeError(absl::StatusCode::kFailedPrecondition, "COHORT_OF_ANOTHER_SOLUTION",
                         absl::StrCat(draft.cohort(), " takes up ", cohort->solution(), ", not ",
                                      solution->name()));
      }
    }
    // Joining a cohort takes no more of the owner's capacity: the cohort
    // already counts.
    const int units = lineage_.SupportUnits(solution->name());
    if (!cohort.has_value() && solution->support_capacity() > 0 &&
        units >= solution->support_capacity()) {
      return MakeError(
          absl::StatusCode::kFailedPrecondition, "SUPPORT_CAPACITY_TAKEN",
          absl::StrCat(solution->owner(), " supports at most ", solution->support_capacity(),
                       " adopters or cohorts of ", solution->name(), " at once and ", units,
                       " are under way; join one of its cohorts, ask the owner, or wait until "
                       "an adoption is anchored"));
    }
    const absl::Time now = clock_->Now();
    const std::string id = ids_->NewId();
    opened = draft;
    opened.set_name(ResourceKey(kCollection, id));
    opened.set_adoption_request(need.name());
    opened.set_solution(solution->name());
    opened.set_adopter(need.requester());
    opened.set_owner(solution->owner());
    opened.set_stage(v1::ADOPTION_STAGE_PREPARE);
    opened.clear_effects();
    opened.clear_republished_as();
    *opened.mutable_context() = need.context();
    StartPlan(*solution, opened);
    v1::StageChange& started = *opened.add_stage_history();
    started.set_to_stage(v1::ADOPTION_STAGE_PREPARE);
    started.set_actor(caller.id());
    *started.mutable_time() = ToProtoTime(now);
    *opened.mutable_create_time() = ToProtoTime(now);
    *opened.mutable_update_time() = ToProtoTime(now);
    RETURN_IF_ERROR(Save(txn, opened, v1::CHANGE_TYPE_ADOPTION_OPENED));
    txn.Put(CreateTimeIndexKey(kCollection, now, id), "");
    txn.Put(AdoptionOfMatchKey(match_id), id);
    if (cohort.has_value()) {
      cohort->add_adoptions(opened.name());
      SaveCohort(txn, *cohort);
    }
    RememberResponse(txn, caller.id(), kOpenMethod, request.request_id(),
                     opened.SerializeAsString());
    visibility = need.visibility();
    changed = true;
    return absl::OkStatus();
  }));
  // A retry answered with the earlier response changed nothing: the lineage
  // already has the adoption, perhaps in a later state than that response.
  if (changed) lineage_.PutAdoption(LineageOf(opened, visibility));
  return opened;
}

absl::StatusOr<v1::Adoption> AdoptionRepository::Get(const Caller& caller, absl::string_view name) {
  storage::Overlay none;
  storage::Transaction read(store_, &none);
  ASSIGN_OR_RETURN(v1::Adoption a, Load(read, name));
  if (!MayRead(caller, a)) return NotFound(name);
  return a;
}

absl::StatusOr<v1::ListAdoptionsResponse> AdoptionRepository::List(
    const Caller& caller, const v1::ListAdoptionsRequest& request) {
  ASSIGN_OR_RETURN(int page_size, EffectivePageSize(request.page_size()));
  ASSIGN_OR_RETURN(Filter filter, Filter::Parse(request.filter(), kFilterFields));
  const std::string fingerprint = QueryFingerprint(request.filter(), "", caller.id());
  ASSIGN_OR_RETURN(std::string start_after, DecodePageToken(request.page_token(), fingerprint));
  v1::ListAdoptionsResponse response;
  ListRequest list{.collection = kCollection, .start_after = start_after, .page_size = page_size};
  ASSIGN_OR_RETURN(ListPage page, ListResources(*store_, list, [&](absl::string_view bytes) {
                     v1::Adoption a;
                     if (!a.ParseFromArray(bytes.data(), bytes.size())) return false;
                     if (!MayRead(caller, a)) return false;
                     if (!filter.Matches([&](absl::string_view f) { return FieldValues(a, f); })) {
                       return false;
                     }
                     *response.add_adoptions() = std::move(a);
                     return true;
                   }));
  if (!page.next_start_after.empty()) {
    response.set_next_page_token(EncodePageToken(page.next_start_after, fingerprint));
  }
  return response;
}

absl::StatusOr<v1::Adoption> AdoptionRepository::Mutate(
    const Caller& caller, absl::string_view name, absl::string_view etag, absl::string_view method,
    absl::string_view request_id, v1::ChangeType type, const Change& change) {
  v1::Adoption result;
  v1::Visibility visibility = v1::VISIBILITY_UNSPECIFIED;
  bool changed = false;
  RETURN_IF_ERROR(committer_.Run([&](storage::Transaction& txn) -> absl::Status {
    ASSIGN_OR_RETURN(auto earlier, FindEarlierResponse(txn, caller.id(), method, request_id));
    if (earlier.has_value()) {
      result.ParseFromString(*earlier);
      return absl::OkStatus();
    }
    ASSIGN_OR_RETURN(v1::Adoption a, Load(txn, name));
    if (!MayRead(caller, a)) return NotFound(name);
    RETURN_IF_ERROR(CheckMayChange(caller, a));
    RETURN_IF_ERROR(CheckEtag(etag, a.etag(), name));
    const absl::Time now = clock_->Now();
    RETURN_IF_ERROR(change(a, now));
    *a.mutable_update_time() = ToProtoTime(now);
    RETURN_IF_ERROR(Save(txn, a, type));
    RememberResponse(txn, caller.id(), method, request_id, a.SerializeAsString());
    ASSIGN_OR_RETURN(v1::AdoptionRequest need, RequestOf(txn, a.adoption_request()));
    visibility = need.visibility();
    result = std::move(a);
    changed = true;
    return absl::OkStatus();
  }));
  // A retry answered with the earlier response changed nothing (see Open).
  if (changed) lineage_.PutAdoption(LineageOf(result, visibility));
  return result;
}

absl::StatusOr<v1::Adoption> AdoptionRepository::Update(const Caller& caller,
                                                        const v1::UpdateAdoptionRequest& request) {
  const v1::Adoption& patch = request.adoption();
  return Mutate(caller, patch.name(), patch.etag(), "UpdateAdoption", "",
                v1::CHANGE_TYPE_ADOPTION_UPDATED, [&](v1::Adoption& a, absl::Time) -> absl::Status {
                  RETURN_IF_ERROR(ApplyUpdateMask(patch, request.update_mask(), kUpdatableFields,
                                                  "update_mask", &a));
                  FieldViolations violations;
                  CheckPlan(a, violations);
                  return violations.ToStatus();
                });
}

absl::StatusOr<v1::Adoption> AdoptionRepository::Advance(
    const Caller& caller, const v1::AdvanceAdoptionRequest& request) {
  return Mutate(caller, request.name(), request.etag(), "AdvanceAdoption", request.request_id(),
                v1::CHANGE_TYPE_ADOPTION_STAGE_CHANGED,
                [&](v1::Adoption& a, absl::Time now) -> absl::Status {
                  RETURN_IF_ERROR(CheckStageChange(a.stage(), request.stage(), request.reason(),
                                                   !a.effects().empty()));
                  v1::StageChange& change = *a.add_stage_history();
                  change.set_from_stage(a.stage());
                  change.set_to_stage(request.stage());
                  change.set_actor(caller.id());
                  change.set_reason(request.reason());
                  *change.mutable_time() = ToProtoTime(now);
                  a.set_stage(request.stage());
                  return absl::OkStatus();
                });
}

absl::StatusOr<v1::Adoption> AdoptionRepository::Evaluate(
    const Caller& caller, const v1::EvaluateAdoptionRequest& request) {
  FieldViolations violations;
  CheckEffects(request.effects(), violations);
  RETURN_IF_ERROR(violations.ToStatus());
  return Mutate(caller, request.name(), request.etag(), "EvaluateAdoption", request.request_id(),
                v1::CHANGE_TYPE_ADOPTION_UPDATED, [&](v1::Adoption& a, absl::Time) -> absl::Status {
                  if (!MayEvaluate(a.stage())) {
                    return MakeError(absl::StatusCode::kFailedPrecondition, "NOTHING_TO_EVALUATE",
                                     absl::StrCat(a.name(), " is in ", StageName(a.stage()),
                                                  "; effects are evaluated once it is launched"));
                  }
                  for (const v1::EvaluatedEffect& effect : request.effects()) {
                    *a.add_effects() = effect;
                  }
                  return absl::OkStatus();
                });
}

absl::StatusOr<v1::Adoption> AdoptionRepository::Republish(
    const Caller& caller, const v1::RepublishAdoptionRequest& request) {
  ASSIGN_OR_RETURN(std::string solution_id,
                   ParseResourceName(request.solution(), "solutions", "solution"));
  return Mutate(
      caller, request.name(), request.etag(), "RepublishAdoption", "",
      v1::CHANGE_TYPE_ADOPTION_UPDATED, [&](v1::Adoption& a, absl::Time) -> absl::Status {
        if (a.stage() != v1::ADOPTION_STAGE_ANCHORED) {
          return MakeError(absl::StatusCode::kFailedPrecondition, "NOT_ANCHORED",
                           absl::StrCat(a.name(), " is in ", StageName(a.stage()),
                                        "; it is republished once ANCHORED"));
        }
        std::optional<LineageSolution> adapted = lineage_.FindSolution(request.solution());
        if (!adapted.has_value()) {
          return absl::UnavailableError(absl::StrCat(
              request.solution(), " has not arrived on the publishing feed yet; retry shortly"));
        }
        if (adapted->owner != a.adopter() || adapted->derived_from != a.solution()) {
          return MakeError(
              absl::StatusCode::kFailedPrecondition, "NOT_DERIVED",
              absl::StrCat(request.solution(), " must be ", a.adopter(),
                           "'s own published solution with derived_from ", a.solution(), "; it is ",
                           adapted->owner, "'s, derived from '", adapted->derived_from, "'"));
        }
        a.set_republished_as(request.solution());
        return absl::OkStatus();
      });
}

absl::StatusOr<v1::SpreadTree> AdoptionRepository::SpreadTree(absl::string_view solution) {
  RETURN_IF_ERROR(ParseResourceName(solution, "solutions", "solution").status());
  return lineage_.SpreadTree(solution);
}

absl::StatusOr<v1::ValueSummary> AdoptionRepository::ValueSummary(absl::string_view solution) {
  RETURN_IF_ERROR(ParseResourceName(solution, "solutions", "solution").status());
  return lineage_.ValueSummary(solution);
}

absl::StatusOr<int64_t> AdoptionRepository::cursor(absl::string_view feed) {
  ASSIGN_OR_RETURN(std::optional<std::string> value, store_->Get(CursorKey(feed)));
  int64_t sequence = 0;
  if (value.has_value() && !absl::SimpleAtoi(*value, &sequence)) {
    return absl::DataLossError(absl::StrCat("corrupt ", CursorKey(feed)));
  }
  return sequence;
}

absl::Status AdoptionRepository::ApplyInOrder(
    absl::string_view feed, int64_t sequence,
    const std::function<absl::Status(storage::Transaction&)>& apply) {
  return committer_.Run([&](storage::Transaction& txn) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<std::string> value, txn.Get(CursorKey(feed)));
    int64_t applied = 0;
    if (value.has_value() && !absl::SimpleAtoi(*value, &applied)) {
      return absl::DataLossError(absl::StrCat("corrupt ", CursorKey(feed)));
    }
    if (sequence <= applied) return absl::OkStatus();
    RETURN_IF_ERROR(apply(txn));
    txn.Put(CursorKey(feed), absl::StrCat(sequence));
    return absl::OkStatus();
  });
}

absl::Status AdoptionRepository::ApplySolutionEvent(const pub::WatchChangesResponse& event) {
  const pub::Solution& s = event.solution();
  // Drafts spread nowhere; published and withdrawn solutions stay in trees.
  if (s.state() == pub::SOLUTION_STATE_DRAFT) {
    return ApplyInOrder(kJourneyPublishingFeed, event.sequence(),
                        [](storage::Transaction&) { return absl::OkStatus(); });
  }
  RETURN_IF_ERROR(
      ApplyInOrder(kJourneyPublishingFeed, event.sequence(), [&](storage::Transaction& txn) {
        txn.Put(SolutionKey(IdOf(s.name())), s.SerializeAsString());
        txn.OnCommit([this, s] { lineage_.PutSolution(LineageOfSolution(s)); });
        return absl::OkStatus();
      }));
  return absl::OkStatus();
}

absl::Status AdoptionRepository::ApplyMatchEvent(const mat::WatchChangesResponse& event) {
  const mat::Match& m = event.match();
  return ApplyInOrder(kJourneyMatchingFeed, event.sequence(),
                      [&](storage::Transaction& txn) -> absl::Status {
                        const std::string key = MatchKey(IdOf(m.name()));
                        // Only connected matches matter here; one that was
                        // connected is kept up to date.
                        if (m.state() != mat::MATCH_STATE_CONNECTED) {
                          ASSIGN_OR_RETURN(std::optional<std::string> known, txn.Get(key));
                          if (!known.has_value()) return absl::OkStatus();
                        }
                        mat::Match kept;
                        kept.set_name(m.name());
                        kept.set_adoption_request(m.adoption_request());
                        kept.set_solution(m.solution());
                        kept.set_state(m.state());
                        txn.Put(key, kept.SerializeAsString());
                        return absl::OkStatus();
                      });
}

}  // namespace corematch::adoption
