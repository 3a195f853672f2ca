// services/matching/translation/pivot_lexicon_test.cc
//
// The lexicon built from the real FreeDict dictionaries, on public-sector
// vocabulary. Findings the tests cannot state as pairs (FreeDict 2022-04):
//   - The Danish and Swedish dictionaries hold ~5,000 entries each, and miss
//     much public-sector vocabulary: "kontanthjælp", "socialbidrag",
//     "försörjningsstöd", "kommune", "uddannelse"/"utbildning",
//     "sysselsättning" and English "employment" (in eng-swe) are absent, so
//     "beskæftigelse" (occupation, activity) meets no Swedish word. Compounds
//     still reach a pivot through the parts the Analyzer splits off
//     ("försörjningsstöd" → "stöd" → support).
//   - "ældre"/"äldre" (elderly, older) are not headwords either: they are the
//     comparatives of "gammel"/"gammal", which are, and translate to "old".
#include "services/matching/translation/pivot_lexicon.h"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/testing/status_matchers.h"
#include "services/matching/analysis/analyzer.h"
#include "services/matching/translation/testing/freedict.h"

namespace corematch::matching {
namespace {

using ::corematch::testing::IsOk;
using ::corematch::testing::StatusIs;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

constexpr const char* kDictionaries[] = {"freedict-dan-eng", "freedict-eng-dan", "freedict-eng-swe",
                                         "freedict-deu-eng", "freedict-eng-deu", "freedict-fra-eng",
                                         "freedict-nld-eng"};

// Where the suite's lexicon is kept between test processes. The name changes
// when the test binary is rebuilt or the dictionaries change, so a stale blob
// is never read.
std::filesystem::path CachePath() {
  const auto binary = std::filesystem::read_symlink("/proc/self/exe");
  uintmax_t key = std::filesystem::last_write_time(binary).time_since_epoch().count();
  for (const char* name : kDictionaries) {
    std::error_code error;  // a missing file is reported by the test itself
    key = key * 31 + std::filesystem::file_size(
                         std::string(testing::kDictdDir) + "/" + name + ".dict.dz", error);
  }
  return std::filesystem::path(::testing::TempDir()) /
         absl::StrCat("corematch-pivot-lexicon-", key, ".blob");
}

// Load parses ~180 MB of dictionary text, seconds of CPU, and ctest runs each
// test in a process of its own: the first process builds the lexicon with
// Load and saves it, the others Deserialize it.
std::unique_ptr<PivotLexicon> LoadOnce(const Analyzer& analyzer) {
  const std::filesystem::path path = CachePath();
  if (std::ifstream in(path, std::ios::binary); in) {
    std::stringstream blob;
    blob << in.rdbuf();
    if (auto lexicon = PivotLexicon::Deserialize(blob.str()); lexicon.ok()) {
      return std::move(*lexicon);
    }
  }
  auto lexicon = PivotLexicon::Load(analyzer, testing::kDictdDir);
  if (!lexicon.ok()) return nullptr;
  // Blobs of earlier builds are garbage now.
  for (const auto& file : std::filesystem::directory_iterator(path.parent_path())) {
    const std::string name = file.path().filename().string();
    if (absl::StartsWith(name, "corematch-pivot-lexicon-") && absl::EndsWith(name, ".blob")) {
      std::error_code error;  // a parallel test may have removed it first
      std::filesystem::remove(file.path(), error);
    }
  }
  // Written aside and renamed: a parallel test never reads half a blob.
  const std::string temporary = absl::StrCat(path.string(), ".", getpid());
  std::ofstream(temporary, std::ios::binary) << (*lexicon)->Serialize();
  std::filesystem::rename(temporary, path);
  return std::move(*lexicon);
}

class PivotLexiconTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    analyzer_ = Analyzer::Create().value().release();
    lexicon_ = LoadOnce(*analyzer_).release();
  }
  static void TearDownTestSuite() {
    delete lexicon_;
    delete analyzer_;
  }
  void SetUp() override {
    for (const char* name : kDictionaries) ASSERT_TRUE(testing::FreeDictInstalled(name));
    ASSERT_NE(lexicon_, nullptr) << "PivotLexicon::Load failed";
  }

  // The English pivot stems of `word`, stemmed as the matcher stems it.
  static std::vector<std::string> Pivots(absl::string_view word, Language language) {
    absl::Span<const std::string> pivots = lexicon_->ToPivot(Stem(word, language), language);
    return {pivots.begin(), pivots.end()};
  }
  static std::string Stem(absl::string_view word, Language language) {
    return analyzer_->Stem(analyzer_->Normalize(word), language);
  }
  static std::string English(absl::string_view word) { return Stem(word, Language::kEnglish); }

  // True if the two words share an English pivot stem: where a Danish need
  // and a Swedish solution meet.
  static bool Meet(absl::string_view a, Language language_a, absl::string_view b,
                   Language language_b) {
    for (const std::string& pivot : Pivots(a, language_a)) {
      const std::vector<std::string> other = Pivots(b, language_b);
      if (std::find(other.begin(), other.end(), pivot) != other.end()) return true;
    }
    return false;
  }

  static Analyzer* analyzer_;
  static PivotLexicon* lexicon_;
};

Analyzer* PivotLexiconTest::analyzer_ = nullptr;
PivotLexicon* PivotLexiconTest::lexicon_ = nullptr;

