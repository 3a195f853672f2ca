// services/notification/profiles/profile_index_test.cc
#include "services/notification/profiles/profile_index.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace corematch::notification {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Optional;
using ::testing::SizeIs;

InterestProfile NeedProfile(std::string subscription, std::vector<std::string> terms,
                            double min_score = 0) {
  InterestProfile profile;
  profile.subscription = std::move(subscription);
  profile.need_terms = std::move(terms);
  profile.min_score = min_score;
  return profile;
}

SolutionFacts TitleSolution(std::vector<std::string> terms) {
  SolutionFacts facts;
  facts.solution = "solutions/s";
  facts.title_terms = std::move(terms);
  return facts;
}

std::vector<std::string> Subscriptions(const std::vector<ProfileHit>& hits) {
  std::vector<std::string> names;
  for (const ProfileHit& hit : hits) names.push_back(hit.subscription);
  return names;
}

TEST(ProfileIndexTest, MatchesFacetsAndReturnsHitsSortedBySubscription) {
  ProfileIndex index;
  InterestProfile sector;
  sector.subscription = "subscriptions/c";
  sector.sectors = {"10"};
  InterestProfile language;
  language.subscription = "subscriptions/a";
  language.languages = {"sv"};
  InterestProfile country;
  country.subscription = "subscriptions/b";
  country.countries = {"dk"};
  index.Upsert(sector);
  index.Upsert(language);
  index.Upsert(country);
  SolutionFacts facts;
  facts.sectors = {"10.1.2"};
  facts.language = "sv-FI";
  facts.country = "FI";
  EXPECT_THAT(Subscriptions(index.Match(facts)), ElementsAre("subscriptions/a", "subscriptions/c"));
  facts.country = "DK";
  EXPECT_THAT(Subscriptions(index.Match(facts)),
              ElementsAre("subscriptions/a", "subscriptions/b", "subscriptions/c"));
}

TEST(ProfileIndexTest, AnchorsOnAsFewNeedTermsAsTheMinimumScoreAllows) {
  ProfileIndex index;
  index.Upsert(NeedProfile("subscriptions/all", {"a", "b", "c"}, 1));
  index.Upsert(NeedProfile("subscriptions/half", {"a", "b", "c"}, 0.5));
  index.Upsert(NeedProfile("subscriptions/any", {"a", "b", "c"}, 0));
  // Three terms: every one must be found at 1, two at 0.5, one at 0.
  EXPECT_THAT(index.AnchorsOf("subscriptions/all"), Optional(SizeIs(1)));
  EXPECT_THAT(index.AnchorsOf("subscriptions/half"), Optional(SizeIs(2)));
  EXPECT_THAT(index.AnchorsOf("subscriptions/any"), Optional(SizeIs(3)));
}

TEST(ProfileIndexTest, AnchorsOnTheRarestNeedTerm) {
  ProfileIndex index;
  for (int i = 0; i < 5; ++i)
    index.Upsert(NeedProfile(absl::StrCat("subscriptions/", i), {"common"}));
  index.Upsert(NeedProfile("subscriptions/x", {"common", "rare"}, 1));
  EXPECT_THAT(index.AnchorsOf("subscriptions/x"),
              Optional(ElementsAre(Anchor{Facet::kNeedTerm, "rare"})));
}

TEST(ProfileIndexTest, PrefersAFacetToManyNeedTerms) {
  ProfileIndex index;
  InterestProfile profile = NeedProfile("subscriptions/x", {"a", "b", "c", "d"});
  profile.countries = {"se"};
  index.Upsert(profile);
  EXPECT_THAT(index.AnchorsOf("subscriptions/x"),
              Optional(ElementsAre(Anchor{Facet::kCountry, "SE"})));
}

TEST(ProfileIndexTest, ProfileWithoutConditionsMatchesEverySolution) {
  ProfileIndex index;
  InterestProfile open;
  open.subscription = "subscriptions/open";
  index.Upsert(open);
  EXPECT_THAT(index.AnchorsOf("subscriptions/open"), Optional(IsEmpty()));
  EXPECT_THAT(Subscriptions(index.Match(SolutionFacts())), ElementsAre("subscriptions/open"));
  EXPECT_EQ(index.AnchorsOf("subscriptions/none"), std::nullopt);
}

TEST(ProfileIndexTest, MatchChecksOnlyCandidates) {
  ProfileIndex index;
  for (int i = 0; i < 1000; ++i) {
    index.Upsert(NeedProfile(absl::StrCat("subscriptions/", i), {absl::StrCat("term", i)}));
  }
  MatchStats stats;
  EXPECT_THAT(Subscriptions(index.Match(TitleSolution({"term7", "other"}), &stats)),
              ElementsAre("subscriptions/7"));
  EXPECT_EQ(stats.candidates, 1u);
  EXPECT_EQ(stats.hits, 1u);
}

