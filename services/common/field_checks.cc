#include "services/common/field_checks.h"

#include "absl/strings/str_cat.h"
#include "services/validation/cofog.h"
#include "services/validation/validation.h"

namespace corematch {

void CheckText(FieldViolations& v, absl::string_view field, absl::string_view value, bool required,
               size_t max_length) {
  if (value.empty()) {
    if (required) v.Add(std::string(field), "required; must not be empty");
    return;
  }
  if (!validation::IsValidUtf8(value)) {
    v.Add(std::string(field), "must be valid UTF-8");
  } else if (validation::Utf8Length(value) > max_length) {
    v.Add(std::string(field), absl::StrCat("too long: at most ", max_length, " characters"));
  }
}

void CheckCountry(FieldViolations& v, absl::string_view field, absl::string_view value,
                  bool required) {
  if (value.empty()) {
    if (required) v.Add(std::string(field), "required; an ISO 3166-1 alpha-2 code such as \"DK\"");
    return;
  }
  if (!validation::IsCountryCode(value)) {
    v.Add(std::string(field),
          absl::StrCat("'", value, "' is not an ISO 3166-1 alpha-2 code; use e.g. \"DK\", \"SE\""));
  }
}

void CheckRegion(FieldViolations& v, absl::string_view field, absl::string_view country,
                 absl::string_view region) {
  std::string problem = validation::CheckRegion(country, region);
  if (!problem.empty()) v.Add(std::string(field), absl::StrCat("expected ", problem));
}

void CheckLanguage(FieldViolations& v, absl::string_view field, absl::string_view value,
                   bool required) {
  if (value.empty()) {
    if (required) v.Add(std::string(field), "required; a BCP 47 tag such as \"da\" or \"sv-SE\"");
    return;
  }
  if (!validation::IsLanguageTag(value)) {
    v.Add(std::string(field),
          absl::StrCat("'", value, "' is not a BCP 47 language tag; use e.g. \"da\", \"sv-SE\""));
  }
}

void CheckLanguages(FieldViolations& v, absl::string_view field,
                    const google::protobuf::RepeatedPtrField<std::string>& values, int max_count) {
  CheckCount(v, field, values.size(), max_count);
  for (int i = 0; i < values.size(); ++i) {
    CheckLanguage(v, absl::StrCat(field, "[", i, "]"), values[i], /*required=*/true);
  }
}

void CheckSectors(FieldViolations& v, absl::string_view field,
                  const google::protobuf::RepeatedPtrField<std::string>& values, int max_count) {
  CheckCount(v, field, values.size(), max_count);
  for (int i = 0; i < values.size(); ++i) {
    if (validation::FindCofog(values[i]) == nullptr) {
      v.Add(absl::StrCat(field, "[", i, "]"),
            absl::StrCat("'", values[i],
                         "' is not a COFOG code; use a division such as \"10\" (social "
                         "protection) or a group such as \"10.5\" (unemployment)"));
    }
  }
}

void CheckTextList(FieldViolations& v, absl::string_view field,
                   const google::protobuf::RepeatedPtrField<std::string>& values, int max_count,
                   size_t max_length) {
  CheckCount(v, field, values.size(), max_count);
  for (int i = 0; i < values.size(); ++i) {
    CheckText(v, absl::StrCat(field, "[", i, "]"), values[i], /*required=*/true, max_length);
  }
}

void CheckCount(FieldViolations& v, absl::string_view field, int count, int max_count) {
  if (count > max_count) {
    v.Add(std::string(field), absl::StrCat("too many entries: at most ", max_count));
  }
}

std::string CanonicalLanguage(absl::string_view tag) {
  return validation::NormalizeLanguageTag(tag);
}

}  // namespace corematch
