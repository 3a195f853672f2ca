// clients/cli/sector_names.h
//
// Maps the sector names found in imported data to COFOG codes, the sector
// classification corematch uses ("Social protection" -> "10", "Agriculture" ->
// "04.2"). The ten COFOG division names are matched without regard to case,
// plus a few common names of COFOG groups seen in public-sector catalogues.
//
// Pure and thread-safe.
#ifndef COREMATCH_CLIENTS_CLI_SECTOR_NAMES_H_
#define COREMATCH_CLIENTS_CLI_SECTOR_NAMES_H_

#include <optional>
#include <string>

#include "absl/strings/string_view.h"

namespace corematch::cli {

// The COFOG code for `name`, or nullopt if it names no COFOG division or
// group ("Digital/Data/Tech"). Surrounding white space and case are ignored.
std::optional<std::string> CofogCodeForSectorName(absl::string_view name);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_SECTOR_NAMES_H_
