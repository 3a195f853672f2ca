#include "services/common/filter.h"

#include <map>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"

namespace corematch {
namespace {

using ::corematch::testing::IsOk;
using ::corematch::testing::StatusIs;
using ::testing::HasSubstr;

const std::vector<std::string> kFields = {"state", "sector", "country", "tags"};

bool Eval(absl::string_view text, const std::map<std::string, std::vector<std::string>>& row) {
  absl::StatusOr<Filter> filter = Filter::Parse(text, kFields);
  EXPECT_THAT(filter, IsOk()) << text;
  return filter->Matches([&](absl::string_view field) {
    auto it = row.find(std::string(field));
    return it == row.end() ? std::vector<std::string>{} : it->second;
  });
}

const std::map<std::string, std::vector<std::string>> kRow = {
    {"state", {"PUBLISHED"}},
    {"sector", {"10.5", "10"}},
    {"country", {"SE"}},
    {"tags", {"employment", "income support"}}};

TEST(FilterTest, EmptyMatchesEverything) { EXPECT_TRUE(Eval("  ", kRow)); }

TEST(FilterTest, EqualityIsCaseInsensitive) {
  EXPECT_TRUE(Eval("state = PUBLISHED", kRow));
  EXPECT_TRUE(Eval("state = published", kRow));
  EXPECT_FALSE(Eval("state = DRAFT", kRow));
}

TEST(FilterTest, AndOrNotAndParentheses) {
  EXPECT_TRUE(Eval("state = PUBLISHED AND country = \"SE\"", kRow));
  EXPECT_FALSE(Eval("state = PUBLISHED AND country = \"DK\"", kRow));
  EXPECT_TRUE(Eval("country = DK OR country = SE", kRow));
  EXPECT_TRUE(Eval("state = PUBLISHED AND (country = DK OR country = SE)", kRow));
  EXPECT_FALSE(Eval("NOT state = PUBLISHED", kRow));
  EXPECT_TRUE(Eval("state != WITHDRAWN", kRow));
  EXPECT_TRUE(Eval("state = PUBLISHED country = SE", kRow));  // implicit AND
}

TEST(FilterTest, RepeatedFieldsMatchAnyValue) {
  EXPECT_TRUE(Eval("tags:\"income support\"", kRow));
  EXPECT_TRUE(Eval("sector = 10", kRow));
  EXPECT_FALSE(Eval("tags:housing", kRow));
}

TEST(FilterTest, UnknownFieldNamesTheSupportedOnes) {
  EXPECT_THAT(Filter::Parse("colour = red", kFields),
              StatusIs(absl::StatusCode::kInvalidArgument,
                       HasSubstr("supported fields: state, sector, country, tags")));
}

TEST(FilterTest, MalformedFiltersAreRejected) {
  for (absl::string_view bad :
       {"state =", "state PUBLISHED", "(state = A", "state = \"x", "= x", "state = A)"}) {
    EXPECT_THAT(Filter::Parse(bad, kFields), StatusIs(absl::StatusCode::kInvalidArgument)) << bad;
  }
}

}  // namespace
}  // namespace corematch
