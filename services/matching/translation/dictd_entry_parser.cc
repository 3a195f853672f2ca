// services/matching/translation/dictd_entry_parser.cc
#include "services/matching/translation/dictd_entry_parser.h"

#include <algorithm>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace corematch::matching {
namespace {

// Lines that name other entries or comment on this one; FreeDict indents
// them, but Danish senses are indented too (" [kloster] abbey"), so the
// label, not the indentation, tells them apart.
constexpr absl::string_view kLabels[] = {
    "see:", "Synonym:", "Synonyms:", "Antonym:", "Antonyms:", "Note:", "Notes:"};

bool IsOpening(char c) { return c == '(' || c == '[' || c == '{' || c == '<'; }
bool IsClosing(char c) { return c == ')' || c == ']' || c == '}' || c == '>'; }

bool IsCommentLine(absl::string_view trimmed) {
  // Ding usage examples: "bei der Arbeit"  - at work
  if (absl::StartsWith(trimmed, "\"")) return true;
  return std::any_of(std::begin(kLabels), std::end(kLabels),
                     [&](absl::string_view label) { return absl::StartsWith(trimmed, label); });
}

// Strips a sense number ("2. accent mark"); every line is a sense of its own
// anyway, numbered or not.
void StripSenseNumber(absl::string_view& line) {
  size_t digits = 0;
  while (digits < line.size() && absl::ascii_isdigit(line[digits])) ++digits;
  if (digits == 0 || digits + 1 >= line.size() || line[digits] != '.' || line[digits + 1] != ' ') {
    return;
  }
  line.remove_prefix(digits + 2);
}

// Splits at commas and semicolons outside brackets: the glosses in brackets
// have commas of their own.
std::vector<absl::string_view> SplitTopLevel(absl::string_view line) {
  std::vector<absl::string_view> pieces;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (IsOpening(c)) ++depth;
    if (IsClosing(c) && depth > 0) --depth;
    if (depth == 0 && (c == ',' || c == ';')) {
      pieces.push_back(line.substr(start, i - start));
      start = i + 1;
    }
  }
  pieces.push_back(line.substr(start));
  return pieces;
}

// A pronunciation opens with a slash at the start of a word ("apt. /ˈapt/");
// "and/or" has its slash inside one.
bool OpensPronunciation(absl::string_view piece, size_t i, const std::string& text) {
  return piece[i] == '/' && (text.empty() || text.back() == ' ') &&
         piece.find('/', i + 1) != absl::string_view::npos;
}

// Drops bracketed text (nested or not), pronunciations and anything after the
// grammar note, keeps that note and collapses the spaces left behind.
DictdTranslation CleanTranslation(absl::string_view piece) {
  DictdTranslation translation;
  std::string text;
  int depth = 0;
  size_t grammar_start = 0;
  bool grammar_seen = false;
  for (size_t i = 0; i < piece.size(); ++i) {
    const char c = piece[i];
    if (IsOpening(c)) {
      if (depth++ == 0 && c == '<' && !grammar_seen) grammar_start = i + 1;
      continue;
    }
    if (IsClosing(c) && depth > 0) {
      if (--depth == 0 && c == '>' && !grammar_seen && grammar_start > 0) {
        translation.grammar = std::string(piece.substr(grammar_start, i - grammar_start));
        grammar_seen = true;
      }
      continue;
    }
    // Ding closes a translation with its grammar: what follows is an
    // abbreviation ("apartment <n> [Am.] apt.").
    if (depth > 0 || grammar_seen) continue;
    if (OpensPronunciation(piece, i, text)) {
      i = piece.find('/', i + 1);
      continue;
    }
    text.push_back(c);
  }
  std::vector<absl::string_view> words =
      absl::StrSplit(text, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  translation.text = absl::StrJoin(words, " ");
  return translation;
}

std::vector<DictdTranslation> ParseSenseLine(absl::string_view line) {
  std::vector<DictdTranslation> translations;
  for (absl::string_view piece : SplitTopLevel(line)) {
    DictdTranslation translation = CleanTranslation(piece);
    if (!translation.text.empty()) translations.push_back(std::move(translation));
  }
  return translations;
}

// "abe /ˈabə/ <n>": the headword ends where the pronunciation or grammar
// begins.
void ParseFirstLine(absl::string_view line, DictdEntry& entry) {
  const size_t end = std::min(line.find(" /"), line.find(" <"));
  entry.headword = std::string(absl::StripAsciiWhitespace(line.substr(0, end)));
  if (end == absl::string_view::npos) return;
  const size_t open = line.find('<', end);
  const size_t close = line.find('>', open);
  if (open != absl::string_view::npos && close != absl::string_view::npos) {
    entry.grammar = std::string(line.substr(open + 1, close - open - 1));
  }
}

}  // namespace

DictdEntry ParseDictdEntry(absl::string_view definition) {
  DictdEntry entry;
  std::vector<absl::string_view> lines = absl::StrSplit(definition, '\n');
  ParseFirstLine(lines.front(), entry);
  for (size_t i = 1; i < lines.size(); ++i) {
    absl::string_view line = absl::StripAsciiWhitespace(lines[i]);
    if (line.empty() || IsCommentLine(line)) continue;
    StripSenseNumber(line);
    std::vector<DictdTranslation> sense = ParseSenseLine(line);
    if (!sense.empty()) entry.senses.push_back(std::move(sense));
  }
  return entry;
}

bool IsVerbGrammar(absl::string_view grammar) {
  absl::string_view first = grammar.substr(0, grammar.find(','));
  first = absl::StripAsciiWhitespace(first);
  return first == "v" || first == "vt" || first == "vi" || first == "verb";
}

}  // namespace corematch::matching
