#include "storage/committer.h"

#include <memory>
#include <utility>

namespace corematch::storage {

absl::StatusOr<std::optional<std::string>> Transaction::Get(absl::string_view key) const {
  if (auto it = writes_.find(key); it != writes_.end()) return it->second;
  if (auto it = group_->find(key); it != group_->end()) return it->second;
  return store_->Get(key);
}

void Transaction::Put(absl::string_view key, absl::string_view value) {
  writes_[std::string(key)] = std::string(value);
}

void Transaction::Delete(absl::string_view key) { writes_[std::string(key)] = std::nullopt; }

namespace {
// Bounds a group so one fsync never carries an unbounded batch.
constexpr size_t kMaxGroupSize = 256;
}  // namespace

Committer::Committer(KvStore* store, WriteOptions options)
    : store_(store),
      options_(options),
      tell_thread_([this] { TellLoop(); }),
      commit_thread_([this] { CommitLoop(); }) {}

Committer::~Committer() {
  {
    absl::MutexLock lock(&mutex_);
    stopping_ = true;
  }
  commit_thread_.join();
  {
    absl::MutexLock lock(&outcomes_mutex_);
    outcomes_stopping_ = true;
  }
  tell_thread_.join();
}

absl::Status Committer::Run(const TransactionFn& fn) {
  // Shared with the done function, which whoever commits keeps until after it
  // has unlocked the mutex: Run may return (and drop its share) as soon as
  // the status is set.
  struct Outcome {
    absl::Mutex mutex;
    std::optional<absl::Status> status ABSL_GUARDED_BY(mutex);
  };
  auto outcome = std::make_shared<Outcome>();
  {
    absl::MutexLock lock(&mutex_);
    queue_.push_back({[&fn](Transaction& txn) { return fn(txn); },
                      [outcome](absl::Status status) {
                        absl::MutexLock lock(&outcome->mutex);
                        outcome->status = std::move(status);
                      },
                      /*tell_inline=*/true});
    if (!committing_) {
      std::vector<Pending> group = TakeGroup();
      mutex_.Unlock();
      CommitGroup(group);
      mutex_.Lock();
      committing_ = false;
    }
  }
  absl::MutexLock lock(&outcome->mutex);
  outcome->mutex.Await(absl::Condition(
      +[](std::optional<absl::Status>* status) { return status->has_value(); }, &outcome->status));
  return *std::move(outcome->status);
}

void Committer::Submit(TransactionFn fn, DoneFn done) {
  absl::MutexLock lock(&mutex_);
  queue_.push_back({std::move(fn), std::move(done), /*tell_inline=*/false});
}

std::vector<Committer::Pending> Committer::TakeGroup() {
  std::vector<Pending> group;
  while (!queue_.empty() && group.size() < kMaxGroupSize) {
    group.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
  committing_ = true;
  return group;
}

void Committer::CommitLoop() {
  for (;;) {
    std::vector<Pending> group;
    {
      absl::MutexLock lock(&mutex_);
      mutex_.Await(absl::Condition(this, &Committer::MayCommit));
      if (queue_.empty()) return;  // Stopping, and everything committed.
      group = TakeGroup();
    }
    // Transactions arriving meanwhile queue up for the next group.
    CommitGroup(group);
    absl::MutexLock lock(&mutex_);
    committing_ = false;
  }
}

void Committer::CommitGroup(std::vector<Pending>& group) {
  Overlay group_writes;
  WriteBatch batch;
  std::vector<absl::Status> statuses;
  std::vector<std::vector<std::function<void()>>> on_commits;
  statuses.reserve(group.size());
  on_commits.reserve(group.size());
  for (Pending& pending : group) {
    Transaction txn(store_, &group_writes);
    statuses.push_back(pending.fn(txn));
    on_commits.emplace_back();
    if (!statuses.back().ok()) continue;
    for (auto& [key, value] : txn.writes()) group_writes[key] = std::move(value);
    on_commits.back() = std::move(txn.on_commit());
  }
  // The group's last value of each key: a key that several transactions
  // wrote (a change feed's last sequence) is written once.
  for (const auto& [key, value] : group_writes) {
    if (value.has_value()) {
      batch.Put(key, *value);
    } else {
      batch.Delete(key);
    }
  }
  const absl::Status write_status =
      batch.empty() ? absl::OkStatus() : store_->Write(batch, options_);
  std::vector<Outcome> to_tell;
  for (size_t i = 0; i < group.size(); ++i) {
    if (statuses[i].ok() && !write_status.ok()) statuses[i] = write_status;
    if (statuses[i].ok()) {
      for (auto& fn : on_commits[i]) fn();
    }
    if (group[i].tell_inline) {
      group[i].done(std::move(statuses[i]));
    } else {
      to_tell.push_back({std::move(group[i].done), std::move(statuses[i])});
    }
  }
  if (to_tell.empty()) return;
  absl::MutexLock lock(&outcomes_mutex_);
  for (Outcome& outcome : to_tell) outcomes_.push_back(std::move(outcome));
}

void Committer::TellLoop() {
  std::deque<Outcome> telling;
  for (;;) {
    {
      absl::MutexLock lock(&outcomes_mutex_);
      outcomes_mutex_.Await(absl::Condition(this, &Committer::HasOutcomesOrStopping));
      if (outcomes_.empty()) return;  // Stopping, and everyone told.
      telling.swap(outcomes_);
    }
    for (Outcome& outcome : telling) outcome.done(std::move(outcome.status));
    telling.clear();
  }
}

}  // namespace corematch::storage
