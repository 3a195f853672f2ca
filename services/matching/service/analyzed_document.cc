#include "services/matching/service/analyzed_document.h"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"

namespace corematch::matching {
namespace {

constexpr uint8_t kFormat = 1;
constexpr char kSolutionKind = 'S';
constexpr char kRequestKind = 'R';
// Sanity bounds, so a corrupt count cannot make us allocate gigabytes.
constexpr uint64_t kMaxCount = 1u << 24;
constexpr uint8_t kTranslatedBit = 1u << 7;

class Writer {
 public:
  void Byte(uint8_t b) { out_.push_back(static_cast<char>(b)); }
  void Varint(uint64_t v) {
    while (v >= 0x80) {
      Byte(static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    Byte(static_cast<uint8_t>(v));
  }
  void Signed(int64_t v) {
    Varint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63));
  }
  void String(absl::string_view s) {
    Varint(s.size());
    out_.append(s.data(), s.size());
  }
  void Strings(const std::vector<std::string>& list) {
    Varint(list.size());
    for (const std::string& s : list) String(s);
  }
  void Hashes(std::vector<uint32_t> hashes) {
    std::sort(hashes.begin(), hashes.end());
    Varint(hashes.size());
    uint32_t previous = 0;
    for (uint32_t h : hashes) {
      Varint(h - previous);
      previous = h;
    }
  }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(absl::string_view in) : in_(in) {}

  bool Byte(uint8_t& b) {
    if (pos_ >= in_.size()) return false;
    b = static_cast<uint8_t>(in_[pos_++]);
    return true;
  }
  bool Varint(uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      uint8_t b;
      if (!Byte(b)) return false;
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) return true;
    }
    return false;
  }
  template <typename T>
  bool Small(T& value) {
    uint64_t v;
    if (!Varint(v) || v > static_cast<uint64_t>(std::numeric_limits<T>::max())) return false;
    value = static_cast<T>(v);
    return true;
  }
  bool Signed(int64_t& v) {
    uint64_t u;
    if (!Varint(u)) return false;
    v = static_cast<int64_t>(u >> 1) ^ -static_cast<int64_t>(u & 1);
    return true;
  }
  bool Count(uint64_t& n) { return Varint(n) && n <= kMaxCount && n <= in_.size() - pos_; }
  bool String(std::string& s) {
    uint64_t n;
    if (!Varint(n) || n > in_.size() - pos_) return false;
    s.assign(in_.data() + pos_, n);
    pos_ += n;
    return true;
  }
  bool Strings(std::vector<std::string>& list) {
    uint64_t n;
    if (!Count(n)) return false;
    list.resize(n);
    for (std::string& s : list) {
      if (!String(s)) return false;
    }
    return true;
  }
  bool Hashes(std::vector<uint32_t>& hashes) {
    uint64_t n;
    if (!Count(n)) return false;
    hashes.resize(n);
    uint64_t previous = 0;
    for (uint32_t& h : hashes) {
      uint64_t delta;
      if (!Varint(delta) || previous + delta > UINT32_MAX) return false;
      previous += delta;
      h = static_cast<uint32_t>(previous);
    }
    return true;
  }
  bool done() const { return pos_ == in_.size(); }

 private:
  absl::string_view in_;
  size_t pos_ = 0;
};

void WriteDocument(Writer& w, const IndexedDocument& document) {
  w.Varint(document.terms.size());
  for (const IndexedTerm& term : document.terms) {
    w.String(term.term);
    // One byte: which fields have a count, and whether it came by translation.
    uint8_t present = term.translated ? kTranslatedBit : 0;
    for (int f = 0; f < kFieldCount; ++f) {
      if (term.tf[f] != 0) present |= static_cast<uint8_t>(1u << f);
    }
    w.Byte(present);
    for (int f = 0; f < kFieldCount; ++f) {
      if (term.tf[f] != 0) w.Varint(term.tf[f]);
    }
  }
  for (uint32_t length : document.length) w.Varint(length);
}

