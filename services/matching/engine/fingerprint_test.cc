#include "services/matching/engine/fingerprint.h"

#include "gtest/gtest.h"

namespace corematch::matching {
namespace {

// Persisted fingerprints must never change: these are FNV-1a's published
// 32-bit values, which any future build has to reproduce.
TEST(Fingerprint32Test, GivesFnv1aValuesThatNoProcessOrBuildChanges) {
  EXPECT_EQ(Fingerprint32(""), 0x811c9dc5u);
  EXPECT_EQ(Fingerprint32("a"), 0xe40c292cu);
  EXPECT_EQ(Fingerprint32("foobar"), 0xbf9cf968u);
}

TEST(Fingerprint32Test, ReadsBytesAsUnsigned) {
  // "ö" in UTF-8 is 0xc3 0xb6; a sign-extended byte would give another value.
  EXPECT_EQ(Fingerprint32("\xc3\xb6"), (((2166136261u ^ 0xc3u) * 16777619u) ^ 0xb6u) * 16777619u);
}

}  // namespace
}  // namespace corematch::matching
