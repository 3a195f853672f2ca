// storage/read_pool.h
//
// ReadPool: a few threads that share the reads of one batch with its
// caller, so that reads waiting on the disk wait together rather than one
// after another. A ranking reads the quotes of its twenty winners, solutions
// picked from a million; when their blocks are not in the page cache each
// read waits on the disk for a few tenths of a millisecond. When they are,
// a read takes about 30 µs and waking the threads would cost more than it
// saves (a millisecond of CPU a ranking on this machine; docs/benchmarks.md),
// so the caller reads alone until a read shows it waited.
//
//   ReadPool pool(8);
//   pool.Run(keys.size(), [&](size_t i) { values[i] = Read(keys[i]); });
//
// Thread-safe: batches from many callers share the threads.
#ifndef COREMATCH_STORAGE_READ_POOL_H_
#define COREMATCH_STORAGE_READ_POOL_H_

#include <cstddef>
#include <deque>
#include <functional>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace corematch::storage {

class ReadPool {
 public:
  // A read slower than this waited on the disk, not on the page cache.
  static constexpr absl::Duration kSlowRead = absl::Microseconds(100);

  // Starts `threads` threads; with 0, Run reads everything on its caller.
  // Batches call on them once a read has taken longer than `slow_read`.
  explicit ReadPool(size_t threads, absl::Duration slow_read = kSlowRead);
  ReadPool(const ReadPool&) = delete;
  ReadPool& operator=(const ReadPool&) = delete;
  // Waits for the batches under way.
  ~ReadPool();

  // Calls read(0) ... read(count - 1), each once, and returns when all have
  // returned: on the caller's thread, and once a read has been slow also on
  // idle threads of the pool. The caller reads throughout, so a batch
  // finishes even when every thread is busy.
  void Run(size_t count, const std::function<void(size_t)>& read);

 private:
  struct Batch;
  void Serve();

  const absl::Duration slow_read_;
  absl::Mutex mutex_;
  // One entry per helper a batch asked for.
  std::deque<Batch*> wanted_ ABSL_GUARDED_BY(mutex_);
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace corematch::storage

#endif  // COREMATCH_STORAGE_READ_POOL_H_
