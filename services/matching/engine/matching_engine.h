// services/matching/engine/matching_engine.h
//
// MatchingEngine ranks solution cores for a need and open requests for a
// solution, across languages, and explains every score. It owns two
// TextIndexes (solutions; open requests) and the compact features context
// scoring needs; the full texts stay with the caller, who hands the few it
// needs for explanations back through a fetch function.
//
//   MatchingEngine engine(analyzer, lexicon);
//   engine.UpsertSolution(record.name, engine.AnalyzeSolution(record),
//                         engine.FeaturesOf(record));
//   std::vector<RankedSolution> ranked = engine.Match(need, fetch);
//
// Analysis is the expensive part and runs outside any lock, so callers
// analyse first (AnalyzeSolution) and then index (UpsertSolution); what
// AnalyzeSolution returns can be persisted, so a restart indexes without
// analysing again. Thread-safe: searches share a reader lock, updates take it
// exclusively.
#ifndef COREMATCH_SERVICES_MATCHING_ENGINE_MATCHING_ENGINE_H_
#define COREMATCH_SERVICES_MATCHING_ENGINE_MATCHING_ENGINE_H_

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "services/matching/analysis/analyzer.h"
#include "services/matching/engine/context_scorer.h"
#include "services/matching/engine/explanation.h"
#include "services/matching/engine/records.h"
#include "services/matching/engine/snapshot_file.h"
#include "services/matching/engine/text_index.h"
#include "services/matching/translation/pivot_lexicon.h"

namespace corematch::matching {

// Looks up the full records of ranked solutions, for the parts of an
// explanation that quote their text (core elements, preconditions): a record
// or std::nullopt for each name, in the names' order. A ranking asks for all
// its winners at once, so that a fetcher reading a store can read them
// together.
using SolutionFetcher = std::function<std::vector<std::optional<SolutionRecord>>(
    const std::vector<std::string>& names)>;

// A SolutionFetcher that looks the names up one at a time with `fetch_one`.
SolutionFetcher FetchEach(
    std::function<std::optional<SolutionRecord>(absl::string_view name)> fetch_one);

// What the ranking uses. The defaults are corematch's ranking; PlainBm25() is
// the baseline it is measured against (docs/matching.md): one flat text field,
// no compounds, no translation, no context, every term of a need.
struct EngineOptions {
  bool translation = true;
  bool compounds = true;
  bool field_weights = true;
  bool context = true;
  // A need is searched and scored by at most this many of its terms, the
  // dearest: those that can add most to a solution's score, weight × idf
  // (0: all). Its other terms are its commonest words and their
  // translations: at 1,000,000 solutions they were a third of the slowest
  // searches' work and lowered the generated corpus's nDCG@10; the
  // evaluation sets scored within 0.002 of all terms (docs/matching.md).
  size_t max_need_terms = 40;

  static EngineOptions PlainBm25() { return {false, false, false, false, 0}; }
};

// A stable text form of `options`, e.g. "translation=1,compounds=1,...", to
// record what stored analyses were made with.
std::string EngineOptionsKey(const EngineOptions& options);

class MatchingEngine {
 public:
  // Neither is owned; `lexicon` may be null (no cross-language matching).
  MatchingEngine(const Analyzer* analyzer, const PivotLexicon* lexicon,
                 EngineOptions options = EngineOptions());
  MatchingEngine(const MatchingEngine&) = delete;
  MatchingEngine& operator=(const MatchingEngine&) = delete;

  // Pure and thread-safe: analyse without touching the index.
  IndexedDocument AnalyzeSolution(const SolutionRecord& solution) const;
  SolutionFeatures FeaturesOf(const SolutionRecord& solution) const;
  // Each core element's stems and their English pivots: what an explanation
  // looks for a need's matched terms in to name the cores they meet. A
  // service persists them beside the solution and hands them back in
  // SolutionRecord::core_terms, so that explaining a winner analyses no text
  // (a tenth or more of a MatchAdoptionRequest's time; docs/benchmarks.md).
  std::vector<std::vector<std::string>> CoreElementTerms(const SolutionRecord& solution) const;
  IndexedDocument AnalyzeRequest(const RequestRecord& request) const;
  NeedFeatures FeaturesOf(const RequestRecord& request) const;

  // Adds or replaces a published solution / an open request.
  void UpsertSolution(const std::string& name, const IndexedDocument& document,
                      SolutionFeatures features);
  void RemoveSolution(absl::string_view name);
  void SetConnectedAdopters(absl::string_view solution, int connected);
  void UpsertRequest(const std::string& name, const IndexedDocument& document,
                     NeedFeatures features);
  void RemoveRequest(absl::string_view name);

  // The best solutions for `need`, each explained. `fetch` may return nullopt,
  // which only leaves core elements and preconditions out of the explanation.
  std::vector<RankedSolution> Match(const NeedQuery& need, const SolutionFetcher& fetch) const;

  // `solution` scored and explained for `need` as Match would rank it, or
  // nullopt when the solution is not indexed or `need`'s filters leave it
  // out. One document scored, not a ranking: cheap enough to ask of every
  // open request a new solution may fit (does it enter that request's top?).
  std::optional<RankedSolution> MatchSolution(const NeedQuery& need, absl::string_view solution,
                                              const SolutionFetcher& fetch) const;

  // The open requests `solution` fits best, its text as the query: what
  // "who needs this?" answers.
  std::vector<RankedRequest> FindAdopters(const SolutionRecord& solution, size_t k) const;

