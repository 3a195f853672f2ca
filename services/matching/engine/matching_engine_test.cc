#include "services/matching/engine/matching_engine.h"

#include <algorithm>
#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/matching/engine/fingerprint.h"

namespace corematch::matching {
namespace {

using ::testing::Contains;
using ::testing::Field;
using ::testing::IsEmpty;

SolutionRecord JobbForst() {
  SolutionRecord s;
  s.name = "solutions/jobbforst";
  s.language = "sv";
  s.title = "Jobb Först: från försörjningsstöd till arbete inom 48 timmar";
  s.summary =
      "Personer som söker försörjningsstöd får inom 48 timmar träffa en arbetsgivare och börja "
      "arbeta eller studera.";
  s.description =
      "Metoden utvecklades i Angered, Göteborg. Antalet hushåll med försörjningsstöd minskade med "
      "nästan 40 procent.";
  s.core_elements = {
      {"Arbete först inom 48 timmar", "Den sökande erbjuds arbete eller studier direkt vid ansökan",
       "Bryter passivitet och bidragsberoende"},
      {"Nära samarbete med arbetsgivare", "Jobbcoacher matchar mot lediga jobb", ""}};
  s.tags = {"arbetsmarknad", "försörjningsstöd"};
  s.sectors = {"10.5"};
  s.target_groups = {"personer som söker försörjningsstöd"};
  s.country = "SE";
  s.region = "SE232";
  s.maturity = 3;
  s.evidence_count = 1;
  s.support_capacity = 4;
  s.preconditions = {{"STAFF", "Jobbcoacher med kontakt till lokala arbetsgivare"}};
  return s;
}

SolutionRecord Stuffed() {
  // Mentions the words often, but only in a long description, with no core.
  SolutionRecord s;
  s.name = "solutions/stuffed";
  s.language = "sv";
  s.title = "Parkförvaltning";
  s.description =
      "Arbete arbete arbete försörjningsstöd försörjningsstöd parker träd gräs bänkar lekplatser "
      "skötsel av parker och grönytor i staden under hela året med maskiner och personal.";
  s.sectors = {"06.2"};
  s.country = "SE";
  return s;
}

SolutionRecord School() {
  SolutionRecord s;
  s.name = "solutions/school";
  s.language = "en";
  s.title = "Digital homework help for pupils";
  s.summary = "Teachers answer pupils' questions online in the evening.";
  s.sectors = {"09.1"};
  s.country = "IE";
  s.maturity = 2;
  return s;
}

class MatchingEngineTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    analyzer_ = Analyzer::Create().value().release();
    lexicon_ = PivotLexicon::Load(*analyzer_).value().release();
  }

  void SetUp() override {
    engine_ = std::make_unique<MatchingEngine>(analyzer_, lexicon_);
    for (const SolutionRecord& s : {JobbForst(), Stuffed(), School()}) {
      records_[s.name] = s;
      engine_->UpsertSolution(s.name, engine_->AnalyzeSolution(s), engine_->FeaturesOf(s));
    }
  }

  std::vector<RankedSolution> Match(NeedQuery need) {
    return engine_->Match(need,
                          FetchEach([&](absl::string_view name) -> std::optional<SolutionRecord> {
                            auto it = records_.find(std::string(name));
                            if (it == records_.end()) return std::nullopt;
                            return it->second;
                          }));
  }

  static NeedQuery DanishNeed() {
    NeedQuery need;
    need.text =
        "Vi vil have kontanthjælpsmodtagere hurtigere i arbejde. Borgere der søger "
        "kontanthjælp skal mødes af en arbejdsgiver og et job med det samme.";
    need.language = "da";
    need.sectors = {"10.5"};
    need.country = "DK";
    need.population = 350000;
    return need;
  }

  static Analyzer* analyzer_;
  static PivotLexicon* lexicon_;
  std::unique_ptr<MatchingEngine> engine_;
  std::map<std::string, SolutionRecord> records_;
};

Analyzer* MatchingEngineTest::analyzer_ = nullptr;
PivotLexicon* MatchingEngineTest::lexicon_ = nullptr;

