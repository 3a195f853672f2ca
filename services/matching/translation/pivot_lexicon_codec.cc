// services/matching/translation/pivot_lexicon_codec.cc
#include "services/matching/translation/pivot_lexicon_codec.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"

namespace corematch::matching {
namespace {

constexpr absl::string_view kMagic = "CMPIVOT";
constexpr uint64_t kVersion = 1;

void PutVarint(std::string& out, uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

// Sorted stems share long prefixes ("arbejd", "arbejder", ...): storing only
// the new suffix roughly halves the blob.
void PutFrontCoded(std::string& out, absl::string_view previous, absl::string_view s) {
  size_t shared = 0;
  while (shared < previous.size() && shared < s.size() && previous[shared] == s[shared]) ++shared;
  PutVarint(out, shared);
  PutVarint(out, s.size() - shared);
  out.append(s.data() + shared, s.size() - shared);
}

// Reads what the Put functions wrote; every read checks bounds, since a blob
// may come from disk.
class Reader {
 public:
  explicit Reader(absl::string_view data) : data_(data) {}

  bool done() const { return data_.empty(); }
  size_t remaining() const { return data_.size(); }

  absl::StatusOr<uint64_t> Varint() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (data_.empty()) return Truncated();
      const uint8_t byte = static_cast<uint8_t>(data_.front());
      data_.remove_prefix(1);
      value |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    return absl::DataLossError("pivot lexicon blob: varint too long");
  }

  absl::StatusOr<absl::string_view> Bytes(uint64_t n) {
    if (n > data_.size()) return Truncated();
    absl::string_view bytes = data_.substr(0, n);
    data_.remove_prefix(n);
    return bytes;
  }

  // Replaces `s` (the previous string) with the next front-coded one.
  absl::Status FrontCoded(std::string& s) {
    ASSIGN_OR_RETURN(uint64_t shared, Varint());
    ASSIGN_OR_RETURN(uint64_t suffix_size, Varint());
    if (shared > s.size()) return absl::DataLossError("pivot lexicon blob: bad prefix length");
    ASSIGN_OR_RETURN(absl::string_view suffix, Bytes(suffix_size));
    s.resize(shared);
    s.append(suffix.data(), suffix.size());
    return absl::OkStatus();
  }

 private:
  static absl::Status Truncated() { return absl::DataLossError("pivot lexicon blob truncated"); }
  absl::string_view data_;
};

absl::Status ReadHeader(Reader& reader) {
  ASSIGN_OR_RETURN(absl::string_view magic, reader.Bytes(kMagic.size()));
  if (magic != kMagic) return absl::DataLossError("not a pivot lexicon blob");
  ASSIGN_OR_RETURN(uint64_t version, reader.Varint());
  if (version != kVersion) {
    return absl::FailedPreconditionError(
        absl::StrCat("pivot lexicon blob version ", version, ", expected ", kVersion));
  }
  return absl::OkStatus();
}

absl::StatusOr<std::vector<std::string>> ReadPool(Reader& reader) {
  ASSIGN_OR_RETURN(uint64_t count, reader.Varint());
  std::vector<std::string> pool;
  pool.reserve(std::min<uint64_t>(count, reader.remaining()));
  std::string stem;
  for (uint64_t i = 0; i < count; ++i) {
    RETURN_IF_ERROR(reader.FrontCoded(stem));
    pool.push_back(stem);
  }
  return pool;
}

}  // namespace

std::string PivotLexiconCodec::Encode(const PivotLexicon& lexicon) {
  std::string out(kMagic);
  PutVarint(out, kVersion);
  const size_t english_slot = LanguageIndex(Language::kEnglish);
  static const PivotLexicon::Table kEmpty;
  const PivotLexicon::Table& english =
      english_slot < lexicon.tables_.size() ? lexicon.tables_[english_slot] : kEmpty;
  // The English table's pivots are the sorted pool; its runs give each
  // stem's pool index.
  PutVarint(out, english.pivots.size());
  absl::string_view previous;
  for (const std::string& stem : english.pivots) {
    PutFrontCoded(out, previous, stem);
    previous = stem;
  }
  std::vector<size_t> slots;
  for (size_t slot = 0; slot < lexicon.tables_.size(); ++slot) {
    if (slot != english_slot && lexicon.tables_[slot].covered) slots.push_back(slot);
  }
  PutVarint(out, slots.size());
  for (size_t slot : slots) {
    const PivotLexicon::Table& table = lexicon.tables_[slot];
    std::vector<std::pair<absl::string_view, PivotLexicon::Run>> runs(table.runs.begin(),
                                                                      table.runs.end());
    std::sort(runs.begin(), runs.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    PutVarint(out, slot);
    PutVarint(out, runs.size());
    previous = {};
    for (const auto& [stem, run] : runs) {
      PutFrontCoded(out, previous, stem);
      previous = stem;
      PutVarint(out, run.count);
      for (uint32_t i = run.begin; i < run.begin + run.count; ++i) {
        PutVarint(out, english.runs.at(table.pivots[i]).begin);
      }
    }
  }
  return out;
}

absl::StatusOr<std::unique_ptr<PivotLexicon>> PivotLexiconCodec::Decode(absl::string_view blob) {
  Reader reader(blob);
  RETURN_IF_ERROR(ReadHeader(reader));
  ASSIGN_OR_RETURN(std::vector<std::string> pool, ReadPool(reader));
  std::unique_ptr<PivotLexicon> lexicon(new PivotLexicon());
  ASSIGN_OR_RETURN(uint64_t table_count, reader.Varint());
  for (uint64_t t = 0; t < table_count; ++t) {
    ASSIGN_OR_RETURN(uint64_t slot, reader.Varint());
    // kUnknown and English have no table of their own in the blob.
    if (slot >= kLanguageCount || slot == LanguageIndex(Language::kUnknown) ||
        slot == LanguageIndex(Language::kEnglish) ||
        (slot < lexicon->tables_.size() && lexicon->tables_[slot].covered)) {
      return absl::DataLossError(absl::StrCat("pivot lexicon blob: bad language slot ", slot));
    }
    PivotLexicon::Table& table = lexicon->MutableTable(static_cast<Language>(slot));
    table.covered = true;
    ASSIGN_OR_RETURN(uint64_t stem_count, reader.Varint());
    table.runs.reserve(std::min<uint64_t>(stem_count, reader.remaining()));
    std::string stem;
    for (uint64_t s = 0; s < stem_count; ++s) {
      RETURN_IF_ERROR(reader.FrontCoded(stem));
      ASSIGN_OR_RETURN(uint64_t count, reader.Varint());
      if (count == 0 || count > PivotLexicon::kMaxPivotsPerStem) {
        return absl::DataLossError("pivot lexicon blob: bad pivot count");
      }
      table.runs[stem] = {static_cast<uint32_t>(table.pivots.size()), static_cast<uint32_t>(count)};
      for (uint64_t i = 0; i < count; ++i) {
        ASSIGN_OR_RETURN(uint64_t index, reader.Varint());
        if (index >= pool.size()) return absl::DataLossError("pivot lexicon blob: bad pivot");
        table.pivots.push_back(pool[index]);
      }
    }
  }
  if (!reader.done()) return absl::DataLossError("pivot lexicon blob: trailing bytes");
  lexicon->IndexEnglish();
  return lexicon;
}

}  // namespace corematch::matching
