// services/matching/analysis/internal/text.cc
#include "services/matching/analysis/internal/text.h"

#include <cstdint>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "unicode/bytestream.h"
#include "unicode/locid.h"
#include "unicode/ubrk.h"
#include "unicode/utext.h"
#include "unicode/utf8.h"

namespace corematch::matching::internal {
namespace {

// Copies `text` with every ill-formed sequence replaced by U+FFFD; user input
// is untrusted, and ICU and Snowball both expect well-formed UTF-8.
std::string ReplaceIllFormed(absl::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) {
      out.append("\xEF\xBF\xBD");
    } else {
      out.append(text.data() + start, static_cast<size_t>(i - start));
    }
  }
  return out;
}

}  // namespace

bool IsValidUtf8(absl::string_view text) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    if (bytes[i] < 0x80) {  // ASCII: the common case, no decoding needed.
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return false;
  }
  return true;
}

size_t CodePointCount(absl::string_view text) {
  size_t count = 0;
  for (char byte : text) {
    if ((static_cast<uint8_t>(byte) & 0xC0) != 0x80) ++count;
  }
  return count;
}

absl::StatusOr<TextNormalizer> TextNormalizer::Create() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) {
    return absl::InternalError(
        absl::StrCat("ICU NFKC_Casefold normaliser unavailable: ", u_errorName(status)));
  }
  return TextNormalizer(normalizer);
}

void TextNormalizer::Normalize(absl::string_view text, std::string* out) const {
  out->clear();
  std::string repaired;
  if (!IsValidUtf8(text)) {
    repaired = ReplaceIllFormed(text);
    text = repaired;
  }
  icu::StringByteSink<std::string> sink(out, static_cast<int32_t>(text.size()));
  UErrorCode status = U_ZERO_ERROR;
  normalizer_->normalizeUTF8(0, icu::StringPiece(text.data(), static_cast<int32_t>(text.size())),
                             sink, nullptr, status);
  // Only memory exhaustion can fail on well-formed input; analysing the
  // unnormalised text then is better than analysing none.
  if (U_FAILURE(status)) out->assign(text.data(), text.size());
}

std::string TextNormalizer::Normalize(absl::string_view text) const {
  std::string out;
  Normalize(text, &out);
  return out;
}

absl::StatusOr<std::unique_ptr<WordBreaker>> WordBreaker::Create() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> iterator(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || iterator == nullptr) {
    return absl::InternalError(
        absl::StrCat("ICU word break iterator unavailable: ", u_errorName(status)));
  }
  return std::unique_ptr<WordBreaker>(new WordBreaker(std::move(iterator)));
}

std::unique_ptr<WordBreaker> WordBreaker::Clone() const {
  return std::unique_ptr<WordBreaker>(
      new WordBreaker(std::unique_ptr<icu::BreakIterator>(iterator_->clone())));
}

void WordBreaker::Break(absl::string_view text, std::vector<Word>* words) {
  words->clear();
  UErrorCode status = U_ZERO_ERROR;
  // Iterating the UTF-8 directly gives byte offsets into `text`: no UTF-16 copy.
  UText utext = UTEXT_INITIALIZER;
  utext_openUTF8(&utext, text.data(), static_cast<int64_t>(text.size()), &status);
  iterator_->setText(&utext, status);
  if (U_FAILURE(status)) {
    utext_close(&utext);
    return;
  }
  int32_t start = iterator_->first();
  for (int32_t end = iterator_->next(); end != icu::BreakIterator::DONE;
       start = end, end = iterator_->next()) {
    // Rule status ranges (ubrk.h): [0,100) spaces and punctuation, [100,200)
    // numbers, [200,...) letters, kana, ideographs.
    int32_t rule = iterator_->getRuleStatus();
    if (rule < UBRK_WORD_NUMBER) continue;
    words->push_back(Word{text.substr(static_cast<size_t>(start), static_cast<size_t>(end - start)),
                          rule < UBRK_WORD_LETTER});
  }
  utext_close(&utext);
}

}  // namespace corematch::matching::internal
