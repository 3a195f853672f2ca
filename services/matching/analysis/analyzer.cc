// services/matching/analysis/analyzer.cc
#include "services/matching/analysis/analyzer.h"

#include <algorithm>
#include <array>
#include <utility>

#include "absl/strings/string_view.h"
#include "services/matching/analysis/internal/snowball.h"

namespace corematch::matching {
namespace {

// Romance languages glue elided articles and pronouns to the next word with
// an apostrophe, which word breaking keeps ("l'emploi", "dell'anno"); Snowball
// expects the bare word. A prefix of up to this many code points is an
// elision; longer ones are part of the word ("aujourd'hui").
constexpr size_t kMaxElisionLength = 4;

absl::string_view StripElision(absl::string_view word, Language language) {
  if (language != Language::kFrench && language != Language::kItalian) return word;
  size_t apostrophe = word.find('\'');
  size_t width = 1;
  if (apostrophe == absl::string_view::npos) {
    apostrophe = word.find("\u2019");  // Right single quotation mark.
    width = 3;
  }
  if (apostrophe == absl::string_view::npos ||
      internal::CodePointCount(word.substr(0, apostrophe)) > kMaxElisionLength ||
      apostrophe + width >= word.size()) {
    return word;
  }
  return word.substr(apostrophe + width);
}

}  // namespace

struct Analyzer::TermSink {
  std::vector<AnalyzedTerm>* terms;
  uint32_t position = 0;

