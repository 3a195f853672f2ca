// services/matching/analysis/analyzer_test.cc
#include "services/matching/analysis/analyzer.h"

#include <random>
#include <string>
#include <thread>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/matching/analysis/internal/text.h"

namespace corematch::matching {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Not;
using ::testing::UnorderedElementsAre;

// From the seed texts in /work/shared/seeds.
constexpr absl::string_view kDanishSeed =
    "Spredning handler ikke om, at alle skal gøre det samme, men om at sprede den positive "
    "effekt og værdi, en god løsning skaber, så flere mærker den effekt og værdi.";
constexpr absl::string_view kSwedishSeed =
    "Syftet var att utforma en process för spridning av innovationer i offentliga sektorn, "
    "testa den på en verklig innovation och sedan använda erfarenheterna från försöket.";
constexpr absl::string_view kNorwegian =
    "Kommunen skal sørge for at innbyggerne får hjelp når de trenger det, og NAV-kontoret "
    "følger opp dem som står uten arbeid etter at sosialhjelpen er innvilget.";
constexpr absl::string_view kFinnish =
    "Kunta järjestää sosiaalipalveluja ja tukee työttömiä, jotta he voivat palata "
    "työelämään mahdollisimman nopeasti.";
constexpr absl::string_view kEnglish =
    "The municipality helps people who receive income support to find work or study "
    "within 48 hours of their application.";
constexpr absl::string_view kGerman =
    "Die Gemeinde unterstützt arbeitslose Menschen dabei, schnell wieder eine Arbeit zu "
    "finden, und berät sie bei Fragen zum Bürgergeld.";

class AnalyzerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    absl::StatusOr<std::unique_ptr<Analyzer>> created = Analyzer::Create();
    ASSERT_TRUE(created.ok()) << created.status();
    analyzer_ = created->release();
  }
  static void TearDownTestSuite() {
    delete analyzer_;
    analyzer_ = nullptr;
  }

  static std::vector<std::string> Terms(absl::string_view text, Language language) {
    return analyzer_->Terms(text, language);
  }
  static std::string Stem(absl::string_view word, Language language) {
    return analyzer_->Stem(word, language);
  }

  static Analyzer* analyzer_;
};

Analyzer* AnalyzerTest::analyzer_ = nullptr;

TEST_F(AnalyzerTest, StemsInflectionsTogether) {
  struct Case {
    Language language;
    absl::string_view inflected;
    absl::string_view base;
  };
  const Case cases[] = {
      {Language::kDanish, "kommunerne", "kommune"},
      {Language::kDanish, "borgernes", "borger"},
      {Language::kSwedish, "arbetslösheten", "arbetslös"},
      {Language::kSwedish, "kommunerna", "kommun"},
      {Language::kNorwegian, "kommunene", "kommune"},
      {Language::kFinnish, "palveluja", "palvelu"},
      {Language::kEnglish, "employment", "employed"},
      {Language::kEnglish, "municipalities", "municipality"},
      {Language::kGerman, "arbeitslosen", "arbeitslos"},
      {Language::kGerman, "kommunen", "kommune"},
      {Language::kDutch, "gemeenten", "gemeente"},
      {Language::kFrench, "municipalités", "municipalité"},
      {Language::kSpanish, "servicios", "servicio"},
      {Language::kItalian, "servizi", "servizio"},
      {Language::kPortuguese, "serviços", "serviço"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(LanguageTag(c.language)) + ": " + std::string(c.inflected));
    EXPECT_EQ(Stem(c.inflected, c.language), Stem(c.base, c.language));
    EXPECT_THAT(Terms(c.inflected, c.language), Contains(Stem(c.base, c.language)));
  }
  EXPECT_EQ(Stem("kommunerne", Language::kDanish), "kommun");
  EXPECT_EQ(Stem("employment", Language::kEnglish), "employ");
  EXPECT_EQ(Stem("Kommunerne", Language::kUnknown), "Kommunerne");
}

