// clients/cli/eval_data_test.cc
//
// Reading the evaluation sets (the real ones in data/eval and made-up lines
// for the edge cases they lack), planning the organisations that file the
// requests, and the requests filed.
#include "clients/cli/eval_data.h"

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "clients/cli/demo_rows.h"
#include "clients/cli/eval_metrics.h"
#include "clients/cli/text.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace corematch::cli {
namespace {

namespace ad = ::corematch::adoption::v1;
namespace org = ::corematch::organization::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Pair;
using ::testing::UnorderedElementsAre;

std::string SourceFile(const std::string& path) {
  return absl::StrCat(COREMATCH_SOURCE_DIR, "/", path);
}

absl::StatusOr<Qrels> QrelsFrom(const std::string& text) {
  std::istringstream in(text);
  return ReadQrels(in, "q.tsv");
}

absl::StatusOr<std::vector<EvalRequest>> RequestsFrom(const std::string& text) {
  std::istringstream in(text);
  return ReadEvalRequests(in, "r.jsonl");
}

// --- qrels ---------------------------------------------------------------------------

TEST(ReadQrelsTest, SkipsTheHeaderLine) {
  absl::StatusOr<Qrels> qrels = QrelsFrom(
      "request_id\tsolution_id\tgrade\n"
      "en-01\tipso-1\t2\n"
      "en-01\tipso-2\t0\n"
      "\n"
      "en-02\tdpg-x\t1\n");
  ASSERT_TRUE(qrels.ok()) << qrels.status();
  EXPECT_EQ(qrels->pairs, 3u);
  EXPECT_THAT(qrels->by_request,
              ElementsAre(Pair("en-01", ElementsAre(Pair("ipso-1", 2), Pair("ipso-2", 0))),
                          Pair("en-02", ElementsAre(Pair("dpg-x", 1)))));
}

TEST(ReadQrelsTest, ReadsLinesWithoutHeaderAndWithSpaces) {
  absl::StatusOr<Qrels> qrels = QrelsFrom("en-01 ipso-1 2\r\nen-01   ipso-2\t1\n");
  ASSERT_TRUE(qrels.ok()) << qrels.status();
  EXPECT_EQ(qrels->pairs, 2u);
  EXPECT_EQ(qrels->by_request.at("en-01").at("ipso-1"), 2);
  EXPECT_EQ(qrels->by_request.at("en-01").at("ipso-2"), 1);
}

TEST(ReadQrelsTest, RejectsBadLinesWithTheirNumber) {
  EXPECT_THAT(QrelsFrom("request_id\tsolution_id\tgrade\nen-01\tipso-1\n").status().message(),
              HasSubstr("q.tsv:2: expected 3 fields"));
  EXPECT_THAT(QrelsFrom("h\th\th\nen-01\tipso-1\thigh\n").status().message(),
              HasSubstr("q.tsv:2: grade \"high\""));
  EXPECT_THAT(QrelsFrom("en-01\tipso-1\t-1\n").status().message(), HasSubstr("q.tsv:1: grade"));
  EXPECT_THAT(QrelsFrom("en-01\tipso-1\t1\nen-01\tipso-1\t2\n").status().message(),
              HasSubstr("q.tsv:2: en-01 ipso-1 is judged twice"));
}

TEST(ReadQrelsTest, ReadsTheEvaluationSets) {
  for (const char* set : {"needs-en", "needs-nordic"}) {
    std::ifstream in(SourceFile(absl::StrCat("data/eval/", set, "/qrels.tsv")));
    absl::StatusOr<Qrels> qrels = ReadQrels(in, set);
    ASSERT_TRUE(qrels.ok()) << qrels.status();
    EXPECT_EQ(qrels->pairs, 281u) << set;  // data/eval/SOURCES.md
    EXPECT_EQ(qrels->by_request.size(), 42u) << set;
    size_t relevant = 0;
    for (const auto& [request, grades] : qrels->by_request) relevant += RelevantCount(grades);
    EXPECT_EQ(relevant, 121u + 142u) << set;
  }
}

// --- requests ---------------------------------------------------------------------------

TEST(ParseEvalRequestTest, ReadsEveryField) {
  absl::StatusOr<EvalRequest> r = ParseEvalRequest(
      R"({"id": "en-01", "text": "  Older residents lose strength.  ", "language": "en",
          "country": "BE", "org_name": "City of  Ghent", "org_type": "municipality",
          "population": 265000, "sector": "Social protection",
          "target_group": "older people living at home"})");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->id, "en-01");
  EXPECT_EQ(r->text, "Older residents lose strength.");
  EXPECT_EQ(r->language, "en");
  EXPECT_EQ(r->country, "BE");
  EXPECT_EQ(r->org_name, "City of Ghent");
  EXPECT_EQ(r->org_type, "municipality");
  EXPECT_EQ(r->population, 265000);
  EXPECT_EQ(r->sector, "Social protection");
  EXPECT_EQ(r->target_group, "older people living at home");
}

