// services/matching/translation/pivot_lexicon_stats.cc
//
// Measures what the pivot lexicon holds and what it adds to matching:
//
//   pivot_lexicon_stats [--dictd_dir=DIR | --read=BLOB] [--write=BLOB]
//                       [--show=TAG:WORD ...] TEXT.<tag>.txt ...
//
// prints the dictionary entries read, the stems per language, load time from
// the .dz files and from the serialised blob, memory, and for each text (its
// language from the tag before ".txt": "seed.da.txt") the share of its
// distinct word stems that have a pivot; for each pair of texts in different
// languages, the stems they share with and without the pivot. --write saves
// the blob for a service to Deserialize at start-up, --read starts from one
// instead of the dictionaries; --show=da:arbejde prints a word's pivots.
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_format.h"
#include "services/matching/analysis/analyzer.h"
#include "services/matching/translation/dictd_reader.h"
#include "services/matching/translation/pivot_lexicon.h"

namespace corematch::matching {
namespace {

struct Text {
  std::string path;
  Language language = Language::kUnknown;
  std::set<std::string> stems;    // the words' own stems
  std::set<std::string> pivots;   // English pivots of stems and compound parts
  int words_with_pivot = 0;       // distinct word stems with a pivot of their own
  int words_with_part_pivot = 0;  // ... or through a compound part
};

// Wall and CPU time: on a shared machine the CPU time is the comparable one.
class Stopwatch {
 public:
  Stopwatch() : wall_(std::chrono::steady_clock::now()), cpu_(std::clock()) {}
  std::string Elapsed() const {
    const double wall =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_).count();
    const double cpu = 1000.0 * static_cast<double>(std::clock() - cpu_) / CLOCKS_PER_SEC;
    return absl::StrFormat("%.0f ms (cpu %.0f ms)", wall, cpu);
  }

 private:
  std::chrono::steady_clock::time_point wall_;
  std::clock_t cpu_;
};

// "seeds/guide.sv.txt" -> kSwedish.
Language LanguageOfPath(const std::string& path) {
  std::filesystem::path p(path);
  return LanguageFromTag(p.stem().extension().string().substr(1));
}

void CountDictionaryEntries(const std::string& dir) {
  std::map<std::string, size_t> counts;
  for (const auto& file : std::filesystem::directory_iterator(dir)) {
    const std::string name = file.path().filename().string();
    if (!absl::StartsWith(name, "freedict-") || !absl::EndsWith(name, ".index")) continue;
    const std::string prefix = (file.path().parent_path() / file.path().stem()).string();
    auto database = DictdDatabase::Open(prefix);
    if (database.ok()) counts[file.path().stem().string()] = (*database)->entries().size();
  }
  for (const auto& [name, count] : counts)
    std::cout << absl::StrFormat("  %-20s %8d entries\n", name, count);
}

Text AnalyzeText(const std::string& path, const Analyzer& analyzer, const PivotLexicon& lexicon) {
  Text text;
  text.path = path;
  text.language = LanguageOfPath(path);
  std::ifstream in(path);
  std::stringstream contents;
  contents << in.rdbuf();
  // Per word position: its stem and whether it or one of its parts pivots.
  std::map<uint32_t, std::pair<std::string, int>> words;
  std::map<std::string, int> best;  // stem -> 2 own pivot, 1 via a part, 0 none
  for (const AnalyzedTerm& term : analyzer.Analyze(contents.str(), text.language)) {
    const bool pivots = !lexicon.ToPivot(term.term, text.language).empty();
    for (const std::string& pivot : lexicon.ToPivot(term.term, text.language)) {
      text.pivots.insert(pivot);
    }
    auto& [stem, level] = words[term.position];
    if (!term.from_compound) stem = term.term;
    if (pivots) level = std::max(level, term.from_compound ? 1 : 2);
  }
  for (const auto& [position, word] : words) {
    int& level = best[word.first];
    level = std::max(level, word.second);
  }
  for (const auto& [stem, level] : best) {
    text.stems.insert(stem);
    if (level == 2) ++text.words_with_pivot;
    if (level >= 1) ++text.words_with_part_pivot;
  }
  return text;
}

// "da:arbejde" -> "da arbejde [arbejd] -> work job ...".
void ShowWord(const std::string& show, const Analyzer& analyzer, const PivotLexicon& lexicon) {
  const size_t colon = show.find(':');
  const Language language = LanguageFromTag(show.substr(0, colon));
  const std::string word = show.substr(colon + 1);
  const std::string stem = analyzer.Stem(analyzer.Normalize(word), language);
  std::cout << LanguageTag(language) << " " << word << " [" << stem << "] ->";
  for (const std::string& pivot : lexicon.ToPivot(stem, language)) std::cout << " " << pivot;
  std::cout << "\n";
}

template <typename T>
size_t Shared(const std::set<T>& a, const std::set<T>& b) {
  size_t n = 0;
  for (const T& x : a) n += b.count(x);
  return n;
}

struct Flags {
  std::string dictd_dir = "/usr/share/dictd";
  std::string write_path;
  std::string read_path;
  std::vector<std::string> shows;
  std::vector<std::string> texts;
};

Flags ParseFlags(int argc, char** argv) {
  Flags flags;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (absl::StartsWith(arg, "--dictd_dir=")) {
      flags.dictd_dir = arg.substr(12);
    } else if (absl::StartsWith(arg, "--write=")) {
      flags.write_path = arg.substr(8);
    } else if (absl::StartsWith(arg, "--read=")) {
      flags.read_path = arg.substr(7);
    } else if (absl::StartsWith(arg, "--show=")) {
      flags.shows.push_back(arg.substr(7));
    } else {
      flags.texts.push_back(arg);
    }
  }
  return flags;
}

