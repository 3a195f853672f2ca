#include "services/matching/engine/matching_engine.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/matching/engine/fingerprint.h"
#include "services/matching/engine/ranking_weights.h"

namespace corematch::matching {
namespace {

// How many candidates the text stage hands to context scoring: context can
// lift a solution, but only among those whose text already fits.
constexpr size_t kCandidateFactor = 3;
constexpr size_t kMinCandidates = 50;
constexpr size_t kMaxTopK = 100;
// Translations per source stem kept on a solution's side, to bound postings.
constexpr size_t kMaxDocumentTranslations = 3;
// English pivots per stem of a need, best first, in its query and in its
// indexed document alike. The first two carry the meaning; each further one
// adds a list to every search of the need (at 1,000,000 solutions p99 30 ms
// with two against 40 with six) for no gain on the evaluation sets
// (docs/matching.md).
constexpr size_t kMaxQueryTranslations = 2;

MaturityLevel Clamp(MaturityLevel m) { return std::clamp(m, 0, 4); }

bool Contains(const std::vector<std::string>& list, absl::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

absl::string_view Primary(absl::string_view tag) { return tag.substr(0, tag.find('-')); }

// Whether PassesFilters can say no: without filters the search need not
// read every candidate's features.
bool HasFilters(const NeedQuery& need) {
  return !need.only_languages.empty() || !need.only_countries.empty() ||
         !need.only_sectors.empty() || need.min_maturity > 0;
}

bool PassesFilters(const NeedQuery& need, const SolutionFeatures& s) {
  if (!need.only_languages.empty() &&
      std::none_of(need.only_languages.begin(), need.only_languages.end(),
                   [&](const std::string& l) { return Primary(l) == Primary(s.language); })) {
    return false;
  }
  if (!need.only_countries.empty() && !Contains(need.only_countries, s.country)) return false;
  if (!need.only_sectors.empty() && SectorFit(need.only_sectors, s.sectors) == 0.0) return false;
  return s.maturity >= need.min_maturity;
}

double Squash(double bm25, double half_point) {
  return bm25 > 0 ? bm25 / (bm25 + half_point) : 0.0;
}

// Where text fit is one half: a fraction of the need's text mass, the idf of
// every term the searched index knows, weighted as the term is. Each matched
// term adds up to idf·(k1+1) to BM25F, so a long need's scores are large; a
// fixed half point squashed them all towards 1 and let the context factors
// alone order the candidates (docs/matching.md, "Text score").
double TextHalfPoint(const std::vector<QueryTerm>& terms, const TextIndex& index) {
  double mass = 0;
  for (const QueryTerm& term : terms) mass += term.weight * index.Idf(term.term);
  return weights::kTextHalfPointPerMass * mass;
}

// Keeps the `max_terms` dearest of a need's terms (0: all), in the need's
// order: those with the highest weight × idf in `index`, the most one
// occurrence can add to a solution's score; of equally dear terms the
// earlier. The half point stays the whole need's: the terms left out are
// part of the need, just not worth a search's look-ups.
void KeepDearestTerms(size_t max_terms, const TextIndex& index, MatchingEngine::Query& query) {
  if (max_terms == 0 || query.terms.size() <= max_terms) return;
  std::vector<std::pair<float, size_t>> by_dearness;  // -(weight × idf), position
  by_dearness.reserve(query.terms.size());
  for (size_t i = 0; i < query.terms.size(); ++i) {
    by_dearness.push_back({-query.terms[i].weight * index.Idf(query.terms[i].term), i});
  }
  std::partial_sort(by_dearness.begin(), by_dearness.begin() + max_terms, by_dearness.end());
  std::vector<size_t> kept;
  kept.reserve(max_terms);
  for (size_t i = 0; i < max_terms; ++i) kept.push_back(by_dearness[i].second);
  std::sort(kept.begin(), kept.end());
  MatchingEngine::Query dearest;
  dearest.language = query.language;
  dearest.text_half_point = query.text_half_point;
  for (size_t i : kept) {
    dearest.terms.push_back(std::move(query.terms[i]));
    dearest.sources.push_back(std::move(query.sources[i]));
    dearest.kinds.push_back(query.kinds[i]);
  }
  query = std::move(dearest);
}

// Readies a need's query for searching and scoring `index`: its half point
// from every term first, then only its dearest terms kept. Match and
// MatchSolution both go through here, so a stored match scores as the
// ranking did.
void FitQueryToIndex(size_t max_terms, const TextIndex& index, MatchingEngine::Query& query) {
  query.text_half_point = TextHalfPoint(query.terms, index);
  KeepDearestTerms(max_terms, index, query);
}

// A request's indexed term is a word of its need (title, need statement,
// desired effects) unless it came from its target groups alone (kTags).
bool InNeedText(uint8_t flags) {
  return (flags & (FieldBit(Field::kTitle) | FieldBit(Field::kSummary) |
                   FieldBit(Field::kDescription))) != 0;
}

// The weight BuildQuery gives a need's word: a translation counts less.
float NeedTermWeight(uint8_t flags) {
  return (flags & kTranslatedFlag) ? weights::kTranslatedTerm : 1.0f;
}

// Whether a request that names accepted languages reads `s`'s: the language
// filter NeedQueryFor makes of them.
bool Reads(const NeedFeatures& need, const SolutionFeatures& s) {
  if (need.accepted_languages.empty()) return true;
  const absl::string_view language = Primary(s.language);
  return Primary(need.language) == language ||
         std::any_of(need.accepted_languages.begin(), need.accepted_languages.end(),
                     [&](const std::string& l) { return Primary(l) == language; });
}

std::string FieldList(uint8_t flags) {
  std::vector<std::string> names;
  for (int f = 0; f < kFieldCount; ++f) {
    if (flags & FieldBit(static_cast<Field>(f))) {
      names.emplace_back(FieldName(static_cast<Field>(f)));
    }
  }
  return absl::StrJoin(names, ", ");
}

}  // namespace

std::string EngineOptionsKey(const EngineOptions& options) {
  return absl::StrCat("translation=", options.translation, ",compounds=", options.compounds,
                      ",field_weights=", options.field_weights, ",context=", options.context);
}

MatchingEngine::MatchingEngine(const Analyzer* analyzer, const PivotLexicon* lexicon,
                               EngineOptions options)
    : analyzer_(analyzer), lexicon_(options.translation ? lexicon : nullptr), options_(options) {}

Language MatchingEngine::ResolveLanguage(absl::string_view tag, absl::string_view text) const {
  Language language = LanguageFromTag(tag);
  if (language == Language::kUnknown) language = analyzer_->GuessLanguage(text);
  return language;
}

void MatchingEngine::AddField(absl::string_view text, Language language, Field field,
                              absl::flat_hash_map<std::string, IndexedTerm>& terms,
                              IndexedDocument& document) const {
  if (text.empty()) return;
  const int f = static_cast<int>(options_.field_weights ? field : Field::kDescription);
  for (const AnalyzedTerm& term : analyzer_->Analyze(text, language)) {
    if (term.from_compound && !options_.compounds) continue;
    IndexedTerm& entry = terms[term.term];
    if (entry.term.empty()) entry.term = term.term;
    if (entry.tf[f] < UINT16_MAX) ++entry.tf[f];
    if (!term.from_compound) ++document.length[f];
  }
}

void MatchingEngine::AddTranslations(Language language, size_t per_stem,
                                     absl::flat_hash_map<std::string, IndexedTerm>& terms) const {
  if (lexicon_ == nullptr || language == Language::kEnglish) return;
  absl::flat_hash_map<std::string, IndexedTerm> added;
  for (const auto& [stem, entry] : terms) {
    size_t kept = 0;
    for (const std::string& english : lexicon_->ToPivot(stem, language)) {
      if (kept++ == per_stem) break;
      if (terms.contains(english)) continue;  // the document has the word itself
      IndexedTerm& pivot = added[english];
      pivot.term = english;
      pivot.translated = true;
      for (int f = 0; f < kFieldCount; ++f) pivot.tf[f] = std::max(pivot.tf[f], entry.tf[f]);
    }
  }
  for (auto& [term, entry] : added) terms.emplace(term, std::move(entry));
}

IndexedDocument MatchingEngine::AnalyzeSolution(const SolutionRecord& s) const {
  const Language language = ResolveLanguage(s.language, absl::StrCat(s.title, " ", s.summary));
  absl::flat_hash_map<std::string, IndexedTerm> terms;
  IndexedDocument document;
  AddField(s.title, language, Field::kTitle, terms, document);
  for (const CoreElementText& core : s.core_elements) {
    AddField(absl::StrCat(core.title, "\n", core.description, "\n", core.value_rationale), language,
             Field::kCoreElements, terms, document);
  }
  AddField(s.summary, language, Field::kSummary, terms, document);
  AddField(s.description, language, Field::kDescription, terms, document);
  AddField(absl::StrJoin(s.tags, "\n"), language, Field::kTags, terms, document);
  AddField(absl::StrJoin(s.target_groups, "\n"), language, Field::kTags, terms, document);
  AddTranslations(language, kMaxDocumentTranslations, terms);
  document.terms.reserve(terms.size());
  for (auto& [term, entry] : terms) document.terms.push_back(std::move(entry));
  return document;
}

std::vector<uint32_t> MatchingEngine::TargetGroupTerms(const std::vector<std::string>& groups,
                                                       Language language) const {
  std::vector<uint32_t> hashes;
  for (const std::string& group : groups) {
    for (const std::string& term : analyzer_->Terms(group, language)) {
      hashes.push_back(Fingerprint32(term));
      if (lexicon_ == nullptr) continue;
      for (const std::string& english : lexicon_->ToPivot(term, language)) {
        hashes.push_back(Fingerprint32(english));
      }
    }
  }
  std::sort(hashes.begin(), hashes.end());
  hashes.erase(std::unique(hashes.begin(), hashes.end()), hashes.end());
  return hashes;
}

SolutionFeatures MatchingEngine::FeaturesOf(const SolutionRecord& s) const {
  SolutionFeatures f;
  f.language = s.language;
  f.country = s.country;
  f.region = s.region;
  f.sectors = s.sectors;
  f.target_group_terms = TargetGroupTerms(s.target_groups, LanguageFromTag(s.language));
  f.maturity = Clamp(s.maturity);
  f.evidence_count = s.evidence_count;
  f.support_capacity = s.support_capacity;
  return f;
}

std::vector<std::vector<std::string>> MatchingEngine::CoreElementTerms(
    const SolutionRecord& solution) const {
  const Language language = ResolveLanguage(solution.language, solution.title);
  std::vector<std::vector<std::string>> terms;
  for (const CoreElementText& core : solution.core_elements) {
    // The core's own stems and their English pivots: a translated match
    // names the pivot.
    std::vector<std::string> core_terms =
        analyzer_->Terms(absl::StrCat(core.title, " ", core.description), language);
    if (lexicon_ != nullptr) {
      for (size_t i = 0, n = core_terms.size(); i < n; ++i) {
        for (const std::string& english : lexicon_->ToPivot(core_terms[i], language)) {
          core_terms.push_back(english);
        }
      }
    }
    std::sort(core_terms.begin(), core_terms.end());
    core_terms.erase(std::unique(core_terms.begin(), core_terms.end()), core_terms.end());
    terms.push_back(std::move(core_terms));
  }
  return terms;
}

IndexedDocument MatchingEngine::AnalyzeRequest(const RequestRecord& r) const {
  const Language language = ResolveLanguage(r.language, r.need_statement);
  absl::flat_hash_map<std::string, IndexedTerm> terms;
  IndexedDocument document;
  AddField(r.title, language, Field::kTitle, terms, document);
  AddField(r.need_statement, language, Field::kDescription, terms, document);
  AddField(absl::StrJoin(r.desired_effects, "\n"), language, Field::kSummary, terms, document);
  AddField(absl::StrJoin(r.target_groups, "\n"), language, Field::kTags, terms, document);
  // As the need's query has them: LikelyAdopters estimates from these
  // documents how the need's own search would score a new solution.
  AddTranslations(language, kMaxQueryTranslations, terms);
  for (auto& [term, entry] : terms) document.terms.push_back(std::move(entry));
  return document;
}

NeedFeatures MatchingEngine::FeaturesOf(const RequestRecord& r) const {
  NeedFeatures f;
  f.language = r.language;
  f.country = r.country;
  f.region = r.region;
  f.sectors = r.sectors;
  f.target_group_terms = TargetGroupTerms(r.target_groups, LanguageFromTag(r.language));
  f.population = r.population;
  f.accepted_languages = r.accepted_languages;
  return f;
}

MatchingEngine::Query MatchingEngine::BuildQuery(absl::string_view text,
                                                 absl::string_view language_tag) const {
  Query query;
  query.language = ResolveLanguage(language_tag, text);
  absl::flat_hash_map<std::string, size_t> slot;
  auto add = [&](const std::string& term, const std::string& source, float weight, MatchKind kind) {
    auto [it, inserted] = slot.emplace(term, query.terms.size());
    if (inserted) {
      query.terms.push_back({term, weight});
      query.sources.push_back(source);
      query.kinds.push_back(kind);
    } else if (weight > query.terms[it->second].weight) {
      // A term reached twice counts once, as its strongest reading.
      query.terms[it->second].weight = weight;
      query.sources[it->second] = source;
      query.kinds[it->second] = kind;
    }
  };
  std::vector<std::string> stems;
  for (const AnalyzedTerm& term : analyzer_->Analyze(text, query.language)) {
    if (term.from_compound && !options_.compounds) continue;
    add(term.term, term.term, term.from_compound ? weights::kCompoundPart : 1.0f,
        term.from_compound ? MatchKind::kCompound : MatchKind::kExact);
    stems.push_back(term.term);
  }
  if (lexicon_ != nullptr && query.language != Language::kEnglish) {
    for (const std::string& stem : stems) {
      size_t kept = 0;
      for (const std::string& english : lexicon_->ToPivot(stem, query.language)) {
        if (kept++ == kMaxQueryTranslations) break;
        add(english, stem, weights::kTranslatedTerm, MatchKind::kTranslation);
      }
    }
  }
  return query;
}

void MatchingEngine::UpsertSolution(const std::string& name, const IndexedDocument& document,
                                    SolutionFeatures features) {
  absl::MutexLock lock(&mutex_);
  Side& side = solutions_.side;
  int connected = 0;
  if (auto it = side.ids.find(name); it != side.ids.end()) {
    connected = solutions_.features[it->second].connected_adopters;
    side.index.Remove(it->second);
  }
  features.connected_adopters = connected;
  const DocId doc = side.index.Add(document);
  side.ids[name] = doc;
  side.names.push_back(name);
  solutions_.features.push_back(std::move(features));
  if (side.index.dead_documents() > side.index.live_documents() / 2 + 1000) side.index.Compact();
  RefreshRequestMassesIfStale();
}

void MatchingEngine::RemoveSolution(absl::string_view name) {
  absl::MutexLock lock(&mutex_);
  auto it = solutions_.side.ids.find(name);
  if (it == solutions_.side.ids.end()) return;
  solutions_.side.index.Remove(it->second);
  solutions_.side.ids.erase(it);
  RefreshRequestMassesIfStale();
}

void MatchingEngine::SetConnectedAdopters(absl::string_view solution, int connected) {
  absl::MutexLock lock(&mutex_);
  auto it = solutions_.side.ids.find(solution);
  if (it != solutions_.side.ids.end())
    solutions_.features[it->second].connected_adopters = connected;
}

void MatchingEngine::UpsertRequest(const std::string& name, const IndexedDocument& document,
                                   NeedFeatures features) {
  absl::MutexLock lock(&mutex_);
  Side& side = requests_.side;
  if (auto it = side.ids.find(name); it != side.ids.end()) side.index.Remove(it->second);
  const DocId doc = side.index.Add(document);
  side.ids[name] = doc;
  side.names.push_back(name);
  requests_.features.push_back(std::move(features));
  float mass = 0;
  for (const IndexedTerm& term : document.terms) {
    const uint8_t flags = PostingFlags(term);
    if (InNeedText(flags)) mass += NeedTermWeight(flags) * solutions_.side.index.Idf(term.term);
  }
  request_masses_.resize(side.names.size());
  request_masses_[doc] = mass;
  entry_scores_.resize(side.names.size());
  entry_scores_[doc] = 0.0f;
  if (side.index.dead_documents() > side.index.live_documents() / 2 + 1000) side.index.Compact();
}

void MatchingEngine::RemoveRequest(absl::string_view name) {
  absl::MutexLock lock(&mutex_);
  auto it = requests_.side.ids.find(name);
  if (it == requests_.side.ids.end()) return;
  requests_.side.index.Remove(it->second);
  requests_.side.ids.erase(it);
}

double MatchingEngine::Total(const Query& query, float bm25, const NeedFeatures& need,
                             const SolutionFeatures& solution,
                             std::vector<FactorExplanation>& factors) const {
  const double context = options_.context ? ScoreContext(need, solution, factors) : 0.0;
  return static_cast<double>(weights::kTextWeight) * Squash(bm25, query.text_half_point) + context;
}

Explanation MatchingEngine::Explain(const Query& query, const ScoredDocument& scored,
                                    const NeedFeatures& need, const SolutionFeatures& solution,
                                    const std::optional<SolutionRecord>& record) const {
  Explanation e;
  e.text_bm25 = scored.score;
  e.text_score = Squash(scored.score, query.text_half_point);
  e.text_weight = weights::kTextWeight;
  std::vector<TermContribution> contributions = scored.contributions;
  std::sort(contributions.begin(), contributions.end(),
            [](const auto& a, const auto& b) { return a.score > b.score; });
  for (const TermContribution& c : contributions) {
    TermMatchExplanation term;
    term.query_term = query.sources[c.query_term];
    term.matched_term = query.terms[c.query_term].term;
    term.fields = c.flags & static_cast<uint8_t>(~kTranslatedFlag);
    term.kind = (c.flags & kTranslatedFlag) ? MatchKind::kTranslation : query.kinds[c.query_term];
    term.contribution = c.score;
    e.terms.push_back(std::move(term));
  }
  e.total = Total(query, scored.score, need, solution, e.factors);
  if (record.has_value()) {
    const bool kept = record->core_terms.size() == record->core_elements.size();
    const std::vector<std::vector<std::string>> analysed =
        kept ? std::vector<std::vector<std::string>>() : CoreElementTerms(*record);
    const std::vector<std::vector<std::string>>& terms_of = kept ? record->core_terms : analysed;
    for (size_t c = 0; c < record->core_elements.size(); ++c) {
      const std::vector<std::string>& core_terms = terms_of[c];
      const bool met = std::any_of(e.terms.begin(), e.terms.end(), [&](const auto& t) {
        return std::find(core_terms.begin(), core_terms.end(), t.matched_term) != core_terms.end();
      });
      if (met) e.matched_core_elements.push_back(record->core_elements[c].title);
    }
    for (const PreconditionText& p : record->preconditions) {
      e.preconditions_to_check.push_back(absl::StrCat(p.kind, ": ", p.description));
    }
  }
  std::vector<std::string> words;
  for (size_t i = 0; i < e.terms.size() && words.size() < 4; ++i) {
    words.push_back(absl::StrCat(e.terms[i].query_term,
                                 e.terms[i].kind == MatchKind::kTranslation
                                     ? absl::StrCat("→", e.terms[i].matched_term)
                                     : "",
                                 " (", FieldList(e.terms[i].fields), ")"));
  }
  e.summary = absl::StrCat("text fit ", static_cast<int>(std::round(e.text_score * 100)), "% via ",
                           words.empty() ? "no shared words" : absl::StrJoin(words, "; "));
  return e;
}

NeedFeatures MatchingEngine::FeaturesOfNeed(const NeedQuery& need, Language language) const {
  NeedFeatures features;
  features.language = std::string(LanguageTag(language));
  features.country = need.country;
  features.region = need.region;
  features.sectors = need.sectors;
  features.target_group_terms = TargetGroupTerms(need.target_groups, language);
  features.population = need.population;
  features.accepted_languages = need.accepted_languages;
  return features;
}

SolutionFetcher FetchEach(
    std::function<std::optional<SolutionRecord>(absl::string_view name)> fetch_one) {
  return [fetch_one = std::move(fetch_one)](const std::vector<std::string>& names) {
    std::vector<std::optional<SolutionRecord>> records;
    records.reserve(names.size());
    for (const std::string& name : names) records.push_back(fetch_one(name));
    return records;
  };
}

std::optional<RankedSolution> MatchingEngine::MatchSolution(const NeedQuery& need,
                                                            absl::string_view solution,
                                                            const SolutionFetcher& fetch) const {
  Query query = BuildQuery(need.text, need.language);
  const NeedFeatures features = FeaturesOfNeed(need, query.language);
  ScoredDocument scored;
  SolutionFeatures solution_features;
  {
    absl::ReaderMutexLock lock(&mutex_);
    auto it = solutions_.side.ids.find(solution);
    if (it == solutions_.side.ids.end()) return std::nullopt;
    solution_features = solutions_.features[it->second];
    if (!PassesFilters(need, solution_features)) return std::nullopt;
    FitQueryToIndex(options_.max_need_terms, solutions_.side.index, query);
    scored = solutions_.side.index.ScoreDocument(query.terms, it->second);
  }
  RankedSolution ranked;
  ranked.name = std::string(solution);
  std::optional<SolutionRecord> record;
  if (fetch) {
    std::vector<std::optional<SolutionRecord>> fetched = fetch({ranked.name});
    if (!fetched.empty()) record = std::move(fetched.front());
  }
  ranked.explanation = Explain(query, scored, features, solution_features, record);
  ranked.score = ranked.explanation.total;
  return ranked;
}

std::vector<RankedSolution> MatchingEngine::Match(const NeedQuery& need,
                                                  const SolutionFetcher& fetch) const {
  const size_t k = std::clamp<size_t>(need.top_k == 0 ? 20 : need.top_k, 1, kMaxTopK);
  Query query = BuildQuery(need.text, need.language);
  const NeedFeatures features = FeaturesOfNeed(need, query.language);

  // The winners, best first: the text's candidates ranked by their total
  // alone, and only the winners explained (building a hundred explanations
  // was a quarter of a call).
  std::vector<ScoredDocument> winners;
  std::vector<SolutionFeatures> winner_features;
  std::vector<std::string> names;
  {
    absl::ReaderMutexLock lock(&mutex_);
    FitQueryToIndex(options_.max_need_terms, solutions_.side.index, query);
    const auto accept = [&](DocId doc) { return PassesFilters(need, solutions_.features[doc]); };
    std::vector<ScoredDocument> candidates = solutions_.side.index.Search(
        query.terms, std::max(kMinCandidates, k * kCandidateFactor),
        HasFilters(need) ? std::function<bool(DocId)>(accept) : nullptr);
    std::vector<std::pair<double, size_t>> totals;  // total, candidate
    std::vector<FactorExplanation> scratch;
    for (size_t i = 0; i < candidates.size(); ++i) {
      scratch.clear();
      totals.push_back({Total(query, candidates[i].score, features,
                              solutions_.features[candidates[i].doc], scratch),
                        i});
    }
    std::stable_sort(totals.begin(), totals.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    if (totals.size() > k) totals.resize(k);
    for (const auto& [total, i] : totals) winners.push_back(std::move(candidates[i]));
    solutions_.side.index.AddContributions(query.terms, winners);
    for (const ScoredDocument& winner : winners) {
      names.push_back(solutions_.side.names[winner.doc]);
      winner_features.push_back(solutions_.features[winner.doc]);
    }
  }
  // The winners' texts, for core elements and preconditions.
  std::vector<std::optional<SolutionRecord>> records;
  if (fetch) records = fetch(names);
  records.resize(winners.size());
  std::vector<RankedSolution> ranked;
  for (size_t i = 0; i < winners.size(); ++i) {
    RankedSolution r;
    r.name = names[i];
    r.explanation = Explain(query, winners[i], features, winner_features[i], records[i]);
    r.score = r.explanation.total;
    ranked.push_back(std::move(r));
  }
  return ranked;
}

std::vector<RankedRequest> MatchingEngine::FindAdopters(const SolutionRecord& solution,
                                                        size_t k) const {
  k = std::clamp<size_t>(k == 0 ? 20 : k, 1, kMaxTopK);
  std::string text = absl::StrCat(solution.title, "\n", solution.summary, "\n",
                                  absl::StrJoin(solution.tags, "\n"));
  for (const CoreElementText& core : solution.core_elements) {
    absl::StrAppend(&text, "\n", core.title, "\n", core.description);
  }
  Query query = BuildQuery(text, solution.language);
  const SolutionFeatures features = FeaturesOf(solution);
  std::vector<RankedRequest> ranked;
  absl::ReaderMutexLock lock(&mutex_);
  query.text_half_point = TextHalfPoint(query.terms, requests_.side.index);
  std::vector<ScoredDocument> candidates = requests_.side.index.Search(
      query.terms, std::max(kMinCandidates, k * kCandidateFactor), nullptr);
  // Each is explained: the explanation's total is what ranks them.
  requests_.side.index.AddContributions(query.terms, candidates);
  for (const ScoredDocument& scored : candidates) {
    RankedRequest r;
    r.name = requests_.side.names[scored.doc];
    r.explanation = Explain(query, scored, requests_.features[scored.doc], features, std::nullopt);
    r.score = r.explanation.total;
    ranked.push_back(std::move(r));
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.score > b.score; });
  if (ranked.size() > k) ranked.resize(k);
  return ranked;
}

void MatchingEngine::SetEntryScore(absl::string_view request, double score) {
  absl::MutexLock lock(&mutex_);
  auto it = requests_.side.ids.find(request);
  // Rounded down, so that the float never exceeds the stored score.
  if (it != requests_.side.ids.end()) {
    entry_scores_[it->second] = std::nextafter(static_cast<float>(score), 0.0f);
  }
}

// A request's mass is a sum of idfs in the solutions' index, which move as
// solutions come and go: recomputed when their number has moved by more than
// kMassRefresh since (a walk over the requests' postings; at a million
// solutions once in 20,000 publications), so that a request filed when there
// were few solutions is not estimated as if every word of it were common.
void MatchingEngine::RefreshRequestMassesIfStale() {
  constexpr double kMassRefresh = 0.02;
  const double now = static_cast<double>(solutions_.side.index.live_documents());
  const double then = static_cast<double>(masses_solution_count_);
  if (std::abs(now - then) > std::max(1.0, kMassRefresh * then)) ComputeRequestMasses();
}

void MatchingEngine::ComputeRequestMasses() {
  masses_solution_count_ = solutions_.side.index.live_documents();
  request_masses_.assign(requests_.side.names.size(), 0.0f);
  // A term's postings come together: its idf is looked up once.
  const std::string* term_of_idf = nullptr;
  float idf = 0;
  requests_.side.index.ForEachLivePosting([&](const std::string& term, DocId doc, uint8_t flags) {
    if (!InNeedText(flags)) return;
    if (term_of_idf != &term) {
      term_of_idf = &term;
      idf = solutions_.side.index.Idf(term);
    }
    request_masses_[doc] += NeedTermWeight(flags) * idf;
  });
}

// Every open request's estimated BM25F for the solution is a sum over the
// words they share of (the word's weight in the need) × (what the word adds
// to the solution's score at weight 1): the second factor is the same for
// every request, so it is computed once and the requests' postings of the
// solution's words are walked once. Context, the dearer part, is added only
// where it can still lift a request into the best k.
std::vector<MatchingEngine::AdopterCandidate> MatchingEngine::LikelyAdopters(
    absl::string_view solution, const IndexedDocument& document, size_t k) const {
  std::vector<QueryTerm> words;
  words.reserve(document.terms.size());
  for (const IndexedTerm& term : document.terms) words.push_back({term.term, 1.0f});

  absl::ReaderMutexLock lock(&mutex_);
  auto it = solutions_.side.ids.find(solution);
  if (it == solutions_.side.ids.end() || k == 0) return {};
  const SolutionFeatures& features = solutions_.features[it->second];
  const ScoredDocument per_word = solutions_.side.index.ScoreDocument(words, it->second);

  std::vector<float> bm25(requests_.side.names.size(), 0.0f);
  std::vector<DocId> touched;
  for (const TermContribution& c : per_word.contributions) {
    requests_.side.index.ForEachHolder(words[c.query_term].term, [&](DocId doc, uint8_t flags) {
      if (!InNeedText(flags)) return;
      if (bm25[doc] == 0.0f) touched.push_back(doc);
      bm25[doc] += NeedTermWeight(flags) * c.score;
    });
  }
  // `clearance` is how far the estimate lies above the request's entry
  // score: text alone first, context added where it can still matter.
  struct Estimate {
    DocId doc;
    double total;
    double clearance;
  };
  std::vector<Estimate> estimates;
  estimates.reserve(touched.size());
  const double context_max = options_.context ? weights::kContextMax : 0.0;
  for (DocId doc : touched) {
    const double entry = entry_scores_[doc];
    const double half_point = weights::kTextHalfPointPerMass * request_masses_[doc];
    const double text = weights::kTextWeight * Squash(bm25[doc], half_point);
    if (text + context_max + kEstimateMargin < entry) continue;
    if (!Reads(requests_.features[doc], features)) continue;
    estimates.push_back({doc, text, text - entry});
  }
  if (options_.context) {
    // Text alone is a floor under each clearance: a request whose text plus
    // the most context cannot reach the k-th best floor cannot be in the k.
    double floor = -1e9;
    if (estimates.size() > k) {
      std::nth_element(
          estimates.begin(), estimates.begin() + (k - 1), estimates.end(),
          [](const Estimate& a, const Estimate& b) { return a.clearance > b.clearance; });
      floor = estimates[k - 1].clearance;
    }
    std::vector<FactorExplanation> factors;
    for (Estimate& e : estimates) {
      if (e.clearance + weights::kContextMax < floor) continue;
      factors.clear();
      const double context = ScoreContext(requests_.features[e.doc], features, factors);
      e.total += context;
      e.clearance += context;
    }
  }
  std::erase_if(estimates, [](const Estimate& e) { return e.clearance + kEstimateMargin < 0; });
  const size_t n = std::min(k, estimates.size());
  std::partial_sort(estimates.begin(), estimates.begin() + n, estimates.end(),
                    [](const Estimate& a, const Estimate& b) {
                      return a.clearance != b.clearance ? a.clearance > b.clearance : a.doc < b.doc;
                    });
  std::vector<AdopterCandidate> candidates;
  candidates.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    candidates.push_back({requests_.side.names[estimates[i].doc], estimates[i].total});
  }
  return candidates;
}

size_t MatchingEngine::solution_count() const {
  absl::ReaderMutexLock lock(&mutex_);
  return solutions_.side.index.live_documents();
}

size_t MatchingEngine::request_count() const {
  absl::ReaderMutexLock lock(&mutex_);
  return requests_.side.index.live_documents();
}

size_t MatchingEngine::memory_bytes() const {
  absl::ReaderMutexLock lock(&mutex_);
  size_t bytes = solutions_.side.index.memory_bytes() + requests_.side.index.memory_bytes();
  bytes += solutions_.features.capacity() * sizeof(SolutionFeatures);
  bytes += requests_.features.capacity() * sizeof(NeedFeatures);
  for (const std::string& name : solutions_.side.names) bytes += name.capacity() + sizeof(name);
  for (const std::string& name : requests_.side.names) bytes += name.capacity() + sizeof(name);
  return bytes;
}

}  // namespace corematch::matching
