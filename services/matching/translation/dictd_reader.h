// services/matching/translation/dictd_reader.h
//
// Reads a dictd database (the format Debian's dict-freedict-* packages ship):
// `<name>.index` holds one line per headword, "headword TAB offset TAB length"
// with offset and length in dictd's base64 digits, and `<name>.dict.dz` holds
// the definitions, compressed with dictzip (gzip-compatible, so zlib reads it).
//
//   ASSIGN_OR_RETURN(auto db, DictdDatabase::Open("/usr/share/dictd/freedict-dan-eng"));
//   for (const DictdDatabase::Entry& entry : db->entries()) {
//     absl::string_view text = db->Definition(entry);
//   }
//
// The whole dictionary is decompressed into memory once: the lexicon builder
// visits every entry, so random access through the dictzip chunks buys nothing.
#ifndef COREMATCH_SERVICES_MATCHING_TRANSLATION_DICTD_READER_H_
#define COREMATCH_SERVICES_MATCHING_TRANSLATION_DICTD_READER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace corematch::matching {

// Decodes a dictd base64 number ("A" = 0, "B" = 1, "BA" = 64, ...).
// Returns INVALID_ARGUMENT on an empty string, a character outside the
// alphabet, or a value that does not fit in 64 bits.
absl::StatusOr<uint64_t> DecodeDictdNumber(absl::string_view digits);

// One dictd database held in memory. Immutable after Open; safe for
// concurrent readers.
class DictdDatabase final {
 public:
  struct Entry {
    // The index headword: dictd folds it to lower case and drops
    // punctuation, so the definition's first line is the faithful form.
    std::string headword;
    uint64_t offset = 0;
    uint64_t length = 0;
  };

  DictdDatabase(const DictdDatabase&) = delete;
  DictdDatabase& operator=(const DictdDatabase&) = delete;

  // Opens `<path_prefix>.index` and `<path_prefix>.dict.dz` (or an
  // uncompressed `<path_prefix>.dict`). Returns NOT_FOUND when either file is
  // missing, DATA_LOSS when the index is malformed or points past the data.
  static absl::StatusOr<std::unique_ptr<DictdDatabase>> Open(absl::string_view path_prefix);

  // One entry per distinct definition, in index order, without dictfmt's
  // "00database..." metadata entries. An index names a definition once per
  // headword it answers to; only the first of those is kept.
  absl::Span<const Entry> entries() const { return entries_; }

  // The definition text of `entry`, which must come from entries().
  absl::string_view Definition(const Entry& entry) const {
    return absl::string_view(data_).substr(entry.offset, entry.length);
  }

  // Definitions of entries() whose headword equals `folded_headword` (lower
  // case, as dictd folds it), in index order; a definition kept under another
  // headword is not found. For tests and diagnostics: a linear scan.
  std::vector<absl::string_view> Lookup(absl::string_view folded_headword) const;

  // Bytes of decompressed definition text.
  size_t data_size() const { return data_.size(); }

 private:
  DictdDatabase(std::string data, std::vector<Entry> entries)
      : data_(std::move(data)), entries_(std::move(entries)) {}

  std::string data_;
  std::vector<Entry> entries_;
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_TRANSLATION_DICTD_READER_H_
