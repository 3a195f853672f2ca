#include "services/validation/cofog.h"

#include <algorithm>
#include <iterator>
#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"

namespace corematch::validation {
namespace {

// The names are Eurostat's labels for COFOG 1999 (as in its gov_10a_exp
// tables), which follow the UN text. Sorted by code: FindCofog depends on it.
constexpr CofogEntry kCofog[] = {
    {"01", "General public services"},
    {"01.1", "Executive and legislative organs, financial and fiscal affairs, external affairs"},
    {"01.2", "Foreign economic aid"},
    {"01.3", "General services"},
    {"01.4", "Basic research"},
    {"01.5", "R&D General public services"},
    {"01.6", "General public services n.e.c."},
    {"01.7", "Public debt transactions"},
    {"01.8", "Transfers of a general character between different levels of government"},
    {"02", "Defence"},
    {"02.1", "Military defence"},
    {"02.2", "Civil defence"},
    {"02.3", "Foreign military aid"},
    {"02.4", "R&D Defence"},
    {"02.5", "Defence n.e.c."},
    {"03", "Public order and safety"},
    {"03.1", "Police services"},
    {"03.2", "Fire-protection services"},
    {"03.3", "Law courts"},
    {"03.4", "Prisons"},
    {"03.5", "R&D Public order and safety"},
    {"03.6", "Public order and safety n.e.c."},
    {"04", "Economic affairs"},
    {"04.1", "General economic, commercial and labour affairs"},
    {"04.2", "Agriculture, forestry, fishing and hunting"},
    {"04.3", "Fuel and energy"},
    {"04.4", "Mining, manufacturing and construction"},
    {"04.5", "Transport"},
    {"04.6", "Communication"},
    {"04.7", "Other industries"},
    {"04.8", "R&D Economic affairs"},
    {"04.9", "Economic affairs n.e.c."},
    {"05", "Environmental protection"},
    {"05.1", "Waste management"},
    {"05.2", "Waste water management"},
    {"05.3", "Pollution abatement"},
    {"05.4", "Protection of biodiversity and landscape"},
    {"05.5", "R&D Environmental protection"},
    {"05.6", "Environmental protection n.e.c."},
    {"06", "Housing and community amenities"},
    {"06.1", "Housing development"},
    {"06.2", "Community development"},
    {"06.3", "Water supply"},
    {"06.4", "Street lighting"},
    {"06.5", "R&D Housing and community amenities"},
    {"06.6", "Housing and community amenities n.e.c."},
    {"07", "Health"},
    {"07.1", "Medical products, appliances and equipment"},
    {"07.2", "Outpatient services"},
    {"07.3", "Hospital services"},
    {"07.4", "Public health services"},
    {"07.5", "R&D Health"},
    {"07.6", "Health n.e.c."},
    {"08", "Recreation, culture and religion"},
    {"08.1", "Recreational and sporting services"},
    {"08.2", "Cultural services"},
    {"08.3", "Broadcasting and publishing services"},
    {"08.4", "Religious and other community services"},
    {"08.5", "R&D Recreation, culture and religion"},
    {"08.6", "Recreation, culture and religion n.e.c."},
    {"09", "Education"},
    {"09.1", "Pre-primary and primary education"},
    {"09.2", "Secondary education"},
    {"09.3", "Post-secondary non-tertiary education"},
    {"09.4", "Tertiary education"},
    {"09.5", "Education not definable by level"},
    {"09.6", "Subsidiary services to education"},
    {"09.7", "R&D Education"},
    {"09.8", "Education n.e.c."},
    {"10", "Social protection"},
    {"10.1", "Sickness and disability"},
    {"10.2", "Old age"},
    {"10.3", "Survivors"},
    {"10.4", "Family and children"},
    {"10.5", "Unemployment"},
    {"10.6", "Housing"},
    {"10.7", "Social exclusion n.e.c."},
    {"10.8", "R&D Social protection"},
    {"10.9", "Social protection n.e.c."},
};
static_assert(std::size(kCofog) == 10 + 69, "COFOG 1999 has 10 divisions and 69 groups");

// Spellings of division names met in imported data sets (US English, "&"
// for "and", a shortened name) that are not COFOG's own. The division names
// themselves ("Health", "Social protection", ...) are found in kCofog.
constexpr CofogEntry kDivisionAliases[] = {
    {"02", "Defense"},
    {"03", "Public order & safety"},
    {"05", "Environment"},
    {"06", "Housing & community amenities"},
    {"08", "Recreation, culture & religion"},
};

}  // namespace

absl::Span<const CofogEntry> AllCofog() { return kCofog; }

const CofogEntry* FindCofog(absl::string_view code) {
  const auto* it = std::lower_bound(
      std::begin(kCofog), std::end(kCofog), code,
      [](const CofogEntry& entry, absl::string_view code) { return entry.code < code; });
  if (it == std::end(kCofog) || it->code != code) return nullptr;
  return it;
}

std::optional<std::string> CofogCodeForName(absl::string_view name) {
  name = absl::StripAsciiWhitespace(name);
  for (const CofogEntry& entry : kCofog) {
    if (absl::EqualsIgnoreCase(entry.name, name)) return std::string(entry.code);
  }
  for (const CofogEntry& alias : kDivisionAliases) {
    if (absl::EqualsIgnoreCase(alias.name, name)) return std::string(alias.code);
  }
  return std::nullopt;
}

}  // namespace corematch::validation
