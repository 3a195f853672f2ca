// clients/cli/sector_names.cc
#include "clients/cli/sector_names.h"

#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/string_view.h"

namespace corematch::cli {
namespace {

struct SectorName {
  absl::string_view name;  // Lower case.
  absl::string_view code;
};

// The COFOG divisions (UN Classification of the Functions of Government),
// then group names that catalogues use as sectors of their own.
constexpr SectorName kSectorNames[] = {
    {"general public services", "01"},
    {"defence", "02"},
    {"defense", "02"},
    {"public order and safety", "03"},
    {"economic affairs", "04"},
    {"environmental protection", "05"},
    {"housing and community amenities", "06"},
    {"health", "07"},
    {"recreation, culture and religion", "08"},
    {"education", "09"},
    {"social protection", "10"},
    {"agriculture", "04.2"},
    {"energy", "04.3"},
    {"transport", "04.5"},
    {"environment", "05"},
    {"climate", "05"},
    {"water and sanitation", "06"},
    {"sustainable cities", "06"},
    {"economics/finance", "04"},
};

}  // namespace

std::optional<std::string> CofogCodeForSectorName(absl::string_view name) {
  std::string key = absl::AsciiStrToLower(absl::StripAsciiWhitespace(name));
  for (const SectorName& entry : kSectorNames) {
    if (entry.name == key) return std::string(entry.code);
  }
  return std::nullopt;
}

}  // namespace corematch::cli
