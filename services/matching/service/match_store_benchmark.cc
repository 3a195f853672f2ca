// What storing a filed request's matches costs: ExecutePlan of 20 new
// matches, each with an explanation the size the engine writes, in one
// transaction on the in-memory store — the part of applying a request event
// after the ranking. Matching catches up with filed requests one event after
// another, so this is time every request waits for.
//
//   build/bin/match-store-benchmark
//
// Figures: docs/benchmarks.md ("Matching from gRPC clients").
#include <string>

#include "absl/strings/str_cat.h"
#include "benchmark/benchmark.h"
#include "services/common/change_feed.h"
#include "services/matching/service/match_planner.h"
#include "services/matching/service/match_store.h"
#include "storage/committer.h"
#include "storage/memory_kv_store.h"

namespace corematch::matching {
namespace {

constexpr int kMatchesPerRequest = 20;

pb::Explanation EngineSizedExplanation() {
  pb::Explanation explanation;
  explanation.set_text_score(0.62);
  explanation.set_text_weight(0.55);
  for (int i = 0; i < 15; ++i) {
    pb::TermMatch* term = explanation.add_term_matches();
    term->set_query_term(absl::StrCat("kontanthjælp", i));
    term->set_matched_term(absl::StrCat("försörjningsstöd", i));
    term->add_fields("core_elements");
    term->add_fields("description");
    term->set_kind(pb::TERM_MATCH_KIND_TRANSLATION);
    term->set_contribution(0.04);
  }
  for (const char* name : {"sector", "target_group", "country", "region", "population", "language",
                           "maturity", "evidence", "capacity"}) {
    pb::ContextFactor* factor = explanation.add_context_factors();
    factor->set_name(name);
    factor->set_value(0.5);
    factor->set_weight(0.05);
    factor->set_contribution(0.025);
    factor->set_note(absl::StrCat("same ", name, " 10.5 (Unemployment)"));
  }
  explanation.add_matched_core_elements("Arbete först inom 48 timmar");
  explanation.add_matched_core_elements("En handläggare per deltagare");
  explanation.add_preconditions_to_check("staff: two job coaches for every 100 participants");
  explanation.set_summary("Meets 15 words of the need, in the core elements; same sector");
  return explanation;
}

MatchPlan FiledRequestPlan(int round) {
  adoption_pb::AdoptionRequest request;
  request.set_name(absl::StrCat("adoptionRequests/need", round));
  request.set_requester("organizations/aarhus");
  request.set_need_statement(std::string(600, 'n'));
  request.set_visibility(adoption_pb::VISIBILITY_PUBLIC);
  MatchPlan plan;
  for (int i = 0; i < kMatchesPerRequest; ++i) {
    MatchPlan::Upsert upsert;
    upsert.request = request;
    upsert.solution.set_name(absl::StrCat("solutions/s", i));
    upsert.solution.set_title("Jobb Först");
    upsert.solution.set_owner("organizations/goteborg");
    upsert.score = 0.9 - 0.01 * i;
    upsert.explanation = EngineSizedExplanation();
    plan.upserts.push_back(std::move(upsert));
  }
  return plan;
}

void BM_StoreAFiledRequestsMatches(benchmark::State& state) {
  storage::MemoryKvStore store;
  std::unique_ptr<ChangeFeed> feed = ChangeFeed::Open(&store).value();
  MatchStore matches(feed.get(), nullptr);
  storage::Committer committer(&store, storage::WriteOptions{.sync = false});
  int round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    MatchPlan plan = FiledRequestPlan(round++);
    state.ResumeTiming();
    const absl::Status status = committer.Run([&](storage::Transaction& txn) {
      return ExecutePlan(txn, matches, plan, absl::FromUnixSeconds(1767225600));
    });
    if (!status.ok()) state.SkipWithError(std::string(status.message()).c_str());
  }
  state.SetItemsProcessed(state.iterations() * kMatchesPerRequest);
}
BENCHMARK(BM_StoreAFiledRequestsMatches)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace corematch::matching

BENCHMARK_MAIN();
