#include "services/validation/validation.h"

#include <cstddef>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"

namespace corematch::validation {
namespace {

// ISO 3166-1 alpha-2, officially assigned codes, sorted; one line per first
// letter, each code followed by a space so that code i starts at 3 * i.
constexpr char kCountryCodes[] =
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ "
    "BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ "
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ "
    "DE DJ DK DM DO DZ "
    "EC EE EG EH ER ES ET "
    "FI FJ FK FM FO FR "
    "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY "
    "HK HM HN HR HT HU "
    "ID IE IL IM IN IO IQ IR IS IT "
    "JE JM JO JP "
    "KE KG KH KI KM KN KP KR KW KY KZ "
    "LA LB LC LI LK LR LS LT LU LV LY "
    "MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ "
    "NA NC NE NF NG NI NL NO NP NR NU NZ "
    "OM "
    "PA PE PF PG PH PK PL PM PN PR PS PT PW PY "
    "QA "
    "RE RO RS RU RW "
    "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ "
    "TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ "
    "UA UG UM US UY UZ "
    "VA VC VE VG VI VN VU "
    "WF WS "
    "YE YT "
    "ZA ZM ZW ";
static_assert(sizeof(kCountryCodes) - 1 == 249 * 3, "ISO 3166-1 assigns 249 alpha-2 codes");

// The 27 EU member states since 2020-02-01, sorted like kCountryCodes.
constexpr char kEuMembers[] =
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK ";
static_assert(sizeof(kEuMembers) - 1 == 27 * 3, "the EU has 27 member states");

constexpr size_t kMaxRegionLength = 200;

// Binary search in a table laid out like kCountryCodes.
bool InCodeTable(absl::string_view table, absl::string_view code) {
  if (code.size() != 2) return false;
  size_t lo = 0;
  size_t hi = table.size() / 3;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    const int order = table.substr(mid * 3, 2).compare(code);
    if (order == 0) return true;
    if (order < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return false;
}

bool IsContinuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

// Decodes the code point that starts at text[pos] into *code_point and returns
// its length in bytes, or 0 if the bytes there are not well-formed UTF-8. The
// ranges of the second byte are Table 3-7 of the Unicode standard: they are
// what excludes overlongs (E0, F0), surrogates (ED) and values above U+10FFFF
// (F4) without decoding first and range-checking after.
size_t DecodeUtf8(absl::string_view text, size_t pos, char32_t* code_point) {
  const auto at = [&](size_t i) { return static_cast<unsigned char>(text[pos + i]); };
  const unsigned char lead = at(0);
  if (lead < 0x80) {
    *code_point = lead;
    return 1;
  }
  size_t length;
  unsigned char second_min = 0x80;
  unsigned char second_max = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) second_min = 0xA0;
    if (lead == 0xED) second_max = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) second_min = 0x90;
    if (lead == 0xF4) second_max = 0x8F;
  } else {
    return 0;  // A stray continuation byte, an overlong lead (C0, C1) or F5..FF.
  }
  if (text.size() - pos < length) return 0;
  if (at(1) < second_min || at(1) > second_max) return 0;
  char32_t value = lead & (0x7F >> length);
  for (size_t i = 1; i < length; ++i) {
    if (!IsContinuation(at(i))) return 0;
    value = (value << 6) | (at(i) & 0x3F);
  }
  *code_point = value;
  return length;
}

// C0, DEL and C1: none of them belongs in a one-line name.
bool IsControl(char32_t code_point) {
  return code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F);
}

std::string CheckNutsCode(absl::string_view country, absl::string_view region) {
  // NUTS follows EU usage, which writes Greece as EL; nothing else differs
  // among the member states.
  const absl::string_view prefix = country == "GR" ? absl::string_view("EL") : country;
  bool ok = absl::StartsWith(region, prefix) && region.size() >= prefix.size() + 1 &&
            region.size() <= prefix.size() + 3;
  for (size_t i = prefix.size(); ok && i < region.size(); ++i) {
    ok = absl::ascii_isdigit(region[i]) || absl::ascii_isupper(region[i]);
  }
  if (ok) return "";
  std::string expected =
      absl::StrCat("a NUTS code: \"", prefix, "\" followed by 1 to 3 upper-case letters or digits");
  if (prefix != country) absl::StrAppend(&expected, " (NUTS writes Greece as \"EL\")");
  return expected;
}

