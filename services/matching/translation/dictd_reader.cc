// services/matching/translation/dictd_reader.cc
#include "services/matching/translation/dictd_reader.h"

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/status_macros.h"

namespace corematch::matching {
namespace {

// dictfmt's own entries ("00databaseinfo", "00databaseshort", ...) describe
// the database, not words; the index folds "00-database-" to this prefix.
constexpr absl::string_view kMetadataPrefix = "00database";

int DigitValue(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == '/') return 63;
  return -1;
}

absl::StatusOr<std::string> ReadIndexFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot open dictd index ", path));
  std::ostringstream contents;
  contents << in.rdbuf();
  return std::move(contents).str();
}

// The uncompressed size from the gzip trailer (ISIZE, modulo 2^32), so the
// 100 MB German text is allocated once instead of grown; 0 if unknown.
size_t UncompressedSizeHint(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in || in.tellg() < 4) return 0;
  in.seekg(-4, std::ios::end);
  unsigned char trailer[4];
  if (!in.read(reinterpret_cast<char*>(trailer), 4)) return 0;
  return trailer[0] | (trailer[1] << 8) | (trailer[2] << 16) | (size_t{trailer[3]} << 24);
}

// Reads a whole gzip (dictzip) or plain file: gzread passes plain files through.
absl::StatusOr<std::string> ReadDataFile(const std::string& path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (file == nullptr) return absl::NotFoundError(absl::StrCat("cannot open dictd data ", path));
  gzbuffer(file, 1 << 18);
  std::string data;
  data.reserve(UncompressedSizeHint(path) + 1);
  constexpr size_t kChunk = 1 << 20;
  for (;;) {
    const size_t old_size = data.size();
    data.resize(old_size + kChunk);
    const int n = gzread(file, data.data() + old_size, static_cast<unsigned>(kChunk));
    if (n < 0) {
      int errnum = 0;
      const std::string message = gzerror(file, &errnum);
      gzclose(file);
      return absl::DataLossError(absl::StrCat("cannot decompress ", path, ": ", message));
    }
    data.resize(old_size + static_cast<size_t>(n));
    if (n == 0) break;
  }
  gzclose(file);
  return data;
}

absl::StatusOr<DictdDatabase::Entry> ParseIndexLine(absl::string_view line) {
  const size_t tab1 = line.find('\t');
  const size_t tab2 = tab1 == absl::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
  if (tab2 == absl::string_view::npos || line.find('\t', tab2 + 1) != absl::string_view::npos) {
    return absl::DataLossError(absl::StrCat("dictd index line without 3 fields: ", line));
  }
  DictdDatabase::Entry entry;
  entry.headword = std::string(line.substr(0, tab1));
  ASSIGN_OR_RETURN(entry.offset, DecodeDictdNumber(line.substr(tab1 + 1, tab2 - tab1 - 1)));
  ASSIGN_OR_RETURN(entry.length, DecodeDictdNumber(line.substr(tab2 + 1)));
  return entry;
}

absl::StatusOr<std::vector<DictdDatabase::Entry>> ParseIndex(absl::string_view index,
                                                             size_t data_size) {
  // One line is ~20 bytes: reserve rather than rehash 500,000 times.
  const size_t expected = index.size() / 20;
  std::vector<DictdDatabase::Entry> entries;
  entries.reserve(expected);
  absl::flat_hash_set<uint64_t> seen_offsets;
  seen_offsets.reserve(expected);
  for (absl::string_view line : absl::StrSplit(index, '\n', absl::SkipEmpty())) {
    ASSIGN_OR_RETURN(DictdDatabase::Entry entry, ParseIndexLine(line));
    if (entry.offset > data_size || entry.length > data_size - entry.offset) {
      return absl::DataLossError(absl::StrCat("dictd index points past the data: ", line));
    }
    if (absl::StartsWith(entry.headword, kMetadataPrefix)) continue;
    if (!seen_offsets.insert(entry.offset).second) continue;
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace

absl::StatusOr<uint64_t> DecodeDictdNumber(absl::string_view digits) {
  if (digits.empty()) return absl::InvalidArgumentError("empty dictd number");
  uint64_t value = 0;
  for (char c : digits) {
    const int digit = DigitValue(c);
    if (digit < 0) {
      return absl::InvalidArgumentError(absl::StrCat("bad dictd number digit in ", digits));
    }
    if (value > (std::numeric_limits<uint64_t>::max() >> 6)) {
      return absl::InvalidArgumentError(absl::StrCat("dictd number too large: ", digits));
    }
    value = (value << 6) | static_cast<uint64_t>(digit);
  }
  return value;
}

absl::StatusOr<std::unique_ptr<DictdDatabase>> DictdDatabase::Open(absl::string_view path_prefix) {
  const std::string prefix(path_prefix);
  ASSIGN_OR_RETURN(std::string index, ReadIndexFile(prefix + ".index"));
  std::string data_path = prefix + ".dict.dz";
  if (!std::filesystem::exists(data_path)) data_path = prefix + ".dict";
  if (!std::filesystem::exists(data_path)) {
    return absl::NotFoundError(absl::StrCat("no ", prefix, ".dict.dz or .dict"));
  }
  ASSIGN_OR_RETURN(std::string data, ReadDataFile(data_path));
  ASSIGN_OR_RETURN(std::vector<Entry> entries, ParseIndex(index, data.size()));
  return std::unique_ptr<DictdDatabase>(new DictdDatabase(std::move(data), std::move(entries)));
}

std::vector<absl::string_view> DictdDatabase::Lookup(absl::string_view folded_headword) const {
  std::vector<absl::string_view> definitions;
  for (const Entry& entry : entries_) {
    if (entry.headword == folded_headword) definitions.push_back(Definition(entry));
  }
  return definitions;
}

}  // namespace corematch::matching
