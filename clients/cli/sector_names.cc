// clients/cli/sector_names.cc
#include "clients/cli/sector_names.h"

#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "services/validation/cofog.h"

namespace corematch::cli {
namespace {

struct SectorName {
  absl::string_view name;
  absl::string_view code;
};

// Catalogue sectors that are not COFOG names but say clearly which division
// or group they mean (the demo corpus has all of these).
constexpr SectorName kCatalogueSectors[] = {
    {"Agriculture", "04.2"},         // Agriculture, forestry, fishing and hunting
    {"Energy", "04.3"},              // Fuel and energy
    {"Economics/Finance", "04"},     // Economic affairs
    {"Climate", "05"},               // Environmental protection
    {"Water and Sanitation", "06"},  // Housing and community amenities (06.3 water supply)
    {"Sustainable Cities", "06"},    // Housing and community amenities
};

}  // namespace

std::optional<std::string> CofogCodeForSectorName(absl::string_view name) {
  absl::string_view key = absl::StripAsciiWhitespace(name);
  if (std::optional<std::string> code = validation::CofogCodeForName(key)) return code;
  for (const SectorName& entry : kCatalogueSectors) {
    if (absl::EqualsIgnoreCase(entry.name, key)) return std::string(entry.code);
  }
  return std::nullopt;
}

}  // namespace corematch::cli
