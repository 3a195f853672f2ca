// services/matching/translation/pivot_lexicon_builder.cc
#include "services/matching/translation/pivot_lexicon_builder.h"

#include <algorithm>
#include <utility>

#include "services/matching/translation/english_head.h"

namespace corematch::matching {
namespace {

constexpr int kWholeTranslationWeight = 2;
constexpr int kPhraseHeadWeight = 1;

// The stems one sense gives, in dictionary order (so ties rank the same way
// on every run), each once with its larger weight: a sense saying "work"
// twice is still one sense.
using SenseStems = std::vector<std::pair<std::string, int>>;

void KeepMax(SenseStems& stems, std::string stem, int weight) {
  for (auto& [seen, seen_weight] : stems) {
    if (seen == stem) {
      seen_weight = std::max(seen_weight, weight);
      return;
    }
  }
  stems.emplace_back(std::move(stem), weight);
}

}  // namespace

void PivotLexiconBuilder::AddLanguage(Language language) {
  const size_t slot = LanguageIndex(language);
  if (slot >= languages_.size()) languages_.resize(slot + 1, false);
  languages_[slot] = true;
}

std::pair<std::string, int> PivotLexiconBuilder::EnglishPivot(absl::string_view phrase,
                                                              bool verb) const {
  std::optional<EnglishHead> head = FindEnglishHead(phrase, verb);
  if (!head) return {"", 0};
  std::string stem = stem_(head->word, Language::kEnglish);
  if (stem.empty()) return {"", 0};
  return {std::move(stem), head->whole_phrase ? kWholeTranslationWeight : kPhraseHeadWeight};
}

void PivotLexiconBuilder::AddToEnglishEntry(Language source, const DictdEntry& entry) {
  AddLanguage(source);
  const std::string source_stem = stem_(entry.headword, source);
  if (source_stem.empty()) return;
  const bool entry_verb = IsVerbGrammar(entry.grammar);
  for (const std::vector<DictdTranslation>& sense : entry.senses) {
    SenseStems weights;
    for (const DictdTranslation& translation : sense) {
      const bool verb = entry_verb || IsVerbGrammar(translation.grammar);
      auto [english, weight] = EnglishPivot(translation.text, verb);
      if (weight > 0) KeepMax(weights, std::move(english), weight);
    }
    for (const auto& [english, weight] : weights) Add(source, source_stem, english, weight);
  }
}

void PivotLexiconBuilder::AddFromEnglishEntry(Language target, const DictdEntry& entry) {
  AddLanguage(target);
  const auto [english, weight] = EnglishPivot(entry.headword, IsVerbGrammar(entry.grammar));
  if (weight == 0) return;
  for (const std::vector<DictdTranslation>& sense : entry.senses) {
    SenseStems sources;
    for (const DictdTranslation& translation : sense) {
      std::string source_stem = stem_(translation.text, target);
      if (!source_stem.empty()) KeepMax(sources, std::move(source_stem), weight);
    }
    for (const auto& [source_stem, w] : sources) Add(target, source_stem, english, w);
  }
}

void PivotLexiconBuilder::Add(Language language, const std::string& source,
                              const std::string& english, int weight) {
  const size_t slot = LanguageIndex(language);
  if (slot >= pairs_.size()) pairs_.resize(slot + 1);
  Candidates& candidates = pairs_[slot][source];
  for (Candidate& candidate : candidates) {
    if (candidate.english == english) {
      candidate.weight += weight;
      return;
    }
  }
  candidates.push_back(Candidate{english, weight, next_order_++});
}

std::unique_ptr<PivotLexicon> PivotLexiconBuilder::Build() && {
  std::unique_ptr<PivotLexicon> lexicon(new PivotLexicon());
  for (size_t slot = 0; slot < languages_.size(); ++slot) {
    if (languages_[slot]) lexicon->MutableTable(static_cast<Language>(slot)).covered = true;
  }
  for (size_t slot = 0; slot < pairs_.size(); ++slot) {
    PivotLexicon::Table& table = lexicon->MutableTable(static_cast<Language>(slot));
    table.runs.reserve(pairs_[slot].size());
    for (auto& [source, candidates] : pairs_[slot]) {
      std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        return a.weight != b.weight ? a.weight > b.weight : a.first_seen < b.first_seen;
      });
      const size_t count = std::min(candidates.size(), PivotLexicon::kMaxPivotsPerStem);
      table.runs[source] = {static_cast<uint32_t>(table.pivots.size()),
                            static_cast<uint32_t>(count)};
      for (size_t i = 0; i < count; ++i) table.pivots.push_back(std::move(candidates[i].english));
    }
    pairs_[slot].clear();
  }
  lexicon->IndexEnglish();
  return lexicon;
}

}  // namespace corematch::matching
