#include "storage/read_pool.h"

#include <atomic>
#include <thread>
#include <vector>

#include "absl/synchronization/barrier.h"
#include "absl/synchronization/blocking_counter.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"

namespace corematch::storage {
namespace {

// Pools that take every read for slow, or none.
constexpr absl::Duration kEveryRead = absl::ZeroDuration();
constexpr absl::Duration kNoRead = absl::InfiniteDuration();

TEST(ReadPoolTest, EachItemIsReadOnceWhateverThePoolSize) {
  for (size_t threads : {0u, 1u, 4u}) {
    for (absl::Duration slow : {kEveryRead, kNoRead}) {
      ReadPool pool(threads, slow);
      for (size_t count : {0u, 1u, 2u, 7u, 100u}) {
        std::vector<std::atomic<int>> reads(count);
        pool.Run(count, [&](size_t i) { reads[i].fetch_add(1); });
        for (size_t i = 0; i < count; ++i) {
          EXPECT_EQ(reads[i].load(), 1) << threads << " threads, item " << i << " of " << count;
        }
      }
    }
  }
}

TEST(ReadPoolTest, ReadsThatAreNotSlowStayOnTheCaller) {
  ReadPool pool(4, kNoRead);
  std::vector<std::thread::id> readers(20);
  pool.Run(readers.size(), [&](size_t i) {
    absl::SleepFor(absl::Milliseconds(1));  // time enough for a helper to take the next
    readers[i] = std::this_thread::get_id();
  });
  for (const std::thread::id& reader : readers) EXPECT_EQ(reader, std::this_thread::get_id());
}

TEST(ReadPoolTest, AfterASlowReadTheRestOverlap) {
  // Items 1-3 each wait until all three have started: they can only finish
  // if, once item 0 was slow, the caller and two of the pool's threads read
  // at once. The default threshold, with a read that sleeps past it.
  ReadPool pool(2);
  absl::Barrier all_started(3);
  std::atomic<int> finished{0};
  pool.Run(4, [&](size_t i) {
    if (i == 0) {
      absl::SleepFor(2 * ReadPool::kSlowRead);
      return;
    }
    all_started.Block();
    finished.fetch_add(1);
  });
  EXPECT_EQ(finished.load(), 3);
}

TEST(ReadPoolTest, ABatchFinishesWhileThePoolIsBusyWithAnother) {
  ReadPool pool(1, kEveryRead);
  absl::Notification release;
  absl::BlockingCounter both_held(2);
  // The first batch holds the pool's only thread and its own caller until
  // released.
  std::thread first([&] {
    pool.Run(3, [&](size_t i) {
      if (i == 0) return;
      both_held.DecrementCount();
      release.WaitForNotification();
    });
  });
  both_held.Wait();
  // This batch asks for a helper that cannot come: it reads everything on
  // this thread and does not wait for it.
  std::vector<int> read(5, 0);
  pool.Run(5, [&](size_t i) { ++read[i]; });
  EXPECT_EQ(read, std::vector<int>(5, 1));
  release.Notify();
  first.join();
}

}  // namespace
}  // namespace corematch::storage
