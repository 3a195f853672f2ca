#include "storage/kv_store.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/algorithm/container.h"
#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "rocksdb/env.h"
#include "storage/memory_kv_store.h"
#include "storage/rocksdb_kv_store.h"
#include "tests/testing/temp_dir.h"

namespace corematch::storage {
namespace {

// Runs every contract test against both implementations.
class KvStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "memory") {
      store_ = std::make_unique<MemoryKvStore>();
    } else {
      env_.reset(rocksdb::NewMemEnv(rocksdb::Env::Default()));
      // "rocksdb-readers" reads GetMany's keys on threads of its own.
      auto store = OpenRocksDbKvStore({.path = "/kv",
                                       .env = env_.get(),
                                       .read_threads = GetParam() == "rocksdb-readers" ? 3u : 0u});
      ASSERT_TRUE(store.ok()) << store.status();
      store_ = std::move(*store);
    }
  }
  void TearDown() override { store_.reset(); }

  void PutAll(const std::vector<std::string>& keys) {
    WriteBatch batch;
    for (const auto& key : keys) batch.Put(key, "v:" + key);
    ASSERT_TRUE(store_->Write(batch, WriteOptions{}).ok());
  }

  std::vector<std::string> ScanKeys(absl::string_view prefix, absl::string_view start_after,
                                    ScanOrder order, size_t limit = 100) {
    std::vector<std::string> keys;
    EXPECT_TRUE(store_
                    ->Scan(prefix, start_after, order,
                           [&](absl::string_view key, absl::string_view) {
                             keys.emplace_back(key);
                             return keys.size() < limit;
                           })
                    .ok());
    return keys;
  }

  std::unique_ptr<rocksdb::Env> env_;
  std::unique_ptr<KvStore> store_;
};

TEST_P(KvStoreTest, GetReturnsNulloptForMissingKey) {
  auto value = store_->Get("missing");
  ASSERT_TRUE(value.ok());
  EXPECT_FALSE(value->has_value());
}

TEST_P(KvStoreTest, BatchAppliesPutsAndDeletesInOrder) {
  WriteBatch batch;
  batch.Put("a", "1");
  batch.Put("b", "2");
  batch.Delete("a");
  batch.Put("b", "3");
  ASSERT_TRUE(store_->Write(batch, WriteOptions{}).ok());
  EXPECT_FALSE(store_->Get("a")->has_value());
  EXPECT_EQ(store_->Get("b")->value(), "3");
}

TEST_P(KvStoreTest, ScanAscendingStaysInsidePrefix) {
  PutAll({"s/1", "s/2", "s/3", "t/1", "r/9"});
  EXPECT_EQ(ScanKeys("s/", "", ScanOrder::kAscending),
            (std::vector<std::string>{"s/1", "s/2", "s/3"}));
  EXPECT_EQ(ScanKeys("s/", "s/1", ScanOrder::kAscending), (std::vector<std::string>{"s/2", "s/3"}));
  EXPECT_EQ(ScanKeys("s/", "", ScanOrder::kAscending, 2), (std::vector<std::string>{"s/1", "s/2"}));
}

TEST_P(KvStoreTest, ScanDescendingStaysInsidePrefix) {
  PutAll({"s/1", "s/2", "s/3", "t/1", "r/9"});
  EXPECT_EQ(ScanKeys("s/", "", ScanOrder::kDescending),
            (std::vector<std::string>{"s/3", "s/2", "s/1"}));
  EXPECT_EQ(ScanKeys("s/", "s/3", ScanOrder::kDescending),
            (std::vector<std::string>{"s/2", "s/1"}));
}

TEST_P(KvStoreTest, ScanOfEmptyPrefixSeesEverything) {
  PutAll({"a", "b"});
  EXPECT_EQ(ScanKeys("", "", ScanOrder::kAscending), (std::vector<std::string>{"a", "b"}));
}

