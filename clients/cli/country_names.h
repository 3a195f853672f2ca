// clients/cli/country_names.h
//
// Maps the country names found in imported data ("United States of America",
// "Czechia (Czech Republic)", "Côte d'Ivoire") to ISO 3166-1 alpha-2 codes,
// which is what corematch stores. Codes pass through upper-cased, with the
// two common non-ISO codes fixed: "UK" -> "GB", "EL" -> "GR".
//
// Pure and thread-safe.
#ifndef COREMATCH_CLIENTS_CLI_COUNTRY_NAMES_H_
#define COREMATCH_CLIENTS_CLI_COUNTRY_NAMES_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace corematch::cli {

// The ISO 3166-1 alpha-2 code for `name_or_code`, or nullopt if it is
// neither a known English country name nor a two-letter code. Names are
// matched without regard to case; a trailing parenthesis ("Falkland Islands
// (Malvinas)") is ignored if the full name is unknown. Kosovo has no ISO code
// and yields nullopt.
std::optional<std::string> CountryCodeForName(absl::string_view name_or_code);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_COUNTRY_NAMES_H_