TEST(ProfileIndexTest, UpsertReplacesTheOldProfileAndItsAnchors) {
  ProfileIndex index;
  index.Upsert(NeedProfile("subscriptions/x", {"old"}));
  index.Upsert(NeedProfile("subscriptions/x", {"new"}));
  EXPECT_EQ(index.size(), 1u);
  MatchStats stats;
  EXPECT_THAT(index.Match(TitleSolution({"old"}), &stats), IsEmpty());
  EXPECT_EQ(stats.candidates, 0u);
  EXPECT_THAT(Subscriptions(index.Match(TitleSolution({"new"}))), ElementsAre("subscriptions/x"));

  // From need-term anchors to match-all and back to a facet.
  InterestProfile open;
  open.subscription = "subscriptions/x";
  index.Upsert(open);
  EXPECT_THAT(index.Match(TitleSolution({"zzz"})), SizeIs(1));
  InterestProfile swedish = open;
  swedish.languages = {"sv"};
  index.Upsert(swedish);
  EXPECT_THAT(index.Match(TitleSolution({"zzz"})), IsEmpty());
  EXPECT_THAT(index.Match(TitleSolution({"new"})), IsEmpty());
}

TEST(ProfileIndexTest, RemoveLeavesNoHitsAndReusesTheSlot) {
  ProfileIndex index;
  index.Upsert(NeedProfile("subscriptions/x", {"a"}));
  index.Upsert(NeedProfile("subscriptions/y", {"a"}));
  index.Remove("subscriptions/x");
  index.Remove("subscriptions/unknown");
  EXPECT_EQ(index.size(), 1u);
  EXPECT_THAT(Subscriptions(index.Match(TitleSolution({"a"}))), ElementsAre("subscriptions/y"));
  index.Upsert(NeedProfile("subscriptions/z", {"b"}));
  EXPECT_THAT(index.Match(TitleSolution({"a"})), SizeIs(1));
  EXPECT_THAT(Subscriptions(index.Match(TitleSolution({"b"}))), ElementsAre("subscriptions/z"));
  index.Remove("subscriptions/y");
  index.Remove("subscriptions/z");
  EXPECT_EQ(index.size(), 0u);
  EXPECT_THAT(index.Match(TitleSolution({"a", "b"})), IsEmpty());
}

// Generates profiles and solutions over small value sets, so that most
// conditions meet and most edge cases (sector prefixes that are not at a dot,
// case, subtags, pivots, thresholds on the boundary) occur.
class RandomWorld {
 public:
  explicit RandomWorld(uint32_t seed) : rng_(seed) {}

  InterestProfile Profile(int id) {
    InterestProfile p;
    p.subscription = absl::StrCat("subscriptions/", id);
    p.sectors = Some(kSectors, 0.5, 2);
    p.target_groups = Some(kGroups, 0.2, 2);
    p.countries = Some(kCountries, 0.4, 2);
    p.languages = Some(kLanguages, 0.3, 2);
    if (Chance(0.7)) {
      p.need_terms = Some(Vocabulary(), 1.0, 8);
      if (Chance(0.3)) {
        for (size_t i = 0; i < p.need_terms.size(); ++i) {
          p.need_term_pivots.push_back(Some(kPivots, 0.5, 2));
        }
      }
    }
    static constexpr double kScores[] = {0, 0, 0.1, 0.25, 0.3, 1.0 / 3, 0.5, 0.6, 2.0 / 3, 0.75, 1};
    p.min_score = Chance(0.8) ? kScores[Uniform(std::size(kScores))]
                              : std::uniform_real_distribution<double>(0, 1)(rng_);
    return p;
  }

  SolutionFacts Solution() {
    SolutionFacts s;
    s.solution = "solutions/random";
    s.sectors = Some(kSectors, 0.9, 2);
    s.target_groups = Some(kGroups, 0.7, 2);
    s.country = Chance(0.9) ? kCountries[Uniform(std::size(kCountries))] : "";
    s.language = Chance(0.9) ? kLanguages[Uniform(std::size(kLanguages))] : "";
    s.title_terms = Some(Vocabulary(), 0.8, 4);
    s.core_terms = Some(Vocabulary(), 0.8, 6);
    s.body_terms = Some(Vocabulary(), 0.9, 20);
    for (auto* field : {&s.title_terms, &s.body_terms}) {
      if (Chance(0.3)) field->push_back(kPivots[Uniform(std::size(kPivots))]);
    }
    return s;
  }

  size_t Uniform(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }

