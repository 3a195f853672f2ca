// services/validation/cofog.h
//
// COFOG, the UN Classification of the Functions of Government (1999), as
// Eurostat uses it: the sector vocabulary of corematch. A solution's and an
// adoption request's `sectors` hold COFOG codes, either a division ("10",
// social protection) or a group ("10.5", unemployment), so that a need and a
// solution written in different languages can still be matched by sector.
//
//   const CofogEntry* entry = FindCofog("10.5");
//   if (entry == nullptr) return absl::InvalidArgumentError("sectors: not a COFOG code");
//   // entry->name == "Unemployment"
//
//   // Importing a data set that names sectors instead of coding them:
//   std::optional<std::string> code = CofogCodeForName("Social protection");  // "10"
//
// The table is static and immutable: every function is thread-safe, and the
// entries and string_views it hands out live for the whole program.
#ifndef COREMATCH_SERVICES_VALIDATION_COFOG_H_
#define COREMATCH_SERVICES_VALIDATION_COFOG_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace corematch::validation {

// One division or group of COFOG with its official English name.
struct CofogEntry {
  absl::string_view code;  // "10" (division) or "10.5" (group)
  absl::string_view name;  // "Social protection", "Unemployment"
};

// Returns the 10 divisions ("01".."10") and their 69 groups ("01.1".."10.9"),
// sorted by code, so that each division comes right before its groups.
absl::Span<const CofogEntry> AllCofog();

// Returns the entry whose code is exactly `code` ("07.3"), or nullptr if there
// is none. "7.3", "073" and Eurostat's "GF0703" are not COFOG codes here.
const CofogEntry* FindCofog(absl::string_view code);

// Returns the code of the division or group whose official English name is
// `name`, compared without regard to ASCII case or surrounding whitespace
// ("social protection" -> "10", "Hospital services" -> "07.3"). A few
// spellings found in data sets are accepted for divisions as well ("Defense",
// "Environment", "Public order & safety", ...). Returns std::nullopt for any
// other name; no fuzzy matching is attempted.
std::optional<std::string> CofogCodeForName(absl::string_view name);

}  // namespace corematch::validation

#endif  // COREMATCH_SERVICES_VALIDATION_COFOG_H_
