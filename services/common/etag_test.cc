#include "services/common/etag.h"

#include "corematch/publishing/v1/publishing.pb.h"
#include "gtest/gtest.h"
#include "services/common/id_generator.h"

namespace corematch {
namespace {

namespace pb = ::corematch::publishing::v1;

pb::Solution Sample() {
  pb::Solution solution;
  solution.set_name("solutions/abc");
  solution.set_title("Jobb Först");
  solution.add_tags("employment");
  return solution;
}

TEST(ComputeEtagTest, IgnoresTheEtagFieldItself) {
  pb::Solution plain = Sample();
  pb::Solution stamped = Sample();
  stamped.set_etag("an-old-etag");
  EXPECT_EQ(ComputeEtag(plain), ComputeEtag(stamped));
  EXPECT_EQ(stamped.etag(), "an-old-etag");  // The resource is left as it was.
}

TEST(ComputeEtagTest, ChangesWithTheContent) {
  pb::Solution changed = Sample();
  changed.add_tags("income support");
  EXPECT_NE(ComputeEtag(Sample()), ComputeEtag(changed));
  EXPECT_EQ(ComputeEtag(Sample()).size(), 20u);
}

TEST(Sha256HexTest, MatchesTheStandardsTestVector) {
  // FIPS 180-2, appendix B.1.
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

}  // namespace
}  // namespace corematch
