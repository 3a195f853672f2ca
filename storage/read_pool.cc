#include "storage/read_pool.h"

#include <algorithm>
#include <atomic>
#include <optional>

#include "absl/synchronization/blocking_counter.h"
#include "absl/time/clock.h"

namespace corematch::storage {

struct ReadPool::Batch {
  Batch(size_t count, const std::function<void(size_t)>& read) : count(count), read(read) {}

  // Reads the batch's next items until none is left.
  void Work() {
    for (size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) read(i);
  }

  const size_t count;
  const std::function<void(size_t)>& read;
  std::atomic<size_t> next{0};
  // Counts down the helpers asked for, from when they are: the batch lives
  // on its caller's stack until they all have finished with it.
  std::optional<absl::BlockingCounter> helpers_done;
};

ReadPool::ReadPool(size_t threads, absl::Duration slow_read) : slow_read_(slow_read) {
  threads_.reserve(threads);
  for (size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { Serve(); });
}

ReadPool::~ReadPool() {
  {
    absl::MutexLock lock(&mutex_);
    stopping_ = true;
  }
  for (std::thread& thread : threads_) thread.join();
}

void ReadPool::Run(size_t count, const std::function<void(size_t)>& read) {
  Batch batch(count, read);
  size_t helpers = 0;
  for (size_t i = batch.next.fetch_add(1); i < count; i = batch.next.fetch_add(1)) {
    const absl::Time start = absl::Now();
    read(i);
    if (helpers == 0 && i + 1 < count && absl::Now() - start > slow_read_) {
      helpers = std::min(threads_.size(), count - i - 1);
      if (helpers == 0) continue;
      batch.helpers_done.emplace(static_cast<int>(helpers));
      absl::MutexLock lock(&mutex_);
      for (size_t h = 0; h < helpers; ++h) wanted_.push_back(&batch);
    }
  }
  if (helpers == 0) return;
  // Helpers not yet started have nothing left to read: they are not waited
  // for, which under load could mean waiting for other batches' reads.
  size_t not_started = 0;
  {
    absl::MutexLock lock(&mutex_);
    not_started = std::erase(wanted_, &batch);
  }
  for (size_t i = 0; i < not_started; ++i) batch.helpers_done->DecrementCount();
  batch.helpers_done->Wait();
}

void ReadPool::Serve() {
  while (true) {
    Batch* batch = nullptr;
    {
      absl::MutexLock lock(&mutex_);
      mutex_.Await(absl::Condition(
          +[](ReadPool* pool) ABSL_EXCLUSIVE_LOCKS_REQUIRED(pool->mutex_) {
            return pool->stopping_ || !pool->wanted_.empty();
          },
          this));
      // Batches under way are served before stopping: their callers wait.
      if (wanted_.empty()) return;
      batch = wanted_.front();
      wanted_.pop_front();
    }
    batch->Work();
    batch->helpers_done->DecrementCount();
  }
}

}  // namespace corematch::storage
