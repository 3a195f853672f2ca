#include "services/matching/service/quoted_solutions.h"

#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"
#include "services/matching/service/analyzed_document.h"
#include "services/matching/service/match_store.h"
#include "services/matching/service/record_conversion.h"
#include "storage/memory_kv_store.h"
#include "storage/testing/forwarding_kv_store.h"

namespace corematch::matching {
namespace {

using ::corematch::testing::IsOk;

std::optional<SolutionRecord> FetchOne(const SolutionFetcher& fetch, const std::string& name) {
  std::vector<std::optional<SolutionRecord>> records = fetch({name});
  EXPECT_EQ(records.size(), 1u);
  return records.empty() ? std::nullopt : std::move(records.front());
}

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
  std::optional<SolutionRecord> fetched = FetchOne(quoted.Fetcher(), "solutions/jobbforst");
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
  std::optional<SolutionRecord> fetched = FetchOne(quoted.Fetcher(), "solutions/jobbforst");
  ASSERT_TRUE(fetched.has_value());
  EXPECT_EQ(fetched->title, "Jobb Först");
  EXPECT_EQ(fetched->core_elements.size(), 1u);
  EXPECT_TRUE(fetched->core_terms.empty());  // the engine analyses the cores

  Put(store, keys::Quote("jobbforst"), "Q\x01 not a quote");
  QuotedSolutions damaged(&store);
  fetched = FetchOne(damaged.Fetcher(), "solutions/jobbforst");
  ASSERT_TRUE(fetched.has_value());
  EXPECT_EQ(fetched->description, "A long description no answer quotes.");
}

TEST(QuotedSolutionsTest, WhatWasQuotedOnceIsFoundWithoutTheStore) {
  storage::MemoryKvStore store;
  Put(store, keys::Quote("jobbforst"), SerializeQuote(ToSolutionRecord(JobbForst()), {{}}));
  QuotedSolutions quoted(&store);
  ASSERT_TRUE(FetchOne(quoted.Fetcher(), "solutions/jobbforst").has_value());

  storage::WriteBatch erase;
  erase.Delete(keys::Quote("jobbforst"));
  ASSERT_THAT(store.Write(erase, {}), IsOk());
  absl::StatusOr<const SolutionRecord*> found = quoted.Find("jobbforst");
  ASSERT_THAT(found, IsOk());
  ASSERT_NE(*found, nullptr);
  EXPECT_EQ((*found)->title, "Jobb Först");
  EXPECT_EQ(*quoted.Find("unknown"), nullptr);
  EXPECT_FALSE(FetchOne(quoted.Fetcher(), "solutions/unknown").has_value());
}

// Counts how the quotes are read: one at a time, or together.
class CountingStore final : public storage::ForwardingKvStore {
 public:
  absl::StatusOr<std::optional<std::string>> Get(absl::string_view key) override {
    ++gets;
    return ForwardingKvStore::Get(key);
  }
  absl::StatusOr<std::vector<std::optional<std::string>>> GetMany(
      absl::Span<const std::string> keys) override {
    ++get_manys;
    return ForwardingKvStore::GetMany(keys);
  }

  int gets = 0;
  int get_manys = 0;
};

TEST(QuotedSolutionsTest, AllWinnersQuotesAreReadAtOnceAndAnsweredInTheirOrder) {
  CountingStore store;
  std::vector<std::string> names;
  for (const char* id : {"a", "b", "c"}) {
    publishing::v1::Solution solution = JobbForst();
    solution.set_name(absl::StrCat("solutions/", id));
    solution.set_title(absl::StrCat("Title ", id));
    Put(store, keys::Quote(id), SerializeQuote(ToSolutionRecord(solution), {{}}));
    names.push_back(solution.name());
  }
  names.insert(names.begin() + 1, "solutions/unknown");

  QuotedSolutions quoted(&store);
  const std::vector<std::optional<SolutionRecord>> fetched = quoted.Fetcher()(names);
  ASSERT_EQ(fetched.size(), 4u);
  ASSERT_TRUE(fetched[0].has_value());
  EXPECT_EQ(fetched[0]->title, "Title a");
  EXPECT_FALSE(fetched[1].has_value());
  ASSERT_TRUE(fetched[2].has_value());
  EXPECT_EQ(fetched[2]->title, "Title b");
  ASSERT_TRUE(fetched[3].has_value());
  EXPECT_EQ(fetched[3]->title, "Title c");
  EXPECT_EQ(store.get_manys, 1);
  // Only the one without a quote is then looked for as a solution.
  EXPECT_EQ(store.gets, 1);

  // Quoted (or found absent) once, not read again.
  ASSERT_EQ(quoted.Fetcher()({names[0], names[1], names[3]}).size(), 3u);
  EXPECT_EQ(store.get_manys, 1);
  EXPECT_EQ(store.gets, 1);
}

}  // namespace
}  // namespace corematch::matching
