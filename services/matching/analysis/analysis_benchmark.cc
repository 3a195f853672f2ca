// services/matching/analysis/analysis_benchmark.cc
//
// Analysis speed on the texts the matching engine sees: a query of about 50
// words (an adoption request's need) and a description of about 300 words
// (a solution). Run: analysis_benchmark [--benchmark_filter=...]
#include <memory>
#include <string>

#include "absl/strings/str_split.h"
#include "benchmark/benchmark.h"
#include "services/matching/analysis/analyzer.h"

namespace corematch::matching {
namespace {

constexpr const char kDanishQuery[] =
    "Vi søger en løsning, der kan hjælpe kontanthjælpsmodtagere og unge ledige hurtigere i "
    "job eller uddannelse. Jobcentret skal samarbejde med virksomhederne om praktikpladser, "
    "og sagsbehandlerne skal have bedre digitale redskaber til opfølgning, så borgerne "
    "oplever en sammenhængende indsats fra første henvendelse til varig beskæftigelse, også "
    "når de har brug for støtte fra psykiatrien.";

constexpr const char kDanishDescription[] =
    "Jobbet først er en beskæftigelsesindsats, hvor borgere, der søger om kontanthjælp, "
    "inden for 48 timer får tilbudt et job, en praktikplads eller et uddannelsesforløb. "
    "Løsningen blev udviklet i et samarbejde mellem jobcentret, socialforvaltningen og "
    "lokale virksomheder, og den bygger på en enkel idé: jo hurtigere en ledig borger kommer "
    "i gang, desto større er chancen for at blive selvforsørgende. Kernen i løsningen er "
    "den hurtige første samtale, en fast kontaktperson og et tæt samarbejde med "
    "arbejdsgiverne om konkrete stillinger. Sagsbehandleren og virksomhedskonsulenten "
    "arbejder sammen fra første dag, og borgeren møder kun én indgang til kommunen. "
    "Tilpasningen til lokale forhold handler især om, hvilke brancher der mangler "
    "arbejdskraft, og hvordan uddannelsesinstitutionerne kan inddrages. Forudsætningerne er "
    "en ledelse, der prioriterer indsatsen, medarbejdere med kompetencer inden for både "
    "beskæftigelse og socialt arbejde, samt et it-system, hvor sagsbehandlingen kan "
    "dokumenteres løbende. Effekten er målt over to år: antallet af husstande på "
    "kontanthjælp faldt med næsten 40 procent, og ventetiden fra ansøgning til første "
    "aktivitet faldt fra tre uger til to dage. Borgerne oplever større tryghed og mere "
    "motivation, og medarbejderne oplever, at deres arbejde giver mening. Kommunen sparede "
    "et tocifret millionbeløb om året på forsørgelsesydelser. Spredningen til andre "
    "kommuner er sket gennem et netværk af jobcentre, der mødes fire gange om året og deler "
    "erfaringer, skabeloner og data om resultaterne. Hver ny kommune gennemfører en "
    "risikovurdering, planlægger implementeringen og evaluerer effekten efter et år. "
    "Modstand fra medarbejdere håndteres ved at inddrage dem tidligt i designet af de nye "
    "arbejdsgange, og lederne følger op på fremdriften hver måned. Erfaringerne viser, at "
    "løsningen kan tilpasses både store bykommuner og mindre landkommuner, når kernen "
    "bevares: hurtig kontakt, konkrete job og et stærkt partnerskab med erhvervslivet. "
    "Løsningen er dokumenteret i en metodehåndbog med værktøjer til visitation, opfølgning "
    "og måling af effekter, og den kan frit anvendes af alle offentlige myndigheder i "
    "Norden. Kontakt jobcentret for at høre mere om, hvordan jeres kommune kan komme i gang "
    "med Jobbet først, og hvilke ressourcer det kræver.";

size_t WordCount(absl::string_view text) {
  return static_cast<size_t>(std::distance(absl::StrSplit(text, ' ', absl::SkipEmpty()).begin(),
                                           absl::StrSplit(text, ' ', absl::SkipEmpty()).end()));
}

// Analyzers shared by the benchmark threads, as the engine shares one.
Analyzer& SharedAnalyzer(bool cache_words) {
  static Analyzer* cached = Analyzer::Create()->release();
  static Analyzer* uncached = Analyzer::Create(AnalyzerOptions{.word_cache_size = 0})->release();
  return cache_words ? *cached : *uncached;
}

// range(0): 1 with the word cache (words seen before: the steady state of
// indexing a corpus), 0 without (every word analysed afresh).
void Run(benchmark::State& state, absl::string_view text, Language language) {
  Analyzer& analyzer = SharedAnalyzer(state.range(0) != 0);
  size_t terms = 0;
  for (auto _ : state) {
    std::vector<AnalyzedTerm> analyzed = analyzer.Analyze(text, language);
    terms = analyzed.size();
    benchmark::DoNotOptimize(analyzed);
  }
  state.counters["words"] =
      benchmark::Counter(static_cast<double>(WordCount(text)), benchmark::Counter::kAvgThreads);
  state.counters["terms"] =
      benchmark::Counter(static_cast<double>(terms), benchmark::Counter::kAvgThreads);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void BM_AnalyzeDanishQuery(benchmark::State& state) { Run(state, kDanishQuery, Language::kDanish); }
BENCHMARK(BM_AnalyzeDanishQuery)->ArgName("cache")->Arg(0)->Arg(1)->ThreadRange(1, 2);

void BM_AnalyzeDanishQueryGuessingLanguage(benchmark::State& state) {
  Run(state, kDanishQuery, Language::kUnknown);
}
BENCHMARK(BM_AnalyzeDanishQueryGuessingLanguage)->ArgName("cache")->Arg(0)->Arg(1);

void BM_AnalyzeDanishDescription(benchmark::State& state) {
  Run(state, kDanishDescription, Language::kDanish);
}
BENCHMARK(BM_AnalyzeDanishDescription)->ArgName("cache")->Arg(0)->Arg(1)->ThreadRange(1, 2);

void BM_AnalyzeDanishDescriptionGuessingLanguage(benchmark::State& state) {
  Run(state, kDanishDescription, Language::kUnknown);
}
BENCHMARK(BM_AnalyzeDanishDescriptionGuessingLanguage)->ArgName("cache")->Arg(0)->Arg(1);

void BM_GuessLanguageDanishDescription(benchmark::State& state) {
  Analyzer& analyzer = SharedAnalyzer(true);
  for (auto _ : state) benchmark::DoNotOptimize(analyzer.GuessLanguage(kDanishDescription));
}
BENCHMARK(BM_GuessLanguageDanishDescription);

}  // namespace
}  // namespace corematch::matching

BENCHMARK_MAIN();