TEST_F(AnalyzerTest, DropsStopWords) {
  EXPECT_THAT(Terms("arbete och bostad", Language::kSwedish),
              ElementsAre(Stem("arbete", Language::kSwedish), Stem("bostad", Language::kSwedish)));
  EXPECT_THAT(Terms("job og bolig", Language::kDanish), Not(Contains("og")));
  EXPECT_THAT(Terms("The work of the council", Language::kEnglish), ElementsAre("work", "council"));
  EXPECT_THAT(Terms("Arbeit und Wohnung", Language::kGerman), Not(Contains("und")));
  EXPECT_THAT(Terms("og och the und", Language::kEnglish), ElementsAre("og", "och", "und"));
  EXPECT_TRUE(analyzer_->IsStopWord("og", Language::kNorwegian));
  EXPECT_TRUE(analyzer_->IsStopWord("dass", Language::kGerman));  // Listed as "daß".
  EXPECT_FALSE(analyzer_->IsStopWord("kommune", Language::kDanish));
}

TEST_F(AnalyzerTest, NormalisesBeforeStemming) {
  EXPECT_EQ(Terms("ﬁnancial", Language::kEnglish), Terms("financial", Language::kEnglish));
  EXPECT_EQ(Terms("KOMMUNERNE", Language::kDanish), Terms("kommunerne", Language::kDanish));
  EXPECT_THAT(Terms("INTEGRATION", Language::kEnglish), ElementsAre("integr"));
  EXPECT_EQ(Terms("Straße", Language::kGerman), Terms("strasse", Language::kGerman));
  EXPECT_EQ(Terms("kontant\u00ADhjælp", Language::kDanish),
            Terms("kontanthjælp", Language::kDanish));
  EXPECT_EQ(analyzer_->Normalize("Ⓚommune"), "kommune");
}

TEST_F(AnalyzerTest, AddsThePartsOfCompounds) {
  std::vector<AnalyzedTerm> terms = analyzer_->Analyze("försörjningsstöd", Language::kSwedish);
  EXPECT_THAT(terms,
              ElementsAre(AnalyzedTerm{Stem("försörjningsstöd", Language::kSwedish), 0, false},
                          AnalyzedTerm{Stem("försörjning", Language::kSwedish), 0, true},
                          AnalyzedTerm{Stem("stöd", Language::kSwedish), 0, true}));
  EXPECT_THAT(
      Terms("kontanthjælpsmodtager", Language::kDanish),
      ElementsAre(Stem("kontanthjælpsmodtager", Language::kDanish),
                  Stem("kontanthjælp", Language::kDanish), Stem("modtager", Language::kDanish)));
  std::vector<std::string> german = Terms("Arbeitslosengeld", Language::kGerman);
  EXPECT_THAT(german, Contains(Stem("arbeitslos", Language::kGerman)));
  EXPECT_THAT(german, Contains(Stem("geld", Language::kGerman)));
}

TEST_F(AnalyzerTest, CompoundsMeetTheirPartsAcrossInflection) {
  std::vector<std::string> plural = Terms("Kontanthjælpsmodtagerne", Language::kDanish);
  EXPECT_THAT(plural, Contains(Stem("modtager", Language::kDanish)));
  EXPECT_THAT(plural, Contains(Stem("kontanthjælp", Language::kDanish)));
  EXPECT_THAT(Terms("försörjningsstödet", Language::kSwedish),
              Contains(Stem("stöd", Language::kSwedish)));
  // The part meets the word on its own in another text.
  EXPECT_THAT(Terms("stöd till hushåll", Language::kSwedish),
              Contains(Stem("stöd", Language::kSwedish)));
}

TEST_F(AnalyzerTest, OnlyCompoundingLanguagesSplit) {
  for (const AnalyzedTerm& term : analyzer_->Analyze("caseworker", Language::kEnglish)) {
    EXPECT_FALSE(term.from_compound);
  }
}

