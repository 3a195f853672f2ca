#include "services/matching/service/record_conversion.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/matching/engine/text_index.h"
#include "services/matching/service/matching_test_fixture.h"

namespace corematch::matching {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

TEST(RecordConversionTest, SolutionBecomesTheEnginesRecord) {
  const SolutionRecord r = ToSolutionRecord(testing::JobbForst());
  EXPECT_EQ(r.name, "solutions/jobbforst");
  EXPECT_EQ(r.language, "sv");
  EXPECT_EQ(r.country, "SE");
  EXPECT_EQ(r.region, "SE232");
  EXPECT_EQ(r.maturity, 3);
  EXPECT_EQ(r.evidence_count, 1);
  EXPECT_EQ(r.support_capacity, 4);
  ASSERT_EQ(r.core_elements.size(), 2u);
  EXPECT_EQ(r.core_elements[0].title, "Arbete först inom 48 timmar");
  EXPECT_EQ(r.core_elements[0].value_rationale, "Bryter passivitet och bidragsberoende");
  ASSERT_EQ(r.preconditions.size(), 1u);
  EXPECT_EQ(r.preconditions[0].kind, "STAFF");
  EXPECT_THAT(r.sectors, ElementsAre("10.5"));
  EXPECT_THAT(r.tags, ElementsAre("arbetsmarknad", "försörjningsstöd"));
}

TEST(RecordConversionTest, EveryMaturityMapsToItsLevel) {
  publishing_pb::Solution s;
  for (auto [maturity, level] : {std::pair{publishing_pb::MATURITY_UNSPECIFIED, 0},
                                 {publishing_pb::MATURITY_IDEA, 1},
                                 {publishing_pb::MATURITY_PILOT, 2},
                                 {publishing_pb::MATURITY_PROVEN, 3},
                                 {publishing_pb::MATURITY_SCALED, 4}}) {
    s.set_maturity(maturity);
    EXPECT_EQ(ToSolutionRecord(s).maturity, level);
  }
}

TEST(RecordConversionTest, RequestBecomesRecordAndNeed) {
  adoption_pb::AdoptionRequest request = testing::DanishNeed();
  request.add_accepted_languages("sv");
  const RequestRecord r = ToRequestRecord(request);
  EXPECT_EQ(r.country, "DK");
  EXPECT_EQ(r.region, "DK042");
  EXPECT_EQ(r.population, 350000);
  EXPECT_THAT(r.desired_effects, ElementsAre("færre husstande på kontanthjælp"));

  const NeedQuery need = NeedQueryFor(request);
  EXPECT_THAT(need.text, HasSubstr("Kontanthjælpsmodtagere hurtigere i job"));
  EXPECT_THAT(need.text, HasSubstr("mødes af en arbejdsgiver"));
  EXPECT_THAT(need.text, HasSubstr("færre husstande"));
  EXPECT_EQ(need.language, "da");
  EXPECT_EQ(need.country, "DK");
  EXPECT_EQ(need.population, 350000);
  EXPECT_THAT(need.accepted_languages, ElementsAre("sv"));
  // The requester reads Swedish and, of course, its own language.
  EXPECT_THAT(need.only_languages, ElementsAre("sv", "da"));
  EXPECT_EQ(need.top_k, kMatchesPerRequest);
}

TEST(RecordConversionTest, NoAcceptedLanguagesMeansAny) {
  EXPECT_THAT(NeedQueryFor(testing::DanishNeed()).only_languages, IsEmpty());
}

TEST(RecordConversionTest, ParsesMaturityNames) {
  EXPECT_EQ(ParseMaturity(""), 0);
  EXPECT_EQ(ParseMaturity("IDEA"), 1);
  EXPECT_EQ(ParseMaturity("pilot"), 2);
  EXPECT_EQ(ParseMaturity("MATURITY_PROVEN"), 3);
  EXPECT_EQ(ParseMaturity("SCALED"), 4);
  EXPECT_EQ(ParseMaturity("UNSPECIFIED"), std::nullopt);
  EXPECT_EQ(ParseMaturity("ripe"), std::nullopt);
}

TEST(RecordConversionTest, FilterNarrowsTheNeedOrNamesBadFields) {
  NeedQuery need;
  need.only_languages = {"sv"};
  pb::SolutionFilter filter;
  filter.add_countries("SE");
  filter.add_sectors("10.5");
  filter.set_min_maturity("PROVEN");
  FieldViolations violations;
  ApplySolutionFilter(filter, "filter", need, violations);
  EXPECT_TRUE(violations.empty());
  EXPECT_THAT(need.only_languages, ElementsAre("sv"));  // kept: the filter names none
  EXPECT_THAT(need.only_countries, ElementsAre("SE"));
  EXPECT_THAT(need.only_sectors, ElementsAre("10.5"));
  EXPECT_EQ(need.min_maturity, 3);

  filter.add_languages("not a tag!");
  filter.add_countries("Sweden");
  filter.add_sectors("99.9");
  filter.set_min_maturity("ripe");
  FieldViolations bad;
  ApplySolutionFilter(filter, "filter", need, bad);
  std::vector<std::string> fields;
  for (const auto& [field, description] : bad.violations()) fields.push_back(field);
  EXPECT_THAT(fields, ElementsAre("filter.languages[0]", "filter.countries[1]", "filter.sectors[1]",
                                  "filter.min_maturity"));
}

TEST(RecordConversionTest, TopKDefaultsAndClamps) {
  FieldViolations violations;
  EXPECT_EQ(EffectiveTopK(0, "top_k", violations), 20u);
  EXPECT_EQ(EffectiveTopK(7, "top_k", violations), 7u);
  EXPECT_EQ(EffectiveTopK(1000, "top_k", violations), 100u);
  EXPECT_TRUE(violations.empty());
  EffectiveTopK(-1, "top_k", violations);
  EXPECT_FALSE(violations.empty());
}

TEST(RecordConversionTest, ExplanationKeepsEveryNumberAndNamesFieldsAndKinds) {
  Explanation e;
  e.text_bm25 = 6.0;
  e.text_score = 0.42;
  e.text_weight = 0.7;
  e.terms.push_back({"arbejd", "work",
                     static_cast<uint8_t>(FieldBit(Field::kTitle) | FieldBit(Field::kCoreElements)),
                     MatchKind::kTranslation, 4.5});
  e.terms.push_back(
      {"kontanthjælp", "kontanthjælp", FieldBit(Field::kTags), MatchKind::kExact, 1.0});
  e.terms.push_back(
      {"hjælp", "hjælp",
       static_cast<uint8_t>(FieldBit(Field::kSummary) | FieldBit(Field::kDescription)),
       MatchKind::kCompound, 0.5});
  e.factors.push_back({"sector", 1.0, 0.08, 0.08, "same sector 10.5 (Unemployment)"});
  e.matched_core_elements = {"Arbete först inom 48 timmar"};
  e.preconditions_to_check = {"STAFF: Jobbcoacher"};
  e.summary = "text fit 42%";

  const pb::Explanation p = ToProtoExplanation(e);
  EXPECT_DOUBLE_EQ(p.text_score(), 0.42);
  EXPECT_DOUBLE_EQ(p.text_weight(), 0.7);
  ASSERT_EQ(p.term_matches_size(), 3);
  EXPECT_EQ(p.term_matches(0).query_term(), "arbejd");
  EXPECT_EQ(p.term_matches(0).matched_term(), "work");
  EXPECT_THAT(p.term_matches(0).fields(), ElementsAre("title", "core_elements"));
  EXPECT_EQ(p.term_matches(0).kind(), pb::TERM_MATCH_KIND_TRANSLATION);
  EXPECT_DOUBLE_EQ(p.term_matches(0).contribution(), 4.5);
  EXPECT_THAT(p.term_matches(1).fields(), ElementsAre("tags"));
  EXPECT_EQ(p.term_matches(1).kind(), pb::TERM_MATCH_KIND_EXACT);
  EXPECT_THAT(p.term_matches(2).fields(), ElementsAre("summary", "description"));
  EXPECT_EQ(p.term_matches(2).kind(), pb::TERM_MATCH_KIND_COMPOUND);
  ASSERT_EQ(p.context_factors_size(), 1);
  EXPECT_EQ(p.context_factors(0).name(), "sector");
  EXPECT_DOUBLE_EQ(p.context_factors(0).value(), 1.0);
  EXPECT_DOUBLE_EQ(p.context_factors(0).weight(), 0.08);
  EXPECT_DOUBLE_EQ(p.context_factors(0).contribution(), 0.08);
  EXPECT_EQ(p.context_factors(0).note(), "same sector 10.5 (Unemployment)");
  EXPECT_THAT(p.matched_core_elements(), ElementsAre("Arbete först inom 48 timmar"));
  EXPECT_THAT(p.preconditions_to_check(), ElementsAre("STAFF: Jobbcoacher"));
  EXPECT_EQ(p.summary(), "text fit 42%");
}

TEST(RecordConversionTest, AllFieldBitsHaveNames) {
  EXPECT_THAT(FieldNames(0x1f),
              ElementsAre("title", "core_elements", "summary", "description", "tags"));
  EXPECT_THAT(FieldNames(0), IsEmpty());
}

TEST(RecordConversionTest, IdOfTakesThePartAfterTheCollection) {
  EXPECT_EQ(IdOf("solutions/abc"), "abc");
  EXPECT_EQ(IdOf("abc"), "abc");
}

}  // namespace
}  // namespace corematch::matching
