// services/matching/bench/corpus_generator.h
//
// Realistic multilingual corpora of any size for the matching benchmarks:
// published solutions and adoption requests in Danish, Swedish, Norwegian,
// Finnish, German and English (weighted like a Nordic deployment), written
// from the public-sector vocabulary in vocabulary.h, with a ground truth.
//
//   CorpusGenerator generator({.solutions = 100000, .requests = 2000, .seed = 1});
//   SolutionRecord s = generator.Solution(42);   // the same for the same seed, always
//   RequestRecord r = generator.Request(7);
//   GroundTruth truth(generator);
//   truth.Grade(7, 42);                           // 0, 1 or 2
//
// How a corpus is made. Topics are what needs and solutions are about: a
// topic belongs to a sector (employment, elderly care, ...) and is a set of
// about ten concepts — three shared by its family (the four topics
// 4f..4f+3, same sector and COFOG group), five of its own from the sector,
// one from a neighbouring sector and one general one. Every solution and
// every request is written around one topic: each word is a topic concept
// (the first ones more often), a concept of the topic's sector, a general
// public-sector word, a verb or adjective, or a function word, each drawn
// with a Zipf-like law, nouns now and then with an inflection suffix of the
// language ("kommunen", "palvelua"). A solution has a title of 5–10 words,
// a summary of 20–40, a description of 100–250, 0–4 core elements, tags,
// its topic's COFOG group (sometimes a second one), target groups, a country
// and NUTS region that fit its language, maturity, evidence and support
// capacity; a request a title of 5–10 words, a need statement of 20–80,
// desired effects, the requester's municipality and population, and for half
// of them the languages the requester reads. There are max(100,
// solutions / solutions_per_topic) topics; their popularity is skewed (low
// topic numbers are asked for and solved more often).
//
// Ground truth: a solution is graded 2 for a request of its own topic, 1 for
// a request of another topic of the same family (same sector and theme), 0
// otherwise — and 0 whenever it is written in a language the request does
// not accept. Grading "same sector" as 1 would give every request thousands
// of relevant solutions at a million and make the qrels file unwieldy; the
// family is the same idea at a finer grain.
//
// Everything is a pure function of (seed, index) through a splitmix64 hash,
// with no std:: distributions, so a corpus is identical on every platform and
// solution i can be generated alone, at any time, from any thread.
#ifndef COREMATCH_SERVICES_MATCHING_BENCH_CORPUS_GENERATOR_H_
#define COREMATCH_SERVICES_MATCHING_BENCH_CORPUS_GENERATOR_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "services/matching/bench/vocabulary.h"
#include "services/matching/engine/records.h"

namespace corematch::matching::bench {

struct CorpusOptions {
  // Solutions of the corpus: indices [0, solutions). Solution(i) works for
  // any i; those beyond are fresh solutions (e.g. to publish in a benchmark).
  uint64_t solutions = 100000;
  // Requests written to files and used as queries: [0, requests).
  uint64_t requests = 2000;
  uint64_t seed = 1;
  // Average solutions per topic; sets the number of topics.
  uint64_t solutions_per_topic = 40;
};

struct Topic {
  uint32_t id = 0;
  Sector sector = Sector::kGeneral;
  // A neighbouring sector, which lends one concept.
  Sector secondary_sector = Sector::kGeneral;
  std::string cofog;
  // Indices into Concepts(), the most characteristic first.
  std::vector<uint16_t> concepts;
  // Indices into Concepts() of its target groups.
  std::vector<uint16_t> target_groups;
};

struct GeneratedSolution {
  SolutionRecord record;
  uint32_t topic = 0;
  const Municipality* owner = nullptr;
};

struct GeneratedRequest {
  RequestRecord record;
  uint32_t topic = 0;
  const Municipality* requester = nullptr;
};

class CorpusGenerator {
 public:
  static constexpr uint32_t kTopicsPerFamily = 4;

  explicit CorpusGenerator(CorpusOptions options);

  const CorpusOptions& options() const { return options_; }
  uint32_t topic_count() const { return static_cast<uint32_t>(topics_.size()); }
  const Topic& topic(uint32_t t) const { return topics_[t]; }

  GeneratedSolution GenerateSolution(uint64_t i) const;
  GeneratedRequest GenerateRequest(uint64_t j) const;
  SolutionRecord Solution(uint64_t i) const { return GenerateSolution(i).record; }
  // What an explanation quotes of solution i (name, language, country,
  // region, title, core elements, preconditions), equal to those fields of
  // Solution(i), without generating the rest: the benchmark's stand-in for
  // fetching a stored solution, at about the cost of a store read.
  SolutionRecord SolutionForExplanation(uint64_t i) const;
  RequestRecord Request(uint64_t j) const { return GenerateRequest(j).record; }

  // What a solution or request is about and written in, without its text.
  uint32_t SolutionTopic(uint64_t i) const;
  CorpusLanguage SolutionLanguage(uint64_t i) const;
  uint32_t RequestTopic(uint64_t j) const;
  CorpusLanguage RequestLanguage(uint64_t j) const;
  // The languages request j's requester reads; empty = any.
  std::vector<CorpusLanguage> RequestAcceptedLanguages(uint64_t j) const;

  // "solutions/s00000042" and back; "adoptionRequests/r00000007" and back.
  static std::string SolutionName(uint64_t i);
  static std::optional<uint64_t> SolutionIndex(absl::string_view name);
  static std::string RequestName(uint64_t j);
  static std::optional<uint64_t> RequestIndex(absl::string_view name);

 private:
  GeneratedSolution MakeSolution(uint64_t i, bool full) const;
  uint32_t DrawTopic(uint64_t stream, uint64_t index) const;
  Topic MakeTopic(uint32_t t) const;

  CorpusOptions options_;
  std::vector<Topic> topics_;
};

// Graded relevance of solutions [0, options.solutions) for requests (see the
// file comment). Holds the topic of every solution: 4 bytes a solution.
class GroundTruth {
 public:
  explicit GroundTruth(const CorpusGenerator& generator);

  int Grade(uint64_t request, uint64_t solution) const;
  // Every solution graded above 0 for `request`, by ascending index.
  std::vector<std::pair<uint64_t, int>> Judgements(uint64_t request) const;
  // nDCG@k (gain 2^grade - 1, log2 discount) of `ranked` solution indices;
  // nullopt when no solution is relevant to the request.
  std::optional<double> Ndcg(uint64_t request, absl::Span<const uint64_t> ranked,
                             size_t k = 10) const;

 private:
  bool Accepts(const std::vector<CorpusLanguage>& accepted, uint64_t solution) const;

  const CorpusGenerator& generator_;
  std::vector<std::vector<uint32_t>> members_;  // solutions by topic
};

// One JSON object per line, in the formats `corematch eval` reads (id, title,
// description, language, country, origin_org, sector, tags / id, text,
// language, country, org_name, org_type, population, sector, target_group),
// plus every other field of the records.
std::string SolutionJson(uint64_t i, const GeneratedSolution& solution);
std::string RequestJson(uint64_t j, const GeneratedRequest& request);

// Writes solutions.jsonl, requests.jsonl and qrels.tsv (request_id,
// solution_id, grade; with a header line) into `dir`, which must exist.
absl::Status WriteCorpus(const CorpusGenerator& generator, const GroundTruth& truth,
                         const std::string& dir);

}  // namespace corematch::matching::bench

#endif  // COREMATCH_SERVICES_MATCHING_BENCH_CORPUS_GENERATOR_H_