TEST_F(AnalyzerTest, PositionsCountStopWordsAndShareCompounds) {
  std::vector<AnalyzedTerm> terms =
      analyzer_->Analyze("Jobb först för unga i Angered", Language::kSwedish);
  std::vector<uint32_t> positions;
  for (const AnalyzedTerm& term : terms) positions.push_back(term.position);
  EXPECT_THAT(positions, ElementsAre(0, 1, 3, 5));

  terms = analyzer_->Analyze("Kontanthjælpsmodtagere i kommunen", Language::kDanish);
  positions.clear();
  for (const AnalyzedTerm& term : terms) positions.push_back(term.position);
  EXPECT_THAT(positions, ElementsAre(0, 0, 0, 2));
}

TEST_F(AnalyzerTest, KeepsNumbersAndDropsPunctuation) {
  EXPECT_THAT(Terms("48 timmar, 40 %!", Language::kSwedish),
              ElementsAre("48", Stem("timmar", Language::kSwedish), "40"));
  EXPECT_THAT(Terms("", Language::kDanish), IsEmpty());
  EXPECT_THAT(Terms(" – … ", Language::kDanish), IsEmpty());
}

TEST_F(AnalyzerTest, StripsRomanceElisions) {
  EXPECT_THAT(Terms("l'emploi des jeunes", Language::kFrench),
              ElementsAre(Stem("emploi", Language::kFrench), Stem("jeunes", Language::kFrench)));
  EXPECT_THAT(Terms("dell’anno", Language::kItalian),
              ElementsAre(Stem("anno", Language::kItalian)));
}

TEST_F(AnalyzerTest, SurvivesIllFormedUtf8) {
  std::vector<std::string> terms = Terms("arbe\xFFjde \xC3", Language::kDanish);
  for (const std::string& term : terms) EXPECT_TRUE(internal::IsValidUtf8(term)) << term;
}

TEST_F(AnalyzerTest, SurvivesArbitraryBytes) {
  std::mt19937 random(7);  // Fixed seed: the same bytes every run.
  const std::string alphabet = "ab æøåäöß\xC3\xA6\xE2\x80\x99'-.,0123456789\xFF\x80\xF0";
  for (int i = 0; i < 500; ++i) {
    std::string text;
    for (int n = static_cast<int>(random() % 40); n > 0; --n) {
      text.push_back(alphabet[random() % alphabet.size()]);
    }
    for (Language language : {Language::kUnknown, Language::kDanish, Language::kFrench}) {
      for (const AnalyzedTerm& term : analyzer_->Analyze(text, language)) {
        EXPECT_TRUE(internal::IsValidUtf8(term.term));
        EXPECT_FALSE(term.term.empty());
      }
    }
  }
}

TEST_F(AnalyzerTest, WordCacheChangesNothing) {
  absl::StatusOr<std::unique_ptr<Analyzer>> uncached =
      Analyzer::Create(AnalyzerOptions{.word_cache_size = 0});
  absl::StatusOr<std::unique_ptr<Analyzer>> tiny =
      Analyzer::Create(AnalyzerOptions{.word_cache_size = 3});
  ASSERT_TRUE(uncached.ok());
  ASSERT_TRUE(tiny.ok());
  for (absl::string_view text : {kDanishSeed, kSwedishSeed, kGerman, kDanishSeed}) {
    std::vector<AnalyzedTerm> expected = analyzer_->Analyze(text, Language::kUnknown);
    EXPECT_EQ((*uncached)->Analyze(text, Language::kUnknown), expected);
    EXPECT_EQ((*tiny)->Analyze(text, Language::kUnknown), expected);
  }
}

TEST_F(AnalyzerTest, GuessesLanguagesOfRealSentences) {
  EXPECT_EQ(analyzer_->GuessLanguage(kDanishSeed), Language::kDanish);
  EXPECT_EQ(analyzer_->GuessLanguage(kSwedishSeed), Language::kSwedish);
  EXPECT_EQ(analyzer_->GuessLanguage(kNorwegian), Language::kNorwegian);
  EXPECT_EQ(analyzer_->GuessLanguage(kFinnish), Language::kFinnish);
  EXPECT_EQ(analyzer_->GuessLanguage(kEnglish), Language::kEnglish);
  EXPECT_EQ(analyzer_->GuessLanguage(kGerman), Language::kGerman);
  EXPECT_EQ(analyzer_->GuessLanguage("De gemeente helpt ouderen met de zorg thuis en in de wijk."),
            Language::kDutch);
  EXPECT_EQ(analyzer_->GuessLanguage("La commune aide les jeunes à trouver un emploi."),
            Language::kFrench);
}

