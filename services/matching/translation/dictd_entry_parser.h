// services/matching/translation/dictd_entry_parser.h
//
// Parses the plain text of one FreeDict definition as dictd serves it (the
// TEI sources rendered by FreeDict's tools). The shapes seen in Debian's
// dict-freedict-* packages:
//
//   abe /ˈabə/ <n>                        first line: headword, pronunciation,
//   ape, monkey                           grammar; then one sense per line,
//   accent /?ɑksˈ?ɑŋ/ <n>
//   1. accent, stress                     or numbered senses,
//   2. accent mark, supersign
//   Arbeit /ˈaɾbaɪt/ <fem, n, sg>         or (Ding-derived German) one sense
//    [econ.] labour <n> [Br.] , labor <n> [Am.]   per entry with domain labels,
//         "bei der Arbeit"  - at work      usage examples,
//      Synonym: {Tätigkeit}                synonyms, notes and cross-references.
//    see: {Arbeiten}
//
// Only the translations are kept: examples, synonyms, notes and
// cross-references name other entries, and bracketed glosses ("abbot
// [forstander for et (større) munkekloster]") explain rather than translate.
//
//   DictdEntry entry = ParseDictdEntry(definition);
//   for (const auto& sense : entry.senses)
//     for (const DictdTranslation& t : sense) Use(t.text);
#ifndef COREMATCH_SERVICES_MATCHING_TRANSLATION_DICTD_ENTRY_PARSER_H_
#define COREMATCH_SERVICES_MATCHING_TRANSLATION_DICTD_ENTRY_PARSER_H_

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace corematch::matching {

struct DictdTranslation {
  // The translation with bracketed notes removed and spaces collapsed:
  // "labour", "accent mark", "take in".
  std::string text;
  // The first <...> note on the translation ("n", "v, trans", "fem"); empty
  // when it has none.
  std::string grammar;
};

struct DictdEntry {
  // The headword as the first line spells it (case and punctuation kept).
  std::string headword;
  // The first line's <...> note: "n", "v", "fem, n, sg"; empty if none.
  std::string grammar;
  // One inner vector per sense, translations in dictionary order. Senses
  // that are left with no translation are dropped.
  std::vector<std::vector<DictdTranslation>> senses;
};

// Parses one definition. Never fails: text it does not recognise as a
// translation is skipped, so an odd entry yields fewer senses, not an error.
DictdEntry ParseDictdEntry(absl::string_view definition);

// True if `grammar` (a DictdEntry or DictdTranslation note) marks a verb:
// FreeDict writes "v", "vt", "vi", "verb", "v, trans", "v, refl".
bool IsVerbGrammar(absl::string_view grammar);

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_TRANSLATION_DICTD_ENTRY_PARSER_H_
