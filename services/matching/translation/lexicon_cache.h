// services/matching/translation/lexicon_cache.h
//
// Building a PivotLexicon from the dictionaries takes seconds of CPU; reading
// its serialised form takes a fraction of one. A server keeps the blob in a
// file and rebuilds it only when the file is missing or unreadable.
#ifndef COREMATCH_SERVICES_MATCHING_TRANSLATION_LEXICON_CACHE_H_
#define COREMATCH_SERVICES_MATCHING_TRANSLATION_LEXICON_CACHE_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/matching/translation/pivot_lexicon.h"

namespace corematch::matching {

// The lexicon saved in `cache_path`, or, when there is none (or it is corrupt
// or of another format version), one built from `dictd_dir` and saved there
// for the next start. Errors are PivotLexicon::Load's; failing to write the
// cache is not an error (the lexicon is still returned).
absl::StatusOr<std::unique_ptr<PivotLexicon>> LoadCachedLexicon(const Analyzer& analyzer,
                                                                absl::string_view dictd_dir,
                                                                const std::string& cache_path);

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_TRANSLATION_LEXICON_CACHE_H_
