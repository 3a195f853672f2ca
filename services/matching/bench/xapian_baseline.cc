#include <xapian.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/matching/analysis/language.h"
#include "services/matching/bench/baselines.h"
#include "services/matching/bench/bench_util.h"

namespace corematch::matching::bench {
namespace {

// Xapian's Snowball stemmer for a BCP 47 tag; "none" stems nothing.
std::string StemmerName(absl::string_view tag) {
  const absl::string_view algorithm = SnowballAlgorithm(LanguageFromTag(tag));
  return algorithm.empty() ? "none" : std::string(algorithm);
}

std::string LanguageTerm(absl::string_view tag) {
  return absl::StrCat("L", tag.substr(0, tag.find('-')));
}

// Stop words as corematch's analysis knows them, for the need's language.
class AnalyzerStopper : public Xapian::Stopper {
 public:
  AnalyzerStopper(const Analyzer* analyzer, Language language)
      : analyzer_(analyzer), language_(language) {}
  bool operator()(const std::string& term) const override {
    return analyzer_->IsStopWord(term, language_);
  }

 private:
  const Analyzer* analyzer_;
  Language language_;
};

// Field weights as wdf increments (see baselines.h).
constexpr Xapian::termcount kTitleWdf = 3;
constexpr Xapian::termcount kSummaryWdf = 2;
constexpr Xapian::termcount kCoreWdf = 2;
constexpr Xapian::termcount kTagsWdf = 2;
constexpr Xapian::termcount kDescriptionWdf = 1;

}  // namespace

struct XapianBaseline::Reader {
  explicit Reader(const std::string& directory) : database(directory), enquire(database) {
    enquire.set_weighting_scheme(Xapian::BM25Weight());
  }
  Xapian::Database database;
  Xapian::Enquire enquire;
};

XapianBaseline::XapianBaseline(const Analyzer* analyzer, std::string directory)
    : analyzer_(analyzer), directory_(std::move(directory)) {}

XapianBaseline::~XapianBaseline() {
  reader_.reset();
  std::error_code error;
  std::filesystem::remove_all(directory_, error);
}

absl::StatusOr<BaselineBuild> XapianBaseline::Build(const CorpusGenerator& generator,
                                                    uint64_t count, int threads) {
  reader_.reset();
  BaselineBuild build;
  Stopwatch watch;
  try {
    // Flush to disk every 50,000 documents (Xapian's default is 10,000):
    // bulk loading as its documentation recommends.
    setenv("XAPIAN_FLUSH_THRESHOLD", "50000", /*overwrite=*/0);
    Xapian::WritableDatabase db(directory_,
                                Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    constexpr uint64_t kBatch = 4096;
    std::vector<Xapian::Document> batch;
    for (uint64_t begin = 0; begin < count; begin += kBatch) {
      const uint64_t end = std::min(count, begin + kBatch);
      // One Document each: Xapian::Document is a reference-counted handle,
      // so assign(n, Document()) would give every slot the same document.
      batch.clear();
      batch.resize(end - begin);
      ParallelFor(begin, end, threads, [&](size_t i, int) {
        const SolutionRecord s = generator.Solution(i);
        Xapian::TermGenerator terms;
        terms.set_stemmer(Xapian::Stem(StemmerName(s.language)));
        terms.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
        Xapian::Document& doc = batch[i - begin];
        terms.set_document(doc);
        terms.index_text_without_positions(s.title, kTitleWdf);
        terms.index_text_without_positions(s.summary, kSummaryWdf);
        for (const CoreElementText& core : s.core_elements) {
          terms.index_text_without_positions(core.title, kCoreWdf);
          terms.index_text_without_positions(core.description, kCoreWdf);
        }
        terms.index_text_without_positions(absl::StrJoin(s.tags, " "), kTagsWdf);
        terms.index_text_without_positions(s.description, kDescriptionWdf);
        doc.add_boolean_term(LanguageTerm(s.language));
      });
      for (Xapian::Document& doc : batch) db.add_document(doc);
    }
    db.commit();
    db.close();
    build.seconds = watch.Seconds();
    build.bytes = DirectoryBytes(directory_);
    reader_ = std::make_unique<Reader>(directory_);
  } catch (const Xapian::Error& e) {
    return absl::InternalError(absl::StrCat("Xapian: ", e.get_description()));
  }
  return build;
}

std::vector<uint64_t> XapianBaseline::Search(const NeedQuery& need, size_t k) {
  std::vector<uint64_t> ranked;
  if (reader_ == nullptr) return ranked;
  // The need's words as the solutions were indexed: stemmed with the need's
  // language, stop words left out.
  const Language language = LanguageFromTag(need.language);
  AnalyzerStopper stopper(analyzer_, language);
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem(StemmerName(need.language)));
  generator.set_stemming_strategy(Xapian::TermGenerator::STEM_ALL);
  generator.set_stopper(&stopper);
  generator.set_stopper_strategy(Xapian::TermGenerator::STOP_ALL);
  Xapian::Document scratch;
  generator.set_document(scratch);
  generator.index_text_without_positions(need.text);
  std::vector<Xapian::Query> words;
  for (auto it = scratch.termlist_begin(); it != scratch.termlist_end(); ++it) {
    words.emplace_back(*it, it.get_wdf());
  }
  Xapian::Query query(Xapian::Query::OP_OR, words.begin(), words.end());
  if (!need.only_languages.empty()) {
    std::vector<Xapian::Query> languages;
    for (const std::string& tag : need.only_languages) languages.emplace_back(LanguageTerm(tag));
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_OR, languages.begin(), languages.end()));
  }
  reader_->enquire.set_query(query);
  const Xapian::MSet matches = reader_->enquire.get_mset(0, static_cast<Xapian::doccount>(k));
  for (auto it = matches.begin(); it != matches.end(); ++it) ranked.push_back(*it - 1);
  return ranked;
}

}  // namespace corematch::matching::bench