TEST_F(MatchingEngineTest, DanishNeedFindsTheSwedishSolutionFirst) {
  auto ranked = Match(DanishNeed());
  ASSERT_FALSE(ranked.empty());
  EXPECT_EQ(ranked[0].name, "solutions/jobbforst");
  const Explanation& e = ranked[0].explanation;
  EXPECT_GT(e.text_bm25, 0.0);
  EXPECT_FALSE(e.terms.empty());
  EXPECT_THAT(e.matched_core_elements, Contains("Arbete först inom 48 timmar"));
  EXPECT_THAT(e.preconditions_to_check,
              Contains("STAFF: Jobbcoacher med kontakt till lokala arbetsgivare"));
}

// A service keeps each solution's core terms so that explaining it analyses
// no text; the explanation then names the cores by the kept terms alone.
TEST_F(MatchingEngineTest, KeptCoreTermsNameTheCoresAsAnalysingThemDoes) {
  const std::vector<std::string> analysed =
      Match(DanishNeed())[0].explanation.matched_core_elements;
  ASSERT_THAT(analysed, Contains("Arbete först inom 48 timmar"));

  SolutionRecord& jobb = records_["solutions/jobbforst"];
  jobb.core_terms = engine_->CoreElementTerms(jobb);
  ASSERT_EQ(jobb.core_terms.size(), jobb.core_elements.size());
  EXPECT_EQ(Match(DanishNeed())[0].explanation.matched_core_elements, analysed);

  // Kept terms that share nothing with the need: no core is named.
  for (std::vector<std::string>& terms : jobb.core_terms) terms = {"unrelated"};
  EXPECT_THAT(Match(DanishNeed())[0].explanation.matched_core_elements, IsEmpty());
}

// Target-group words are compared as hashes that the store and snapshots
// keep: a later process must compute the same ones, which a per-process
// seeded hash (absl::Hash) does not.
TEST_F(MatchingEngineTest, TargetGroupWordsAreKeptAsFingerprintsEveryProcessComputesAlike) {
  const SolutionFeatures features = engine_->FeaturesOf(JobbForst());
  ASSERT_FALSE(features.target_group_terms.empty());
  for (const std::string& term :
       analyzer_->Terms("personer som söker försörjningsstöd", Language::kSwedish)) {
    EXPECT_THAT(features.target_group_terms, Contains(Fingerprint32(term))) << term;
  }
}

TEST_F(MatchingEngineTest, AFittingCoreOutranksAKeywordStuffedDescription) {
  NeedQuery need;
  need.text = "försörjningsstöd arbete";
  need.language = "sv";
  auto ranked = Match(need);
  ASSERT_GE(ranked.size(), 2u);
  EXPECT_EQ(ranked[0].name, "solutions/jobbforst");
  EXPECT_EQ(ranked[1].name, "solutions/stuffed");
}

TEST_F(MatchingEngineTest, ExplanationsAgreeWithScores) {
  for (const RankedSolution& r : Match(DanishNeed())) {
    const Explanation& e = r.explanation;
    double terms = 0;
    for (const auto& t : e.terms) terms += t.contribution;
    EXPECT_NEAR(terms, e.text_bm25, 1e-3) << r.name;
    double total = e.text_weight * e.text_score;
    for (const auto& f : e.factors) total += f.contribution;
    EXPECT_NEAR(total, r.score, 1e-9) << r.name;
    EXPECT_DOUBLE_EQ(e.total, r.score);
  }
}

TEST_F(MatchingEngineTest, CrossLanguageTermsAreMarkedAsTranslations) {
  auto ranked = Match(DanishNeed());
  ASSERT_FALSE(ranked.empty());
  bool translated_or_shared = false;
  for (const auto& t : ranked[0].explanation.terms) {
    translated_or_shared |= t.kind == MatchKind::kTranslation || t.kind == MatchKind::kExact;
  }
  EXPECT_TRUE(translated_or_shared);
}