absl::StatusOr<std::unique_ptr<PivotLexicon>> ReadBlob(const std::string& path) {
  Stopwatch read;
  std::ifstream in(path, std::ios::binary);
  std::stringstream blob;
  blob << in.rdbuf();
  auto lexicon = PivotLexicon::Deserialize(blob.str());
  std::cout << "load from blob " << path << ": " << read.Elapsed() << "\n";
  return lexicon;
}

absl::StatusOr<std::unique_ptr<PivotLexicon>> LoadDictionaries(const Flags& flags,
                                                               const Analyzer& analyzer) {
  std::cout << "dictionaries in " << flags.dictd_dir << ":\n";
  Stopwatch read;
  CountDictionaryEntries(flags.dictd_dir);
  std::cout << "read + decompress only: " << read.Elapsed() << "\n";
  Stopwatch load;
  auto lexicon = PivotLexicon::Load(analyzer, flags.dictd_dir);
  if (!lexicon.ok()) return lexicon;
  std::cout << "load from .dz: " << load.Elapsed() << "\n";
  const std::string blob = (*lexicon)->Serialize();
  Stopwatch deserialize;
  if (auto copy = PivotLexicon::Deserialize(blob); !copy.ok()) return copy;
  std::cout << "load from blob: " << deserialize.Elapsed()
            << absl::StrFormat("; blob %.2f MB\n", blob.size() / 1e6);
  if (!flags.write_path.empty()) std::ofstream(flags.write_path, std::ios::binary) << blob;
  return lexicon;
}

void PrintSizes(const PivotLexicon& lexicon) {
  std::cout << "stems with a pivot:\n";
  for (Language language : lexicon.languages()) {
    std::cout << absl::StrFormat("  %-3s %8d\n", LanguageTag(language), lexicon.size(language));
  }
  std::cout << absl::StrFormat("memory ~%.1f MB\n", lexicon.ApproximateMemoryUsage() / 1e6);
}

void PrintTexts(const std::vector<std::string>& paths, const Analyzer& analyzer,
                const PivotLexicon& lexicon) {
  std::vector<Text> texts;
  for (const std::string& path : paths) {
    Text text = AnalyzeText(path, analyzer, lexicon);
    const double n = std::max<size_t>(text.stems.size(), 1);
    std::cout << absl::StrFormat(
        "%s (%s): %d distinct word stems; with a pivot %d (%.1f%%); counting compound parts "
        "%d (%.1f%%)\n",
        path, LanguageTag(text.language), text.stems.size(), text.words_with_pivot,
        100 * text.words_with_pivot / n, text.words_with_part_pivot,
        100 * text.words_with_part_pivot / n);
    texts.push_back(std::move(text));
  }
  for (size_t i = 0; i < texts.size(); ++i) {
    for (size_t j = i + 1; j < texts.size(); ++j) {
      if (texts[i].language == texts[j].language) continue;
      std::cout << absl::StrFormat("%s ~ %s: shared stems %d without pivot, %d pivot stems\n",
                                   LanguageTag(texts[i].language), LanguageTag(texts[j].language),
                                   Shared(texts[i].stems, texts[j].stems),
                                   Shared(texts[i].pivots, texts[j].pivots));
    }
  }
}

int Run(int argc, char** argv) {
  const Flags flags = ParseFlags(argc, argv);
  auto analyzer = Analyzer::Create();
  if (!analyzer.ok()) return std::cerr << analyzer.status() << "\n", 1;
  auto lexicon =
      flags.read_path.empty() ? LoadDictionaries(flags, **analyzer) : ReadBlob(flags.read_path);
  if (!lexicon.ok()) return std::cerr << lexicon.status() << "\n", 1;
  PrintSizes(**lexicon);
  for (const std::string& show : flags.shows) ShowWord(show, **analyzer, **lexicon);
  PrintTexts(flags.texts, **analyzer, **lexicon);
  return 0;
}

}  // namespace
}  // namespace corematch::matching

int main(int argc, char** argv) { return corematch::matching::Run(argc, argv); }
