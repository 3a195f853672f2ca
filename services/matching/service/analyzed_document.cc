#include "services/matching/service/analyzed_document.h"

#include <cstdint>
#include <vector>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/matching/engine/byte_codec.h"
#include "services/matching/engine/features_codec.h"

namespace corematch::matching {
namespace {

// The repository analyses documents of an older format again. Solutions, 2:
// target-group hashes are Fingerprint32s (1 held absl::Hash values, which no
// later process reproduces). Requests, 3: two English pivots a stem, as the
// need's query has (2 held three).
constexpr uint8_t kSolutionFormat = 2;
constexpr uint8_t kRequestFormat = 3;
constexpr char kSolutionKind = 'S';
constexpr char kRequestKind = 'R';
constexpr uint8_t kQuoteFormat = 1;
constexpr char kQuoteKind = 'Q';
constexpr uint8_t kTranslatedBit = 1u << 7;

void WriteDocument(ByteWriter& w, const IndexedDocument& document) {
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

bool ReadTerm(ByteReader& r, IndexedTerm& term) {
  uint8_t present;
  if (!r.String(term.term) || !r.Byte(present)) return false;
  term.translated = (present & kTranslatedBit) != 0;
  for (int f = 0; f < kFieldCount; ++f) {
    if ((present & (1u << f)) != 0 && !r.Small(term.tf[f])) return false;
  }
  return true;
}

bool ReadDocument(ByteReader& r, IndexedDocument& document) {
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

absl::Status ReadHeader(ByteReader& r, uint8_t expected_format, char kind) {
  uint8_t format, actual_kind;
  if (!r.Byte(format) || !r.Byte(actual_kind)) return Corrupt("truncated header");
  if (actual_kind != static_cast<uint8_t>(kind)) return Corrupt("of another kind");
  if (format != expected_format) {
    return absl::FailedPreconditionError(
        absl::StrCat("analysed document: format ", format, ", expected ", expected_format));
  }
  return absl::OkStatus();
}

}  // namespace

std::string SerializeAnalyzed(const AnalyzedSolution& solution) {
  ByteWriter w;
  w.Byte(kSolutionFormat);
  w.Byte(kSolutionKind);
  WriteDocument(w, solution.document);
  WriteFeatures(w, solution.features);
  return w.Take();
}

std::string SerializeAnalyzed(const AnalyzedRequest& request) {
  ByteWriter w;
  w.Byte(kRequestFormat);
  w.Byte(kRequestKind);
  WriteDocument(w, request.document);
  WriteFeatures(w, request.features);
  return w.Take();
}

absl::StatusOr<AnalyzedSolution> ParseAnalyzedSolution(absl::string_view blob) {
  ByteReader r(blob);
  RETURN_IF_ERROR(ReadHeader(r, kSolutionFormat, kSolutionKind));
  AnalyzedSolution out;
  if (!ReadDocument(r, out.document) || !ReadFeatures(r, out.features) || !r.done()) {
    return Corrupt("truncated or malformed solution");
  }
  return out;
}

absl::StatusOr<AnalyzedRequest> ParseAnalyzedRequest(absl::string_view blob) {
  ByteReader r(blob);
  RETURN_IF_ERROR(ReadHeader(r, kRequestFormat, kRequestKind));
  AnalyzedRequest out;
  if (!ReadDocument(r, out.document) || !ReadFeatures(r, out.features) || !r.done()) {
    return Corrupt("truncated or malformed request");
  }
  return out;
}

std::string SerializeQuote(const SolutionRecord& solution,
                           const std::vector<std::vector<std::string>>& core_terms) {
  ByteWriter w;
  w.Byte(kQuoteFormat);
  w.Byte(kQuoteKind);
  w.String(solution.title);
  w.String(solution.language);
  w.Varint(solution.core_elements.size());
  for (size_t i = 0; i < solution.core_elements.size(); ++i) {
    w.String(solution.core_elements[i].title);
    w.Strings(i < core_terms.size() ? core_terms[i] : std::vector<std::string>());
  }
  w.Varint(solution.preconditions.size());
  for (const PreconditionText& p : solution.preconditions) {
    w.String(p.kind);
    w.String(p.description);
  }
  return w.Take();
}

absl::StatusOr<SolutionRecord> ParseQuote(absl::string_view blob) {
  ByteReader r(blob);
  RETURN_IF_ERROR(ReadHeader(r, kQuoteFormat, kQuoteKind));
  SolutionRecord quote;
  uint64_t cores = 0, preconditions = 0;
  if (!r.String(quote.title) || !r.String(quote.language) || !r.Count(cores)) {
    return Corrupt("truncated quote");
  }
  quote.core_elements.resize(cores);
  quote.core_terms.resize(cores);
  for (size_t i = 0; i < cores; ++i) {
    if (!r.String(quote.core_elements[i].title) || !r.Strings(quote.core_terms[i])) {
      return Corrupt("truncated or malformed quote");
    }
  }
  if (!r.Count(preconditions)) return Corrupt("truncated quote");
  quote.preconditions.resize(preconditions);
  for (PreconditionText& p : quote.preconditions) {
    if (!r.String(p.kind) || !r.String(p.description)) return Corrupt("truncated quote");
  }
  if (!r.done()) return Corrupt("trailing bytes after the quote");
  return quote;
}

}  // namespace corematch::matching
