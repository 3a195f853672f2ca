// services/matching/bench/baselines.h
//
// The engines a portal team would otherwise pick, run on the same corpus and
// the same needs as corematch's MatchingEngine:
//
//   Xapian 1.4      on-disk glass database in a temporary directory; BM25
//                   (Xapian's BM25Weight defaults); each solution indexed
//                   with the Snowball stemmer of its language (Xapian::Stem,
//                   STEM_ALL, no positions); fields as wdf increments: title
//                   3, summary 2, core elements 2, tags 2, description 1; a
//                   need's stemmed words, stop words removed, OR-ed
//                   (OP_OR), the accepted languages as a boolean filter.
//   SQLite FTS5     in-memory database, fts5(title, summary, description,
//                   tags, lang UNINDEXED, tokenize='unicode61
//                   remove_diacritics 2') with core elements in description;
//                   the need's words, stop words removed, quoted and OR-ed;
//                   ORDER BY bm25(solutions, 3, 2, 1, 2) LIMIT k, the accepted
//                   languages as a WHERE filter. No stemming: FTS5 has none
//                   for these languages.
//
// Both use the same stop-word lists as corematch (Analyzer::IsStopWord), so
// the difference is the engines, not the lists. Neither translates: a Danish
// need meets only texts that share its (stemmed) words.
#ifndef COREMATCH_SERVICES_MATCHING_BENCH_BASELINES_H_
#define COREMATCH_SERVICES_MATCHING_BENCH_BASELINES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/matching/analysis/analyzer.h"
#include "services/matching/bench/corpus_generator.h"
#include "services/matching/engine/records.h"

struct sqlite3;
struct sqlite3_stmt;

namespace corematch::matching::bench {

struct BaselineBuild {
  double seconds = 0;
  // On disk (Xapian) or in SQLite's heap (FTS5).
  int64_t bytes = 0;
};

class XapianBaseline {
 public:
  // `analyzer` (for stop words) must outlive this; the database lives in
  // `directory`, which is created and, on destruction, removed.
  XapianBaseline(const Analyzer* analyzer, std::string directory);
  ~XapianBaseline();
  XapianBaseline(const XapianBaseline&) = delete;
  XapianBaseline& operator=(const XapianBaseline&) = delete;

  // Indexes solutions [0, count) of `generator`, building documents on
  // `threads` threads and adding them in order.
  absl::StatusOr<BaselineBuild> Build(const CorpusGenerator& generator, uint64_t count,
                                      int threads);
  // Solution indices of the best `k` for `need`, best first. Not thread-safe.
  std::vector<uint64_t> Search(const NeedQuery& need, size_t k);

 private:
  struct Reader;
  const Analyzer* const analyzer_;
  const std::string directory_;
  std::unique_ptr<Reader> reader_;
};

class Fts5Baseline {
 public:
  explicit Fts5Baseline(const Analyzer* analyzer);
  ~Fts5Baseline();
  Fts5Baseline(const Fts5Baseline&) = delete;
  Fts5Baseline& operator=(const Fts5Baseline&) = delete;

  absl::StatusOr<BaselineBuild> Build(const CorpusGenerator& generator, uint64_t count);
  std::vector<uint64_t> Search(const NeedQuery& need, size_t k);
  // The FTS5 MATCH expression for `need` ("" if it has no words).
  std::string MatchExpression(const NeedQuery& need) const;

 private:
  const Analyzer* const analyzer_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* search_ = nullptr;
};

}  // namespace corematch::matching::bench

#endif  // COREMATCH_SERVICES_MATCHING_BENCH_BASELINES_H_