// Each further pivot of a need's stem would add a list to every search of
// the need: a need meets other languages through its stems' best two.
TEST_F(MatchingEngineTest, ANeedStemReachesOtherLanguagesThroughItsBestTwoPivotsOnly) {
  const std::vector<std::string> stems = analyzer_->Terms("hurtig", Language::kDanish);
  ASSERT_EQ(stems.size(), 1u);
  const absl::Span<const std::string> pivots = lexicon_->ToPivot(stems[0], Language::kDanish);
  ASSERT_GE(pivots.size(), 3u) << "the dictionaries give " << stems[0] << " fewer pivots";
  std::vector<std::string> names;
  for (size_t i = 0; i < pivots.size(); ++i) {
    SolutionRecord s;
    s.name = absl::StrCat("solutions/pivot", i);
    s.language = "en";
    s.title = pivots[i];
    engine_->UpsertSolution(s.name, engine_->AnalyzeSolution(s), engine_->FeaturesOf(s));
    names.push_back(s.name);
    // Found by its own word: only the cap below keeps it from the Danish need.
    NeedQuery english;
    english.text = pivots[i];
    english.language = "en";
    EXPECT_THAT(Match(english), Contains(Field(&RankedSolution::name, s.name))) << pivots[i];
  }
  NeedQuery danish;
  danish.text = "hurtig";
  danish.language = "da";
  std::vector<std::string> found;
  for (const RankedSolution& r : Match(danish)) found.push_back(r.name);
  EXPECT_THAT(found, ::testing::UnorderedElementsAre(names[0], names[1]));
}

TEST_F(MatchingEngineTest, FiltersAndRemovalTakeSolutionsOut) {
  NeedQuery need = DanishNeed();
  need.only_countries = {"IE"};
  for (const auto& r : Match(need)) EXPECT_EQ(r.name, "solutions/school");
  engine_->RemoveSolution("solutions/jobbforst");
  for (const auto& r : Match(DanishNeed())) EXPECT_NE(r.name, "solutions/jobbforst");
  EXPECT_EQ(engine_->solution_count(), 2u);
}

// Text fit says how much of a need a solution answers, whatever the need's
// length: a long need's BM25F scores are large, and a fixed half point
// squashed them all near 1, leaving context to order them.
TEST_F(MatchingEngineTest, TextFitMeasuresHowMuchOfTheNeedIsAnswered) {
  const std::vector<std::string> words = {
      "caseworker",  "unemployment", "benefit",   "claimant",   "employer",       "vacancy",
      "interview",   "coaching",     "training",  "internship", "mentor",         "apprenticeship",
      "wage",        "subsidy",      "childcare", "transport",  "language",       "literacy",
      "counselling", "debt",         "housing",   "disability", "rehabilitation", "motivation",
      "placement",   "retention",    "followup",  "outcome",    "register",       "digital"};
  MatchingEngine engine(analyzer_, lexicon_);
  auto add = [&](const std::string& name, const std::string& summary) {
    SolutionRecord s;
    s.name = name;
    s.language = "en";
    s.title = "Back to work";
    s.summary = summary;
    engine.UpsertSolution(s.name, engine.AnalyzeSolution(s), engine.FeaturesOf(s));
  };
  add("solutions/whole", absl::StrJoin(words, " "));
  add("solutions/third", absl::StrJoin(words.begin(), words.begin() + 10, " "));
  // Unrelated solutions, so that the need's words are rare, as in a real
  // corpus (idf near 4 rather than below 1).
  for (int i = 0; i < 50; ++i) add(absl::StrCat("solutions/school", i), School().summary);

  auto text_fit = [&](const std::string& text) {
    NeedQuery need;
    need.text = text;
    need.language = "en";
    std::map<std::string, double> fit;
    for (const RankedSolution& r : engine.Match(need, nullptr)) {
      fit[r.name] = r.explanation.text_score;
    }
    return fit;
  };
  std::map<std::string, double> long_need = text_fit(absl::StrJoin(words, " "));
  std::map<std::string, double> short_need =
      text_fit(absl::StrJoin(words.begin(), words.begin() + 3, " "));
  // Answering all of a 30-word need fits as well as answering all of a 3-word one.
  EXPECT_NEAR(long_need["solutions/whole"], short_need["solutions/whole"], 0.1);
  EXPECT_NEAR(short_need["solutions/whole"], short_need["solutions/third"], 0.05);
  // Answering a third of the long need fits clearly less.
  EXPECT_GT(long_need["solutions/whole"] - long_need["solutions/third"], 0.15);
  EXPECT_LT(long_need["solutions/third"], 0.6);
}

