#include "services/common/change_feed.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/common/status_macros.h"

namespace corematch {
namespace {

constexpr absl::string_view kEventPrefix = "feed/e/";
constexpr absl::string_view kLastKey = "feed/last";
constexpr int kReadBatch = 256;
// How often a quiet watch checks whether its client has gone.
constexpr absl::Duration kCancelPoll = absl::Milliseconds(250);

std::string EventKey(int64_t sequence) {
  return absl::StrFormat("%s%020d", kEventPrefix, sequence);
}

absl::StatusOr<int64_t> ParseSequence(absl::string_view text) {
  int64_t value = 0;
  if (!absl::SimpleAtoi(text, &value)) {
    return absl::DataLossError(absl::StrCat("change feed: bad sequence '", text, "'"));
  }
  return value;
}

}  // namespace

absl::StatusOr<std::unique_ptr<ChangeFeed>> ChangeFeed::Open(storage::KvStore* store) {
  ASSIGN_OR_RETURN(std::optional<std::string> last, store->Get(kLastKey));
  int64_t sequence = 0;
  if (last.has_value()) {
    ASSIGN_OR_RETURN(sequence, ParseSequence(*last));
  }
  return std::unique_ptr<ChangeFeed>(new ChangeFeed(store, sequence));
}

absl::StatusOr<int64_t> ChangeFeed::Append(storage::Transaction& txn, absl::string_view event) {
  ASSIGN_OR_RETURN(std::optional<std::string> last, txn.Get(kLastKey));
  int64_t sequence = 1;
  if (last.has_value()) {
    ASSIGN_OR_RETURN(int64_t previous, ParseSequence(*last));
    sequence = previous + 1;
  }
  txn.Put(kLastKey, absl::StrCat(sequence));
  txn.Put(EventKey(sequence), event);
  txn.OnCommit([this, sequence] { Committed(sequence); });
  return sequence;
}

void ChangeFeed::Committed(int64_t sequence) {
  absl::MutexLock lock(&mutex_);
  if (sequence > last_committed_) last_committed_ = sequence;
}

absl::StatusOr<int> ChangeFeed::Read(int64_t after, int limit,
                                     const std::function<void(int64_t, absl::string_view)>& visit) {
  // Only committed events are read: an event written by a group that is still
  // being made durable must not be seen before it is acknowledged.
  const int64_t upto = last_committed();
  int visited = 0;
  absl::Status parse_status;
  RETURN_IF_ERROR(store_->Scan(
      kEventPrefix, after > 0 ? EventKey(after) : "", storage::ScanOrder::kAscending,
      [&](absl::string_view key, absl::string_view value) {
        absl::StatusOr<int64_t> sequence = ParseSequence(key.substr(kEventPrefix.size()));
        if (!sequence.ok()) {
          parse_status = sequence.status();
          return false;
        }
        if (*sequence > upto) return false;
        visit(*sequence, value);
        return ++visited < limit;
      }));
  RETURN_IF_ERROR(parse_status);
  return visited;
}

bool ChangeFeed::WaitForNewerThan(int64_t after, absl::Time deadline) {
  absl::MutexLock lock(&mutex_);
  auto ready = [this, after]()
                   ABSL_NO_THREAD_SAFETY_ANALYSIS { return shut_down_ || last_committed_ > after; };
  mutex_.AwaitWithDeadline(absl::Condition(&ready), deadline);
  return !shut_down_ && last_committed_ > after;
}

int64_t ChangeFeed::last_committed() {
  absl::MutexLock lock(&mutex_);
  return last_committed_;
}

void ChangeFeed::Shutdown() {
  absl::MutexLock lock(&mutex_);
  shut_down_ = true;
}

bool ChangeFeed::is_shut_down() {
  absl::MutexLock lock(&mutex_);
  return shut_down_;
}

absl::Status ServeWatch(ChangeFeed& feed, int64_t after, const std::function<bool()>& cancelled,
                        const std::function<bool(int64_t, absl::string_view)>& send) {
  int64_t cursor = after;
  while (!cancelled() && !feed.is_shut_down()) {
    bool client_gone = false;
    ASSIGN_OR_RETURN(int read, feed.Read(cursor, kReadBatch, [&](int64_t seq, absl::string_view e) {
      if (client_gone) return;
      if (!send(seq, e)) {
        client_gone = true;
        return;
      }
      cursor = seq;
    }));
    if (client_gone) return absl::OkStatus();
    if (read < kReadBatch) feed.WaitForNewerThan(cursor, absl::Now() + kCancelPoll);
  }
  return absl::OkStatus();
}

}  // namespace corematch
