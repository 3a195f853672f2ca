#include "storage/read_pool.h"

#include <algorithm>
#include <atomic>

#include "absl/synchronization/blocking_counter.h"

namespace corematch::storage {

struct ReadPool::Batch {
  Batch(size_t count, const std::function<void(size_t)>& read, size_t helpers)
      : count(count), read(read), helpers_done(static_cast<int>(helpers)) {}

  // Reads the batch's next items until none is left.
  void Work() {
    for (size_t i = next.fetch_add(1); i < count; i = next.fetch_add(1)) read(i);
  }

  const size_t count;
  const std::function<void(size_t)>& read;
  std::atomic<size_t> next{0};
  // Counts down the helpers asked for: the batch lives on its caller's stack
  // until they all have finished with it.
  absl::BlockingCounter helpers_done;
};

ReadPool::ReadPool(size_t threads) {
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
  const size_t helpers = std::min(threads_.size(), count == 0 ? 0 : count - 1);
  Batch batch(count, read, helpers);
  if (helpers > 0) {
    absl::MutexLock lock(&mutex_);
    for (size_t i = 0; i < helpers; ++i) wanted_.push_back(&batch);
  }
  batch.Work();
  if (helpers == 0) return;
  // Helpers not yet started have nothing left to read: they are not waited
  // for, which under load could mean waiting for other batches' reads.
  size_t not_started = 0;
  {
    absl::MutexLock lock(&mutex_);
    not_started = std::erase(wanted_, &batch);
  }
  for (size_t i = 0; i < not_started; ++i) batch.helpers_done.DecrementCount();
  batch.helpers_done.Wait();
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
    batch->helpers_done.DecrementCount();
  }
}

}  // namespace corematch::storage
