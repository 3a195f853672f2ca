// services/matching/service/matching_repository.h
//
// The matching service's state, without gRPC: what it learned from the
// publishing and adoption feeds, the engine index built from it, and the
// matches it derived — all in the service's own store (match_store.h).
//
//   ASSIGN_OR_RETURN(auto repository,
//                    MatchingRepository::Open(store, clock, analyzer, lexicon));
//   RETURN_IF_ERROR(repository->ApplySolutionEvent(event));   // from a FeedFollower
//
// Each feed event is applied in one transaction that stores the resource, its
// analysed form, every match it changes (with the matches' own feed events)
// and the feed's new cursor, so after a crash a follower resumes exactly after
// the last event applied: nothing is missed, nothing applied twice. Open
// rebuilds the engine from the stored analysed documents without analysing
// any text again — or, faster, loads the engine snapshot SaveSnapshot wrote
// at the last clean stop, if the store is still where it was then.
//
// Thread-safe. Feed events and expiry are applied one at a time; readers and
// stance changes run alongside.
#ifndef COREMATCH_SERVICES_MATCHING_SERVICE_MATCHING_REPOSITORY_H_
#define COREMATCH_SERVICES_MATCHING_SERVICE_MATCHING_REPOSITORY_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "services/common/change_feed.h"
#include "services/common/clock.h"
#include "services/matching/engine/matching_engine.h"
#include "services/matching/service/analyzed_document.h"
#include "services/matching/service/match_store.h"
#include "services/matching/service/record_conversion.h"
#include "storage/committer.h"
#include "storage/kv_store.h"

namespace corematch::matching {

class MatchingRepository {
 public:
  // None is owned; all must outlive the repository. `lexicon` may be null
  // (no cross-language matching).
  // The analysed documents are stored as `options` made them, so a store
  // opened with other options is FAILED_PRECONDITION (the message names both).
  // `snapshot_path`, if not empty, is where SaveSnapshot writes: a snapshot
  // there is used if it matches the store's feed cursors, and removed either
  // way (one that is not used is said on stderr).
  static absl::StatusOr<std::unique_ptr<MatchingRepository>> Open(
      storage::KvStore* store, Clock* clock, const Analyzer* analyzer, const PivotLexicon* lexicon,
      EngineOptions options = EngineOptions(), const std::string& snapshot_path = "");

  MatchingRepository(const MatchingRepository&) = delete;
  MatchingRepository& operator=(const MatchingRepository&) = delete;

  // Applies one publishing feed event (its `sequence` set): published
  // solutions are indexed and matched with the open requests they fit, drafts
  // are only remembered (for their owner), withdrawn ones leave the index
  // and their matches become INACTIVE. An event at or before the cursor is
  // skipped. On error nothing was applied and the cursor did not move.
  absl::Status ApplySolutionEvent(const publishing_pb::WatchChangesResponse& event);

  // Applies one adoption feed event: open, unexpired requests are indexed and
  // their matches recomputed; closed or expired ones leave the index and their
  // matches become INACTIVE. Skips events at or before the cursor.
  absl::Status ApplyRequestEvent(const adoption_pb::WatchChangesResponse& event);

  // Writes the engine to `path`, stamped with the feed cursors, for the next
  // Open to load instead of rebuilding. Call when no more events come (the
  // followers stopped); events wait meanwhile.
  absl::Status SaveSnapshot(const std::string& path);

  // The last sequence applied from each feed; 0 before the first.
  absl::StatusOr<int64_t> publishing_cursor();
  absl::StatusOr<int64_t> adoption_cursor();

  // Retires the indexed requests whose expire_time has passed: out of the
  // index, their matches INACTIVE. The host calls it now and then.
  absl::Status ExpireDue();

  // What the feeds said of a solution / request (by id), if anything.
  absl::StatusOr<std::optional<publishing_pb::Solution>> FindSolution(absl::string_view id);
  absl::StatusOr<std::optional<adoption_pb::AdoptionRequest>> FindRequest(absl::string_view id);

