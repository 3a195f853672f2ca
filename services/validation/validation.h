// services/validation/validation.h
//
// Checks for the values clients write into solutions, adoption requests and
// organisations: UTF-8 text, ISO 3166-1 country codes, regions (NUTS codes
// inside the EU, free text elsewhere) and BCP 47 language tags. The services
// run these checks before anything is stored and turn a failed check into
// INVALID_ARGUMENT that names the field.
//
//   if (!validation::IsCountryCode(origin.country())) {
//     return absl::InvalidArgumentError("origin.country: not an ISO 3166-1 alpha-2 code");
//   }
//   std::string expected = validation::CheckRegion(origin.country(), origin.region());
//   if (!expected.empty()) {
//     return absl::InvalidArgumentError(absl::StrCat("origin.region: expected ", expected));
//   }
//
// The sector classification (COFOG) is in cofog.h.
//
// Every function is pure and thread-safe.
#ifndef COREMATCH_SERVICES_VALIDATION_VALIDATION_H_
#define COREMATCH_SERVICES_VALIDATION_VALIDATION_H_

#include <cstddef>
#include <string>

#include "absl/strings/string_view.h"

namespace corematch::validation {

// Returns true if `text` is well-formed UTF-8 as the Unicode standard defines
// it (Table 3-7): overlong encodings, UTF-16 surrogates (U+D800..U+DFFF), code
// points above U+10FFFF and truncated sequences are rejected. Protobuf
// `string` fields must hold valid UTF-8, and text that is not would break
// search and JSON output later, so every free-text field is checked here.
bool IsValidUtf8(absl::string_view text);

// Returns the number of code points in `text`, which is how length limits on
// text fields are counted ("at most 200 characters"). `text` must be valid
// UTF-8 (see IsValidUtf8); for other input the result is meaningless.
size_t Utf8Length(absl::string_view text);

// Returns true if `code` is one of the 249 officially assigned ISO 3166-1
// alpha-2 codes, in upper case ("DK", "SE", "GR"). Reserved and user-assigned
// codes such as "UK", "EU" and "XK" are rejected, as is lower case.
bool IsCountryCode(absl::string_view code);

// Returns true if `country` is the ISO 3166-1 alpha-2 code of one of the 27
// member states of the European Union (Greece is "GR" here, not "EL").
bool IsEuMember(absl::string_view country);

// Returns "" if `region` is acceptable for `country`, else a short
// description of what is expected, meant to follow "expected " in an error
// message. An empty region is always acceptable.
//
// Inside the EU, a region is a NUTS code: the NUTS country prefix (the ISO
// code, except "EL" for Greece) followed by 1 to 3 upper-case letters or
// digits, e.g. "DK042", "SE232", "EL30". Any NUTS level is accepted; the code
// is checked for form only, not looked up. Elsewhere (including an empty or
// unknown `country`), a region is free text: valid UTF-8, 1 to 200 code points,
// no control characters.
std::string CheckRegion(absl::string_view country, absl::string_view region);

// Returns true if `tag` is a well-formed BCP 47 (RFC 5646) language tag of the
// common shape language[-script][-region][-variant...], e.g. "da", "sv-SE",
// "sr-Latn-RS", "de-CH-1996":
//   language  2 or 3 ASCII letters
//   script    4 ASCII letters
//   region    2 ASCII letters or 3 digits
//   variant   5 to 8 letters or digits, or a digit followed by 3 letters or digits
// Subtags are separated by '-' and compared without regard to case. Extended
// language subtags, extensions ("-u-..."), private use ("-x-...") and
// grandfathered tags are rejected, as are "", "en_US" and "en-".
bool IsLanguageTag(absl::string_view tag);

// Returns `tag` in the canonical case of RFC 5646 section 2.1.1: language and
// variants lower case, script title case, region upper case ("SR-latn-rs" ->
// "sr-Latn-RS"), so that tags can be compared and indexed as strings.
// Returns "" if `tag` is not well-formed (IsLanguageTag(tag) is false).
std::string NormalizeLanguageTag(absl::string_view tag);

}  // namespace corematch::validation

#endif  // COREMATCH_SERVICES_VALIDATION_VALIDATION_H_