bool ReadTerm(Reader& r, IndexedTerm& term) {
  uint8_t present;
  if (!r.String(term.term) || !r.Byte(present)) return false;
  term.translated = (present & kTranslatedBit) != 0;
  for (int f = 0; f < kFieldCount; ++f) {
    if ((present & (1u << f)) != 0 && !r.Small(term.tf[f])) return false;
  }
  return true;
}

bool ReadDocument(Reader& r, IndexedDocument& document) {
  uint64_t n;
  if (!r.Count(n)) return false;
  document.terms.resize(n);
  for (IndexedTerm& term : document.terms) {
    if (!ReadTerm(r, term)) return false;
  }
  for (uint32_t& length : document.length) {
    if (!r.Small(length)) return false;
  }
  return true;
}

absl::Status Corrupt(absl::string_view what) {
  return absl::DataLossError(absl::StrCat("analysed document: ", what));
}

absl::Status ReadHeader(Reader& r, char kind) {
  uint8_t format, actual_kind;
  if (!r.Byte(format) || !r.Byte(actual_kind)) return Corrupt("truncated header");
  if (format != kFormat) {
    return absl::FailedPreconditionError(
        absl::StrCat("analysed document: format ", format, ", expected ", kFormat));
  }
  if (actual_kind != static_cast<uint8_t>(kind)) return Corrupt("of another kind");
  return absl::OkStatus();
}

}  // namespace

std::string SerializeAnalyzed(const AnalyzedSolution& solution) {
  Writer w;
  w.Byte(kFormat);
  w.Byte(kSolutionKind);
  WriteDocument(w, solution.document);
  const SolutionFeatures& f = solution.features;
  w.String(f.language);
  w.String(f.country);
  w.String(f.region);
  w.Strings(f.sectors);
  w.Hashes(f.target_group_terms);
  w.Signed(f.population);
  w.Signed(f.maturity);
  w.Signed(f.evidence_count);
  w.Signed(f.support_capacity);
  return w.Take();
}

std::string SerializeAnalyzed(const AnalyzedRequest& request) {
  Writer w;
  w.Byte(kFormat);
  w.Byte(kRequestKind);
  WriteDocument(w, request.document);
  const NeedFeatures& f = request.features;
  w.String(f.language);
  w.String(f.country);
  w.String(f.region);
  w.Strings(f.sectors);
  w.Hashes(f.target_group_terms);
  w.Signed(f.population);
  w.Strings(f.accepted_languages);
  return w.Take();
}

absl::StatusOr<AnalyzedSolution> ParseAnalyzedSolution(absl::string_view blob) {
  Reader r(blob);
  RETURN_IF_ERROR(ReadHeader(r, kSolutionKind));
  AnalyzedSolution out;
  SolutionFeatures& f = out.features;
  int64_t maturity, evidence, capacity;
  if (!ReadDocument(r, out.document) || !r.String(f.language) || !r.String(f.country) ||
      !r.String(f.region) || !r.Strings(f.sectors) || !r.Hashes(f.target_group_terms) ||
      !r.Signed(f.population) || !r.Signed(maturity) || !r.Signed(evidence) ||
      !r.Signed(capacity) || !r.done()) {
    return Corrupt("truncated or malformed solution");
  }
  f.maturity = static_cast<MaturityLevel>(maturity);
  f.evidence_count = static_cast<int>(evidence);
  f.support_capacity = static_cast<int>(capacity);
  return out;
}

absl::StatusOr<AnalyzedRequest> ParseAnalyzedRequest(absl::string_view blob) {
  Reader r(blob);
  RETURN_IF_ERROR(ReadHeader(r, kRequestKind));
  AnalyzedRequest out;
  NeedFeatures& f = out.features;
  if (!ReadDocument(r, out.document) || !r.String(f.language) || !r.String(f.country) ||
      !r.String(f.region) || !r.Strings(f.sectors) || !r.Hashes(f.target_group_terms) ||
      !r.Signed(f.population) || !r.Strings(f.accepted_languages) || !r.done()) {
    return Corrupt("truncated or malformed request");
  }
  return out;
}

}  // namespace corematch::matching