TEST_F(MatchingEngineTest, MatchSolutionIsWhatMatchGivesIt) {
  NeedQuery swedish;
  swedish.text = "försörjningsstöd arbete skola";
  swedish.language = "sv";
  const SolutionFetcher fetch =
      FetchEach([&](absl::string_view name) -> std::optional<SolutionRecord> {
        return records_.at(std::string(name));
      });
  for (const NeedQuery& need : {DanishNeed(), swedish}) {
    const auto ranked = Match(need);
    ASSERT_FALSE(ranked.empty());
    for (const RankedSolution& r : ranked) {
      std::optional<RankedSolution> one = engine_->MatchSolution(need, r.name, fetch);
      ASSERT_TRUE(one.has_value()) << r.name;
      EXPECT_EQ(one->name, r.name);
      EXPECT_NEAR(one->score, r.score, 1e-6) << r.name;
      const Explanation& a = one->explanation;
      const Explanation& b = r.explanation;
      EXPECT_NEAR(a.text_score, b.text_score, 1e-6) << r.name;
      EXPECT_EQ(a.summary, b.summary) << r.name;
      EXPECT_EQ(a.matched_core_elements, b.matched_core_elements) << r.name;
      EXPECT_EQ(a.preconditions_to_check, b.preconditions_to_check) << r.name;
      ASSERT_EQ(a.terms.size(), b.terms.size()) << r.name;
      for (size_t t = 0; t < a.terms.size(); ++t) {
        EXPECT_EQ(a.terms[t].matched_term, b.terms[t].matched_term) << r.name;
        EXPECT_NEAR(a.terms[t].contribution, b.terms[t].contribution, 1e-6) << r.name;
      }
      ASSERT_EQ(a.factors.size(), b.factors.size()) << r.name;
    }
  }
  NeedQuery elsewhere = DanishNeed();
  elsewhere.only_countries = {"IE"};
  EXPECT_FALSE(engine_->MatchSolution(elsewhere, "solutions/jobbforst", fetch).has_value())
      << "left out by the need's filters";
  EXPECT_FALSE(engine_->MatchSolution(DanishNeed(), "solutions/unknown", fetch).has_value());
}

// A long need is searched and scored by its dearest terms only: its common
// words would add a list to every search of it and little to its ranking.
TEST_F(MatchingEngineTest, ALongNeedIsRankedByItsDearestTerms) {
  auto ranked_names = [&](size_t max_need_terms, const std::string& text) {
    EngineOptions options;
    options.max_need_terms = max_need_terms;
    MatchingEngine engine(analyzer_, nullptr, options);
    auto add = [&](const std::string& name, const std::string& title) {
      SolutionRecord s;
      s.name = name;
      s.language = "en";
      s.title = title;
      engine.UpsertSolution(s.name, engine.AnalyzeSolution(s), engine.FeaturesOf(s));
    };
    // "harbour" is common, each animal rare.
    for (int i = 0; i < 20; ++i) add(absl::StrCat("solutions/harbour", i), "harbour");
    add("solutions/walrus", "walrus harbour");
    add("solutions/pelican", "pelican");
    add("solutions/otter", "otter");
    NeedQuery need;
    need.text = text;
    need.language = "en";
    std::vector<std::string> names;
    for (const RankedSolution& r : engine.Match(need, nullptr)) {
      names.push_back(r.name);
      if (r.name == "solutions/walrus") {
        std::vector<std::string> met;
        for (const TermMatchExplanation& t : r.explanation.terms) met.push_back(t.matched_term);
        // Its explanation names only the terms that made its score.
        EXPECT_EQ(std::count(met.begin(), met.end(), "harbour"), max_need_terms == 0 ? 1 : 0);
      }
      std::optional<RankedSolution> one = engine.MatchSolution(need, r.name, nullptr);
      EXPECT_TRUE(one.has_value() && std::abs(one->score - r.score) < 1e-9)
          << r.name << ": MatchSolution scores by the same terms";
    }
    return names;
  };
  // Every term, as the plain baseline has them.
  EXPECT_THAT(ranked_names(0, "harbour walrus pelican"), Contains("solutions/harbour0"));
  // The two dearest: the common word is left out, and with it the solutions
  // that have nothing else.
  EXPECT_THAT(ranked_names(2, "harbour walrus pelican"),
              ::testing::UnorderedElementsAre("solutions/walrus", "solutions/pelican"));
  // Of equally dear terms, the earlier.
  EXPECT_THAT(ranked_names(2, "otter walrus pelican"),
              ::testing::UnorderedElementsAre("solutions/otter", "solutions/walrus"));
  EXPECT_EQ(EngineOptions::PlainBm25().max_need_terms, 0u);
}

