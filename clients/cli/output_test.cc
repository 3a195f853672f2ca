// clients/cli/output_test.cc
//
// Table and key: value printing, JSON output, and the small parsers of
// input.h and enum_names.h.
#include "clients/cli/output.h"

#include <sstream>
#include <string>

#include "clients/cli/enum_names.h"
#include "clients/cli/input.h"
#include "clients/cli/table.h"
#include "corematch/adoption/v1/adoption.pb.h"
#include "corematch/publishing/v1/publishing.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace corematch::cli {
namespace {

namespace pub = ::corematch::publishing::v1;
using ::testing::ElementsAre;

pub::Solution JobbForst() {
  pub::Solution s;
  s.set_name("solutions/jobbforst");
  s.set_title("Jobb Först");
  s.set_language("sv");
  s.mutable_origin()->set_country("SE");
  s.add_sectors("10.5");
  s.add_sectors("10.7");
  s.add_target_groups("unemployed, young");
  s.add_target_groups("income support recipients");
  s.add_core_elements()->set_title("Contact within 48 hours");
  s.set_state(pub::SOLUTION_STATE_PUBLISHED);
  s.mutable_create_time()->set_seconds(1700000000);
  s.set_description("Line one\nline two");
  return s;
}

TEST(PrintFieldsTest, PrintsKeyValueLines) {
  std::ostringstream out;
  PrintFields(JobbForst(), out);
  EXPECT_EQ(out.str(),
            "name: solutions/jobbforst\n"
            "title: Jobb Först\n"
            "description: Line one\n"
            "  line two\n"
            "language: sv\n"
            "origin.country: SE\n"
            "sectors: 10.5, 10.7\n"
            "target_groups[0]: unemployed, young\n"
            "target_groups[1]: income support recipients\n"
            "core_elements[0].title: Contact within 48 hours\n"
            "state: PUBLISHED\n"
            "create_time: 2023-11-14T22:13:20Z\n");
}

TEST(ToJsonTest, UsesTheProtobufJsonMapping) {
  std::string json = ToJson(JobbForst());
  EXPECT_EQ(json.back(), '\n');
  EXPECT_THAT(json, ::testing::HasSubstr("\"coreElements\""));
  EXPECT_THAT(json, ::testing::HasSubstr("\"SOLUTION_STATE_PUBLISHED\""));
  pub::Solution back;
  ASSERT_TRUE(ParseJsonMessage(json, "json", &back).ok());
  EXPECT_EQ(back.SerializeAsString(), JobbForst().SerializeAsString());
  EXPECT_EQ(ToCompactJson(back).find('\n'), std::string::npos);
}

TEST(PrinterTest, ListPrintsTableAndNextPageToken) {
  pub::ListSolutionsResponse response;
  *response.add_solutions() = JobbForst();
  response.set_next_page_token("tok");
  Table table({"NAME", "STATE"});
  table.AddRow({"solutions/jobbforst", EnumCell(response.solutions(0), "state")});
  std::ostringstream out;
  Printer(OutputFormat::kTable, out).List(response, table, response.next_page_token());
  EXPECT_EQ(out.str(),
            "NAME                 STATE\n"
            "solutions/jobbforst  PUBLISHED\n"
            "next_page_token: tok\n");
}

TEST(TableTest, AlignsByCodePointsAndTruncatesAllButTheFirstColumn) {
  Table table({"NAME", "B"}, /*max_cell_width=*/6);
  table.AddRow({"Först", "x"});
  table.AddRow({"solutions/abcdefghij", "line\nbreak"});
  table.AddRow({"only one"});
  std::ostringstream out;
  table.Print(out);
  EXPECT_EQ(out.str(),
            "NAME                  B\n"
            "Först                 x\n"
            "solutions/abcdefghij  line \xE2\x80\xA6\n"
            "only one\n");
}

TEST(EnumNamesTest, ParsesShortAndFullNames) {
  const auto& visibility = *adoption::v1::Visibility_descriptor();
  EXPECT_EQ(ParseEnumName(visibility, "anonymous"), adoption::v1::VISIBILITY_ANONYMOUS);
  EXPECT_EQ(ParseEnumName(visibility, "VISIBILITY_PRIVATE"), adoption::v1::VISIBILITY_PRIVATE);
  EXPECT_EQ(ParseEnumName(visibility, "unspecified"), std::nullopt);
  EXPECT_EQ(ParseEnumName(visibility, "secret"), std::nullopt);
  EXPECT_EQ(EnumValuePrefix("OrganizationKind"), "ORGANIZATION_KIND_");
}

TEST(InputTest, ResourceNameAcceptsIdOrName) {
  EXPECT_EQ(ResourceName("solutions", "abc"), "solutions/abc");
  EXPECT_EQ(ResourceName("solutions", "solutions/abc"), "solutions/abc");
  EXPECT_EQ(ResourceName("adoptionRequests", "r1"), "adoptionRequests/r1");
}

TEST(InputTest, ParseFieldMaskAcceptsCamelCase) {
  EXPECT_THAT(ParseFieldMask("title, coreElements,origin.country").paths(),
              ElementsAre("title", "core_elements", "origin.country"));
  EXPECT_THAT(ParseFieldMask("*").paths(), ElementsAre("*"));
}

TEST(InputTest, ParseJsonMessageRejectsUnknownFields) {
  pub::Solution s;
  absl::Status status = ParseJsonMessage(R"({"titel": "x"})", "s.json", &s);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()),
              ::testing::HasSubstr("s.json is not a valid Solution"));
  EXPECT_TRUE(ParseJsonMessage(R"({"title": "x", "core_elements": []})", "s.json", &s).ok());
}

}  // namespace
}  // namespace corematch::cli
