// clients/cli/text.h
//
// Small UTF-8 text helpers for the CLI: length limits in corematch count code
// points ("at most 200 characters"), so truncation and column widths must
// count code points too, never bytes, and never cut a multi-byte sequence.
//
//   std::string title = TruncateCodePoints(row_title, 200);  // <= 200 code points
//
// Every function is pure and thread-safe. Input is expected to be valid UTF-8
// (protobuf strings are); for other input results are well-defined but not
// meaningful.
#ifndef COREMATCH_CLIENTS_CLI_TEXT_H_
#define COREMATCH_CLIENTS_CLI_TEXT_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace corematch::cli {

// The number of code points in `text` (continuation bytes are not counted).
size_t CodePointCount(absl::string_view text);

// Returns `text` if it has at most `max_code_points` code points, else its
// first `max_code_points - 1` code points followed by "…" (U+2026), so the
// result has exactly `max_code_points` code points. `max_code_points` 0
// yields "".
std::string TruncateCodePoints(absl::string_view text, size_t max_code_points);

// The first sentence of `text`: up to and including the first '.', '!' or
// '?' that is followed by white space or the end and comes after at least
// `kMinSentenceCodePoints` code points (so "e.g." near the start does not end
// it). White space is collapsed. Returns the whole (collapsed) text if it has
// no such end.
inline constexpr size_t kMinSentenceCodePoints = 20;
std::string FirstSentence(absl::string_view text);

// `text` with runs of white space (ASCII and U+00A0 no-break space) collapsed
// into one ' ' and stripped at both ends.
std::string CollapseWhitespace(absl::string_view text);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_TEXT_H_