TEST_F(PivotLexiconTest, CoversTheLanguagesWithDictionaries) {
  EXPECT_THAT(
      lexicon_->languages(),
      ElementsAre(Language::kDanish, Language::kSwedish, Language::kNorwegian, Language::kEnglish,
                  Language::kGerman, Language::kDutch, Language::kFrench));
  EXPECT_GT(lexicon_->size(Language::kDanish), 4000u);
  EXPECT_GT(lexicon_->size(Language::kSwedish), 4000u);
  EXPECT_GT(lexicon_->size(Language::kGerman), 100000u);
  EXPECT_EQ(lexicon_->size(Language::kFinnish), 0u);
}

TEST_F(PivotLexiconTest, Work) {
  EXPECT_THAT(Pivots("arbejde", Language::kDanish), Contains(English("work")));
  EXPECT_THAT(Pivots("arbete", Language::kSwedish), Contains(English("work")));
  EXPECT_THAT(Pivots("Arbeit", Language::kGerman), Contains(English("work")));
  EXPECT_THAT(Pivots("travail", Language::kFrench), Contains(English("work")));
  EXPECT_THAT(Pivots("werk", Language::kDutch), Contains(English("work")));
}

TEST_F(PivotLexiconTest, School) {
  EXPECT_THAT(Pivots("skole", Language::kDanish), ElementsAre(English("school")));
  EXPECT_THAT(Pivots("skola", Language::kSwedish), ElementsAre(English("school")));
  EXPECT_THAT(Pivots("Schule", Language::kGerman), Contains(English("school")));
}

TEST_F(PivotLexiconTest, Health) {
  EXPECT_THAT(Pivots("sundhed", Language::kDanish), Contains(English("health")));
  EXPECT_THAT(Pivots("hälsa", Language::kSwedish), Contains(English("health")));
  EXPECT_THAT(Pivots("Gesundheit", Language::kGerman), Contains(English("health")));
}

TEST_F(PivotLexiconTest, OldThroughThePositiveForm) {
  EXPECT_THAT(Pivots("gammel", Language::kDanish), Contains(English("old")));
  EXPECT_THAT(Pivots("gammal", Language::kSwedish), Contains(English("old")));
  EXPECT_THAT(Pivots("alt", Language::kGerman), Contains(English("old")));
}

TEST_F(PivotLexiconTest, DanishAndSwedishMeetOnPublicSectorWords) {
  EXPECT_TRUE(Meet("arbejde", Language::kDanish, "arbete", Language::kSwedish));
  EXPECT_TRUE(Meet("skole", Language::kDanish, "skola", Language::kSwedish));
  EXPECT_TRUE(Meet("sundhed", Language::kDanish, "hälsa", Language::kSwedish));
  EXPECT_TRUE(Meet("barn", Language::kDanish, "barn", Language::kSwedish));
  EXPECT_TRUE(Meet("bolig", Language::kDanish, "bostad", Language::kSwedish));
  EXPECT_TRUE(Meet("arbejdsløshed", Language::kDanish, "arbetslöshet", Language::kSwedish));
  EXPECT_TRUE(Meet("hjælp", Language::kDanish, "hjälp", Language::kSwedish));
  EXPECT_TRUE(Meet("støtte", Language::kDanish, "stöd", Language::kSwedish));
  EXPECT_TRUE(Meet("forældre", Language::kDanish, "föräldrar", Language::kSwedish));
  EXPECT_TRUE(Meet("behov", Language::kDanish, "behov", Language::kSwedish));
}

TEST_F(PivotLexiconTest, DanishAndGermanMeet) {
  EXPECT_TRUE(Meet("arbejde", Language::kDanish, "Arbeit", Language::kGerman));
  EXPECT_TRUE(Meet("sundhed", Language::kDanish, "Gesundheit", Language::kGerman));
}

TEST_F(PivotLexiconTest, NorwegianReadsTheDanishDictionaries) {
  EXPECT_THAT(Pivots("skole", Language::kNorwegian), Contains(English("school")));
  EXPECT_THAT(Pivots("barn", Language::kNorwegian), Contains(English("child")));
}

TEST_F(PivotLexiconTest, FinnishHasNoDictionary) {
  EXPECT_THAT(lexicon_->languages(), Not(Contains(Language::kFinnish)));
  EXPECT_THAT(Pivots("työ", Language::kFinnish), IsEmpty());
}

TEST_F(PivotLexiconTest, EnglishPivotsMapToThemselves) {
  EXPECT_THAT(Pivots("work", Language::kEnglish), ElementsAre(English("work")));
}

TEST_F(PivotLexiconTest, SerializedLexiconAnswersTheSame) {
  auto copy = PivotLexicon::Deserialize(lexicon_->Serialize());
  ASSERT_THAT(copy, IsOk());
  for (Language language : lexicon_->languages()) {
    EXPECT_EQ((*copy)->size(language), lexicon_->size(language)) << LanguageTag(language);
  }
  const std::string stem = Stem("arbejde", Language::kDanish);
  EXPECT_EQ(absl::StrJoin((*copy)->ToPivot(stem, Language::kDanish), ","),
            absl::StrJoin(lexicon_->ToPivot(stem, Language::kDanish), ","));
}

TEST(PivotLexiconLoadTest, DirectoryWithoutDictionariesIsNotFound) {
  auto analyzer = Analyzer::Create();
  ASSERT_THAT(analyzer, IsOk());
  EXPECT_THAT(PivotLexicon::Load(**analyzer, ::testing::TempDir() + "/no-dictd"),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("script/bootstrap")));
}

}  // namespace
}  // namespace corematch::matching
