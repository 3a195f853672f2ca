#include "services/matching/service/match_store.h"

#include <memory>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "services/common/proto_time.h"
#include "services/matching/service/match_state.h"
#include "services/matching/service/match_visibility.h"

namespace corematch::matching {
namespace {

struct MatchKeys {
  std::string match;
  std::string by_request;
  std::string by_solution;
  std::string connected;
};

MatchKeys KeysOf(const pb::Match& match) {
  const absl::string_view request_id = IdOf(match.adoption_request());
  const absl::string_view solution_id = IdOf(match.solution());
  return MatchKeys{
      keys::Match(MatchId(request_id, solution_id)),
      absl::StrCat(keys::ByRequestPrefix(request_id), solution_id),
      absl::StrCat(keys::BySolutionPrefix(solution_id), request_id),
      absl::StrCat(keys::kConnectedPrefix, solution_id, "/", request_id),
  };
}

// The by-request index entry's value: the score of an active match, so that
// ScanActiveRanks need not load it; kInactive for an INACTIVE one.
constexpr absl::string_view kInactive = "inactive";

std::string RankValue(const pb::Match& match) {
  if (match.state() == pb::MATCH_STATE_INACTIVE) return std::string(kInactive);
  return absl::StrFormat("%.17g", match.score());  // every bit of the double
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ScanIds(storage::KvStore& store,
                                                 absl::string_view prefix) {
  std::vector<std::string> ids;
  RETURN_IF_ERROR(store.Scan(prefix, "", storage::ScanOrder::kAscending,
                             [&](absl::string_view key, absl::string_view) {
                               ids.emplace_back(key.substr(prefix.size()));
                               return true;
                             }));
  return ids;
}

absl::StatusOr<std::vector<StoredRank>> ScanActiveRanks(storage::KvStore& store,
                                                        absl::string_view request_id) {
  const std::string prefix = keys::ByRequestPrefix(request_id);
  std::vector<StoredRank> ranks;
  std::vector<std::string> unscored;
  RETURN_IF_ERROR(store.Scan(prefix, "", storage::ScanOrder::kAscending,
                             [&](absl::string_view key, absl::string_view value) {
                               if (value == kInactive) return true;
                               std::string solution_id(key.substr(prefix.size()));
                               double score = 0;
                               if (absl::SimpleAtod(value, &score)) {
                                 ranks.push_back({std::move(solution_id), score});
                               } else {
                                 unscored.push_back(std::move(solution_id));
                               }
                               return true;
                             }));
  for (std::string& solution_id : unscored) {
    ASSIGN_OR_RETURN(std::optional<pb::Match> match,
                     LoadProto<pb::Match>(store, keys::Match(MatchId(request_id, solution_id))));
    if (match.has_value() && match->state() != pb::MATCH_STATE_INACTIVE) {
      ranks.push_back({std::move(solution_id), match->score()});
    }
  }
  return ranks;
}

absl::StatusOr<int64_t> ReadCursor(storage::Transaction& txn, absl::string_view key) {
  ASSIGN_OR_RETURN(std::optional<std::string> value, txn.Get(key));
  if (!value.has_value()) return 0;
  int64_t cursor = 0;
  if (!absl::SimpleAtoi(*value, &cursor)) {
    return absl::DataLossError(absl::StrCat("corrupt feed cursor at ", key));
  }
  return cursor;
}

absl::Status MatchStore::CountStored(storage::KvStore& store) {
  int64_t stored = 0;
  RETURN_IF_ERROR(store.Scan(keys::kBySolutionRoot, "", storage::ScanOrder::kAscending,
                             [&](absl::string_view, absl::string_view) {
                               ++stored;
                               return true;
                             }));
  count_->store(stored, std::memory_order_relaxed);
  return absl::OkStatus();
}

void MatchStore::StampEtag(pb::Match& match) {
  // The explanation is set aside while the rest is hashed, then put back.
  std::unique_ptr<pb::Explanation> explanation(match.release_explanation());
  match.set_etag(MatchEtag(
      match, explanation != nullptr ? *explanation : pb::Explanation::default_instance()));
  match.set_allocated_explanation(explanation.release());
}

absl::StatusOr<std::optional<pb::Match>> MatchStore::Load(storage::Transaction& txn,
                                                          absl::string_view match_id) {
  return LoadProto<pb::Match>(txn, keys::Match(match_id));
}

void MatchStore::TrackConnected(storage::Transaction& txn, const pb::Match& match, bool connected) {
  const std::string key = KeysOf(match).connected;
  absl::StatusOr<std::optional<std::string>> was = txn.Get(key);
  const bool was_connected = was.ok() && was->has_value();
  if (connected == was_connected) return;
  if (connected) {
    txn.Put(key, "");
  } else {
    txn.Delete(key);
  }
  if (on_connected_) {
    txn.OnCommit([listener = on_connected_, solution = match.solution(), connected] {
      listener(solution, connected ? 1 : -1);
    });
  }
}

absl::Status MatchStore::Announce(storage::Transaction& txn, pb::Match& match, pb::ChangeType type,
                                  absl::Time now) {
  pb::WatchChangesResponse event;
  event.set_type(type);
  *event.mutable_commit_time() = ToProtoTime(now);
  // Lent to the event while it is serialised rather than copied into it.
  event.mutable_match()->Swap(&match);
  const std::string bytes = event.SerializeAsString();
  event.mutable_match()->Swap(&match);
  return feed_->Append(txn, bytes).status();
}

absl::Status MatchStore::Save(storage::Transaction& txn, pb::Match& match, pb::ChangeType type,
                              absl::Time now) {
  StampEtag(match);
  const MatchKeys k = KeysOf(match);
  ASSIGN_OR_RETURN(std::optional<std::string> existing, txn.Get(k.match));
  if (!existing.has_value()) txn.OnCommit([count = count_] { ++*count; });
  txn.Put(k.match, match.SerializeAsString());
  txn.Put(k.by_request, RankValue(match));
  txn.Put(k.by_solution, "");
  TrackConnected(txn, match, match.state() == pb::MATCH_STATE_CONNECTED);
  return Announce(txn, match, type, now);
}

absl::Status MatchStore::Drop(storage::Transaction& txn, pb::Match match, absl::Time now) {
  const MatchKeys k = KeysOf(match);
  TrackConnected(txn, match, false);
  txn.OnCommit([count = count_] { --*count; });
  txn.Delete(k.match);
  txn.Delete(k.by_request);
  txn.Delete(k.by_solution);
  match.set_state(pb::MATCH_STATE_INACTIVE);
  AddHistory(match, kActionDropped, kMatchingActor, now);
  *match.mutable_update_time() = ToProtoTime(now);
  StampEtag(match);
  return Announce(txn, match, pb::CHANGE_TYPE_UPDATED, now);
}

}  // namespace corematch::matching