TEST(ParseEvalRequestTest, NullsAreEmpty) {
  absl::StatusOr<EvalRequest> r = ParseEvalRequest(
      R"({"id": "x", "text": "A need", "language": null, "country": null, "org_name": null,
          "org_type": null, "population": null, "sector": null, "target_group": null})");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->language, "");
  EXPECT_EQ(r->country, "");
  EXPECT_EQ(r->org_name, "");
  EXPECT_EQ(r->org_type, "");
  EXPECT_EQ(r->population, 0);
  EXPECT_EQ(r->sector, "");
  EXPECT_EQ(r->target_group, "");
  // Absent fields too.
  ASSERT_TRUE(ParseEvalRequest(R"({"id": "y", "text": "A need"})").ok());
}

TEST(ParseEvalRequestTest, CountryMayBeAListOrAName) {
  EXPECT_EQ(ParseEvalRequest(R"({"id": "x", "text": "t", "country": ["SE", "DK"]})")->country,
            "SE");
  EXPECT_EQ(ParseEvalRequest(R"({"id": "x", "text": "t", "country": [null, "no"]})")->country,
            "NO");
  EXPECT_EQ(ParseEvalRequest(R"({"id": "x", "text": "t", "country": []})")->country, "");
  EXPECT_EQ(ParseEvalRequest(R"({"id": "x", "text": "t", "country": "Denmark"})")->country, "DK");
  EXPECT_THAT(
      ParseEvalRequest(R"({"id": "x", "text": "t", "country": "Narnia"})").status().message(),
      HasSubstr("country \"Narnia\""));
}

TEST(ParseEvalRequestTest, PopulationAsNumberOrDigits) {
  EXPECT_EQ(ParseEvalRequest(R"({"id": "x", "text": "t", "population": 1.2e5})")->population,
            120000);
  EXPECT_EQ(ParseEvalRequest(R"({"id": "x", "text": "t", "population": "5000"})")->population,
            5000);
  EXPECT_EQ(ParseEvalRequest(R"({"id": "x", "text": "t", "population": -3})")->population, 0);
}

TEST(ParseEvalRequestTest, NeedsIdAndText) {
  EXPECT_THAT(ParseEvalRequest(R"({"text": "t"})").status().message(), HasSubstr("no \"id\""));
  EXPECT_THAT(ParseEvalRequest(R"({"id": "x", "text": null})").status().message(),
              HasSubstr("x has no \"text\""));
  EXPECT_THAT(ParseEvalRequest("[1, 2]").status().message(), HasSubstr("not a JSON object"));
}

TEST(ReadEvalRequestsTest, RejectsARepeatedId) {
  absl::StatusOr<std::vector<EvalRequest>> requests = RequestsFrom(
      "{\"id\": \"a\", \"text\": \"t\"}\n\n{\"id\": \"b\", \"text\": \"t\"}\n"
      "{\"id\": \"a\", \"text\": \"u\"}\n");
  EXPECT_THAT(requests.status().message(), HasSubstr("r.jsonl:4: request id a already on line 1"));
  EXPECT_THAT(RequestsFrom("{\"id\": \"a\"}\n").status().message(), HasSubstr("r.jsonl:1: "));
}