  void Add(absl::string_view term, bool from_compound) {
    terms->push_back(AnalyzedTerm{std::string(term), position, from_compound});
  }
};

absl::StatusOr<std::unique_ptr<Analyzer>> Analyzer::Create(AnalyzerOptions options) {
  absl::StatusOr<internal::TextNormalizer> normalizer = internal::TextNormalizer::Create();
  if (!normalizer.ok()) return normalizer.status();
  absl::StatusOr<std::unique_ptr<internal::WordBreaker>> breaker = internal::WordBreaker::Create();
  if (!breaker.ok()) return breaker.status();
  // Fail here rather than analyse unstemmed later.
  for (Language language : SupportedLanguages()) {
    absl::StatusOr<internal::SnowballStemmer> stemmer = internal::SnowballStemmer::Create(language);
    if (!stemmer.ok()) return stemmer.status();
  }
  absl::StatusOr<std::unique_ptr<Decompounder>> decompounder = Decompounder::Create();
  if (!decompounder.ok()) return decompounder.status();
  return std::unique_ptr<Analyzer>(
      new Analyzer(options, *normalizer, *std::move(breaker), *std::move(decompounder)));
}

Analyzer::Analyzer(AnalyzerOptions options, internal::TextNormalizer normalizer,
                   std::unique_ptr<internal::WordBreaker> breaker,
                   std::unique_ptr<Decompounder> decompounder)
    : options_(options),
      normalizer_(normalizer),
      stop_words_(internal::StopWords::Builtin(normalizer)),
      guesser_(&stop_words_),
      decompounder_(std::move(decompounder)),
      workspaces_(std::move(breaker)) {}

std::vector<AnalyzedTerm> Analyzer::Analyze(absl::string_view text, Language language) const {
  internal::WorkspacePool::Lease workspace = workspaces_.Acquire();
  Tokenize(text, *workspace);
  if (language == Language::kUnknown) language = Guess(text, *workspace);
  // One snapshot for the whole text: a concurrent AddWords() cannot change
  // how its words split halfway through.
  std::shared_ptr<const Lexicon> lexicon = decompounder_->GetLexicon(language);

  std::vector<AnalyzedTerm> terms;
  terms.reserve(workspace->words.size() + workspace->words.size() / 2);
  TermSink sink{&terms};
  for (const internal::WordBreaker::Word& word : workspace->words) {
    if (!stop_words_.Contains(word.text, language)) {
      AddWordTerms(word, language, lexicon, *workspace, sink);
    }
    ++sink.position;
  }
  return terms;
}

std::vector<std::string> Analyzer::Terms(absl::string_view text, Language language) const {
  std::vector<AnalyzedTerm> analyzed = Analyze(text, language);
  std::vector<std::string> terms;
  terms.reserve(analyzed.size());
  for (AnalyzedTerm& term : analyzed) terms.push_back(std::move(term.term));
  return terms;
}

Language Analyzer::GuessLanguage(absl::string_view text) const {
  internal::WorkspacePool::Lease workspace = workspaces_.Acquire();
  Tokenize(text, *workspace);
  return Guess(text, *workspace);
}

std::string Analyzer::Stem(absl::string_view word, Language language) const {
  internal::WorkspacePool::Lease workspace = workspaces_.Acquire();
  return std::string(workspace->stemmers.Stem(word, language));
}

std::string Analyzer::Normalize(absl::string_view text) const {
  return normalizer_.Normalize(text);
}

bool Analyzer::IsStopWord(absl::string_view word, Language language) const {
  return stop_words_.Contains(word, language);
}

absl::Status Analyzer::AddWords(Language language, absl::Span<const std::string> words) {
  std::vector<std::string> content_words;
  content_words.reserve(words.size());
  for (const std::string& word : words) {
    std::string normalized = normalizer_.Normalize(word);
    if (!stop_words_.Contains(normalized, language)) content_words.push_back(std::move(normalized));
  }
  return decompounder_->AddWords(language, content_words);
}

void Analyzer::Tokenize(absl::string_view text, internal::Workspace& workspace) const {
  normalizer_.Normalize(text, &workspace.normalized);
  workspace.breaker->Break(workspace.normalized, &workspace.words);
}

Language Analyzer::Guess(absl::string_view text, const internal::Workspace& workspace) const {
  std::array<std::shared_ptr<const Lexicon>, kLanguageCount> lexicons;
  for (Language language : SupportedLanguages()) {
    lexicons[LanguageIndex(language)] = decompounder_->GetLexicon(language);
  }
  return guesser_.Guess(text, workspace.words, lexicons);
}

void Analyzer::AddWordTerms(const internal::WordBreaker::Word& word, Language language,
                            const std::shared_ptr<const Lexicon>& lexicon,
                            internal::Workspace& workspace, TermSink& sink) const {
  if (word.numeric) {
    sink.Add(word.text, false);
    return;
  }
  const internal::WordTerms& terms =
      TermsOfWord(StripElision(word.text, language), language, lexicon, workspace);
  sink.Add(terms.stem, false);
  for (const std::string& part : terms.part_stems) sink.Add(part, true);
}

const internal::WordTerms& Analyzer::TermsOfWord(absl::string_view word, Language language,
                                                 const std::shared_ptr<const Lexicon>& lexicon,
                                                 internal::Workspace& workspace) const {
  if (options_.word_cache_size == 0) {
    ComputeTermsOfWord(word, language, lexicon.get(), workspace, &workspace.uncached);
    return workspace.uncached;
  }
  internal::WordCache& cache = workspace.caches[LanguageIndex(language)];
  if (cache.lexicon != lexicon) {  // AddWords() changed how words split.
    cache.words.clear();
    cache.lexicon = lexicon;
  }
  if (auto it = cache.words.find(word); it != cache.words.end()) return it->second;
  // Starting over is crude but cheap, and frequent words return at once.
  if (cache.words.size() >= options_.word_cache_size) cache.words.clear();
  internal::WordTerms& terms = cache.words[word];
  ComputeTermsOfWord(word, language, lexicon.get(), workspace, &terms);
  return terms;
}

// The word's stem and, in a compounding language, the stems of its parts
// that differ from it and from each other.
void Analyzer::ComputeTermsOfWord(absl::string_view word, Language language, const Lexicon* lexicon,
                                  internal::Workspace& workspace,
                                  internal::WordTerms* terms) const {
  terms->stem = std::string(workspace.stemmers.Stem(word, language));
  terms->part_stems.clear();
  if (lexicon == nullptr) return;
  lexicon->Split(word, &workspace.parts);
  for (absl::string_view part : workspace.parts) {
    absl::string_view stem = workspace.stemmers.Stem(part, language);
    if (stem == terms->stem || std::find(terms->part_stems.begin(), terms->part_stems.end(),
                                         stem) != terms->part_stems.end()) {
      continue;
    }
    terms->part_stems.emplace_back(stem);
  }
}

}  // namespace corematch::matching
