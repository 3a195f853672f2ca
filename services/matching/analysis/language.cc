// services/matching/analysis/language.cc
#include "services/matching/analysis/language.h"

#include <array>
#include <string>

#include "absl/strings/ascii.h"

namespace corematch::matching {
namespace {

struct LanguageInfo {
  Language language;
  absl::string_view tag;
  absl::string_view snowball;
  bool compounding;
  // ISO 639-1/639-2 codes and macrolanguage members that map here.
  std::array<absl::string_view, 5> aliases;
};

constexpr LanguageInfo kLanguages[] = {
    {Language::kUnknown, "und", "", false, {}},
    {Language::kDanish, "da", "danish", true, {"dan"}},
    {Language::kSwedish, "sv", "swedish", true, {"swe"}},
    {Language::kNorwegian, "no", "norwegian", true, {"nb", "nn", "nor", "nob", "nno"}},
    {Language::kFinnish, "fi", "finnish", true, {"fin"}},
    {Language::kEnglish, "en", "english", false, {"eng"}},
    {Language::kGerman, "de", "german", true, {"deu", "ger"}},
    {Language::kDutch, "nl", "dutch", true, {"nld", "dut"}},
    {Language::kFrench, "fr", "french", false, {"fra", "fre"}},
    {Language::kSpanish, "es", "spanish", false, {"spa"}},
    {Language::kItalian, "it", "italian", false, {"ita"}},
    {Language::kPortuguese, "pt", "portuguese", false, {"por"}},
};
static_assert(std::size(kLanguages) == kLanguageCount);

constexpr std::array<Language, kLanguageCount - 1> kSupported = {
    Language::kDanish,  Language::kSwedish, Language::kNorwegian,  Language::kFinnish,
    Language::kEnglish, Language::kGerman,  Language::kDutch,      Language::kFrench,
    Language::kSpanish, Language::kItalian, Language::kPortuguese,
};

const LanguageInfo& Info(Language language) {
  size_t index = LanguageIndex(language);
  return kLanguages[index < kLanguageCount ? index : 0];
}

}  // namespace

absl::Span<const Language> SupportedLanguages() { return kSupported; }

Language LanguageFromTag(absl::string_view bcp47) {
  absl::string_view primary = bcp47.substr(0, bcp47.find_first_of("-_"));
  if (primary.size() < 2 || primary.size() > 3) return Language::kUnknown;
  std::string lower = absl::AsciiStrToLower(primary);
  for (const LanguageInfo& info : kLanguages) {
    if (info.language == Language::kUnknown) continue;
    if (lower == info.tag) return info.language;
    for (absl::string_view alias : info.aliases) {
      if (!alias.empty() && lower == alias) return info.language;
    }
  }
  return Language::kUnknown;
}

absl::string_view LanguageTag(Language language) { return Info(language).tag; }

absl::string_view SnowballAlgorithm(Language language) { return Info(language).snowball; }

bool IsCompounding(Language language) { return Info(language).compounding; }

}  // namespace corematch::matching
