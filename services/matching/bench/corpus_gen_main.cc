// corematch-corpus-gen: writes a generated multilingual corpus with its
// ground truth (see corpus_generator.h).
//
//   corematch-corpus-gen --solutions 100000 --requests 2000 --seed 1 --out /tmp/corpus
//
// writes solutions.jsonl, requests.jsonl and qrels.tsv into --out (created if
// missing), in the formats `corematch eval` reads. The same arguments always
// give the same files.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <system_error>

#include "CLI/CLI.hpp"
#include "services/matching/bench/corpus_generator.h"

int main(int argc, char** argv) {
  using corematch::matching::bench::CorpusGenerator;
  using corematch::matching::bench::CorpusOptions;
  using corematch::matching::bench::GroundTruth;

  CorpusOptions options;
  std::string out;
  CLI::App app("Writes a generated multilingual corpus of solutions and requests with qrels");
  app.add_option("--solutions", options.solutions, "Number of solutions")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{1}, uint64_t{99'999'999}));
  app.add_option("--requests", options.requests, "Number of adoption requests")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{0}, uint64_t{99'999'999}));
  app.add_option("--seed", options.seed, "Seed; the same seed gives the same corpus")
      ->capture_default_str();
  app.add_option("--solutions-per-topic", options.solutions_per_topic,
                 "Average solutions per topic (sets the number of topics)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--out", out, "Directory to write into (created if missing)")->required();
  CLI11_PARSE(app, argc, argv);

  std::error_code error;
  std::filesystem::create_directories(out, error);
  if (error) {
    std::fprintf(stderr, "cannot create %s: %s\n", out.c_str(), error.message().c_str());
    return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  CorpusGenerator generator(options);
  GroundTruth truth(generator);
  if (absl::Status status = corematch::matching::bench::WriteCorpus(generator, truth, out);
      !status.ok()) {
    std::fprintf(stderr, "%s\n", status.ToString().c_str());
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("wrote %llu solutions, %llu requests (%u topics) and their qrels to %s in %.1f s\n",
              static_cast<unsigned long long>(options.solutions),
              static_cast<unsigned long long>(options.requests), generator.topic_count(),
              out.c_str(), seconds);
  return 0;
}