TEST_F(AnalyzerTest, GuessesLanguagesOfShortQueries) {
  EXPECT_EQ(analyzer_->GuessLanguage("kontanthjælpsmodtager"), Language::kDanish);
  EXPECT_EQ(analyzer_->GuessLanguage("sosialhjelpsmottaker"), Language::kNorwegian);
  EXPECT_EQ(analyzer_->GuessLanguage("försörjningsstöd"), Language::kSwedish);
  EXPECT_EQ(analyzer_->GuessLanguage("Arbeitslosengeld"), Language::kGerman);
  EXPECT_EQ(analyzer_->GuessLanguage("toimeentulotuki"), Language::kFinnish);
}

TEST_F(AnalyzerTest, GuessesUnknownWithoutEvidence) {
  EXPECT_EQ(analyzer_->GuessLanguage(""), Language::kUnknown);
  EXPECT_EQ(analyzer_->GuessLanguage("2018 2019 48"), Language::kUnknown);
  EXPECT_EQ(analyzer_->GuessLanguage("xqzv"), Language::kUnknown);
}

TEST_F(AnalyzerTest, UnknownLanguageIsGuessedFirst) {
  EXPECT_EQ(analyzer_->Analyze(kDanishSeed, Language::kUnknown),
            analyzer_->Analyze(kDanishSeed, Language::kDanish));
  EXPECT_EQ(analyzer_->Analyze(kSwedishSeed, Language::kUnknown),
            analyzer_->Analyze(kSwedishSeed, Language::kSwedish));
  // Nothing to guess from: normalised words, unstemmed.
  EXPECT_THAT(Terms("Xqzv 12", Language::kUnknown), ElementsAre("xqzv", "12"));
}

TEST_F(AnalyzerTest, AddWordsTeachesCompoundPartsButNotStopWords) {
  absl::StatusOr<std::unique_ptr<Analyzer>> analyzer = Analyzer::Create();
  ASSERT_TRUE(analyzer.ok());
  EXPECT_THAT((*analyzer)->Terms("vindkraftverk", Language::kSwedish),
              ElementsAre("vindkraftverk"));
  ASSERT_TRUE((*analyzer)->AddWords(Language::kSwedish, {"Vindkraft", "verk", "och"}).ok());
  EXPECT_THAT((*analyzer)->Terms("vindkraftverk", Language::kSwedish),
              UnorderedElementsAre("vindkraftverk", "vindkraft", "verk"));
  EXPECT_FALSE((*analyzer)->decompounder().GetLexicon(Language::kSwedish)->Contains("och"));
  EXPECT_EQ((*analyzer)->AddWords(Language::kEnglish, {"work"}).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(AnalyzerTest, ConcurrentAnalysisGivesIdenticalResults) {
  const std::vector<std::pair<absl::string_view, Language>> texts = {
      {kDanishSeed, Language::kDanish},         {kSwedishSeed, Language::kSwedish},
      {kNorwegian, Language::kUnknown},         {kFinnish, Language::kFinnish},
      {kEnglish, Language::kEnglish},           {kGerman, Language::kUnknown},
      {"försörjningsstöd", Language::kSwedish},
  };
  std::vector<std::vector<AnalyzedTerm>> expected;
  for (const auto& [text, language] : texts) expected.push_back(analyzer_->Analyze(text, language));

  std::vector<std::vector<bool>> same(4, std::vector<bool>(texts.size(), true));
  std::vector<std::thread> threads;
  for (size_t t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        for (size_t i = 0; i < texts.size(); ++i) {
          if (analyzer_->Analyze(texts[i].first, texts[i].second) != expected[i]) {
            same[t][i] = false;
          }
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (size_t t = 0; t < 4; ++t) {
    for (size_t i = 0; i < texts.size(); ++i) EXPECT_TRUE(same[t][i]) << t << " " << i;
  }
}

}  // namespace
}  // namespace corematch::matching
