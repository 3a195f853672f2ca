#include "services/matching/service/matching_repository.h"

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/common/proto_time.h"
#include "services/common/resource_name.h"
#include "services/matching/service/match_planner.h"
#include "services/matching/service/match_state.h"

namespace corematch::matching {
namespace {

constexpr absl::string_view kSolutionCollection = "solutions";
constexpr absl::string_view kRequestCollection = "adoptionRequests";

// Calls `visit(id, value)` for every key under `prefix`; stops at the first error.
absl::Status ForEachUnder(
    storage::KvStore& store, absl::string_view prefix,
    const std::function<absl::Status(absl::string_view id, absl::string_view value)>& visit) {
  absl::Status status;
  RETURN_IF_ERROR(store.Scan(prefix, "", storage::ScanOrder::kAscending,
                             [&](absl::string_view key, absl::string_view value) {
                               status = visit(key.substr(prefix.size()), value);
                               return status.ok();
                             }));
  return status;
}

}  // namespace

absl::StatusOr<std::unique_ptr<MatchingRepository>> MatchingRepository::Open(
    storage::KvStore* store, Clock* clock, const Analyzer* analyzer, const PivotLexicon* lexicon,
    EngineOptions options, const std::string& snapshot_path) {
  ASSIGN_OR_RETURN(std::unique_ptr<ChangeFeed> feed, ChangeFeed::Open(store));
  std::unique_ptr<MatchingRepository> repository(
      new MatchingRepository(store, clock, analyzer, lexicon, options, std::move(feed)));
  RETURN_IF_ERROR(repository->CheckEngineOptions(options));
  RETURN_IF_ERROR(repository->Rebuild(snapshot_path));
  return repository;
}

MatchingRepository::MatchingRepository(storage::KvStore* store, Clock* clock,
                                       const Analyzer* analyzer, const PivotLexicon* lexicon,
                                       EngineOptions options, std::unique_ptr<ChangeFeed> feed)
    : store_(store),
      committer_(store),
      clock_(clock),
      analyzer_(analyzer),
      engine_(analyzer, lexicon, options),
      feed_(std::move(feed)),
      matches_(feed_.get(),
               [this](const std::string& solution, int delta) { OnConnected(solution, delta); }) {}

absl::Status MatchingRepository::CheckEngineOptions(const EngineOptions& options) {
  const std::string wanted = EngineOptionsKey(options);
  ASSIGN_OR_RETURN(std::optional<std::string> stored, store_->Get(keys::kEngineOptions));
  if (stored.has_value()) {
    if (*stored == wanted) return absl::OkStatus();
    return absl::FailedPreconditionError(absl::StrCat(
        "this matching store was indexed with engine options '", *stored, "', not '", wanted,
        "'; start with the options it was made with, or on an empty matching data directory"));
  }
  storage::WriteBatch batch;
  batch.Put(keys::kEngineOptions, wanted);
  return store_->Write(batch, storage::WriteOptions{.sync = true});
}

absl::Status MatchingRepository::Rebuild(const std::string& snapshot_path) {
  const bool loaded = !snapshot_path.empty() && LoadSnapshot(snapshot_path);
  if (!loaded) RETURN_IF_ERROR(RebuildSolutions());
  RETURN_IF_ERROR(RebuildRequests(/*index=*/!loaded));
  RETURN_IF_ERROR(matches_.CountStored(*store_));
  return RebuildConnected();
}

bool MatchingRepository::LoadSnapshot(const std::string& path) {
  absl::StatusOr<std::string> tag = SnapshotTag();
  absl::Status status = tag.ok() ? engine_.LoadSnapshot(path, *tag) : tag.status();
  // Used or not, it describes the store only until the first event applied.
  std::error_code ignored;
  std::filesystem::remove(path, ignored);
  if (!status.ok() && !absl::IsNotFound(status)) {
    std::cerr << "matching: rebuilding the index from the store, not from " << path << ": "
              << status.message() << "\n";
  }
  return status.ok();
}

absl::StatusOr<std::string> MatchingRepository::SnapshotTag() {
  ASSIGN_OR_RETURN(int64_t publishing, publishing_cursor());
  ASSIGN_OR_RETURN(int64_t adoption, adoption_cursor());
  return absl::StrCat("publishing=", publishing, ",adoption=", adoption);
}

absl::Status MatchingRepository::SaveSnapshot(const std::string& path) {
  absl::MutexLock lock(&apply_mutex_);
  ASSIGN_OR_RETURN(std::string tag, SnapshotTag());
  return engine_.SaveSnapshot(path, tag);
}

absl::Status MatchingRepository::RebuildSolutions() {
  std::vector<std::string> older;
  RETURN_IF_ERROR(ForEachUnder(
      *store_, keys::kAnalyzedSolutionPrefix,
      [&](absl::string_view id, absl::string_view blob) -> absl::Status {
        absl::StatusOr<AnalyzedSolution> analyzed = ParseAnalyzedSolution(blob);
        if (absl::IsFailedPrecondition(analyzed.status())) {
          older.emplace_back(id);
          return absl::OkStatus();
        }
        RETURN_IF_ERROR(analyzed.status());
        engine_.UpsertSolution(SolutionName(id), analyzed->document, std::move(analyzed->features));
        return absl::OkStatus();
      }));
  return ReanalyzeOlder(older, keys::AnalyzedSolution,
                        [&](absl::string_view id) -> absl::StatusOr<std::optional<std::string>> {
                          ASSIGN_OR_RETURN(std::optional<publishing_pb::Solution> solution,
                                           FindSolution(id));
                          if (!solution.has_value()) return std::nullopt;
                          return SerializeAnalyzed(IndexSolution(*solution));
                        });
}

absl::Status MatchingRepository::ReanalyzeOlder(
    const std::vector<std::string>& ids, std::string (*key_of)(absl::string_view),
    const std::function<absl::StatusOr<std::optional<std::string>>(absl::string_view)>& reindex) {
  // Batched: an upgrade may find every stored document older, and one
  // synced write each would take minutes.
  constexpr size_t kBatch = 1000;
  for (size_t begin = 0; begin < ids.size(); begin += kBatch) {
    std::vector<std::pair<std::string, std::optional<std::string>>> blobs;
    for (size_t i = begin; i < std::min(ids.size(), begin + kBatch); ++i) {
      ASSIGN_OR_RETURN(std::optional<std::string> blob, reindex(ids[i]));
      blobs.emplace_back(key_of(ids[i]), std::move(blob));
    }
    RETURN_IF_ERROR(committer_.Run([&](storage::Transaction& txn) -> absl::Status {
      for (const auto& [key, blob] : blobs) {
        if (blob.has_value()) {
          txn.Put(key, *blob);
        } else {
          txn.Delete(key);
        }
      }
      return absl::OkStatus();
    }));
  }
  if (!ids.empty()) {
    std::cerr << "matching: analysed " << ids.size()
              << " stored documents again (written by an older format)\n";
  }
  return absl::OkStatus();
}

absl::Status MatchingRepository::RebuildRequests(bool index) {
  std::vector<std::string> ids, older;
  RETURN_IF_ERROR(ForEachUnder(
      *store_, keys::kAnalyzedRequestPrefix,
      [&](absl::string_view id, absl::string_view blob) -> absl::Status {
        ids.emplace_back(id);
        if (!index) return absl::OkStatus();
        absl::StatusOr<AnalyzedRequest> analyzed = ParseAnalyzedRequest(blob);
        if (absl::IsFailedPrecondition(analyzed.status())) {
          older.emplace_back(id);
          return absl::OkStatus();
        }
        RETURN_IF_ERROR(analyzed.status());
        engine_.UpsertRequest(RequestName(id), analyzed->document, std::move(analyzed->features));
        return absl::OkStatus();
      }));
  RETURN_IF_ERROR(ReanalyzeOlder(
      older, keys::AnalyzedRequest,
      [&](absl::string_view id) -> absl::StatusOr<std::optional<std::string>> {
        ASSIGN_OR_RETURN(std::optional<adoption_pb::AdoptionRequest> request, FindRequest(id));
        if (!request.has_value()) return std::nullopt;
        return IndexRequest(*request);
      }));
  absl::MutexLock lock(&apply_mutex_);
  for (const std::string& id : ids) {
    ASSIGN_OR_RETURN(std::optional<adoption_pb::AdoptionRequest> request, FindRequest(id));
    if (request.has_value()) TrackExpiry(*request, /*live=*/true);
  }
  return absl::OkStatus();
}

absl::Status MatchingRepository::RebuildConnected() {
  absl::flat_hash_map<std::string, int> counts;
  RETURN_IF_ERROR(
      ForEachUnder(*store_, keys::kConnectedPrefix, [&](absl::string_view key, absl::string_view) {
        ++counts[SolutionName(key.substr(0, key.find('/')))];
        return absl::OkStatus();
      }));
  absl::MutexLock lock(&connected_mutex_);
  for (const auto& [solution, count] : counts) engine_.SetConnectedAdopters(solution, count);
  connected_ = std::move(counts);
  return absl::OkStatus();
}

absl::StatusOr<int64_t> MatchingRepository::ReadCursorKey(absl::string_view key) {
  storage::Overlay none;
  storage::Transaction read(store_, &none);
  return ReadCursor(read, key);
}

absl::StatusOr<int64_t> MatchingRepository::publishing_cursor() {
  return ReadCursorKey(keys::kPublishingCursor);
}

absl::StatusOr<int64_t> MatchingRepository::adoption_cursor() {
  return ReadCursorKey(keys::kAdoptionCursor);
}

absl::StatusOr<std::optional<publishing_pb::Solution>> MatchingRepository::FindSolution(
    absl::string_view id) {
  return LoadProto<publishing_pb::Solution>(*store_, keys::Solution(id));
}

absl::StatusOr<std::optional<adoption_pb::AdoptionRequest>> MatchingRepository::FindRequest(
    absl::string_view id) {
  return LoadProto<adoption_pb::AdoptionRequest>(*store_, keys::Request(id));
}

AnalyzedSolution MatchingRepository::IndexSolution(const publishing_pb::Solution& solution) {
  const SolutionRecord record = ToSolutionRecord(solution);
  AnalyzedSolution analyzed{engine_.AnalyzeSolution(record), engine_.FeaturesOf(record)};
  engine_.UpsertSolution(solution.name(), analyzed.document, analyzed.features);
  engine_.SetConnectedAdopters(solution.name(), connected_adopters(solution.name()));
  return analyzed;
}

std::string MatchingRepository::IndexRequest(const adoption_pb::AdoptionRequest& request) {
  const RequestRecord record = ToRequestRecord(request);
  AnalyzedRequest analyzed{engine_.AnalyzeRequest(record), engine_.FeaturesOf(record)};
  std::string blob = SerializeAnalyzed(analyzed);
  engine_.UpsertRequest(request.name(), analyzed.document, std::move(analyzed.features));
  return blob;
}

void MatchingRepository::RestoreSolution(absl::string_view id) {
  absl::StatusOr<std::optional<std::string>> blob = store_->Get(keys::AnalyzedSolution(id));
  absl::StatusOr<AnalyzedSolution> analyzed =
      blob.ok() && blob->has_value() ? ParseAnalyzedSolution(**blob)
                                     : absl::StatusOr<AnalyzedSolution>(absl::NotFoundError(""));
  if (!analyzed.ok()) {
    engine_.RemoveSolution(SolutionName(id));
    return;
  }
  engine_.UpsertSolution(SolutionName(id), analyzed->document, std::move(analyzed->features));
}

void MatchingRepository::RestoreRequest(absl::string_view id) {
  absl::StatusOr<std::optional<std::string>> blob = store_->Get(keys::AnalyzedRequest(id));
  absl::StatusOr<AnalyzedRequest> analyzed =
      blob.ok() && blob->has_value() ? ParseAnalyzedRequest(**blob)
                                     : absl::StatusOr<AnalyzedRequest>(absl::NotFoundError(""));
  if (!analyzed.ok()) {
    engine_.RemoveRequest(RequestName(id));
    return;
  }
  engine_.UpsertRequest(RequestName(id), analyzed->document, std::move(analyzed->features));
}

absl::Status MatchingRepository::ApplySolutionEvent(
    const publishing_pb::WatchChangesResponse& event) {
  const publishing_pb::Solution& solution = event.solution();
  ASSIGN_OR_RETURN(std::string id,
                   ParseResourceName(solution.name(), kSolutionCollection, "solution.name"));
  absl::MutexLock lock(&apply_mutex_);
  ASSIGN_OR_RETURN(int64_t cursor, publishing_cursor());
  if (event.sequence() <= cursor) return absl::OkStatus();
  const absl::Time now = clock_->Now();
  const bool published = solution.state() == publishing_pb::SOLUTION_STATE_PUBLISHED;
  MatchPlanner planner(store_, &engine_);
  std::string analyzed;
  std::string quote;
  absl::StatusOr<MatchPlan> plan;
  if (published) {
    const AnalyzedSolution indexed = IndexSolution(solution);
    analyzed = SerializeAnalyzed(indexed);
    // Its cores are analysed once, for the quote and for every pair the
    // planner explains.
    SolutionRecord quoted = ToSolutionRecord(solution);
    quoted.core_terms = engine_.CoreElementTerms(quoted);
    quote = SerializeQuote(quoted, quoted.core_terms);
    plan = planner.ForSolution(solution, quoted, indexed.document, now);
  } else {
    engine_.RemoveSolution(solution.name());
    plan = planner.Deactivation(keys::BySolutionPrefix(id), /*by_request=*/false, id,
                                kActionSolutionWithdrawn);
  }
  absl::Status status = plan.status();
  if (status.ok()) {
    status = committer_.Run([&](storage::Transaction& txn) -> absl::Status {
      txn.Put(keys::Solution(id), solution.SerializeAsString());
      if (published) {
        txn.Put(keys::AnalyzedSolution(id), analyzed);
        txn.Put(keys::Quote(id), quote);
      } else {
        txn.Delete(keys::AnalyzedSolution(id));
        txn.Delete(keys::Quote(id));
      }
      RETURN_IF_ERROR(ExecutePlan(txn, matches_, *plan, now));
      txn.Put(keys::kPublishingCursor, absl::StrCat(event.sequence()));
      return absl::OkStatus();
    });
  }
  if (!status.ok()) RestoreSolution(id);
  return status;
}

absl::Status MatchingRepository::ApplyRequestEvent(const adoption_pb::WatchChangesResponse& event) {
  if (!event.has_adoption_request()) return SkipRequestFeedEvent(event.sequence());
  const adoption_pb::AdoptionRequest& request = event.adoption_request();
  ASSIGN_OR_RETURN(std::string id,
                   ParseResourceName(request.name(), kRequestCollection, "adoption_request.name"));
  absl::MutexLock lock(&apply_mutex_);
  ASSIGN_OR_RETURN(int64_t cursor, adoption_cursor());
  if (event.sequence() <= cursor) return absl::OkStatus();
  const absl::Time now = clock_->Now();
  const bool live = IsLive(request, now);
  MatchPlanner planner(store_, &engine_);
  std::string analyzed;
  absl::StatusOr<MatchPlan> plan;
  if (live) {
    analyzed = IndexRequest(request);
    plan = planner.ForRequest(request);
  } else {
    engine_.RemoveRequest(request.name());
    const bool open = request.state() == adoption_pb::ADOPTION_REQUEST_STATE_OPEN;
    plan = planner.Deactivation(keys::ByRequestPrefix(id), /*by_request=*/true, id,
                                open ? kActionRequestExpired : kActionRequestClosed);
  }
  absl::Status status = plan.status();
  if (status.ok()) {
    status = committer_.Run([&](storage::Transaction& txn) -> absl::Status {
      txn.Put(keys::Request(id), request.SerializeAsString());
      if (live) {
        txn.Put(keys::AnalyzedRequest(id), analyzed);
      } else {
        txn.Delete(keys::AnalyzedRequest(id));
      }
      RETURN_IF_ERROR(ExecutePlan(txn, matches_, *plan, now));
      txn.Put(keys::kAdoptionCursor, absl::StrCat(event.sequence()));
      return absl::OkStatus();
    });
  }
  if (!status.ok()) {
    RestoreRequest(id);
    return status;
  }
  TrackExpiry(request, live);
  return absl::OkStatus();
}

absl::Status MatchingRepository::SkipRequestFeedEvent(int64_t sequence) {
  absl::MutexLock lock(&apply_mutex_);
  return committer_.Run([&](storage::Transaction& txn) -> absl::Status {
    ASSIGN_OR_RETURN(std::optional<std::string> cursor, txn.Get(keys::kAdoptionCursor));
    int64_t applied = 0;
    if (cursor.has_value() && !absl::SimpleAtoi(*cursor, &applied)) {
      return absl::DataLossError("corrupt adoption feed cursor");
    }
    if (sequence > applied) txn.Put(keys::kAdoptionCursor, absl::StrCat(sequence));
    return absl::OkStatus();
  });
}

void MatchingRepository::TrackExpiry(const adoption_pb::AdoptionRequest& request, bool live) {
  const std::string id(IdOf(request.name()));
  if (auto it = expires_at_.find(id); it != expires_at_.end()) {
    expiry_.erase({it->second, id});
    expires_at_.erase(it);
  }
  if (!live || !request.has_expire_time()) return;
  const absl::Time expires = FromProtoTime(request.expire_time());
  expiry_.emplace(expires, id);
  expires_at_[id] = expires;
}

absl::Status MatchingRepository::ExpireDue() {
  absl::MutexLock lock(&apply_mutex_);
  const absl::Time now = clock_->Now();
  MatchPlanner planner(store_, &engine_);
  while (!expiry_.empty() && expiry_.begin()->first <= now) {
    const std::string id = expiry_.begin()->second;
    engine_.RemoveRequest(RequestName(id));
    absl::StatusOr<MatchPlan> plan = planner.Deactivation(
        keys::ByRequestPrefix(id), /*by_request=*/true, id, kActionRequestExpired);
    absl::Status status = plan.status();
    if (status.ok()) {
      status = committer_.Run([&](storage::Transaction& txn) -> absl::Status {
        txn.Delete(keys::AnalyzedRequest(id));
        return ExecutePlan(txn, matches_, *plan, now);
      });
    }
    if (!status.ok()) {
      RestoreRequest(id);
      return status;
    }
    expiry_.erase(expiry_.begin());
    expires_at_.erase(id);
  }
  return absl::OkStatus();
}

int MatchingRepository::connected_adopters(absl::string_view solution) {
  absl::MutexLock lock(&connected_mutex_);
  auto it = connected_.find(solution);
  return it == connected_.end() ? 0 : it->second;
}

void MatchingRepository::OnConnected(const std::string& solution, int delta) {
  absl::MutexLock lock(&connected_mutex_);
  int& count = connected_[solution];
  count = std::max(0, count + delta);
  engine_.SetConnectedAdopters(solution, count);
  if (count == 0) connected_.erase(solution);
}

}  // namespace corematch::matching
