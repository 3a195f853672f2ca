#include "storage/committer.h"

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

struct Committer::Waiter {
  const TransactionFn* fn;
  absl::Status status;
  bool done = false;
  std::vector<std::function<void()>> on_commit;
};

namespace {
// Bounds a group so one fsync never carries an unbounded batch.
constexpr size_t kMaxGroupSize = 256;
}  // namespace

Committer::Committer(KvStore* store, WriteOptions options) : store_(store), options_(options) {}

absl::Status Committer::Run(const TransactionFn& fn) {
  Waiter waiter;
  waiter.fn = &fn;
  absl::MutexLock lock(&mutex_);
  queue_.push_back(&waiter);
  auto leads_or_done = [&]() { return waiter.done || queue_.front() == &waiter; };
  mutex_.Await(absl::Condition(&leads_or_done));
  if (waiter.done) return waiter.status;
  CommitGroup(&waiter);
  return waiter.status;
}

void Committer::CommitGroup(Waiter* leader) {
  std::vector<Waiter*> group;
  for (size_t i = 0; i < queue_.size() && i < kMaxGroupSize; ++i) group.push_back(queue_[i]);

  // Transactions run and the batch is written without the lock, so new
  // arrivals can queue up for the next group meanwhile. Only the leader
  // touches `group`, and it stays at the front of the queue until it is done.
  mutex_.Unlock();
  Overlay group_writes;
  WriteBatch batch;
  for (Waiter* waiter : group) {
    Transaction txn(store_, &group_writes);
    waiter->status = (*waiter->fn)(txn);
    if (!waiter->status.ok()) continue;
    for (const auto& [key, value] : txn.writes()) {
      if (value.has_value()) {
        batch.Put(key, *value);
      } else {
        batch.Delete(key);
      }
      group_writes[key] = value;
    }
    waiter->on_commit = std::move(txn.on_commit());
  }
  absl::Status write_status = batch.empty() ? absl::OkStatus() : store_->Write(batch, options_);
  for (Waiter* waiter : group) {
    if (!waiter->status.ok()) continue;
    if (!write_status.ok()) {
      waiter->status = write_status;
      continue;
    }
    for (auto& fn : waiter->on_commit) fn();
  }
  mutex_.Lock();

  for (Waiter* waiter : group) {
    queue_.pop_front();
    if (waiter != leader) waiter->done = true;
  }
}

}  // namespace corematch::storage
