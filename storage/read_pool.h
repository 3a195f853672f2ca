// storage/read_pool.h
//
// ReadPool: a few threads that share the reads of one batch with its
// caller, so that reads waiting on the disk wait together rather than one
// after another. A ranking reads the quotes of its twenty winners, solutions
// picked from a million; when their blocks are not in the page cache each
// read waits on the disk for about a tenth of a millisecond.
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

namespace corematch::storage {

class ReadPool {
 public:
  // Starts `threads` threads; with 0, Run reads everything on its caller.
  explicit ReadPool(size_t threads);
  ReadPool(const ReadPool&) = delete;
  ReadPool& operator=(const ReadPool&) = delete;
  // Waits for the batches under way.
  ~ReadPool();

  // Calls read(0) ... read(count - 1), each once, on the caller's thread and
  // on idle threads of the pool, and returns when all have returned. The
  // caller reads too, so a batch finishes even when every thread is busy.
  void Run(size_t count, const std::function<void(size_t)>& read);

 private:
  struct Batch;
  void Serve();

  absl::Mutex mutex_;
  // One entry per helper a batch asked for.
  std::deque<Batch*> wanted_ ABSL_GUARDED_BY(mutex_);
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace corematch::storage

#endif  // COREMATCH_STORAGE_READ_POOL_H_