TEST(ReadEvalRequestsTest, ReadsTheEvaluationSets) {
  for (const char* set : {"needs-en", "needs-nordic"}) {
    std::ifstream in(SourceFile(absl::StrCat("data/eval/", set, "/requests.jsonl")));
    absl::StatusOr<std::vector<EvalRequest>> requests = ReadEvalRequests(in, set);
    ASSERT_TRUE(requests.ok()) << requests.status();
    ASSERT_EQ(requests->size(), 42u) << set;
    for (const EvalRequest& r : *requests) {
      EXPECT_FALSE(r.language.empty()) << r.id;
      EXPECT_EQ(r.country.size(), 2u) << r.id;
      EXPECT_GT(r.population, 0) << r.id;
      ad::AdoptionRequest filed = AdoptionRequestFromEvalRequest(r, "organizations/o");
      EXPECT_EQ(filed.sectors_size(), 1) << r.id << " " << r.sector;
    }
  }
}

TEST(EvalSolutionsTest, DemoCorpusReadsAsEvalSolutions) {
  std::ifstream in(SourceFile("data/demo/solutions_demo.jsonl"));
  absl::StatusOr<std::vector<DemoRow>> rows = ReadDemoRows(in, "solutions_demo.jsonl");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(rows->size(), 1081u);
  // The eval format's minimum: country as a string or a list.
  std::istringstream minimal(
      R"({"id": "s1", "title": "T", "description": "D", "language": "sv", "country": "SE", )"
      R"("origin_org": "Malmö stad", "sector": "Social protection", "tags": ["a"]})"
      "\n"
      R"({"id": "s2", "title": "T", "description": null, "language": null, "country": ["NO"], )"
      R"("origin_org": null, "sector": null, "tags": null})");
  rows = ReadDemoRows(minimal, "eval.jsonl");
  ASSERT_TRUE(rows.ok()) << rows.status();
  EXPECT_EQ(SolutionFromDemoRow((*rows)[0]).origin().country(), "SE");
  EXPECT_EQ(SolutionFromDemoRow((*rows)[1]).origin().country(), "NO");
  EXPECT_EQ(SolutionFromDemoRow((*rows)[1]).language(), "en");
}

// --- organisations and requests ---------------------------------------------------------

EvalRequest Request(const std::string& id, const std::string& org_name, const std::string& org_type,
                    const std::string& country, int64_t population = 0) {
  EvalRequest r;
  r.id = id;
  r.text = "need";
  r.org_name = org_name;
  r.org_type = org_type;
  r.country = country;
  r.population = population;
  return r;
}

TEST(PlanOrganizationsTest, OneOrganisationPerName) {
  std::vector<EvalRequest> requests = {
      Request("1", "Aarhus Kommune", "municipality", "DK", 367000),
      Request("2", "Region Skåne", "region", "SE", 1400000),
      Request("3", "Aarhus Kommune", "agency", "DK", 1),
      Request("4", "Nationalt Ambulance", "agency", "IE"),
      Request("5", "Some NGO", "foundation", "FI"),
  };
  absl::StatusOr<EvalOrganizations> plan = PlanOrganizations(requests);
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->organizations.size(), 4u);
  EXPECT_THAT(plan->of_request, ElementsAre(0, 1, 0, 2, 3));
  const org::Organization& aarhus = plan->organizations[0];
  EXPECT_EQ(aarhus.display_name(), "Aarhus Kommune");
  EXPECT_EQ(aarhus.kind(), org::ORGANIZATION_KIND_MUNICIPALITY);  // The first request's type.
  EXPECT_EQ(aarhus.country(), "DK");
  EXPECT_EQ(aarhus.population(), 367000);
  EXPECT_EQ(plan->organizations[1].kind(), org::ORGANIZATION_KIND_REGION);
  EXPECT_EQ(plan->organizations[2].kind(), org::ORGANIZATION_KIND_AGENCY);
  EXPECT_EQ(plan->organizations[3].kind(), org::ORGANIZATION_KIND_OTHER);
  EXPECT_THAT(aarhus.languages(), IsEmpty());  // Accepting solutions in any language.
}

