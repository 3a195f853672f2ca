// Storing a match: what is stored and announced, and its etag.
#include "services/matching/service/match_store.h"

#include <memory>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"
#include "services/matching/service/match_state.h"
#include "services/matching/service/match_visibility.h"
#include "services/matching/service/matching_test_fixture.h"
#include "storage/committer.h"
#include "storage/memory_kv_store.h"

namespace corematch::matching {
namespace {

using ::corematch::testing::IsOk;

const absl::Time kNow = absl::FromUnixSeconds(1767225600);

pb::Explanation Explained(absl::string_view summary) {
  pb::Explanation explanation;
  explanation.set_summary(std::string(summary));
  pb::TermMatch* term = explanation.add_term_matches();
  term->set_query_term("kontanthjælp");
  term->set_matched_term("försörjningsstöd");
  term->set_kind(pb::TERM_MATCH_KIND_TRANSLATION);
  return explanation;
}

class MatchStoreTest : public ::testing::Test {
 protected:
  // Saves `match` in a transaction of its own and returns it as Save left it.
  pb::Match Saved(pb::Match match) {
    EXPECT_THAT(committer_.Run([&](storage::Transaction& txn) {
      return matches_.Save(txn, match, pb::CHANGE_TYPE_CREATED, kNow);
    }),
                IsOk());
    return match;
  }

  pb::Match Stored(absl::string_view id) {
    storage::Overlay none;
    storage::Transaction read(&store_, &none);
    absl::StatusOr<std::optional<pb::Match>> match = MatchStore::Load(read, id);
    EXPECT_TRUE(match.ok() && match->has_value()) << id;
    return match.ok() && match->has_value() ? **match : pb::Match();
  }

  std::vector<pb::WatchChangesResponse> Announced() {
    std::vector<pb::WatchChangesResponse> events;
    EXPECT_THAT(feed_
                    ->Read(0, 100,
                           [&](int64_t, absl::string_view bytes) {
                             events.emplace_back().ParseFromString(std::string(bytes));
                           })
                    .status(),
                IsOk());
    return events;
  }

  storage::MemoryKvStore store_;
  std::unique_ptr<ChangeFeed> feed_ = ChangeFeed::Open(&store_).value();
  MatchStore matches_{feed_.get(), nullptr};
  storage::Committer committer_{&store_};
};

TEST_F(MatchStoreTest, TheStoredMatchAndItsEventAreTheMatchWithItsExplanation) {
  const pb::Match saved = Saved(
      NewMatch(testing::DanishNeed(), testing::JobbForst(), 0.5, Explained("text fit 40%"), kNow));

  EXPECT_EQ(saved.explanation().summary(), "text fit 40%");
  EXPECT_EQ(saved.explanation().term_matches_size(), 1);
  EXPECT_FALSE(saved.etag().empty());
  const pb::Match stored = Stored("aarhusneed-jobbforst");
  EXPECT_EQ(stored.SerializeAsString(), saved.SerializeAsString());
  const std::vector<pb::WatchChangesResponse> events = Announced();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].type(), pb::CHANGE_TYPE_CREATED);
  EXPECT_EQ(events[0].match().SerializeAsString(), saved.SerializeAsString());
}

TEST_F(MatchStoreTest, TheEtagChangesWithTheExplanationAloneButNotWithTheRequestersName) {
  const pb::Match first = Saved(
      NewMatch(testing::DanishNeed(), testing::JobbForst(), 0.5, Explained("text fit 40%"), kNow));

  pb::Match reexplained = first;
  *reexplained.mutable_explanation() = Explained("text fit 41%");
  EXPECT_NE(Saved(reexplained).etag(), first.etag());

  pb::Match renamed = first;
  renamed.set_adopter_organization("organizations/someone-else");
  EXPECT_EQ(Saved(renamed).etag(), first.etag());
  EXPECT_EQ(MatchEtag(renamed, first.explanation()), first.etag());
}

}  // namespace
}  // namespace corematch::matching
