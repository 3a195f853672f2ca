// services/common/field_checks.h
//
// The checks every service applies to incoming fields, each adding a
// violation that names the field and says what is expected.
#ifndef COREMATCH_SERVICES_COMMON_FIELD_CHECKS_H_
#define COREMATCH_SERVICES_COMMON_FIELD_CHECKS_H_

#include <string>

#include "absl/strings/string_view.h"
#include "google/protobuf/repeated_ptr_field.h"
#include "services/common/errors.h"

namespace corematch {

inline constexpr size_t kMaxTitleLength = 200;
inline constexpr size_t kMaxTextLength = 20000;
inline constexpr size_t kMaxShortTextLength = 2000;

// Valid UTF-8, no longer than `max_length` code points, non-empty if `required`.
void CheckText(FieldViolations& v, absl::string_view field, absl::string_view value, bool required,
               size_t max_length);

// An ISO 3166-1 alpha-2 code (upper case); empty allowed unless `required`.
void CheckCountry(FieldViolations& v, absl::string_view field, absl::string_view value,
                  bool required);

// A NUTS code inside the EU, free text elsewhere.
void CheckRegion(FieldViolations& v, absl::string_view field, absl::string_view country,
                 absl::string_view region);

// A well-formed BCP 47 tag; empty allowed unless `required`.
void CheckLanguage(FieldViolations& v, absl::string_view field, absl::string_view value,
                   bool required);

// Each entry a valid BCP 47 tag, at most `max_count` of them.
void CheckLanguages(FieldViolations& v, absl::string_view field,
                    const google::protobuf::RepeatedPtrField<std::string>& values, int max_count);

// Each entry a COFOG code (division "10" or group "10.5").
void CheckSectors(FieldViolations& v, absl::string_view field,
                  const google::protobuf::RepeatedPtrField<std::string>& values, int max_count);

// Each entry valid text of at most `max_length`, at most `max_count` entries.
void CheckTextList(FieldViolations& v, absl::string_view field,
                   const google::protobuf::RepeatedPtrField<std::string>& values, int max_count,
                   size_t max_length);

// At most `max_count` entries of a repeated field.
void CheckCount(FieldViolations& v, absl::string_view field, int count, int max_count);

// Canonical case for a BCP 47 tag ("DA" → "da", "sv-se" → "sv-SE").
std::string CanonicalLanguage(absl::string_view tag);

}  // namespace corematch

#endif  // COREMATCH_SERVICES_COMMON_FIELD_CHECKS_H_