 private:
  static constexpr const char* kSectors[] = {"01",   "07",     "07.4", "1",    "10",
                                             "10.1", "10.1.2", "10.2", "10.7", " 10 "};
  static constexpr const char* kGroups[] = {"youth", "Youth", "elderly", "unemployed", ""};
  static constexpr const char* kCountries[] = {"SE", "se", "DK", "NO", "FI"};
  static constexpr const char* kLanguages[] = {"sv", "sv-SE", "da", "DA-dk", "no", "nb", "en_GB"};
  static constexpr const char* kPivots[] = {"work", "labour", "citizen", "t3", "t17"};

  bool Chance(double p) { return std::bernoulli_distribution(p)(rng_); }

  // t0 .. t59, the low numbers far more frequent.
  const std::vector<std::string>& Vocabulary() {
    if (vocabulary_.empty()) {
      for (int i = 0; i < 60; ++i) vocabulary_.push_back(absl::StrCat("t", i));
    }
    return vocabulary_;
  }

  template <typename Values>
  std::vector<std::string> Some(const Values& values, double p_any, size_t at_most) {
    std::vector<std::string> out;
    if (!Chance(p_any)) return out;
    const size_t count = 1 + Uniform(at_most);
    const size_t n = std::size(values);
    for (size_t i = 0; i < count; ++i) {
      // Squaring a uniform draw favours the first values (Zipf-ish).
      const double u = std::uniform_real_distribution<double>(0, 1)(rng_);
      out.push_back(values[std::min(n - 1, static_cast<size_t>(u * u * static_cast<double>(n)))]);
    }
    return out;
  }

  std::mt19937 rng_;
  std::vector<std::string> vocabulary_;
};

// MatchProfile() over every profile, compiled in advance to keep the test fast.
std::vector<ProfileHit> BruteForce(const std::map<std::string, CompiledProfile>& profiles,
                                   const SolutionFacts& solution) {
  const PreparedSolution prepared(solution);
  std::vector<ProfileHit> hits;
  for (const auto& [name, profile] : profiles) {  // std::map: sorted by name.
    if (std::optional<ProfileHit> hit = Evaluate(profile, prepared)) hits.push_back(*hit);
  }
  return hits;
}

void ExpectSameHits(const std::vector<ProfileHit>& got, const std::vector<ProfileHit>& want) {
  ASSERT_EQ(Subscriptions(got), Subscriptions(want));
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].score, want[i].score);
    EXPECT_EQ(got[i].matched_terms, want[i].matched_terms);
    EXPECT_EQ(got[i].reasons, want[i].reasons);
  }
}

// The index must return exactly what checking every profile returns, through
// inserts, updates and removals.
TEST(ProfileIndexTest, MatchEqualsABruteForceScan) {
  RandomWorld world(20240611);
  ProfileIndex index;
  std::map<std::string, CompiledProfile> profiles;
  size_t hits = 0;
  size_t candidates = 0;
  size_t scanned = 0;
  for (int round = 0; round < 25; ++round) {
    for (int i = 0; i < 150; ++i) {
      const int id = static_cast<int>(world.Uniform(2500));
      InterestProfile profile = world.Profile(id);
      if (world.Uniform(10) == 0) {
        index.Remove(profile.subscription);
        profiles.erase(profile.subscription);
      } else {
        index.Upsert(profile);
        profiles[profile.subscription] = CompileProfile(profile);
      }
    }
    ASSERT_EQ(index.size(), profiles.size());
    for (int s = 0; s < 80; ++s) {
      const SolutionFacts solution = world.Solution();
      MatchStats stats;
      const std::vector<ProfileHit> got = index.Match(solution, &stats);
      ExpectSameHits(got, BruteForce(profiles, solution));
      if (HasFatalFailure()) return;
      hits += got.size();
      candidates += stats.candidates;
      scanned += profiles.size();
    }
  }
  // Not vacuous, and not a scan in disguise.
  EXPECT_GT(hits, 20000u);
  EXPECT_LT(candidates, scanned / 2);
}

TEST(ProfileIndexTest, ConcurrentMatchesSeeWholeUpdates) {
  ProfileIndex index;
  for (int i = 0; i < 100; ++i) {
    index.Upsert(NeedProfile(absl::StrCat("subscriptions/", i), {"a", absl::StrCat("t", i)}, 1));
  }
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int round = 0; !stop.load(); ++round) {
      const int i = round % 100;
      index.Upsert(NeedProfile(absl::StrCat("subscriptions/", i), {"a", absl::StrCat("t", i)}, 1));
    }
  });
  std::vector<std::thread> readers;
  for (int r = 0; r < 3; ++r) {
    readers.emplace_back([&] {
      for (int n = 0; n < 300; ++n) {
        EXPECT_THAT(index.Match(TitleSolution({"a", "t5"})), SizeIs(1));
      }
    });
  }
  for (std::thread& reader : readers) reader.join();
  stop = true;
  writer.join();
}

}  // namespace
}  // namespace corematch::notification
