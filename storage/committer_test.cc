#include "storage/committer.h"

#include <atomic>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "absl/time/clock.h"
#include "gtest/gtest.h"
#include "storage/memory_kv_store.h"

namespace corematch::storage {
namespace {

absl::Status Increment(Transaction& txn, absl::string_view key) {
  auto current = txn.Get(key);
  if (!current.ok()) return current.status();
  int value = 0;
  if (current->has_value() && !absl::SimpleAtoi(**current, &value)) {
    return absl::InternalError("not a number");
  }
  txn.Put(key, absl::StrCat(value + 1));
  return absl::OkStatus();
}

TEST(CommitterTest, ConcurrentReadModifyWritesAreSerializable) {
  MemoryKvStore store;
  Committer committer(&store);
  constexpr int kThreads = 8;
  constexpr int kPerThread = 200;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kPerThread; ++i) {
        ASSERT_TRUE(committer.Run([](Transaction& txn) { return Increment(txn, "n"); }).ok());
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(store.Get("n")->value(), absl::StrCat(kThreads * kPerThread));
}

TEST(CommitterTest, FailedTransactionWritesNothing) {
  MemoryKvStore store;
  Committer committer(&store);
  absl::Status status = committer.Run([](Transaction& txn) {
    txn.Put("a", "1");
    return absl::AbortedError("stale");
  });
  EXPECT_EQ(status.code(), absl::StatusCode::kAborted);
  EXPECT_FALSE(store.Get("a")->has_value());
}

TEST(CommitterTest, TransactionSeesItsOwnWritesAndDeletes) {
  MemoryKvStore store;
  Committer committer(&store);
  ASSERT_TRUE(committer
                  .Run([](Transaction& txn) {
                    txn.Put("a", "1");
                    return absl::OkStatus();
                  })
                  .ok());
  ASSERT_TRUE(committer
                  .Run([](Transaction& txn) -> absl::Status {
                    EXPECT_EQ(txn.Get("a")->value(), "1");
                    txn.Delete("a");
                    EXPECT_FALSE(txn.Get("a")->has_value());
                    txn.Put("b", "2");
                    EXPECT_EQ(txn.Get("b")->value(), "2");
                    return absl::OkStatus();
                  })
                  .ok());
  EXPECT_FALSE(store.Get("a")->has_value());
  EXPECT_EQ(store.Get("b")->value(), "2");
}

TEST(CommitterTest, OnCommitRunsOnlyForCommittedTransactionsInOrder) {
  MemoryKvStore store;
  Committer committer(&store);
  std::vector<int> order;
  absl::Mutex mutex;
  std::vector<std::thread> threads;
  std::atomic<int> next{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        committer
            .Run([&](Transaction& txn) {
              int mine = next.fetch_add(1);
              txn.Put(absl::StrCat("k", mine), "x");
              txn.OnCommit([&, mine] {
                absl::MutexLock lock(&mutex);
                order.push_back(mine);
              });
              return absl::OkStatus();
            })
            .IgnoreError();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  ASSERT_EQ(order.size(), 200u);
  for (int i = 0; i < 200; ++i) EXPECT_EQ(order[i], i);
}

// Submit does not wait: the done function is the only news of the outcome,
// and it must come after the writes are in the store.
TEST(CommitterTest, SubmitTellsEachOutcomeOnceTheWritesAreStored) {
  MemoryKvStore store;
  absl::Mutex mutex;
  std::vector<std::string> told;
  {
    Committer committer(&store);
    for (int i = 0; i < 100; ++i) {
      const std::string key = absl::StrCat("k", i);
      committer.Submit(
          [key, i](Transaction& txn) -> absl::Status {
            if (i % 10 == 3) return absl::FailedPreconditionError("refused");
            txn.Put(key, "x");
            return absl::OkStatus();
          },
          [&, key, i](absl::Status status) {
            absl::StatusOr<std::optional<std::string>> stored = store.Get(key);
            absl::MutexLock lock(&mutex);
            if (i % 10 == 3) {
              EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << key;
              EXPECT_FALSE(stored->has_value()) << key << " written by a failed transaction";
            } else {
              EXPECT_TRUE(status.ok()) << key << ": " << status;
              EXPECT_TRUE(stored->has_value()) << key << " told done before it was stored";
            }
            told.push_back(key);
          });
    }
  }  // The committer's end commits what was handed over.
  EXPECT_EQ(told.size(), 100u);
}

TEST(CommitterTest, SubmittedAndRunTransactionsAreSerializable) {
  MemoryKvStore store;
  std::atomic<int> done{0};
  {
    Committer committer(&store);
    constexpr int kPerThread = 200;
    std::thread submitter([&] {
      for (int i = 0; i < kPerThread; ++i) {
        committer.Submit([](Transaction& txn) { return Increment(txn, "n"); },
                         [&](absl::Status status) {
                           EXPECT_TRUE(status.ok()) << status;
                           done.fetch_add(1);
                         });
      }
    });
    std::thread runner([&] {
      for (int i = 0; i < kPerThread; ++i) {
        ASSERT_TRUE(committer.Run([](Transaction& txn) { return Increment(txn, "n"); }).ok());
      }
    });
    submitter.join();
    runner.join();
  }
  EXPECT_EQ(done.load(), 200);
  EXPECT_EQ(store.Get("n")->value(), "400");
}

// The group's writes are stored as the transactions, one after another,
// left them: a key's last write wins, a failed transaction's writes are not.
TEST(CommitterTest, AGroupStoresEachKeyAsItsLastSuccessfulTransactionLeftIt) {
  MemoryKvStore store;
  {
    Committer committer(&store);
    const auto submit = [&](Committer::TransactionFn fn) {
      committer.Submit(std::move(fn), [](absl::Status) {});
    };
    absl::Notification queued;
    // Holds the commit thread so that the four after it queue up as one group.
    submit([&](Transaction& txn) {
      queued.WaitForNotification();
      txn.Put("k", "first group");
      return absl::OkStatus();
    });
    // Most likely taken by the commit thread by then; if not, the five form
    // one group, which must come out the same.
    absl::SleepFor(absl::Milliseconds(20));
    submit([](Transaction& txn) {
      txn.Put("k", "a");
      txn.Put("j", "kept");
      return absl::OkStatus();
    });
    submit([](Transaction& txn) {
      txn.Delete("k");
      return absl::OkStatus();
    });
    submit([](Transaction& txn) {
      txn.Put("k", "b");
      txn.Put("n", "1");
      return absl::OkStatus();
    });
    submit([](Transaction& txn) {
      txn.Put("k", "from a failed transaction");
      txn.Put("n", "2");
      return absl::AbortedError("refused");
    });
    queued.Notify();
  }
  EXPECT_EQ(store.Get("k")->value_or("absent"), "b");
  EXPECT_EQ(store.Get("j")->value_or("absent"), "kept");
  EXPECT_EQ(store.Get("n")->value_or("absent"), "1");
}

// A lone writer must not pay for a hand-over to the commit thread and back:
// with nothing being committed, Run commits on its caller's own thread.
TEST(CommitterTest, ARunThatFindsTheCommitterIdleCommitsOnItsOwnThread) {
  MemoryKvStore store;
  Committer committer(&store);
  for (int i = 0; i < 20; ++i) {
    std::thread::id ran_on;
    ASSERT_TRUE(committer
                    .Run([&](Transaction& txn) {
                      ran_on = std::this_thread::get_id();
                      txn.Put("k", "v");
                      return absl::OkStatus();
                    })
                    .ok());
    EXPECT_EQ(ran_on, std::this_thread::get_id());
  }
}

}  // namespace
}  // namespace corematch::storage
