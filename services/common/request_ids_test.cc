#include "services/common/request_ids.h"

#include "gtest/gtest.h"
#include "storage/memory_kv_store.h"

namespace corematch {
namespace {

TEST(RequestIdsTest, RecognisesUuids) {
  EXPECT_TRUE(IsUuid("3f2b8c1e-7d4a-4e0b-9c55-2a1f0e6b7d90"));
  EXPECT_TRUE(IsUuid("3F2B8C1E-7D4A-4E0B-9C55-2A1F0E6B7D90"));
  EXPECT_FALSE(IsUuid("3f2b8c1e7d4a4e0b9c552a1f0e6b7d90"));
  EXPECT_FALSE(IsUuid("3f2b8c1e-7d4a-4e0b-9c55-2a1f0e6b7d9g"));
  EXPECT_FALSE(IsUuid(""));
}

TEST(RequestIdsTest, RememberedResponseIsFoundPerCallerAndMethod) {
  storage::MemoryKvStore store;
  storage::Committer committer(&store);
  const std::string id = "3f2b8c1e-7d4a-4e0b-9c55-2a1f0e6b7d90";
  ASSERT_TRUE(committer
                  .Run([&](storage::Transaction& txn) {
                    RememberResponse(txn, "organizations/a", "Create", id, "first");
                    return absl::OkStatus();
                  })
                  .ok());
  ASSERT_TRUE(
      committer
          .Run([&](storage::Transaction& txn) {
            EXPECT_EQ(FindEarlierResponse(txn, "organizations/a", "Create", id)->value(), "first");
            EXPECT_FALSE(FindEarlierResponse(txn, "organizations/b", "Create", id)->has_value());
            EXPECT_FALSE(FindEarlierResponse(txn, "organizations/a", "Publish", id)->has_value());
            EXPECT_FALSE(FindEarlierResponse(txn, "organizations/a", "Create", "")->has_value());
            return absl::OkStatus();
          })
          .ok());
}

}  // namespace
}  // namespace corematch
