// clients/cli/sector_names.h
//
// Maps the sector names found in imported data and typed on the command line
// to COFOG codes, the sector classification corematch uses: the official
// names of COFOG divisions and groups and their common spellings, as
// corematch::validation::CofogCodeForName knows them ("Social protection" ->
// "10", "Hospital services" -> "07.3"), plus a few short names that
// public-sector catalogues use as sectors of their own ("Agriculture" ->
// "04.2", "Energy" -> "04.3", "Climate" -> "05").
//
// Pure and thread-safe.
#ifndef COREMATCH_CLIENTS_CLI_SECTOR_NAMES_H_
#define COREMATCH_CLIENTS_CLI_SECTOR_NAMES_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace corematch::cli {

// The COFOG code for `name`, or nullopt if it names no COFOG division or
// group ("Digital/Data/Tech"). Surrounding white space and ASCII case are
// ignored.
std::optional<std::string> CofogCodeForSectorName(absl::string_view name);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_SECTOR_NAMES_H_
