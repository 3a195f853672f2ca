// services/matching/translation/dictd_reader_test.cc
#include "services/matching/translation/dictd_reader.h"

#include <zlib.h>

#include <fstream>
#include <string>

#include "absl/strings/match.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"
#include "services/matching/translation/testing/freedict.h"
#include "tests/testing/temp_dir.h"

namespace corematch::matching {
namespace {

using ::corematch::testing::IsOk;
using ::corematch::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::SizeIs;
using ::testing::StartsWith;

// Debian's absl::string_view is not std::string_view, which gMock's string
// matchers need.
std::vector<std::string> Lookup(const DictdDatabase& database, absl::string_view headword) {
  std::vector<std::string> definitions;
  for (absl::string_view definition : database.Lookup(headword)) {
    definitions.emplace_back(definition);
  }
  return definitions;
}

TEST(DecodeDictdNumberTest, Base64Digits) {
  EXPECT_EQ(*DecodeDictdNumber("A"), 0u);
  EXPECT_EQ(*DecodeDictdNumber("B"), 1u);
  EXPECT_EQ(*DecodeDictdNumber("/"), 63u);
  EXPECT_EQ(*DecodeDictdNumber("BA"), 64u);
  // freedict-dan-eng.index: "arbejde\tFq9\tq".
  EXPECT_EQ(*DecodeDictdNumber("Fq9"), 5u * 4096 + 42 * 64 + 61);
  EXPECT_THAT(DecodeDictdNumber(""), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(DecodeDictdNumber("A-"), StatusIs(absl::StatusCode::kInvalidArgument));
  EXPECT_THAT(DecodeDictdNumber("//////////////"), StatusIs(absl::StatusCode::kInvalidArgument));
}

// A database written by the test: index and gzip data in a temporary dir.
class SmallDatabaseTest : public ::testing::Test {
 protected:
  void WriteIndex(const std::string& index) {
    std::ofstream(prefix_ + ".index", std::ios::binary) << index;
  }
  void WriteGzipData(const std::string& data) {
    gzFile file = gzopen((prefix_ + ".dict.dz").c_str(), "wb");
    ASSERT_NE(file, nullptr);
    ASSERT_EQ(gzwrite(file, data.data(), static_cast<unsigned>(data.size())),
              static_cast<int>(data.size()));
    gzclose(file);
  }

  const ::corematch::testing::TempDir dir_;
  const std::string prefix_ = dir_.File("small");
};

TEST_F(SmallDatabaseTest, ReadsEntriesSkipsMetadataAndDuplicateOffsets) {
  const std::string data = "00-database-short\nSmall\nabe /x/\nape, monkey\n";
  // "abe" starts at 24 ("Y") and is 20 bytes ("U"); "apekat" names the same
  // definition.
  WriteGzipData(data);
  WriteIndex("00databaseshort\tA\tS\nabe\tY\tU\napekat\tY\tU\n");
  auto database = DictdDatabase::Open(prefix_);
  ASSERT_THAT(database, IsOk());
  ASSERT_THAT((*database)->entries(), SizeIs(1));
  EXPECT_EQ((*database)->entries()[0].headword, "abe");
  EXPECT_EQ((*database)->Definition((*database)->entries()[0]), "abe /x/\nape, monkey\n");
  EXPECT_THAT(Lookup(**database, "abe"), ElementsAre("abe /x/\nape, monkey\n"));
  EXPECT_EQ((*database)->data_size(), data.size());
}

TEST_F(SmallDatabaseTest, ReadsUncompressedDict) {
  std::ofstream(prefix_ + ".dict", std::ios::binary) << "hest /x/\nhorse\n";
  WriteIndex("hest\tA\tP\n");
  auto database = DictdDatabase::Open(prefix_);
  ASSERT_THAT(database, IsOk());
  EXPECT_THAT(Lookup(**database, "hest"), ElementsAre("hest /x/\nhorse\n"));
}

TEST_F(SmallDatabaseTest, MissingFilesAreNotFound) {
  EXPECT_THAT(DictdDatabase::Open(prefix_), StatusIs(absl::StatusCode::kNotFound));
  WriteIndex("hest\tA\tP\n");
  EXPECT_THAT(DictdDatabase::Open(prefix_), StatusIs(absl::StatusCode::kNotFound));
}

TEST_F(SmallDatabaseTest, IndexPastTheDataIsDataLoss) {
  WriteGzipData("short");
  WriteIndex("hest\tA\tZ\n");
  EXPECT_THAT(DictdDatabase::Open(prefix_),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("past the data")));
}

TEST_F(SmallDatabaseTest, MalformedIndexLineIsDataLoss) {
  WriteGzipData("short");
  WriteIndex("hest A B\n");
  EXPECT_THAT(DictdDatabase::Open(prefix_), StatusIs(absl::StatusCode::kDataLoss));
}

TEST(FreeDictTest, DanishEnglishHasArbejde) {
  ASSERT_TRUE(testing::FreeDictInstalled("freedict-dan-eng"));
  auto database = DictdDatabase::Open(std::string(testing::kDictdDir) + "/freedict-dan-eng");
  ASSERT_THAT(database, IsOk());
  EXPECT_GT((*database)->entries().size(), 5000u);
  EXPECT_THAT(Lookup(**database, "arbejde"),
              ElementsAre(StartsWith("arbejde /ˈɑb?ɑjdə/ <n>\n1. work\n2. job")));
}

TEST(FreeDictTest, GermanIndexFoldsCase) {
  ASSERT_TRUE(testing::FreeDictInstalled("freedict-deu-eng"));
  auto database = DictdDatabase::Open(std::string(testing::kDictdDir) + "/freedict-deu-eng");
  ASSERT_THAT(database, IsOk());
  std::vector<std::string> arbeit = Lookup(**database, "arbeit");
  ASSERT_FALSE(arbeit.empty());
  EXPECT_THAT(arbeit.front(), StartsWith("Arbeit /"));
}

}  // namespace
}  // namespace corematch::matching
