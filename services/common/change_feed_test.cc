#include "services/common/change_feed.h"

#include <atomic>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"
#include "storage/memory_kv_store.h"

namespace corematch {
namespace {

using ::corematch::testing::IsOk;

std::vector<std::pair<int64_t, std::string>> ReadAll(ChangeFeed& feed, int64_t after) {
  std::vector<std::pair<int64_t, std::string>> events;
  EXPECT_THAT(feed.Read(after, 1000,
                        [&](int64_t seq, absl::string_view e) { events.emplace_back(seq, e); }),
              IsOk());
  return events;
}

TEST(ChangeFeedTest, EventsCommitWithTheirTransactionInOrder) {
  storage::MemoryKvStore store;
  storage::Committer committer(&store);
  auto feed = ChangeFeed::Open(&store).value();
  for (int i = 0; i < 3; ++i) {
    ASSERT_THAT(committer.Run([&](storage::Transaction& txn) -> absl::Status {
      txn.Put(absl::StrCat("row/", i), "x");
      return feed->Append(txn, absl::StrCat("event ", i)).status();
    }),
                IsOk());
  }
  auto events = ReadAll(*feed, 0);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0], std::make_pair(int64_t{1}, std::string("event 0")));
  EXPECT_EQ(events[2], std::make_pair(int64_t{3}, std::string("event 2")));
  EXPECT_EQ(ReadAll(*feed, 2).size(), 1u);
}

TEST(ChangeFeedTest, FailedTransactionAppendsNothing) {
  storage::MemoryKvStore store;
  storage::Committer committer(&store);
  auto feed = ChangeFeed::Open(&store).value();
  absl::Status status = committer.Run([&](storage::Transaction& txn) -> absl::Status {
    EXPECT_THAT(feed->Append(txn, "ghost").status(), IsOk());
    return absl::AbortedError("changed my mind");
  });
  EXPECT_FALSE(status.ok());
  EXPECT_TRUE(ReadAll(*feed, 0).empty());
  EXPECT_EQ(feed->last_committed(), 0);
}

TEST(ChangeFeedTest, SequenceSurvivesReopen) {
  storage::MemoryKvStore store;
  {
    storage::Committer committer(&store);
    auto feed = ChangeFeed::Open(&store).value();
    ASSERT_THAT(
        committer.Run([&](storage::Transaction& txn) { return feed->Append(txn, "a").status(); }),
        IsOk());
  }
  storage::Committer committer(&store);
  auto feed = ChangeFeed::Open(&store).value();
  EXPECT_EQ(feed->last_committed(), 1);
  absl::StatusOr<int64_t> seq;
  ASSERT_THAT(committer.Run([&](storage::Transaction& txn) {
    seq = feed->Append(txn, "b");
    return seq.status();
  }),
              IsOk());
  EXPECT_EQ(*seq, 2);
}

TEST(ChangeFeedTest, WatchFollowsLiveChangesAndStopsOnShutdown) {
  storage::MemoryKvStore store;
  storage::Committer committer(&store);
  auto feed = ChangeFeed::Open(&store).value();
  std::vector<int64_t> seen;
  std::atomic<int> count{0};
  std::thread watcher([&] {
    EXPECT_THAT(ServeWatch(
                    *feed, 0, [] { return false; },
                    [&](int64_t seq, absl::string_view) {
                      seen.push_back(seq);
                      ++count;
                      return true;
                    }),
                IsOk());
  });
  for (int i = 0; i < 5; ++i) {
    ASSERT_THAT(
        committer.Run([&](storage::Transaction& txn) { return feed->Append(txn, "e").status(); }),
        IsOk());
  }
  while (count.load() < 5) std::this_thread::yield();
  feed->Shutdown();
  watcher.join();
  EXPECT_EQ(seen, (std::vector<int64_t>{1, 2, 3, 4, 5}));
}

}  // namespace
}  // namespace corematch
