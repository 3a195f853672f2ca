// clients/cli/text.cc
#include "clients/cli/text.h"

#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"

namespace corematch::cli {
namespace {

constexpr absl::string_view kEllipsis = "\xE2\x80\xA6";  // U+2026
constexpr absl::string_view kNoBreakSpace = "\xC2\xA0";  // U+00A0

bool IsContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The byte offset at which code point number `n` (0-based) starts, or
// text.size() if `text` has at most `n` code points.
size_t ByteOffsetOfCodePoint(absl::string_view text, size_t n) {
  size_t seen = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (IsContinuationByte(text[i])) continue;
    if (seen == n) return i;
    ++seen;
  }
  return text.size();
}

// The length in bytes of the white space starting at `text[i]`, 0 if none.
size_t WhitespaceAt(absl::string_view text, size_t i) {
  if (absl::ascii_isspace(static_cast<unsigned char>(text[i]))) return 1;
  if (text.substr(i, kNoBreakSpace.size()) == kNoBreakSpace) return kNoBreakSpace.size();
  return 0;
}

}  // namespace

size_t CodePointCount(absl::string_view text) {
  size_t count = 0;
  for (char c : text) {
    if (!IsContinuationByte(c)) ++count;
  }
  return count;
}

std::string TruncateCodePoints(absl::string_view text, size_t max_code_points) {
  if (max_code_points == 0) return "";
  if (CodePointCount(text) <= max_code_points) return std::string(text);
  std::string result(text.substr(0, ByteOffsetOfCodePoint(text, max_code_points - 1)));
  result.append(kEllipsis.data(), kEllipsis.size());
  return result;
}

std::string CollapseWhitespace(absl::string_view text) {
  std::string result;
  result.reserve(text.size());
  bool pending_space = false;
  size_t i = 0;
  while (i < text.size()) {
    size_t space = WhitespaceAt(text, i);
    if (space > 0) {
      pending_space = !result.empty();
      i += space;
      continue;
    }
    if (pending_space) result.push_back(' ');
    pending_space = false;
    result.push_back(text[i]);
    ++i;
  }
  return result;
}

std::string FirstSentence(absl::string_view text) {
  std::string collapsed = CollapseWhitespace(text);
  size_t code_points = 0;
  for (size_t i = 0; i < collapsed.size(); ++i) {
    char c = collapsed[i];
    if (!IsContinuationByte(c)) ++code_points;
    bool ends = (c == '.' || c == '!' || c == '?') &&
                (i + 1 == collapsed.size() || collapsed[i + 1] == ' ');
    if (ends && code_points >= kMinSentenceCodePoints) return collapsed.substr(0, i + 1);
  }
  return collapsed;
}

}  // namespace corematch::cli