TEST_P(KvStoreTest, GetManyAnswersEachKeyInItsOrder) {
  std::vector<std::string> stored;
  for (int i = 0; i < 50; ++i) stored.push_back(absl::StrCat("k/", i));
  PutAll(stored);
  // More keys than readers, absent ones and a repeated one among them.
  std::vector<std::string> keys;
  for (int i = 49; i >= 0; i -= 3) keys.push_back(absl::StrCat("k/", i));
  keys.insert(keys.begin() + 2, "k/missing");
  keys.push_back("k/49");
  keys.push_back("other");

  auto values = store_->GetMany(keys);
  ASSERT_TRUE(values.ok()) << values.status();
  ASSERT_EQ(values->size(), keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    const bool absent = keys[i] == "k/missing" || keys[i] == "other";
    ASSERT_EQ((*values)[i].has_value(), !absent) << keys[i];
    if (!absent) {
      EXPECT_EQ(*(*values)[i], "v:" + keys[i]);
    }
  }
  auto none = store_->GetMany({});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

INSTANTIATE_TEST_SUITE_P(Implementations, KvStoreTest,
                         ::testing::Values("memory", "rocksdb", "rocksdb-readers"));

TEST(RocksDbKvStoreTest, DataSurvivesReopen) {
  std::unique_ptr<rocksdb::Env> env(rocksdb::NewMemEnv(rocksdb::Env::Default()));
  {
    auto store = OpenRocksDbKvStore({.path = "/db", .env = env.get()});
    ASSERT_TRUE(store.ok());
    WriteBatch batch;
    batch.Put("k", "v");
    ASSERT_TRUE((*store)->Write(batch, WriteOptions{.sync = true}).ok());
  }
  auto store = OpenRocksDbKvStore({.path = "/db", .env = env.get()});
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->Get("k")->value(), "v");
}

// A 1 MiB budget makes RocksDB flush tables while 4 MB are written (the
// default budget would hold them all in memtables); every value must still
// read back, before and after a reopen.
TEST(RocksDbKvStoreTest, SmallMemtableBudgetKeepsEveryWrite) {
  std::unique_ptr<rocksdb::Env> env(rocksdb::NewMemEnv(rocksdb::Env::Default()));
  const RocksDbOptions options{
      .path = "/small", .env = env.get(), .memtable_budget_bytes = 1 << 20};
  constexpr int kKeys = 4000;
  const std::string value(1024, 'x');
  {
    auto store = OpenRocksDbKvStore(options);
    ASSERT_TRUE(store.ok()) << store.status();
    for (int i = 0; i < kKeys; i += 100) {
      WriteBatch batch;
      for (int j = i; j < i + 100; ++j) batch.Put(absl::StrCat("k", j), absl::StrCat(j, value));
      ASSERT_TRUE((*store)->Write(batch, WriteOptions{}).ok());
    }
    EXPECT_EQ((*store)->Get("k1234")->value(), absl::StrCat(1234, value));
    std::vector<std::string> files;
    ASSERT_TRUE(env->GetChildren("/small", &files).ok());
    EXPECT_TRUE(absl::c_any_of(files, [](const std::string& f) { return f.ends_with(".sst"); }))
        << "nothing was flushed: the budget was not applied";
  }
  auto store = OpenRocksDbKvStore(options);
  ASSERT_TRUE(store.ok()) << store.status();
  for (int i = 0; i < kKeys; ++i) {
    auto read = (*store)->Get(absl::StrCat("k", i));
    ASSERT_TRUE(read.ok() && read->has_value()) << i;
    ASSERT_EQ(read->value(), absl::StrCat(i, value)) << i;
  }
}

TEST(RocksDbKvStoreTest, SecondOpenOfSameDirectoryFailsClearly) {
  const testing::TempDir dir;
  auto first = OpenRocksDbKvStore({.path = dir.path()});
  ASSERT_TRUE(first.ok()) << first.status();
  auto second = OpenRocksDbKvStore({.path = dir.path()});
  EXPECT_EQ(second.status().code(), absl::StatusCode::kFailedPrecondition) << second.status();
}

}  // namespace
}  // namespace corematch::storage
