#include "services/matching/service/quoted_solutions.h"

#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"
#include "services/matching/service/analyzed_document.h"
#include "services/matching/service/match_store.h"
#include "services/matching/service/record_conversion.h"
#include "storage/memory_kv_store.h"

namespace corematch::matching {
namespace {

using ::corematch::testing::IsOk;

publishing::v1::Solution JobbForst() {
  publishing::v1::Solution jobb;
  jobb.set_name("solutions/jobbforst");
  jobb.set_title("Jobb Först");
  jobb.set_language("sv");
  jobb.set_description("A long description no answer quotes.");
  jobb.add_core_elements()->set_title("Arbete först");
  return jobb;
}

void Put(storage::KvStore& store, absl::string_view key, const std::string& value) {
  storage::WriteBatch batch;
  batch.Put(key, value);
  ASSERT_THAT(store.Write(batch, {}), IsOk());
}

TEST(QuotedSolutionsTest, AnAnswerIsQuotedFromTheQuoteAlone) {
  storage::MemoryKvStore store;
  const publishing::v1::Solution jobb = JobbForst();
  // Only the quote is stored: what is found can only have come from it.
  Put(store, keys::Quote("jobbforst"), SerializeQuote(ToSolutionRecord(jobb), {{"arbet", "work"}}));

  QuotedSolutions quoted(&store);
  std::optional<SolutionRecord> fetched = quoted.Fetcher()("solutions/jobbforst");
  ASSERT_TRUE(fetched.has_value());
  EXPECT_EQ(fetched->title, "Jobb Först");
  EXPECT_EQ(fetched->core_terms, (std::vector<std::vector<std::string>>{{"arbet", "work"}}));
  EXPECT_EQ(fetched->description, "");
  absl::StatusOr<const SolutionRecord*> found = quoted.Find("jobbforst");
  ASSERT_THAT(found, IsOk());
  ASSERT_NE(*found, nullptr);
  EXPECT_EQ((*found)->language, "sv");
}

TEST(QuotedSolutionsTest, ASolutionWithoutAReadableQuoteIsQuotedFromItself) {
  storage::MemoryKvStore store;
  const publishing::v1::Solution jobb = JobbForst();
  Put(store, keys::Solution("jobbforst"), jobb.SerializeAsString());

  QuotedSolutions quoted(&store);
  std::optional<SolutionRecord> fetched = quoted.Fetcher()("solutions/jobbforst");
  ASSERT_TRUE(fetched.has_value());
  EXPECT_EQ(fetched->title, "Jobb Först");
  EXPECT_EQ(fetched->core_elements.size(), 1u);
  EXPECT_TRUE(fetched->core_terms.empty());  // the engine analyses the cores

  Put(store, keys::Quote("jobbforst"), "Q\x01 not a quote");
  QuotedSolutions damaged(&store);
  fetched = damaged.Fetcher()("solutions/jobbforst");
  ASSERT_TRUE(fetched.has_value());
  EXPECT_EQ(fetched->description, "A long description no answer quotes.");
}

TEST(QuotedSolutionsTest, WhatWasQuotedOnceIsFoundWithoutTheStore) {
  storage::MemoryKvStore store;
  Put(store, keys::Quote("jobbforst"), SerializeQuote(ToSolutionRecord(JobbForst()), {{}}));
  QuotedSolutions quoted(&store);
  ASSERT_TRUE(quoted.Fetcher()("solutions/jobbforst").has_value());

  storage::WriteBatch erase;
  erase.Delete(keys::Quote("jobbforst"));
  ASSERT_THAT(store.Write(erase, {}), IsOk());
  absl::StatusOr<const SolutionRecord*> found = quoted.Find("jobbforst");
  ASSERT_THAT(found, IsOk());
  ASSERT_NE(*found, nullptr);
  EXPECT_EQ((*found)->title, "Jobb Först");
  EXPECT_EQ(*quoted.Find("unknown"), nullptr);
  EXPECT_FALSE(quoted.Fetcher()("solutions/unknown").has_value());
}

}  // namespace
}  // namespace corematch::matching
