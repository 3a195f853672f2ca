// clients/cli/demo_rows_test.cc
//
// Maps real rows of data/demo/solutions_demo.jsonl, plus made-up rows for the
// edge cases the corpus lacks.
#include "clients/cli/demo_rows.h"

#include <fstream>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "clients/cli/country_names.h"
#include "clients/cli/text.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/validation/validation.h"

namespace corematch::cli {
namespace {

namespace pub = ::corematch::publishing::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const std::vector<DemoRow>& Corpus() {
  static const std::vector<DemoRow>* rows = [] {
    std::ifstream in(absl::StrCat(COREMATCH_SOURCE_DIR, "/data/demo/solutions_demo.jsonl"));
    auto parsed = ReadDemoRows(in, "solutions_demo.jsonl");
    return new std::vector<DemoRow>(parsed.ok() ? *parsed : std::vector<DemoRow>{});
  }();
  return *rows;
}

const DemoRow& Row(const std::string& id) {
  for (const DemoRow& row : Corpus()) {
    if (row.id == id) return row;
  }
  static const DemoRow kMissing;
  ADD_FAILURE() << "no row " << id;
  return kMissing;
}

TEST(ReadDemoRowsTest, ReadsTheWholeCorpus) { EXPECT_EQ(Corpus().size(), 1081u); }

TEST(SolutionFromDemoRowTest, MapsDanishRow) {
  pub::Solution s = SolutionFromDemoRow(Row("ipso-10019"));
  EXPECT_EQ(s.title(),
            "Corti's AI - Emergency medical services real-time speech analysis for cardiac "
            "predictions");
  EXPECT_EQ(s.summary(),
            "Corti\xE2\x80\x99s system is an Artificial Intelligence-based speech analysis of "
            "real-time, live emergency medical services calls that makes instant predictions to "
            "detect out-of-hospital cardiac arrests with up to 95% accuracy.");
  EXPECT_THAT(s.description(), HasSubstr("up and running in Copenhagen"));
  EXPECT_EQ(s.language(), "en");
  EXPECT_EQ(s.origin().country(), "DK");
  EXPECT_THAT(s.sectors(), ElementsAre("07"));  // Health.
  EXPECT_THAT(s.tags(), ElementsAre("Public health services", "Artificial intelligence",
                                    "Prediction and planning"));
  EXPECT_EQ(s.maturity(), pub::MATURITY_PROVEN);  // Implemented.
  EXPECT_EQ(s.contact().url(), "");               // null in the corpus.
  EXPECT_EQ(s.contact().name(), "Corti");
  EXPECT_THAT(s.evidence(), IsEmpty());
}

TEST(SolutionFromDemoRowTest, MapsSwedishRow) {
  pub::Solution s = SolutionFromDemoRow(Row("ipso-10126"));
  EXPECT_EQ(s.title(), "Trelleborg - Automated social welfare decisions");
  EXPECT_EQ(s.origin().country(), "SE");
  EXPECT_THAT(s.sectors(), ElementsAre("10"));  // Social protection.
  EXPECT_THAT(s.tags(), ElementsAre("Social protection n.e.c.", "Artificial intelligence",
                                    "Taking decisions on benefits"));
  EXPECT_EQ(s.contact().url(), "https://www.youtube.com/watch?v=lA1DaagdMy8");
  EXPECT_EQ(s.contact().name(), "Municipality of Trelleborg");
}

TEST(SolutionFromDemoRowTest, MapsRowWithoutCountry) {
  pub::Solution s = SolutionFromDemoRow(Row("ipso-10018"));
  EXPECT_FALSE(s.has_origin());
  EXPECT_THAT(s.sectors(), ElementsAre("10"));
  EXPECT_EQ(s.maturity(), pub::MATURITY_PILOT);
  EXPECT_EQ(s.contact().name(), "");  // origin_org is "".
}

TEST(SolutionFromDemoRowTest, MapsCountryNamesOfDigitalPublicGoods) {
  pub::Solution s = SolutionFromDemoRow(Row("dpg-aam-digital"));
  EXPECT_EQ(s.origin().country(), "DE");          // "Germany", the first of three.
  EXPECT_THAT(s.sectors(), IsEmpty());            // "Gender and Minority Groups" is not COFOG.
  EXPECT_EQ(s.maturity(), pub::MATURITY_PROVEN);  // A Digital Public Good.
  EXPECT_EQ(SolutionFromDemoRow(Row("dpg-aajeevika")).maturity(), pub::MATURITY_PILOT);  // Nominee.
}

TEST(SolutionFromDemoRowTest, NotesSolutionsNoLongerInUse) {
  pub::Solution s = SolutionFromDemoRow(Row("ipso-10000"));
  EXPECT_EQ(s.maturity(), pub::MATURITY_PROVEN);
  EXPECT_EQ(s.tags(0), "no longer in use");
  EXPECT_THAT(s.description(), HasSubstr("not in use anymore"));
  EXPECT_EQ(s.origin().country(), "AT");
}

TEST(SolutionFromDemoRowTest, EveryCorpusRowFitsTheLimits) {
  for (const DemoRow& row : Corpus()) {
    pub::Solution s = SolutionFromDemoRow(row);
    EXPECT_FALSE(s.title().empty()) << row.id;
    EXPECT_LE(CodePointCount(s.title()), kMaxTitleLength) << row.id;
    EXPECT_LE(CodePointCount(s.summary()), kMaxSummaryLength) << row.id;
    EXPECT_LE(static_cast<size_t>(s.tags_size()), kMaxTags) << row.id;
    EXPECT_NE(s.maturity(), pub::MATURITY_UNSPECIFIED) << row.id;
    EXPECT_TRUE(s.origin().country().empty() || s.origin().country().size() == 2) << row.id;
  }
}

TEST(SolutionFromDemoRowTest, EveryCorpusCountryNameMapsToAnIsoCode) {
  for (const DemoRow& row : Corpus()) {
    std::vector<std::string> names = row.countries;
    names.insert(names.end(), row.deployment_countries.begin(), row.deployment_countries.end());
    for (const std::string& name : names) {
      if (name == "Kosovo") continue;  // No ISO 3166-1 code.
      std::optional<std::string> code = CountryCodeForName(name);
      ASSERT_TRUE(code.has_value()) << row.id << ": " << name;
      EXPECT_TRUE(validation::IsCountryCode(*code)) << row.id << ": " << name << " -> " << *code;
    }
  }
}

DemoRow MadeUpRow() {
  DemoRow row;
  row.id = "test-1";
  row.title = "Title";
  row.description = "A made-up solution for tests. Second sentence.";
  row.status = "In development";
  return row;
}

TEST(SolutionFromDemoRowTest, TruncatesTitleAtCodePointsNotBytes) {
  DemoRow row = MadeUpRow();
  row.title.clear();
  for (int i = 0; i < 250; ++i) row.title += "\xC3\xA6";  // æ, two bytes.
  pub::Solution s = SolutionFromDemoRow(row);
  EXPECT_EQ(CodePointCount(s.title()), 200u);
  EXPECT_GT(s.title().size(), 200u);
  EXPECT_EQ(s.title().substr(0, 6), "\xC3\xA6\xC3\xA6\xC3\xA6");
}

TEST(SolutionFromDemoRowTest, DeduplicatesAndLimitsTags) {
  DemoRow row = MadeUpRow();
  row.tags = {"Health.", "health", " Health ", ""};
  for (int i = 0; i < 60; ++i) row.tags.push_back(absl::StrCat("tag ", i));
  row.tags.push_back(std::string(150, 'x'));
  pub::Solution s = SolutionFromDemoRow(row);
  ASSERT_EQ(s.tags_size(), 50);
  EXPECT_EQ(s.tags(0), "Health");
  EXPECT_EQ(s.tags(1), "tag 0");
}

TEST(SolutionFromDemoRowTest, MapsStatusAndEvidence) {
  DemoRow row = MadeUpRow();
  row.url = "\xC2\xA0www.kela.fi/chatbot";
  row.evidence_of_effect = "Waiting time down from 10 days to 1 day";
  row.countries = {"Czechia (Czech Republic)"};
  pub::Solution s = SolutionFromDemoRow(row);
  EXPECT_EQ(s.maturity(), pub::MATURITY_IDEA);
  EXPECT_EQ(s.summary(), "A made-up solution for tests.");
  EXPECT_EQ(s.origin().country(), "CZ");
  EXPECT_EQ(s.contact().url(), "https://www.kela.fi/chatbot");
  ASSERT_EQ(s.evidence_size(), 1);
  EXPECT_EQ(s.evidence(0).metric(), "Waiting time down from 10 days to 1 day");
  EXPECT_EQ(s.evidence(0).source(), "https://www.kela.fi/chatbot");
}

TEST(SolutionFromDemoRowTest, FallsBackToDeploymentCountry) {
  DemoRow row = MadeUpRow();
  row.countries = {"Atlantis"};
  row.deployment_countries = {"Kenya", "Uganda"};
  EXPECT_EQ(SolutionFromDemoRow(row).origin().country(), "KE");
}

TEST(DemoRequestIdTest, IsAVersion5UuidStableAcrossRuns) {
  // Python: uuid.uuid5(uuid.UUID("6bc3d0a8-6f1a-4c6b-a1f0-003fc95fbd86"),
  //                    "corematch-demo:ipso-10000")
  EXPECT_EQ(DemoRequestId("ipso-10000"), "80c0bae9-fde2-5f40-bb45-cbe59814d8ef");
  EXPECT_EQ(DemoRequestId("ipso-10019"), DemoRequestId("ipso-10019"));
  const std::regex uuid("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  EXPECT_TRUE(std::regex_match(DemoRequestId("dpg-aajeevika"), uuid));
}

TEST(DemoRequestIdTest, DiffersAcrossCorpusRows) {
  std::set<std::string> ids;
  for (const DemoRow& row : Corpus()) ids.insert(DemoRequestId(row.id));
  EXPECT_EQ(ids.size(), Corpus().size());
}

TEST(ParseDemoRowTest, AcceptsCountryAsString) {
  auto row = ParseDemoRow(R"({"id": "x", "title": "T", "country": "SE", "sector": null})");
  ASSERT_TRUE(row.ok()) << row.status();
  EXPECT_THAT(row->countries, ElementsAre("SE"));
  EXPECT_FALSE(row->sector.has_value());
}

TEST(ReadDemoRowsTest, NamesTheBadLine) {
  std::istringstream in("{\"id\": \"a\"}\n\n{\"id\": \"b\"\n");
  auto rows = ReadDemoRows(in, "catalogue.jsonl");
  ASSERT_FALSE(rows.ok());
  EXPECT_THAT(std::string(rows.status().message()), HasSubstr("catalogue.jsonl:3: "));
  std::istringstream no_id("{\"title\": \"a\"}\n");
  EXPECT_FALSE(ReadDemoRows(no_id, "x").ok());
}

}  // namespace
}  // namespace corematch::cli
