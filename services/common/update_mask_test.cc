#include "services/common/update_mask.h"

#include "corematch/publishing/v1/publishing.pb.h"
#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"

namespace corematch {
namespace {

using ::corematch::publishing::v1::Solution;
using ::corematch::testing::IsOk;
using ::corematch::testing::StatusIs;

const std::vector<std::string> kUpdatable = {"title", "summary", "tags", "origin"};

Solution Original() {
  Solution s;
  s.set_name("solutions/x");
  s.set_title("Old");
  s.set_summary("Old summary");
  s.add_tags("a");
  s.add_tags("b");
  s.mutable_origin()->set_country("SE");
  s.mutable_origin()->set_region("SE232");
  return s;
}

TEST(UpdateMaskTest, EmptyMaskUpdatesPopulatedUpdatableFields) {
  Solution target = Original();
  Solution patch;
  patch.set_title("New");
  patch.set_name("solutions/evil");  // output only: ignored
  ASSERT_THAT(ApplyUpdateMask(patch, {}, kUpdatable, "update_mask", &target), IsOk());
  EXPECT_EQ(target.title(), "New");
  EXPECT_EQ(target.summary(), "Old summary");
  EXPECT_EQ(target.name(), "solutions/x");
}

TEST(UpdateMaskTest, ExplicitMaskReplacesRepeatedAndClearsUnsetFields) {
  Solution target = Original();
  Solution patch;
  patch.add_tags("c");
  google::protobuf::FieldMask mask;
  mask.add_paths("tags");
  mask.add_paths("summary");
  ASSERT_THAT(ApplyUpdateMask(patch, mask, kUpdatable, "update_mask", &target), IsOk());
  EXPECT_EQ(target.tags_size(), 1);
  EXPECT_EQ(target.tags(0), "c");
  EXPECT_EQ(target.summary(), "");
}

TEST(UpdateMaskTest, NestedPathUpdatesOneSubfield) {
  Solution target = Original();
  Solution patch;
  patch.mutable_origin()->set_country("DK");
  google::protobuf::FieldMask mask;
  mask.add_paths("origin.country");
  ASSERT_THAT(ApplyUpdateMask(patch, mask, kUpdatable, "update_mask", &target), IsOk());
  EXPECT_EQ(target.origin().country(), "DK");
  EXPECT_EQ(target.origin().region(), "SE232");
}

TEST(UpdateMaskTest, StarReplacesEveryUpdatableField) {
  Solution target = Original();
  Solution patch;
  patch.set_title("Only title");
  google::protobuf::FieldMask mask;
  mask.add_paths("*");
  ASSERT_THAT(ApplyUpdateMask(patch, mask, kUpdatable, "update_mask", &target), IsOk());
  EXPECT_EQ(target.title(), "Only title");
  EXPECT_EQ(target.tags_size(), 0);
  EXPECT_FALSE(target.has_origin());
  EXPECT_EQ(target.name(), "solutions/x");
}

TEST(UpdateMaskTest, NonUpdatableOrUnknownPathIsInvalidArgument) {
  Solution target = Original();
  for (const char* path : {"name", "state", "no_such_field", "origin.planet"}) {
    google::protobuf::FieldMask mask;
    mask.add_paths(path);
    EXPECT_THAT(ApplyUpdateMask(Solution(), mask, kUpdatable, "update_mask", &target),
                StatusIs(absl::StatusCode::kInvalidArgument))
        << path;
  }
  EXPECT_EQ(target.SerializeAsString(), Original().SerializeAsString());
}

}  // namespace
}  // namespace corematch