  // An open request, with the score its own ranking (Match) would give a
  // solution, as LikelyAdopters estimates it.
  struct AdopterCandidate {
    std::string name;
    double estimate = 0;
  };
  // At most `k` open requests whose own rankings the indexed `solution` (its
  // analysis, `document`) is likeliest to enter, those that clear their
  // entry score (SetEntryScore) by most first. A percolation:
  // the solution's terms walk the requests' postings, so every open request
  // sharing a word with it is scored as its need would score the solution —
  // the need's words (read from its indexed title, need statement and desired
  // effects) against the solution's fields, text fit against the need's mass,
  // plus context — not as the solution's text would score the request
  // (FindAdopters), which misses most of the requests it should enter
  // (docs/benchmarks.md, "reach"). An estimate: a request's compound parts
  // count as whole words and only its indexed translations count; Match
  // decides.
  std::vector<AdopterCandidate> LikelyAdopters(absl::string_view solution,
                                               const IndexedDocument& document, size_t k) const;
  // How far below a request's score its estimate may fall: a request whose
  // kth score the estimate misses by more is taken not to take the solution
  // (measured in docs/benchmarks.md, "reach").
  static constexpr double kEstimateMargin = 0.02;

  // What a solution must beat to enter `request`'s matches, as the caller
  // last read it from its store (0: the top is not full). LikelyAdopters
  // leaves out a request whose estimate falls short of it by more than
  // kEstimateMargin and ranks the others by how far they clear it. It must
  // never exceed the stored score, so callers set it to 0 whenever the
  // stored top may have shrunk or its scores fallen; a request starts at 0
  // when indexed or loaded.
  void SetEntryScore(absl::string_view request, double score);

  // Writes the whole index — both sides, names and features — to `path`
  // (whole or not at all; see snapshot_file.h), stamped with `tag`, the
  // caller's word for the state it reflects. Readers go on meanwhile.
  absl::Status SaveSnapshot(const std::string& path, absl::string_view tag) const;
  // Fills an empty engine from the snapshot at `path` if it is stamped with
  // `tag`. NOT_FOUND when there is none; FAILED_PRECONDITION when its tag,
  // options or format differ; DATA_LOSS when it is damaged. On error the
  // engine is left as it was.
  absl::Status LoadSnapshot(const std::string& path, absl::string_view tag);

  size_t solution_count() const;
  size_t request_count() const;
  size_t memory_bytes() const;

  // Weighted query terms for a text, with the original stem each came from.
  struct Query {
    std::vector<QueryTerm> terms;
    std::vector<std::string> sources;
    std::vector<MatchKind> kinds;
    Language language = Language::kUnknown;
    // The BM25F score at which text fit is one half; set from the searched
    // index (TextHalfPoint) so that long needs do not saturate it.
    double text_half_point = 0;
  };
  Query BuildQuery(absl::string_view text, absl::string_view language_tag) const;

 private:
  struct Side {
    TextIndex index;
    absl::flat_hash_map<std::string, DocId> ids;
    std::vector<std::string> names;  // by DocId
  };
  template <typename Features>
  struct Corpus {
    Side side;
    std::vector<Features> features;  // by DocId

    absl::Status WriteTo(SnapshotWriter& out) const;
    absl::Status ReadFrom(SnapshotReader& in);
  };

  Language ResolveLanguage(absl::string_view tag, absl::string_view text) const;
  void AddField(absl::string_view text, Language language, Field field,
                absl::flat_hash_map<std::string, IndexedTerm>& terms,
                IndexedDocument& document) const;
  // Adds each stem's best `per_stem` English pivots that `terms` lacks.
  void AddTranslations(Language language, size_t per_stem,
                       absl::flat_hash_map<std::string, IndexedTerm>& terms) const;
  std::vector<uint32_t> TargetGroupTerms(const std::vector<std::string>& groups,
                                         Language language) const;
  NeedFeatures FeaturesOfNeed(const NeedQuery& need, Language language) const;
  // Text weight × the squashed BM25F score, plus the context factors (which
  // are appended to `factors`): Explain's total, which the ranking orders by.
  double Total(const Query& query, float bm25, const NeedFeatures& need,
               const SolutionFeatures& solution, std::vector<FactorExplanation>& factors) const;
  Explanation Explain(const Query& query, const ScoredDocument& scored, const NeedFeatures& need,
                      const SolutionFeatures& solution,
                      const std::optional<SolutionRecord>& record) const;

  const Analyzer* const analyzer_;
  // Each request's need mass (see TextHalfPoint) in the solutions' index,
  // for LikelyAdopters: set when the request is indexed, recomputed from
  // the postings when a snapshot is loaded.
  void ComputeRequestMasses() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);
  void RefreshRequestMassesIfStale() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_);

  const PivotLexicon* const lexicon_;
  const EngineOptions options_;
  mutable absl::Mutex mutex_;
  Corpus<SolutionFeatures> solutions_ ABSL_GUARDED_BY(mutex_);
  Corpus<NeedFeatures> requests_ ABSL_GUARDED_BY(mutex_);
  std::vector<float> request_masses_ ABSL_GUARDED_BY(mutex_);  // by request DocId
  std::vector<float> entry_scores_ ABSL_GUARDED_BY(mutex_);    // by request DocId
  // How many solutions the masses were last computed with.
  size_t masses_solution_count_ ABSL_GUARDED_BY(mutex_) = 0;
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_ENGINE_MATCHING_ENGINE_H_
