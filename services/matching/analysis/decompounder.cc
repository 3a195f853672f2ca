// services/matching/analysis/decompounder.cc
#include "services/matching/analysis/decompounder.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/matching/analysis/internal/word_list.h"

namespace corematch::matching {

absl::StatusOr<std::unique_ptr<Decompounder>> Decompounder::Create() {
  absl::StatusOr<internal::TextNormalizer> normalizer = internal::TextNormalizer::Create();
  if (!normalizer.ok()) return normalizer.status();
  std::unique_ptr<Decompounder> decompounder(new Decompounder(*normalizer));
  for (Language language : SupportedLanguages()) {
    if (!IsCompounding(language)) continue;
    std::vector<std::string> words;
    for (absl::string_view word : internal::BuiltinLexicon(language)) {
      words.push_back(normalizer->Normalize(word));
    }
    absl::StatusOr<std::shared_ptr<const Lexicon>> lexicon =
        Lexicon::Build(language, std::move(words));
    if (!lexicon.ok()) return lexicon.status();
    absl::MutexLock lock(&decompounder->mutex_);
    decompounder->lexicons_[LanguageIndex(language)] = *std::move(lexicon);
  }
  return decompounder;
}

absl::Status Decompounder::AddWords(Language language, absl::Span<const std::string> words) {
  if (!IsCompounding(language)) {
    return absl::InvalidArgumentError(
        absl::StrCat("no compound lexicon for language ", LanguageTag(language)));
  }
  std::vector<std::string> normalized;
  normalized.reserve(words.size());
  for (const std::string& word : words) normalized.push_back(normalizer_.Normalize(word));

  absl::MutexLock add_lock(&add_mutex_);
  absl::StatusOr<std::shared_ptr<const Lexicon>> grown = GetLexicon(language)->With(normalized);
  if (!grown.ok()) return grown.status();
  absl::MutexLock lock(&mutex_);
  lexicons_[LanguageIndex(language)] = *std::move(grown);
  return absl::OkStatus();
}

std::vector<std::string> Decompounder::Split(absl::string_view word, Language language) const {
  std::shared_ptr<const Lexicon> lexicon = GetLexicon(language);
  if (lexicon == nullptr) return {};
  return lexicon->Split(normalizer_.Normalize(word));
}

std::shared_ptr<const Lexicon> Decompounder::GetLexicon(Language language) const {
  absl::MutexLock lock(&mutex_);
  return lexicons_[LanguageIndex(language)];
}

}  // namespace corematch::matching
