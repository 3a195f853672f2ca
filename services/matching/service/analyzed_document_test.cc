#include "services/matching/service/analyzed_document.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"
#include "services/matching/engine/matching_engine.h"
#include "services/matching/service/matching_test_fixture.h"
#include "services/matching/service/record_conversion.h"

namespace corematch::matching {
namespace {

using ::corematch::testing::IsOk;
using ::corematch::testing::StatusIs;

IndexedDocument SampleDocument() {
  IndexedDocument document;
  IndexedTerm work;
  work.term = "arbet";
  work.tf = {1, 2, 0, 3, 0};
  IndexedTerm pivot;
  pivot.term = "work";
  pivot.tf = {0, 0, 0, 0, 65535};
  pivot.translated = true;
  document.terms = {work, pivot};
  document.length = {4, 30, 0, 1000000, 2};
  return document;
}

void ExpectSameDocument(const IndexedDocument& a, const IndexedDocument& b) {
  ASSERT_EQ(a.terms.size(), b.terms.size());
  for (size_t i = 0; i < a.terms.size(); ++i) {
    EXPECT_EQ(a.terms[i].term, b.terms[i].term);
    EXPECT_EQ(a.terms[i].tf, b.terms[i].tf);
    EXPECT_EQ(a.terms[i].translated, b.terms[i].translated);
  }
  EXPECT_EQ(a.length, b.length);
}

TEST(AnalyzedDocumentTest, SolutionRoundTrips) {
  AnalyzedSolution solution{SampleDocument(), {}};
  SolutionFeatures& f = solution.features;
  f.language = "sv";
  f.country = "SE";
  f.region = "SE232";
  f.sectors = {"10.5", "10"};
  f.target_group_terms = {4000000000u, 7, 7, 12};
  f.population = -1;
  f.maturity = 3;
  f.evidence_count = 2;
  f.support_capacity = 4;
  f.connected_adopters = 9;  // derived from matches, not stored

  absl::StatusOr<AnalyzedSolution> back = ParseAnalyzedSolution(SerializeAnalyzed(solution));
  ASSERT_THAT(back, IsOk());
  ExpectSameDocument(back->document, solution.document);
  EXPECT_EQ(back->features.language, "sv");
  EXPECT_EQ(back->features.country, "SE");
  EXPECT_EQ(back->features.region, "SE232");
  EXPECT_EQ(back->features.sectors, f.sectors);
  EXPECT_EQ(back->features.target_group_terms, (std::vector<uint32_t>{7, 7, 12, 4000000000u}));
  EXPECT_EQ(back->features.population, -1);
  EXPECT_EQ(back->features.maturity, 3);
  EXPECT_EQ(back->features.evidence_count, 2);
  EXPECT_EQ(back->features.support_capacity, 4);
  EXPECT_EQ(back->features.connected_adopters, 0);
}

TEST(AnalyzedDocumentTest, RequestRoundTrips) {
  AnalyzedRequest request{SampleDocument(), {}};
  NeedFeatures& f = request.features;
  f.language = "da";
  f.country = "DK";
  f.sectors = {"10.5"};
  f.target_group_terms = {1, 2, 3};
  f.population = 350000;
  f.accepted_languages = {"sv", "no"};

  absl::StatusOr<AnalyzedRequest> back = ParseAnalyzedRequest(SerializeAnalyzed(request));
  ASSERT_THAT(back, IsOk());
  ExpectSameDocument(back->document, request.document);
  EXPECT_EQ(back->features.language, "da");
  EXPECT_EQ(back->features.country, "DK");
  EXPECT_EQ(back->features.region, "");
  EXPECT_EQ(back->features.target_group_terms, f.target_group_terms);
  EXPECT_EQ(back->features.population, 350000);
  EXPECT_EQ(back->features.accepted_languages, f.accepted_languages);
}

TEST(AnalyzedDocumentTest, EmptyDocumentRoundTrips) {
  absl::StatusOr<AnalyzedRequest> back = ParseAnalyzedRequest(SerializeAnalyzed(AnalyzedRequest{}));
  ASSERT_THAT(back, IsOk());
  EXPECT_TRUE(back->document.terms.empty());
}

TEST(AnalyzedDocumentTest, IsCompact) {
  // About a byte or two per count, plus the term itself.
  AnalyzedSolution solution{SampleDocument(), {}};
  EXPECT_LT(SerializeAnalyzed(solution).size(), 40u);
}

TEST(AnalyzedDocumentTest, RejectsTruncatedCorruptAndForeignBlobs) {
  AnalyzedSolution solution{SampleDocument(), {}};
  solution.features.sectors = {"10.5"};
  const std::string blob = SerializeAnalyzed(solution);
  for (size_t n = 0; n < blob.size(); ++n) {
    EXPECT_THAT(ParseAnalyzedSolution(blob.substr(0, n)), StatusIs(absl::StatusCode::kDataLoss))
        << "truncated to " << n;
  }
  EXPECT_THAT(ParseAnalyzedSolution(blob + "x"), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(ParseAnalyzedRequest(blob), StatusIs(absl::StatusCode::kDataLoss));
  std::string other_format = blob;
  other_format[0] = 1;
  EXPECT_THAT(ParseAnalyzedSolution(other_format), StatusIs(absl::StatusCode::kFailedPrecondition));
  std::string huge_count = blob.substr(0, 2) + "\xff\xff\xff\xff\x0f";
  EXPECT_THAT(ParseAnalyzedSolution(huge_count), StatusIs(absl::StatusCode::kDataLoss));
}

// A request of format 2 holds three English pivots a stem where its need's
// query takes two: the repository is told to analyse it again.
TEST(AnalyzedDocumentTest, ARequestOfTheFormatWithThreePivotsAStemIsOfAnotherFormat) {
  AnalyzedRequest request{SampleDocument(), {}};
  std::string blob = SerializeAnalyzed(request);
  ASSERT_THAT(ParseAnalyzedRequest(blob), IsOk());
  blob[0] = 2;
  EXPECT_THAT(ParseAnalyzedRequest(blob), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(AnalyzedDocumentTest, AnEngineAnalysisSurvivesTheRoundTrip) {
  MatchingEngine engine(&testing::SharedAnalyzer(), testing::SharedLexicon());
  const SolutionRecord record = ToSolutionRecord(testing::JobbForst());
  AnalyzedSolution analyzed{engine.AnalyzeSolution(record), engine.FeaturesOf(record)};
  absl::StatusOr<AnalyzedSolution> back = ParseAnalyzedSolution(SerializeAnalyzed(analyzed));
  ASSERT_THAT(back, IsOk());
  ExpectSameDocument(back->document, analyzed.document);
  EXPECT_EQ(back->features.target_group_terms, analyzed.features.target_group_terms);
  EXPECT_FALSE(back->document.terms.empty());
}

SolutionRecord QuotedJobbForst() {
  SolutionRecord s;
  s.name = "solutions/jobbforst";
  s.title = "Jobb Först";
  s.language = "sv";
  s.description = "not quoted";
  s.core_elements = {{"Arbete först", "not quoted either", ""}, {"Nära samarbete", "", ""}};
  s.preconditions = {{"STAFF", "Jobbcoacher"}, {"IT", ""}};
  return s;
}

TEST(AnalyzedDocumentTest, AQuoteKeepsWhatARankingQuotes) {
  const std::vector<std::vector<std::string>> terms = {{"arbet", "först", "work"}, {}};
  absl::StatusOr<SolutionRecord> back = ParseQuote(SerializeQuote(QuotedJobbForst(), terms));
  ASSERT_THAT(back, IsOk());
  EXPECT_EQ(back->title, "Jobb Först");
  EXPECT_EQ(back->language, "sv");
  ASSERT_EQ(back->core_elements.size(), 2u);
  EXPECT_EQ(back->core_elements[0].title, "Arbete först");
  EXPECT_EQ(back->core_elements[1].title, "Nära samarbete");
  EXPECT_EQ(back->core_elements[0].description, "");
  EXPECT_EQ(back->core_terms, terms);
  ASSERT_EQ(back->preconditions.size(), 2u);
  EXPECT_EQ(back->preconditions[0].kind, "STAFF");
  EXPECT_EQ(back->preconditions[0].description, "Jobbcoacher");
  EXPECT_EQ(back->preconditions[1].kind, "IT");
  EXPECT_EQ(back->description, "");
}

TEST(AnalyzedDocumentTest, DamagedQuotesAreDataLossAndOtherFormatsAPrecondition) {
  const std::string blob = SerializeQuote(QuotedJobbForst(), {{"arbet", "work"}, {"samarbet"}});
  for (size_t n = 0; n < blob.size(); ++n) {
    EXPECT_THAT(ParseQuote(blob.substr(0, n)), StatusIs(absl::StatusCode::kDataLoss))
        << "cut at " << n;
  }
  EXPECT_THAT(ParseQuote(blob + "x"), StatusIs(absl::StatusCode::kDataLoss));
  EXPECT_THAT(ParseQuote(SerializeAnalyzed(AnalyzedSolution{SampleDocument(), {}})),
              StatusIs(absl::StatusCode::kDataLoss));
  std::string other_format = blob;
  other_format[0] = 9;
  EXPECT_THAT(ParseQuote(other_format), StatusIs(absl::StatusCode::kFailedPrecondition));
}

}  // namespace
}  // namespace corematch::matching
