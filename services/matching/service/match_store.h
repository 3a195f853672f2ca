// services/matching/service/match_store.h
//
// The layout of the matching service's own store, and the writes of matches.
//
//   msol/{solution_id}                   → publishing.v1.Solution (from the feed, any state)
//   asol/{solution_id}                   → AnalyzedSolution (published ones only)
//   mreq/{request_id}                    → adoption.v1.AdoptionRequest (from the feed)
//   areq/{request_id}                    → AnalyzedRequest (open, unexpired ones only)
//   matches/{request_id}-{solution_id}   → matching.v1.Match
//   byreq/{request_id}/{solution_id}     → score of an active match, "" for an
//                                          INACTIVE one: a request's matches
//   bysol/{solution_id}/{request_id}     → ""   the matches of a solution
//   conn/{solution_id}/{request_id}      → ""   CONNECTED matches, for capacity
//   cursor/publishing, cursor/adoption   → last feed sequence applied
//   feed/e/{sequence}, feed/last         → the match change feed
//   requestid/...                        → first responses (request_ids.h)
//
// A match, its index keys and its change-feed event are always written in one
// transaction. Thread-safe.
#ifndef COREMATCH_SERVICES_MATCHING_SERVICE_MATCH_STORE_H_
#define COREMATCH_SERVICES_MATCHING_SERVICE_MATCH_STORE_H_

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/common/change_feed.h"
#include "services/common/status_macros.h"
#include "services/common/stored_proto.h"
#include "services/matching/service/record_conversion.h"
#include "storage/committer.h"
#include "storage/kv_store.h"

namespace corematch::matching {

namespace keys {
inline constexpr absl::string_view kPublishingCursor = "cursor/publishing";
inline constexpr absl::string_view kAdoptionCursor = "cursor/adoption";
inline constexpr absl::string_view kSolutionPrefix = "msol/";
inline constexpr absl::string_view kAnalyzedSolutionPrefix = "asol/";
// What a ranking quotes of a published solution (SerializeQuote): read
// instead of the solution when a ranking explains it and names it.
inline constexpr absl::string_view kQuotePrefix = "squo/";
inline constexpr absl::string_view kRequestPrefix = "mreq/";
inline constexpr absl::string_view kAnalyzedRequestPrefix = "areq/";
inline constexpr absl::string_view kMatchPrefix = "matches/";
inline constexpr absl::string_view kConnectedPrefix = "conn/";
// Every match has one key under each: a request's, then a solution's id.
inline constexpr absl::string_view kByRequestRoot = "byreq/";
inline constexpr absl::string_view kBySolutionRoot = "bysol/";
// The engine options the analysed documents were made with (EngineOptionsKey).
inline constexpr absl::string_view kEngineOptions = "meta/engine_options";

inline std::string Solution(absl::string_view id) { return absl::StrCat(kSolutionPrefix, id); }
inline std::string AnalyzedSolution(absl::string_view id) {
  return absl::StrCat(kAnalyzedSolutionPrefix, id);
}
inline std::string Quote(absl::string_view id) { return absl::StrCat(kQuotePrefix, id); }
inline std::string Request(absl::string_view id) { return absl::StrCat(kRequestPrefix, id); }
inline std::string AnalyzedRequest(absl::string_view id) {
  return absl::StrCat(kAnalyzedRequestPrefix, id);
}
inline std::string Match(absl::string_view id) { return absl::StrCat(kMatchPrefix, id); }
inline std::string ByRequestPrefix(absl::string_view request_id) {
  return absl::StrCat(kByRequestRoot, request_id, "/");
}
inline std::string BySolutionPrefix(absl::string_view solution_id) {
  return absl::StrCat(kBySolutionRoot, solution_id, "/");
}
}  // namespace keys

// The last path segment of every key under `prefix` (e.g. the solution ids
// of a request's matches under keys::ByRequestPrefix).
absl::StatusOr<std::vector<std::string>> ScanIds(storage::KvStore& store, absl::string_view prefix);

// A request's stored match as its ranking sees it.
struct StoredRank {
  std::string solution_id;
  double score = 0;
};

// The request's active (not INACTIVE) matches with their scores, read from
// its by-request index without loading the matches (a new solution is
// compared with them for every open request it may fit). An index entry
// written before it carried the score is read from its match.
absl::StatusOr<std::vector<StoredRank>> ScanActiveRanks(storage::KvStore& store,
                                                        absl::string_view request_id);

// Parses a stored feed cursor; 0 when absent.
absl::StatusOr<int64_t> ReadCursor(storage::Transaction& txn, absl::string_view key);

class MatchStore {
 public:
  // Called after a commit that connected (+1) or disconnected (-1) a match
  // of `solution` (its name). Must not block.
  using ConnectedListener = std::function<void(const std::string& solution, int delta)>;

  // `feed` is not owned and must outlive the store.
  MatchStore(ChangeFeed* feed, ConnectedListener on_connected)
      : feed_(feed), on_connected_(std::move(on_connected)) {}

  static absl::StatusOr<std::optional<pb::Match>> Load(storage::Transaction& txn,
                                                       absl::string_view match_id);

  // Stores `match` with a fresh etag, its index keys and a change event of
  // `type` committed at `now`.
  absl::Status Save(storage::Transaction& txn, pb::Match& match, pb::ChangeType type,
                    absl::Time now);

  // Erases `match` and its index keys. The feed announces it one last time,
  // INACTIVE with a "DROPPED" step, so followers forget it too.
  absl::Status Drop(storage::Transaction& txn, pb::Match match, absl::Time now);

  // Stored matches, counted once from `store` at start-up and then kept by
  // the commits of Save and Drop. Counted by their by-solution keys, which
  // hold nothing: reading every match with its explanation took most of a
  // restart at 2,000,000 matches (docs/benchmarks.md).
  absl::Status CountStored(storage::KvStore& store);
  int64_t count() const { return count_->load(std::memory_order_relaxed); }

 private:
  void TrackConnected(storage::Transaction& txn, const pb::Match& match, bool connected);
  // Sets `match`'s etag (MatchEtag), without copying its explanation.
  static void StampEtag(pb::Match& match);
  // Appends `match`'s change event; `match` is left as it was.
  absl::Status Announce(storage::Transaction& txn, pb::Match& match, pb::ChangeType type,
                        absl::Time now);

  ChangeFeed* const feed_;
  const ConnectedListener on_connected_;
  // Shared with the OnCommit callbacks, which run after Save and Drop return.
  std::shared_ptr<std::atomic<int64_t>> count_ = std::make_shared<std::atomic<int64_t>>(0);
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_SERVICE_MATCH_STORE_H_
