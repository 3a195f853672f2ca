#include "services/matching/service/fetched_solutions.h"

#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"
#include "services/matching/service/analyzed_document.h"
#include "services/matching/service/match_store.h"
#include "services/matching/service/record_conversion.h"
#include "storage/memory_kv_store.h"

namespace corematch::matching {
namespace {

using ::corematch::testing::IsOk;

std::optional<SolutionRecord> FetchOne(const SolutionFetcher& fetch, const std::string& name) {
  std::vector<std::optional<SolutionRecord>> records = fetch({name});
  EXPECT_EQ(records.size(), 1u);
  return records.empty() ? std::nullopt : std::move(records.front());
}

void Put(storage::KvStore& store, const publishing::v1::Solution& solution) {
  storage::WriteBatch batch;
  batch.Put(keys::Solution(IdOf(solution.name())), solution.SerializeAsString());
  ASSERT_THAT(store.Write(batch, {}), IsOk());
}

TEST(FetchedSolutionsTest, WhatTheFetcherLoadedIsFoundWithoutTheStore) {
  storage::MemoryKvStore store;
  publishing::v1::Solution jobb;
  jobb.set_name("solutions/jobbforst");
  jobb.set_title("Jobb Först");
  jobb.set_language("sv");
  Put(store, jobb);

  FetchedSolutions fetched(&store);
  SolutionFetcher fetch = fetched.Fetcher();
  std::optional<SolutionRecord> record = FetchOne(fetch, "solutions/jobbforst");
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->title, "Jobb Först");
  EXPECT_FALSE(FetchOne(fetch, "solutions/unknown").has_value());

  // Gone from the store: only a remembered copy can answer now.
  storage::WriteBatch erase;
  erase.Delete(keys::Solution("jobbforst"));
  ASSERT_THAT(store.Write(erase, {}), IsOk());
  absl::StatusOr<const publishing::v1::Solution*> found = fetched.Find("jobbforst");
  ASSERT_THAT(found, IsOk());
  ASSERT_NE(*found, nullptr);
  EXPECT_EQ((*found)->language(), "sv");
  EXPECT_EQ(*fetched.Find("unknown"), nullptr);
}

TEST(FetchedSolutionsTest, FindLoadsWhatTheFetcherWasNotAskedFor) {
  storage::MemoryKvStore store;
  publishing::v1::Solution homework;
  homework.set_name("solutions/homework");
  homework.set_title("Homework cafe");
  Put(store, homework);
  FetchedSolutions fetched(&store);
  absl::StatusOr<const publishing::v1::Solution*> found = fetched.Find("homework");
  ASSERT_THAT(found, IsOk());
  ASSERT_NE(*found, nullptr);
  EXPECT_EQ((*found)->title(), "Homework cafe");
}

TEST(FetchedSolutionsTest, TheFetcherHandsOverTheCoreTermsOfTheQuoteKeptBesideASolution) {
  storage::MemoryKvStore store;
  publishing::v1::Solution jobb;
  jobb.set_name("solutions/jobbforst");
  jobb.add_core_elements()->set_title("Arbete först");
  jobb.add_core_elements()->set_title("Nära samarbete");
  Put(store, jobb);
  const std::vector<std::vector<std::string>> kept = {{"arbet", "först", "work"}, {"samarbet"}};
  storage::WriteBatch batch;
  batch.Put(keys::Quote("jobbforst"), SerializeQuote(ToSolutionRecord(jobb), kept));
  ASSERT_THAT(store.Write(batch, {}), IsOk());

  FetchedSolutions fetched(&store);
  std::optional<SolutionRecord> record = FetchOne(fetched.Fetcher(), "solutions/jobbforst");
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->core_terms, kept);
}

TEST(FetchedSolutionsTest, ASolutionWithoutAReadableQuoteIsFetchedWithoutCoreTerms) {
  storage::MemoryKvStore store;
  publishing::v1::Solution jobb;
  jobb.set_name("solutions/jobbforst");
  jobb.add_core_elements()->set_title("Arbete först");
  Put(store, jobb);
  FetchedSolutions fetched(&store);
  std::optional<SolutionRecord> record = FetchOne(fetched.Fetcher(), "solutions/jobbforst");
  ASSERT_TRUE(record.has_value());
  EXPECT_TRUE(record->core_terms.empty());

  // A damaged blob costs the shortcut, not the solution.
  storage::WriteBatch batch;
  batch.Put(keys::Quote("jobbforst"), "Q\x01 not a quote");
  ASSERT_THAT(store.Write(batch, {}), IsOk());
  FetchedSolutions again(&store);
  record = FetchOne(again.Fetcher(), "solutions/jobbforst");
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->core_elements.size(), 1u);
  EXPECT_TRUE(record->core_terms.empty());
}

}  // namespace
}  // namespace corematch::matching
