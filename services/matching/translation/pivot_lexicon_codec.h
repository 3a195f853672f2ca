// services/matching/translation/pivot_lexicon_codec.h
//
// The binary form behind PivotLexicon::Serialize / Deserialize. Internal to
// the translation library.
//
// Format, version 1 (all integers unsigned LEB128 varints; string lists
// sorted and front-coded as shared-prefix length, suffix length, suffix):
//
//   "CMPIVOT" version
//   english_count  english stems                      (the pivot pool)
//   table_count    { language  stem_count  { stem  pivot_count  pool_index* }* }*
//
// The English identity table is not stored: it is rebuilt from the pool.
#ifndef COREMATCH_SERVICES_MATCHING_TRANSLATION_PIVOT_LEXICON_CODEC_H_
#define COREMATCH_SERVICES_MATCHING_TRANSLATION_PIVOT_LEXICON_CODEC_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/matching/translation/pivot_lexicon.h"

namespace corematch::matching {

class PivotLexiconCodec final {
 public:
  static std::string Encode(const PivotLexicon& lexicon);
  static absl::StatusOr<std::unique_ptr<PivotLexicon>> Decode(absl::string_view blob);
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_TRANSLATION_PIVOT_LEXICON_CODEC_H_