TEST_F(MatchingEngineTest, UpdatedSolutionIsReindexed) {
  SolutionRecord s = School();
  s.title = "Kontanthjælp og job: hurtigere i arbejde";
  s.language = "da";
  engine_->UpsertSolution(s.name, engine_->AnalyzeSolution(s), engine_->FeaturesOf(s));
  EXPECT_EQ(engine_->solution_count(), 3u);
  auto ranked = Match(DanishNeed());
  ASSERT_GE(ranked.size(), 2u);
  EXPECT_THAT(ranked, Contains(Field(&RankedSolution::name, "solutions/school")));
}

TEST_F(MatchingEngineTest, FindAdoptersRanksOpenRequestsTheSolutionFits) {
  RequestRecord fits;
  fits.name = "adoptionRequests/aarhus";
  fits.title = "Hurtigere i job";
  fits.need_statement = DanishNeed().text;
  fits.language = "da";
  fits.sectors = {"10.5"};
  fits.country = "DK";
  RequestRecord other;
  other.name = "adoptionRequests/parks";
  other.title = "Bedre skolemad";
  other.need_statement = "Vi ønsker sundere mad i skolerne til alle elever.";
  other.language = "da";
  for (const RequestRecord& r : {fits, other}) {
    engine_->UpsertRequest(r.name, engine_->AnalyzeRequest(r), engine_->FeaturesOf(r));
  }
  auto ranked = engine_->FindAdopters(JobbForst(), 10);
  ASSERT_FALSE(ranked.empty());
  EXPECT_EQ(ranked[0].name, "adoptionRequests/aarhus");
  engine_->RemoveRequest("adoptionRequests/aarhus");
  for (const auto& r : engine_->FindAdopters(JobbForst(), 10)) {
    EXPECT_NE(r.name, "adoptionRequests/aarhus");
  }
}

