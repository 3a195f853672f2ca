// services/matching/translation/pivot_lexicon.cc
#include "services/matching/translation/pivot_lexicon.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/matching/analysis/analyzer.h"
#include "services/matching/translation/dictd_entry_parser.h"
#include "services/matching/translation/dictd_reader.h"
#include "services/matching/translation/pivot_lexicon_builder.h"
#include "services/matching/translation/pivot_lexicon_codec.h"

namespace corematch::matching {
namespace {

enum class Direction { kToEnglish, kFromEnglish };

struct Dictionary {
  absl::string_view name;
  Direction direction;
  std::vector<Language> languages;
};

// The FreeDict dictionaries script/bootstrap installs. Norwegian reads the
// Danish ones through the Norwegian stemmer: there is no Norwegian FreeDict in
// Debian, and bokmål spelling is close to Danish ("arbeid"/"arbejde" differ,
// "skole", "barn", "bolig" do not), so this is an approximation that finds the
// shared words only. Finnish has no FreeDict in Debian at all.
const std::vector<Dictionary>& Catalogue() {
  static const auto* const kCatalogue = new std::vector<Dictionary>{
      {"freedict-dan-eng", Direction::kToEnglish, {Language::kDanish, Language::kNorwegian}},
      {"freedict-eng-dan", Direction::kFromEnglish, {Language::kDanish, Language::kNorwegian}},
      {"freedict-eng-swe", Direction::kFromEnglish, {Language::kSwedish}},
      {"freedict-deu-eng", Direction::kToEnglish, {Language::kGerman}},
      {"freedict-eng-deu", Direction::kFromEnglish, {Language::kGerman}},
      {"freedict-fra-eng", Direction::kToEnglish, {Language::kFrench}},
      {"freedict-nld-eng", Direction::kToEnglish, {Language::kDutch}},
  };
  return *kCatalogue;
}

void AddDatabase(const DictdDatabase& database, const Dictionary& dictionary,
                 PivotLexiconBuilder& builder) {
  for (Language language : dictionary.languages) builder.AddLanguage(language);
  for (const DictdDatabase::Entry& index_entry : database.entries()) {
    const DictdEntry entry = ParseDictdEntry(database.Definition(index_entry));
    for (Language language : dictionary.languages) {
      if (dictionary.direction == Direction::kToEnglish) {
        builder.AddToEnglishEntry(language, entry);
      } else {
        builder.AddFromEnglishEntry(language, entry);
      }
    }
  }
}

// A word of letters (any script) or digits, as the Analyzer's word breaker
// keeps whole; "A-Dur" or "monkey‐bread" would be split there, so their stems
// could never be looked up.
bool IsOneWord(absl::string_view word) {
  if (word.empty()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(word[i]);
    if (c < 0x80 && !absl::ascii_isalnum(c)) return false;
    // U+2000..U+207F, General Punctuation: the dictionaries' hyphens and dashes.
    if (c == 0xE2 && i + 1 < word.size() && (word[i + 1] == '\x80' || word[i + 1] == '\x81')) {
      return false;
    }
  }
  return true;
}

// Normalize, stop words, Stem: what Analyzer::Terms does to one word, minus
// the word breaking and decompounding, whose cost nearly doubled Load's time.
std::string StemWord(const Analyzer& analyzer, absl::string_view word, Language language) {
  const std::string normalized = analyzer.Normalize(word);
  if (!IsOneWord(normalized) || analyzer.IsStopWord(normalized, language)) return "";
  return analyzer.Stem(normalized, language);
}

size_t StringHeapBytes(const std::string& s) {
  // Short strings live inside the object (libstdc++ keeps up to 15 bytes).
  return s.capacity() > 15 ? s.capacity() + 1 : 0;
}

}  // namespace

absl::StatusOr<std::unique_ptr<PivotLexicon>> PivotLexicon::Load(const Analyzer& analyzer,
                                                                 absl::string_view dictd_dir) {
  PivotLexiconBuilder builder([&analyzer](absl::string_view word, Language language) {
    return StemWord(analyzer, word, language);
  });
  int loaded = 0;
  for (const Dictionary& dictionary : Catalogue()) {
    absl::StatusOr<std::unique_ptr<DictdDatabase>> database =
        DictdDatabase::Open(absl::StrCat(dictd_dir, "/", dictionary.name));
    if (absl::IsNotFound(database.status())) continue;
    if (!database.ok()) return database.status();
    AddDatabase(**database, dictionary, builder);
    ++loaded;
  }
  if (loaded == 0) {
    return absl::NotFoundError(absl::StrCat("no FreeDict dictionary in ", dictd_dir,
                                            "; run script/bootstrap to install dict-freedict-*"));
  }
  return std::move(builder).Build();
}

absl::Span<const std::string> PivotLexicon::ToPivot(absl::string_view stem,
                                                    Language language) const {
  const size_t slot = LanguageIndex(language);
  if (slot >= tables_.size()) return {};
  const Table& table = tables_[slot];
  auto it = table.runs.find(stem);
  if (it == table.runs.end()) return {};
  return absl::MakeConstSpan(table.pivots.data() + it->second.begin, it->second.count);
}

std::vector<Language> PivotLexicon::languages() const {
  std::vector<Language> languages;
  for (size_t slot = 0; slot < tables_.size(); ++slot) {
    if (tables_[slot].covered) languages.push_back(static_cast<Language>(slot));
  }
  return languages;
}

size_t PivotLexicon::size(Language language) const {
  const size_t slot = LanguageIndex(language);
  return slot < tables_.size() ? tables_[slot].runs.size() : 0;
}

size_t PivotLexicon::ApproximateMemoryUsage() const {
  size_t bytes = tables_.capacity() * sizeof(Table);
  for (const Table& table : tables_) {
    // A flat_hash_map slot is the pair plus one control byte.
    bytes += table.runs.capacity() * (sizeof(std::pair<const std::string, Run>) + 1);
    for (const auto& [stem, run] : table.runs) bytes += StringHeapBytes(stem);
    bytes += table.pivots.capacity() * sizeof(std::string);
    for (const std::string& pivot : table.pivots) bytes += StringHeapBytes(pivot);
  }
  return bytes;
}

std::string PivotLexicon::Serialize() const { return PivotLexiconCodec::Encode(*this); }

absl::StatusOr<std::unique_ptr<PivotLexicon>> PivotLexicon::Deserialize(absl::string_view blob) {
  return PivotLexiconCodec::Decode(blob);
}

PivotLexicon::Table& PivotLexicon::MutableTable(Language language) {
  const size_t slot = LanguageIndex(language);
  if (slot >= tables_.size()) tables_.resize(slot + 1);
  return tables_[slot];
}

void PivotLexicon::IndexEnglish() {
  Table english;
  absl::flat_hash_set<absl::string_view> seen;
  for (size_t slot = 0; slot < tables_.size(); ++slot) {
    if (static_cast<Language>(slot) == Language::kEnglish) continue;
    english.covered = english.covered || tables_[slot].covered;
    for (const std::string& pivot : tables_[slot].pivots) {
      if (seen.insert(pivot).second) english.pivots.push_back(pivot);
    }
  }
  std::sort(english.pivots.begin(), english.pivots.end());
  english.runs.reserve(english.pivots.size());
  for (size_t i = 0; i < english.pivots.size(); ++i) {
    english.runs[english.pivots[i]] = {static_cast<uint32_t>(i), 1};
  }
  MutableTable(Language::kEnglish) = std::move(english);
}

}  // namespace corematch::matching