  // Connected adopters of a solution (by name), as the engine weighs them.
  int connected_adopters(absl::string_view solution);

  const MatchingEngine& engine() const { return engine_; }
  const Analyzer& analyzer() const { return *analyzer_; }
  storage::KvStore& store() { return *store_; }
  storage::Committer& committer() { return committer_; }
  ChangeFeed& feed() { return *feed_; }
  MatchStore& matches() { return matches_; }
  Clock& clock() { return *clock_; }

 private:
  MatchingRepository(storage::KvStore* store, Clock* clock, const Analyzer* analyzer,
                     const PivotLexicon* lexicon, EngineOptions options,
                     std::unique_ptr<ChangeFeed> feed);

  // Records the engine options in an empty store; refuses different ones.
  absl::Status CheckEngineOptions(const EngineOptions& options);

  // Builds the engine from the snapshot or else the stored analysed
  // documents, then the CONNECTED keys.
  absl::Status Rebuild(const std::string& snapshot_path);
  // Whether the engine was filled from the snapshot at `path`.
  bool LoadSnapshot(const std::string& path);
  // What a snapshot of the engine as it stands is stamped with.
  absl::StatusOr<std::string> SnapshotTag();
  absl::Status RebuildSolutions();
  // Tracks the stored requests' expiry, and indexes them if `index`.
  absl::Status RebuildRequests(bool index);
  absl::Status RebuildConnected();
  // Analyses again, and stores anew, the documents `ids` whose stored
  // analysis is of an older format (ParseAnalyzed*: FAILED_PRECONDITION):
  // `reindex` indexes one from its stored protobuf and returns the blob to
  // store under key_of(id), or nullopt when the protobuf is gone.
  absl::Status ReanalyzeOlder(
      const std::vector<std::string>& ids, std::string (*key_of)(absl::string_view),
      const std::function<absl::StatusOr<std::optional<std::string>>(absl::string_view)>& reindex);

  absl::StatusOr<int64_t> ReadCursorKey(absl::string_view key);

  // Indexes `solution` / `request` in the engine; returns its analysis
  // (SerializeAnalyzed makes the blob to store) / the blob to store.
  AnalyzedSolution IndexSolution(const publishing_pb::Solution& solution);
  std::string IndexRequest(const adoption_pb::AdoptionRequest& request);
  // Puts the engine back as the store says, after a failed transaction.
  void RestoreSolution(absl::string_view id);
  void RestoreRequest(absl::string_view id);

  void OnConnected(const std::string& solution, int delta);
  // Moves the adoption cursor past an event that is not about a request
  // (adoption events share that feed).
  absl::Status SkipRequestFeedEvent(int64_t sequence);
  void TrackExpiry(const adoption_pb::AdoptionRequest& request, bool live)
      ABSL_EXCLUSIVE_LOCKS_REQUIRED(apply_mutex_);

  storage::KvStore* const store_;
  storage::Committer committer_;
  Clock* const clock_;
  const Analyzer* const analyzer_;
  MatchingEngine engine_;
  std::unique_ptr<ChangeFeed> feed_;
  MatchStore matches_;

  // Serialises feed events and expiry, so a plan's view of the index keys
  // holds until its transaction commits.
  absl::Mutex apply_mutex_;
  // Indexed requests by expiry: (expire time, request id).
  std::set<std::pair<absl::Time, std::string>> expiry_ ABSL_GUARDED_BY(apply_mutex_);
  absl::flat_hash_map<std::string, absl::Time> expires_at_ ABSL_GUARDED_BY(apply_mutex_);

  absl::Mutex connected_mutex_;
  absl::flat_hash_map<std::string, int> connected_ ABSL_GUARDED_BY(connected_mutex_);
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_SERVICE_MATCHING_REPOSITORY_H_
