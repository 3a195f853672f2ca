// How long a spread tree and a value summary take with 10,000 adoptions
// across 5 generations (the target: a spread tree under 100 ms).
//
// The tree: one root solution; every solution has `fanout` adoptions, and a
// share of them anchored and republished as a solution of their own that
// spreads on, generation after generation, until 10,000 adoptions exist.
//
//   build/bin/lineage-benchmark --benchmark_min_time=1
//
// Figures: docs/benchmarks.md ("Adoption journey").
#include <string>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "services/adoption/journey/lineage.h"

namespace corematch::adoption {
namespace {

constexpr int kAdoptions = 10000;
constexpr int kGenerations = 5;

// Builds a lineage of kAdoptions adoptions over kGenerations generations of
// adoptions: each solution is adopted 6 times, and every adoption but those
// of the last generation is republished and adopted in turn (1 + 6 + 36 +
// 216 + 1,296 solutions, 9,330 adoptions); the remaining 670 adopt the root.
void Populate(Lineage& lineage) {
  constexpr int kFanout = 6;
  int adoptions = 0;
  std::vector<std::string> generation = {"solutions/root"};
  LineageSolution root;
  root.name = "solutions/root";
  root.title = "Jobb Först";
  root.owner = "organizations/angered";
  root.country = "SE";
  lineage.PutSolution(root);
  for (int g = 0; g < kGenerations && adoptions < kAdoptions; ++g) {
    std::vector<std::string> next;
    for (const std::string& solution : generation) {
      for (int i = 0; i < kFanout && adoptions < kAdoptions; ++i) {
        const int n = adoptions++;
        LineageAdoption a;
        a.name = absl::StrCat("adoptions/a", n);
        a.solution = solution;
        a.adopter = absl::StrCat("organizations/o", n);
        a.shown_adopter = a.adopter;
        a.country = "DK";
        a.population = 10000 + n;
        a.stage = g + 1 < kGenerations ? v1::ADOPTION_STAGE_ANCHORED : v1::ADOPTION_STAGE_LEAD;
        v1::EvaluatedEffect effect;
        effect.set_metric("households on income support");
        effect.set_baseline(100);
        effect.set_result(80);
        a.effects.push_back(effect);
        if (g + 1 < kGenerations) {
          a.republished_as = absl::StrCat("solutions/s", n);
          LineageSolution adapted;
          adapted.name = a.republished_as;
          adapted.title = absl::StrCat("Adapted ", n);
          adapted.owner = a.adopter;
          adapted.country = "DK";
          adapted.derived_from = solution;
          lineage.PutSolution(adapted);
          next.push_back(adapted.name);
        }
        lineage.PutAdoption(a);
      }
    }
    generation = std::move(next);
  }
  while (adoptions < kAdoptions) {  // The rest adopt the root.
    const int n = adoptions++;
    LineageAdoption a;
    a.name = absl::StrCat("adoptions/a", n);
    a.solution = "solutions/root";
    a.adopter = absl::StrCat("organizations/o", n);
    a.stage = v1::ADOPTION_STAGE_PLAN;
    lineage.PutAdoption(a);
  }
}

void BM_SpreadTree(benchmark::State& state) {
  Lineage lineage;
  Populate(lineage);
  int adoptions = 0, generations = 0;
  size_t bytes = 0;
  for (auto _ : state) {
    absl::StatusOr<v1::SpreadTree> tree = lineage.SpreadTree("solutions/root");
    adoptions = tree->adoptions();
    generations = tree->generations();
    bytes = tree->ByteSizeLong();
    benchmark::DoNotOptimize(tree);
  }
  state.counters["adoptions"] = adoptions;
  state.counters["generations"] = generations;
  state.counters["proto_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_SpreadTree)->Unit(benchmark::kMillisecond);

void BM_ValueSummary(benchmark::State& state) {
  Lineage lineage;
  Populate(lineage);
  for (auto _ : state) {
    absl::StatusOr<v1::ValueSummary> value = lineage.ValueSummary("solutions/root");
    benchmark::DoNotOptimize(value);
  }
}
BENCHMARK(BM_ValueSummary)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace corematch::adoption

BENCHMARK_MAIN();
