#include "services/publishing/solution_validator.h"

#include <map>

#include "gtest/gtest.h"

namespace corematch::publishing {
namespace {

using v1::Solution;

Solution Minimal() {
  Solution s;
  s.set_title("Tidlig opsporing af ensomhed");
  s.set_language("da");
  return s;
}

std::map<std::string, std::string> Violations(const Solution& s) {
  FieldViolations v;
  ValidateSolution(s, v);
  std::map<std::string, std::string> out;
  for (const auto& [field, description] : v.violations()) out[field] = description;
  return out;
}

TEST(SolutionValidatorTest, MinimalSolutionIsValid) { EXPECT_TRUE(Violations(Minimal()).empty()); }

TEST(SolutionValidatorTest, TitleLengthCountsCharactersNotBytes) {
  Solution s = Minimal();
  std::string title;
  for (int i = 0; i < 200; ++i) title += "ø";  // 400 bytes, 200 characters
  s.set_title(title);
  EXPECT_TRUE(Violations(s).empty());
  s.set_title(title + "ø");
  EXPECT_EQ(Violations(s).count("solution.title"), 1u);
}

TEST(SolutionValidatorTest, EachBadFieldIsNamed) {
  Solution s = Minimal();
  s.set_description("\xC0\xAF");
  s.mutable_origin()->set_country("DK");
  s.mutable_origin()->set_region("Midtjylland");
  s.add_sectors("10.5");
  s.add_sectors("11");
  s.add_preconditions()->set_description("a job centre");
  s.add_evidence()->set_unit("%");
  s.mutable_contact()->set_email("not-an-address");
  s.set_support_capacity(-1);
  auto v = Violations(s);
  EXPECT_EQ(v.count("solution.description"), 1u);
  EXPECT_EQ(v.count("solution.origin.region"), 1u);
  EXPECT_EQ(v.count("solution.sectors[1]"), 1u);
  EXPECT_EQ(v.count("solution.sectors[0]"), 0u);
  EXPECT_EQ(v.count("solution.preconditions[0].kind"), 1u);
  EXPECT_EQ(v.count("solution.evidence[0].metric"), 1u);
  EXPECT_EQ(v.count("solution.contact.email"), 1u);
  EXPECT_EQ(v.count("solution.support_capacity"), 1u);
}

TEST(SolutionValidatorTest, RepeatedFieldSizesAreBounded) {
  Solution s = Minimal();
  for (int i = 0; i < 51; ++i) s.add_tags("t");
  EXPECT_EQ(Violations(s).count("solution.tags"), 1u);
}

TEST(SolutionValidatorTest, OversizedSolutionIsRejectedWhole) {
  Solution s = Minimal();
  for (int i = 0; i < 40; ++i) s.add_core_elements()->set_description(std::string(19000, 'a'));
  EXPECT_EQ(Violations(s).count("solution"), 1u);
}

TEST(SolutionValidatorTest, NormalizeCanonicalisesLanguageAndTrims) {
  Solution s = Minimal();
  s.set_language("SV-se");
  s.add_tags("  arbete ");
  NormalizeSolution(s);
  EXPECT_EQ(s.language(), "sv-SE");
  EXPECT_EQ(s.tags(0), "arbete");
}

}  // namespace
}  // namespace corematch::publishing
