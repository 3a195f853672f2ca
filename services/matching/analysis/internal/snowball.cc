// services/matching/analysis/internal/snowball.cc
#include "services/matching/analysis/internal/snowball.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "libstemmer.h"

namespace corematch::matching::internal {

void SnowballStemmer::Deleter::operator()(sb_stemmer* stemmer) const { sb_stemmer_delete(stemmer); }

absl::StatusOr<SnowballStemmer> SnowballStemmer::Create(Language language) {
  if (language == Language::kUnknown) {
    return absl::InvalidArgumentError("no Snowball stemmer for an unknown language");
  }
  std::string algorithm(SnowballAlgorithm(language));
  sb_stemmer* stemmer = sb_stemmer_new(algorithm.c_str(), "UTF_8");
  if (stemmer == nullptr) {
    return absl::InternalError(absl::StrCat("libstemmer has no algorithm ", algorithm));
  }
  return SnowballStemmer(stemmer);
}

absl::string_view SnowballStemmer::Stem(absl::string_view word) {
  const sb_symbol* stem =
      sb_stemmer_stem(stemmer_.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                      static_cast<int>(word.size()));
  // libstemmer returns null only when out of memory; the word unstemmed is
  // the best answer then.
  if (stem == nullptr) return word;
  return absl::string_view(reinterpret_cast<const char*>(stem),
                           static_cast<size_t>(sb_stemmer_length(stemmer_.get())));
}

absl::string_view StemmerSet::Stem(absl::string_view word, Language language) {
  if (language == Language::kUnknown) return word;
  std::unique_ptr<SnowballStemmer>& stemmer = stemmers_[LanguageIndex(language)];
  if (stemmer == nullptr) {
    absl::StatusOr<SnowballStemmer> created = SnowballStemmer::Create(language);
    // Analyzer::Create() has made every supported stemmer once, so this
    // cannot fail for want of an algorithm; unstemmed is the fallback anyway.
    if (!created.ok()) return word;
    stemmer = std::make_unique<SnowballStemmer>(*std::move(created));
  }
  return stemmer->Stem(word);
}

}  // namespace corematch::matching::internal
