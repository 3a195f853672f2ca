#include <sqlite3.h>

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "services/matching/analysis/language.h"
#include "services/matching/bench/baselines.h"
#include "services/matching/bench/bench_util.h"

namespace corematch::matching::bench {
namespace {

absl::Status Exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    absl::Status status = absl::InternalError(absl::StrCat("SQLite: ", error ? error : "?"));
    sqlite3_free(error);
    return status;
  }
  return absl::OkStatus();
}

absl::Status Error(sqlite3* db, absl::string_view what) {
  return absl::InternalError(absl::StrCat(what, ": ", sqlite3_errmsg(db)));
}

void BindText(sqlite3_stmt* stmt, int index, const std::string& text) {
  sqlite3_bind_text(stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

bool IsSeparator(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  if (u >= 0x80) return false;  // part of a non-ASCII letter
  return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
}

}  // namespace

Fts5Baseline::Fts5Baseline(const Analyzer* analyzer) : analyzer_(analyzer) {}

Fts5Baseline::~Fts5Baseline() {
  sqlite3_finalize(search_);
  sqlite3_close(db_);
}

absl::StatusOr<BaselineBuild> Fts5Baseline::Build(const CorpusGenerator& generator,
                                                  uint64_t count) {
  BaselineBuild build;
  Stopwatch watch;
  if (sqlite3_open(":memory:", &db_) != SQLITE_OK) return Error(db_, "sqlite3_open");
  if (absl::Status s = Exec(db_,
                            "CREATE VIRTUAL TABLE solutions USING fts5(title, summary, "
                            "description, tags, lang UNINDEXED, "
                            "tokenize='unicode61 remove_diacritics 2')");
      !s.ok()) {
    return s;
  }
  sqlite3_stmt* insert = nullptr;
  if (sqlite3_prepare_v2(db_,
                         "INSERT INTO solutions(rowid, title, summary, description, tags, lang) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                         -1, &insert, nullptr) != SQLITE_OK) {
    return Error(db_, "prepare insert");
  }
  if (absl::Status s = Exec(db_, "BEGIN"); !s.ok()) return s;
  for (uint64_t i = 0; i < count; ++i) {
    const SolutionRecord s = generator.Solution(i);
    std::string description = s.description;
    for (const CoreElementText& core : s.core_elements) {
      absl::StrAppend(&description, "\n", core.title, "\n", core.description);
    }
    sqlite3_bind_int64(insert, 1, static_cast<sqlite3_int64>(i + 1));
    BindText(insert, 2, s.title);
    BindText(insert, 3, s.summary);
    BindText(insert, 4, description);
    BindText(insert, 5, absl::StrJoin(s.tags, " "));
    BindText(insert, 6, s.language);
    if (sqlite3_step(insert) != SQLITE_DONE) {
      sqlite3_finalize(insert);
      return Error(db_, "insert");
    }
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
  if (absl::Status s = Exec(db_, "COMMIT"); !s.ok()) return s;
  // Merge the segments into one b-tree, as one would after a bulk load.
  if (absl::Status s = Exec(db_, "INSERT INTO solutions(solutions) VALUES('optimize')"); !s.ok()) {
    return s;
  }
  if (sqlite3_prepare_v2(db_,
                         "SELECT rowid FROM solutions WHERE solutions MATCH ?1 "
                         "AND (?2 = '' OR instr(?2, ',' || lang || ',') > 0) "
                         "ORDER BY bm25(solutions, 3.0, 2.0, 1.0, 2.0) LIMIT ?3",
                         -1, &search_, nullptr) != SQLITE_OK) {
    return Error(db_, "prepare search");
  }
  build.seconds = watch.Seconds();
  build.bytes = sqlite3_memory_used();
  return build;
}

std::string Fts5Baseline::MatchExpression(const NeedQuery& need) const {
  const Language language = LanguageFromTag(need.language);
  const std::string text = analyzer_->Normalize(need.text);
  std::vector<std::string> words;
  absl::flat_hash_set<std::string> seen;
  size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && IsSeparator(text[i])) ++i;
    size_t end = i;
    while (end < text.size() && !IsSeparator(text[end])) ++end;
    if (end > i) {
      std::string word = text.substr(i, end - i);
      if (!analyzer_->IsStopWord(word, language) && seen.insert(word).second) {
        words.push_back(absl::StrCat("\"", absl::StrReplaceAll(word, {{"\"", "\"\""}}), "\""));
      }
    }
    i = end;
  }
  return absl::StrJoin(words, " OR ");
}

std::vector<uint64_t> Fts5Baseline::Search(const NeedQuery& need, size_t k) {
  std::vector<uint64_t> ranked;
  if (search_ == nullptr) return ranked;
  const std::string match = MatchExpression(need);
  if (match.empty()) return ranked;
  std::string languages;
  if (!need.only_languages.empty()) {
    languages = absl::StrCat(",", absl::StrJoin(need.only_languages, ","), ",");
  }
  BindText(search_, 1, match);
  BindText(search_, 2, languages);
  sqlite3_bind_int64(search_, 3, static_cast<sqlite3_int64>(k));
  while (sqlite3_step(search_) == SQLITE_ROW) {
    ranked.push_back(static_cast<uint64_t>(sqlite3_column_int64(search_, 0)) - 1);
  }
  sqlite3_reset(search_);
  return ranked;
}

}  // namespace corematch::matching::bench
