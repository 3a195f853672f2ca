// services/matching/analysis/internal/snowball.h
//
// A Snowball stemmer (libstemmer) for one language, and a set of them for all.
// libstemmer keeps its working state in the stemmer object, so neither class
// is thread-safe: each thread needs its own (see WorkspacePool).
#ifndef COREMATCH_SERVICES_MATCHING_ANALYSIS_INTERNAL_SNOWBALL_H_
#define COREMATCH_SERVICES_MATCHING_ANALYSIS_INTERNAL_SNOWBALL_H_

#include <array>
#include <memory>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/matching/analysis/language.h"

struct sb_stemmer;

namespace corematch::matching::internal {

class SnowballStemmer final {
 public:
  // INVALID_ARGUMENT for kUnknown; INTERNAL if libstemmer lacks the algorithm.
  static absl::StatusOr<SnowballStemmer> Create(Language language);

  // The stem of `word` (lower-case, well-formed UTF-8). The view is valid
  // until the next call.
  absl::string_view Stem(absl::string_view word);

 private:
  struct Deleter {
    void operator()(sb_stemmer* stemmer) const;
  };

  explicit SnowballStemmer(sb_stemmer* stemmer) : stemmer_(stemmer) {}

  std::unique_ptr<sb_stemmer, Deleter> stemmer_;
};

// One stemmer per language, created on first use.
class StemmerSet final {
 public:
  // The stem of `word` in `language`; `word` itself for kUnknown.
  absl::string_view Stem(absl::string_view word, Language language);

 private:
  std::array<std::unique_ptr<SnowballStemmer>, kLanguageCount> stemmers_;
};

}  // namespace corematch::matching::internal

#endif  // COREMATCH_SERVICES_MATCHING_ANALYSIS_INTERNAL_SNOWBALL_H_