TEST_F(MatchingEngineTest, LikelyAdoptersEstimateWhatEachRequestsOwnRankingGivesTheSolution) {
  auto request = [](const std::string& id, const std::string& need, int64_t population) {
    RequestRecord r;
    r.name = absl::StrCat("adoptionRequests/", id);
    r.language = "en";
    r.need_statement = need;
    r.country = "IE";
    r.sectors = {"09.1"};
    r.population = population;
    return r;
  };
  // English needs without compounds or translations: the estimate is the
  // score itself. The short need the solution answers whole comes first,
  // although the long one shares more of the solution's words.
  const std::vector<RequestRecord> requests = {
      request("short", "homework help for pupils", 40000),
      request("long",
              "pupils teachers questions online evening homework roads parks housing waste "
              "water libraries sport elderly care transport",
              40000),
      request("little", "online parking permits for residents", 200000),
      request("none", "snow clearing of cycle paths", 40000)};
  for (const RequestRecord& r : requests) {
    engine_->UpsertRequest(r.name, engine_->AnalyzeRequest(r), engine_->FeaturesOf(r));
  }
  const SolutionRecord school = School();
  const IndexedDocument document = engine_->AnalyzeSolution(school);
  const auto candidates = engine_->LikelyAdopters(school.name, document, 10);
  ASSERT_EQ(candidates.size(), 3u) << "the request sharing no word is not a candidate";
  auto likely = [&] {
    std::vector<std::string> names;
    for (const auto& c : engine_->LikelyAdopters(school.name, document, 10)) {
      names.push_back(c.name);
    }
    return names;
  };
  std::vector<std::string> names = likely();
  EXPECT_THAT(names, ::testing::ElementsAre("adoptionRequests/short", "adoptionRequests/long",
                                            "adoptionRequests/little"));
  for (const auto& c : candidates) {
    const RequestRecord& r = *std::find_if(
        requests.begin(), requests.end(), [&](const RequestRecord& r) { return r.name == c.name; });
    std::optional<RankedSolution> ranked = engine_->MatchSolution(NeedOf(r), school.name, nullptr);
    ASSERT_TRUE(ranked.has_value()) << c.name;
    EXPECT_NEAR(c.estimate, ranked->score, 1e-4) << c.name;
  }
  EXPECT_EQ(engine_->LikelyAdopters(school.name, document, 1).front().name,
            "adoptionRequests/short");
  EXPECT_TRUE(engine_->LikelyAdopters("solutions/unknown", document, 10).empty());

  // Entry scores: a request whose top the estimate cannot beat is left out,
  // and the others come in the order of how far they clear theirs.
  const double short_estimate = candidates[0].estimate;
  const double long_estimate = candidates[1].estimate;
  engine_->SetEntryScore("adoptionRequests/short", short_estimate + 0.1);
  engine_->SetEntryScore("adoptionRequests/long", long_estimate - 0.1);
  names = likely();
  EXPECT_THAT(names, ::testing::ElementsAre("adoptionRequests/little", "adoptionRequests/long"));
  engine_->SetEntryScore("adoptionRequests/short", short_estimate + 0.01);
  names = likely();
  EXPECT_THAT(names, Contains("adoptionRequests/short")) << "within the margin";
  // Indexed again, a request starts from nothing.
  engine_->SetEntryScore("adoptionRequests/short", 1.0);
  engine_->UpsertRequest(requests[0].name, engine_->AnalyzeRequest(requests[0]),
                         engine_->FeaturesOf(requests[0]));
  names = likely();
  EXPECT_EQ(names.front(), "adoptionRequests/short");
}

TEST_F(MatchingEngineTest, LikelyAdoptersReachAcrossLanguagesAndRespectWhatARequesterReads) {
  RequestRecord aarhus;
  aarhus.name = "adoptionRequests/aarhus";
  aarhus.title = "Hurtigere i job";
  aarhus.need_statement = DanishNeed().text;
  aarhus.language = "da";
  aarhus.country = "DK";
  RequestRecord english_only = aarhus;
  english_only.name = "adoptionRequests/english-only";
  english_only.accepted_languages = {"en"};
  RequestRecord swedish_too = english_only;
  swedish_too.name = "adoptionRequests/swedish-too";
  swedish_too.accepted_languages = {"sv-SE", "en"};
  for (const RequestRecord& r : {aarhus, english_only, swedish_too}) {
    engine_->UpsertRequest(r.name, engine_->AnalyzeRequest(r), engine_->FeaturesOf(r));
  }
  const SolutionRecord jobb = JobbForst();
  const IndexedDocument document = engine_->AnalyzeSolution(jobb);
  auto names = [&] {
    std::vector<std::string> out;
    for (const auto& c : engine_->LikelyAdopters(jobb.name, document, 10)) out.push_back(c.name);
    return out;
  };
  EXPECT_THAT(names(), ::testing::UnorderedElementsAre("adoptionRequests/aarhus",
                                                       "adoptionRequests/swedish-too"));
  engine_->RemoveRequest("adoptionRequests/aarhus");
  EXPECT_THAT(names(), ::testing::ElementsAre("adoptionRequests/swedish-too"));
}

}  // namespace
}  // namespace corematch::matching