TEST(PlanOrganizationsTest, MissingNamesAndCountriesFallBack) {
  std::vector<EvalRequest> requests = {
      Request("1", "", "", "SE"),        Request("2", "Kommune", "", ""),
      Request("3", "Kommune", "", "NO"), Request("4", "Other", "", ""),
      Request("5", "", "", "NO"),        Request("6", "Third", "", "NO"),
  };
  absl::StatusOr<EvalOrganizations> plan = PlanOrganizations(requests);
  ASSERT_TRUE(plan.ok()) << plan.status();
  ASSERT_EQ(plan->organizations.size(), 4u);
  EXPECT_EQ(plan->organizations[0].display_name(), kEvalFallbackOrganization);
  EXPECT_EQ(plan->organizations[0].country(), "SE");
  EXPECT_EQ(plan->organizations[1].country(), "NO");  // From its second request.
  EXPECT_EQ(plan->organizations[2].country(), "NO");  // The most common country.
  EXPECT_THAT(plan->of_request, ElementsAre(0, 1, 1, 2, 0, 3));
  EXPECT_THAT(PlanOrganizations({Request("1", "A", "", "")}).status().message(),
              HasSubstr("no request gives a country"));
}

TEST(EvalRequestTitleTest, ShortTextIsTheTitle) {
  EXPECT_EQ(EvalRequestTitle("  Faster help\nfor families "), "Faster help for families");
}

TEST(EvalRequestTitleTest, LongTextIsCutAtAWord) {
  std::string text =
      "Many of our older residents living at home slowly lose strength and mobility, and we "
      "usually only hear about it after a fall.";
  std::string title = EvalRequestTitle(text);
  EXPECT_EQ(title,
            "Many of our older residents living at home slowly lose strength and "
            "mobility\xE2\x80\xA6");
  EXPECT_LE(CodePointCount(title), kEvalTitleLength);
  std::string nordic =
      "Mange af vores ældre borgere, der bor i eget hjem, mister langsomt kræfter og førlighed, og "
      "ofte opdager vi det først";
  EXPECT_LE(CodePointCount(EvalRequestTitle(nordic)), kEvalTitleLength);
  // No space to cut at: cut anywhere, still within the limit.
  EXPECT_EQ(CodePointCount(EvalRequestTitle(std::string(200, 'x'))), kEvalTitleLength);
}

TEST(AdoptionRequestFromEvalRequestTest, MapsTheFields) {
  EvalRequest r = Request("en-04", "Glasgow City Council", "municipality", "GB", 620000);
  r.text = "Crisis grant decisions take weeks.";
  r.language = "en";
  r.sector = "Social protection";
  r.target_group = "low-income households";
  ad::AdoptionRequest filed = AdoptionRequestFromEvalRequest(r, "organizations/o7");
  EXPECT_EQ(filed.requester(), "organizations/o7");
  EXPECT_EQ(filed.title(), "Crisis grant decisions take weeks.");
  EXPECT_EQ(filed.need_statement(), "Crisis grant decisions take weeks.");
  EXPECT_EQ(filed.language(), "en");
  EXPECT_THAT(filed.sectors(), ElementsAre("10"));
  EXPECT_THAT(filed.target_groups(), ElementsAre("low-income households"));
  EXPECT_EQ(filed.context().country(), "GB");
  EXPECT_EQ(filed.context().population(), 620000);
  EXPECT_EQ(filed.visibility(), ad::VISIBILITY_PUBLIC);
  EXPECT_THAT(filed.accepted_languages(), IsEmpty());
}

TEST(AdoptionRequestFromEvalRequestTest, EmptyFieldsAreLeftOut) {
  EvalRequest r = Request("x", "", "", "");
  r.sector = "Digital/Data/Tech";  // No COFOG sector.
  ad::AdoptionRequest filed = AdoptionRequestFromEvalRequest(r, "organizations/o1");
  EXPECT_EQ(filed.language(), "und");
  EXPECT_THAT(filed.sectors(), IsEmpty());
  EXPECT_THAT(filed.target_groups(), IsEmpty());
  EXPECT_FALSE(filed.has_context());
  r.sector = "10.5";  // A code passes through.
  EXPECT_THAT(AdoptionRequestFromEvalRequest(r, "organizations/o1").sectors(),
              UnorderedElementsAre("10.5"));
}

}  // namespace
}  // namespace corematch::cli
