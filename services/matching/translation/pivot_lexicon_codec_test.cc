// services/matching/translation/pivot_lexicon_codec_test.cc
//
// A blob is read from disk at start-up, so every corruption must come back
// as a status, never a crash.
#include "services/matching/translation/pivot_lexicon_codec.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"
#include "services/matching/translation/pivot_lexicon_builder.h"

namespace corematch::matching {
namespace {

using ::corematch::testing::IsOk;
using ::corematch::testing::StatusIs;

std::string Identity(absl::string_view word, Language) { return std::string(word); }

std::string SmallBlob() {
  PivotLexiconBuilder builder(Identity);
  builder.AddToEnglishEntry(Language::kDanish, {"arbejde", "n", {{{"work", ""}}, {{"job", ""}}}});
  builder.AddFromEnglishEntry(Language::kSwedish, {"school", "", {{{"skola", ""}}}});
  return std::move(builder).Build()->Serialize();
}

TEST(PivotLexiconCodecTest, EmptyLexiconRoundTrips) {
  auto lexicon =
      PivotLexiconCodec::Decode(PivotLexiconCodec::Encode(*PivotLexiconBuilder(Identity).Build()));
  ASSERT_THAT(lexicon, IsOk());
  EXPECT_TRUE((*lexicon)->languages().empty());
}

TEST(PivotLexiconCodecTest, EveryTruncationIsDataLoss) {
  const std::string blob = SmallBlob();
  ASSERT_THAT(PivotLexiconCodec::Decode(blob), IsOk());
  for (size_t size = 0; size < blob.size(); ++size) {
    EXPECT_THAT(PivotLexiconCodec::Decode(blob.substr(0, size)),
                StatusIs(absl::StatusCode::kDataLoss))
        << "size " << size;
  }
}

TEST(PivotLexiconCodecTest, TrailingBytesAreDataLoss) {
  EXPECT_THAT(PivotLexiconCodec::Decode(SmallBlob() + "x"), StatusIs(absl::StatusCode::kDataLoss));
}

TEST(PivotLexiconCodecTest, OtherMagicIsDataLoss) {
  std::string blob = SmallBlob();
  blob[0] = 'X';
  EXPECT_THAT(PivotLexiconCodec::Decode(blob), StatusIs(absl::StatusCode::kDataLoss));
}

TEST(PivotLexiconCodecTest, OtherVersionIsFailedPrecondition) {
  std::string blob = SmallBlob();
  blob[7] = 2;  // the version varint follows the 7-byte magic
  EXPECT_THAT(PivotLexiconCodec::Decode(blob), StatusIs(absl::StatusCode::kFailedPrecondition));
}

TEST(PivotLexiconCodecTest, FlippedBytesNeverCrash) {
  const std::string blob = SmallBlob();
  for (size_t i = 8; i < blob.size(); ++i) {
    std::string corrupt = blob;
    corrupt[i] = static_cast<char>(corrupt[i] ^ 0x5a);
    // Either decodes to some lexicon or reports the damage.
    absl::StatusOr<std::unique_ptr<PivotLexicon>> lexicon = PivotLexiconCodec::Decode(corrupt);
    if (!lexicon.ok()) {
      EXPECT_THAT(lexicon, StatusIs(absl::StatusCode::kDataLoss)) << "byte " << i;
    }
  }
}

}  // namespace
}  // namespace corematch::matching
