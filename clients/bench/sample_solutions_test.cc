#include "clients/bench/sample_solutions.h"

#include "gtest/gtest.h"
#include "services/common/errors.h"
#include "services/publishing/solution_validator.h"

namespace corematch::bench {
namespace {

TEST(SampleSolutionsTest, AreAboutOneKilobyte) {
  for (int i = 0; i < kSampleTemplates; ++i) {
    const size_t bytes = SampleSolution(i).ByteSizeLong();
    EXPECT_GE(bytes, 850u) << SampleSolution(i).language();
    EXPECT_LE(bytes, 1250u) << SampleSolution(i).language();
  }
}

TEST(SampleSolutionsTest, CycleThroughDanishSwedishAndEnglish) {
  EXPECT_EQ(SampleSolution(0).language(), "da");
  EXPECT_EQ(SampleSolution(1).language(), "sv-SE");
  EXPECT_EQ(SampleSolution(2).language(), "en-GB");
  EXPECT_EQ(SampleSolution(3).language(), "da");
}

TEST(SampleSolutionsTest, DifferByIndex) {
  EXPECT_NE(SampleSolution(0).title(), SampleSolution(3).title());
}

TEST(SampleSolutionsTest, PassTheServersValidation) {
  for (int i = 0; i < kSampleTemplates; ++i) {
    FieldViolations violations;
    publishing::ValidateSolution(SampleSolution(i), violations);
    EXPECT_TRUE(violations.ToStatus().ok()) << i << ": " << violations.ToStatus();
  }
}

}  // namespace
}  // namespace corematch::bench
