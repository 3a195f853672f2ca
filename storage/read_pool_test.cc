#include "storage/read_pool.h"

#include <atomic>
#include <thread>
#include <vector>

#include "absl/synchronization/barrier.h"
#include "absl/synchronization/notification.h"
#include "gtest/gtest.h"

namespace corematch::storage {
namespace {

TEST(ReadPoolTest, EachItemIsReadOnceWhateverThePoolSize) {
  for (size_t threads : {0u, 1u, 4u}) {
    ReadPool pool(threads);
    for (size_t count : {0u, 1u, 2u, 7u, 100u}) {
      std::vector<std::atomic<int>> reads(count);
      pool.Run(count, [&](size_t i) { reads[i].fetch_add(1); });
      for (size_t i = 0; i < count; ++i) {
        EXPECT_EQ(reads[i].load(), 1) << threads << " threads, item " << i << " of " << count;
      }
    }
  }
}

TEST(ReadPoolTest, ReadsOfABatchOverlap) {
  // Three items that each wait until all three have started: they can only
  // finish if the caller and two of the pool's threads read at once.
  ReadPool pool(2);
  absl::Barrier all_started(3);
  std::atomic<int> finished{0};
  pool.Run(3, [&](size_t) {
    all_started.Block();
    finished.fetch_add(1);
  });
  EXPECT_EQ(finished.load(), 3);
}

TEST(ReadPoolTest, ABatchFinishesWhileThePoolIsBusyWithAnother) {
  ReadPool pool(1);
  absl::Notification release;
  absl::Notification first_started;
  // The first batch holds the pool's only thread (and its caller) until
  // released.
  std::thread first([&] {
    pool.Run(2, [&](size_t i) {
      if (i == 1) first_started.Notify();
      release.WaitForNotification();
    });
  });
  first_started.WaitForNotification();
  std::vector<int> read(5, 0);
  pool.Run(5, [&](size_t i) { ++read[i]; });  // on this thread alone
  EXPECT_EQ(read, std::vector<int>(5, 1));
  release.Notify();
  first.join();
}

}  // namespace
}  // namespace corematch::storage