std::string CheckFreeTextRegion(absl::string_view region) {
  size_t length = 0;
  for (size_t pos = 0; pos < region.size(); ++length) {
    char32_t code_point;
    const size_t size = DecodeUtf8(region, pos, &code_point);
    if (size == 0) return "free text in valid UTF-8";
    if (IsControl(code_point)) return "free text without control characters";
    pos += size;
  }
  if (length > kMaxRegionLength) {
    return absl::StrCat("free text of at most ", kMaxRegionLength, " characters");
  }
  return "";
}

bool AllOf(absl::string_view s, bool (*pred)(unsigned char)) {
  for (char c : s) {
    if (!pred(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool IsAsciiAlpha(unsigned char c) { return absl::ascii_isalpha(c); }
bool IsAsciiDigit(unsigned char c) { return absl::ascii_isdigit(c); }
bool IsAsciiAlnum(unsigned char c) { return absl::ascii_isalnum(c); }

bool IsVariant(absl::string_view subtag) {
  if (subtag.size() >= 5 && subtag.size() <= 8) return AllOf(subtag, IsAsciiAlnum);
  return subtag.size() == 4 && absl::ascii_isdigit(subtag[0]) && AllOf(subtag, IsAsciiAlnum);
}

enum class Case { kLower, kTitle, kUpper };

void AppendInCase(absl::string_view subtag, Case want, std::string* out) {
  const size_t start = out->size();
  absl::StrAppend(out, subtag);
  for (size_t i = start; i < out->size(); ++i) {
    const bool upper = want == Case::kUpper || (want == Case::kTitle && i == start);
    (*out)[i] = upper ? absl::ascii_toupper((*out)[i]) : absl::ascii_tolower((*out)[i]);
  }
}

// Parses `tag` in the shape IsLanguageTag documents. If `normalized` is not
// null, appends the tag in canonical case to it. One parser serves both
// functions so that what is accepted and what is normalized cannot drift.
bool ParseLanguageTag(absl::string_view tag, std::string* normalized) {
  // Subtags must come in this order; script and region may be left out.
  enum class Next { kLanguage, kScript, kRegion, kVariant };
  Next next = Next::kLanguage;
  for (absl::string_view subtag : absl::StrSplit(tag, '-')) {
    Case want;
    if (next == Next::kLanguage) {
      if (subtag.size() < 2 || subtag.size() > 3 || !AllOf(subtag, IsAsciiAlpha)) return false;
      want = Case::kLower;
      next = Next::kScript;
    } else if (next == Next::kScript && subtag.size() == 4 && AllOf(subtag, IsAsciiAlpha)) {
      want = Case::kTitle;
      next = Next::kRegion;
    } else if (next != Next::kVariant && ((subtag.size() == 2 && AllOf(subtag, IsAsciiAlpha)) ||
                                          (subtag.size() == 3 && AllOf(subtag, IsAsciiDigit)))) {
      want = Case::kUpper;
      next = Next::kVariant;
    } else if (IsVariant(subtag)) {
      want = Case::kLower;
      next = Next::kVariant;
    } else {
      return false;
    }
    if (normalized != nullptr) {
      if (!normalized->empty()) normalized->push_back('-');
      AppendInCase(subtag, want, normalized);
    }
  }
  return true;
}

}  // namespace

bool IsValidUtf8(absl::string_view text) {
  for (size_t pos = 0; pos < text.size();) {
    char32_t code_point;
    const size_t size = DecodeUtf8(text, pos, &code_point);
    if (size == 0) return false;
    pos += size;
  }
  return true;
}

size_t Utf8Length(absl::string_view text) {
  size_t length = 0;
  for (char c : text) {
    if (!IsContinuation(static_cast<unsigned char>(c))) ++length;
  }
  return length;
}

bool IsCountryCode(absl::string_view code) { return InCodeTable(kCountryCodes, code); }

bool IsEuMember(absl::string_view country) { return InCodeTable(kEuMembers, country); }

std::string CheckRegion(absl::string_view country, absl::string_view region) {
  if (region.empty()) return "";
  if (IsEuMember(country)) return CheckNutsCode(country, region);
  return CheckFreeTextRegion(region);
}

bool IsLanguageTag(absl::string_view tag) { return ParseLanguageTag(tag, nullptr); }

std::string NormalizeLanguageTag(absl::string_view tag) {
  std::string normalized;
  if (!ParseLanguageTag(tag, &normalized)) return "";
  return normalized;
}

}  // namespace corematch::validation
