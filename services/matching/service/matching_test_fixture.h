// services/matching/service/matching_test_fixture.h
//
// What the matching service's tests share: the Swedish "Jobb Först" solution
// (Angered, Gothenburg) and a Danish need for getting kontanthjælp recipients
// into work fast, feed events built from them, and a fixture with a
// repository on an in-memory store that can be "restarted" (reopened on the
// same store). The analyzer and a Nordic pivot lexicon (Danish and Swedish
// FreeDict dictionaries only, so it loads fast) are built once per process.
#ifndef COREMATCH_SERVICES_MATCHING_SERVICE_MATCHING_TEST_FIXTURE_H_
#define COREMATCH_SERVICES_MATCHING_SERVICE_MATCHING_TEST_FIXTURE_H_

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/common/auth.h"
#include "services/common/clock.h"
#include "services/common/proto_time.h"
#include "services/matching/analysis/analyzer.h"
#include "services/matching/service/match_store.h"
#include "services/matching/service/matching_repository.h"
#include "services/matching/translation/pivot_lexicon.h"
#include "storage/memory_kv_store.h"
#include "tests/testing/temp_dir.h"

namespace corematch::matching::testing {

inline constexpr char kGoteborg[] = "organizations/goteborg";
inline constexpr char kAarhus[] = "organizations/aarhus";
inline constexpr char kDublin[] = "organizations/dublin";
inline constexpr char kOdense[] = "organizations/odense";

inline Caller OrgCaller(absl::string_view organization) {
  return Caller{std::string(organization), /*is_operator=*/false, "apiKeys/test"};
}
inline Caller OperatorCaller() { return Caller{"", /*is_operator=*/true, "apiKeys/operator"}; }

inline const Analyzer& SharedAnalyzer() {
  static const Analyzer* analyzer = Analyzer::Create().value().release();
  return *analyzer;
}

// The lexicon from the Danish and Swedish dictionaries alone: what these
// tests need, in a fraction of the time the German dictionary takes.
inline const PivotLexicon* SharedLexicon() {
  static const PivotLexicon* lexicon = [] {
    // Fresh even if a killed test process of the same id left one behind.
    const ::corematch::testing::TempDir temp;
    const std::filesystem::path dir = temp.path();
    for (const char* name : {"freedict-dan-eng", "freedict-eng-dan", "freedict-eng-swe"}) {
      for (const char* ext : {".index", ".dict.dz"}) {
        const std::string file = absl::StrCat(name, ext);
        std::filesystem::create_symlink(std::filesystem::path("/usr/share/dictd") / file,
                                        dir / file);
      }
    }
    auto loaded = PivotLexicon::Load(SharedAnalyzer(), dir.string());
    return loaded.value().release();
  }();
  return lexicon;
}

inline publishing_pb::Solution JobbForst() {
  publishing_pb::Solution s;
  s.set_name("solutions/jobbforst");
  s.set_owner(kGoteborg);
  s.set_state(publishing_pb::SOLUTION_STATE_PUBLISHED);
  s.set_language("sv");
  s.set_title("Jobb Först: från försörjningsstöd till arbete inom 48 timmar");
  s.set_summary(
      "Personer som söker försörjningsstöd får inom 48 timmar träffa en arbetsgivare och börja "
      "arbeta eller studera.");
  s.set_description(
      "Metoden utvecklades av socialtjänsten i Angered, Göteborg. Antalet hushåll med "
      "försörjningsstöd minskade med nästan 40 procent.");
  s.mutable_origin()->set_country("SE");
  s.mutable_origin()->set_region("SE232");
  s.mutable_origin()->set_municipality("Göteborg (Angered)");
  s.add_sectors("10.5");
  s.add_target_groups("personer som söker försörjningsstöd");
  s.add_tags("arbetsmarknad");
  s.add_tags("försörjningsstöd");
  auto* core = s.add_core_elements();
  core->set_title("Arbete först inom 48 timmar");
  core->set_description("Den sökande erbjuds arbete eller studier direkt vid ansökan");
  core->set_value_rationale("Bryter passivitet och bidragsberoende");
  core = s.add_core_elements();
  core->set_title("Nära samarbete med arbetsgivare");
  core->set_description("Jobbcoacher matchar mot lediga jobb");
  auto* precondition = s.add_preconditions();
  precondition->set_kind(publishing_pb::PRECONDITION_KIND_STAFF);
  precondition->set_description("Jobbcoacher med kontakt till lokala arbetsgivare");
  auto* evidence = s.add_evidence();
  evidence->set_metric("hushåll med försörjningsstöd");
  evidence->set_baseline(100);
  evidence->set_result(60);
  evidence->set_unit("%");
  s.set_maturity(publishing_pb::MATURITY_PROVEN);
  s.set_support_capacity(4);
  return s;
}

// Fits nothing the Danish need asks for.
inline publishing_pb::Solution Homework() {
  publishing_pb::Solution s;
  s.set_name("solutions/homework");
  s.set_owner(kDublin);
  s.set_state(publishing_pb::SOLUTION_STATE_PUBLISHED);
  s.set_language("en");
  s.set_title("Digital homework help for pupils");
  s.set_summary("Teachers answer pupils' questions online in the evening.");
  s.mutable_origin()->set_country("IE");
  s.add_sectors("09.1");
  s.set_maturity(publishing_pb::MATURITY_PILOT);
  return s;
}

inline adoption_pb::AdoptionRequest DanishNeed(
    absl::string_view id = "aarhusneed",
    adoption_pb::Visibility visibility = adoption_pb::VISIBILITY_PUBLIC) {
  adoption_pb::AdoptionRequest r;
  r.set_name(absl::StrCat("adoptionRequests/", id));
  r.set_requester(kAarhus);
  r.set_state(adoption_pb::ADOPTION_REQUEST_STATE_OPEN);
  r.set_title("Kontanthjælpsmodtagere hurtigere i job");
  r.set_need_statement(
      "Vi vil have kontanthjælpsmodtagere hurtigere i arbejde. Borgere der søger kontanthjælp "
      "skal mødes af en arbejdsgiver og et job med det samme.");
  r.set_language("da");
  r.add_target_groups("kontanthjælpsmodtagere");
  r.add_sectors("10.5");
  r.add_desired_effects("færre husstande på kontanthjælp");
  r.mutable_context()->set_country("DK");
  r.mutable_context()->set_region("DK042");
  r.mutable_context()->set_population(350000);
  r.set_visibility(visibility);
  *r.mutable_expire_time() = ToProtoTime(absl::FromUnixSeconds(1767225600) + absl::Hours(24 * 365));
  return r;
}

class MatchingRepositoryFixture : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  // Opens a fresh repository on the same store, as a restart would; with
  // the engine snapshot at `snapshot_path` if there is one.
  void Reopen(const std::string& snapshot_path = "") {
    repository_.reset();
    repository_ = MatchingRepository::Open(&store_, &clock_, &SharedAnalyzer(), SharedLexicon(),
                                           EngineOptions(), snapshot_path)
                      .value();
  }

  // Applies a solution event with the next publishing sequence.
  void Publish(const publishing_pb::Solution& solution) {
    publishing_pb::WatchChangesResponse event;
    event.set_sequence(++publishing_sequence_);
    *event.mutable_solution() = solution;
    ASSERT_TRUE(repository_->ApplySolutionEvent(event).ok());
  }

  // Applies a request event with the next adoption sequence.
  void File(const adoption_pb::AdoptionRequest& request) {
    adoption_pb::WatchChangesResponse event;
    event.set_sequence(++adoption_sequence_);
    *event.mutable_adoption_request() = request;
    ASSERT_TRUE(repository_->ApplyRequestEvent(event).ok());
  }

  void Withdraw(publishing_pb::Solution solution) {
    solution.set_state(publishing_pb::SOLUTION_STATE_WITHDRAWN);
    Publish(solution);
  }

  void Close(adoption_pb::AdoptionRequest request) {
    request.set_state(adoption_pb::ADOPTION_REQUEST_STATE_FULFILLED);
    File(request);
  }

  // Every stored match, by name.
  std::map<std::string, pb::Match> StoredMatches() {
    std::map<std::string, pb::Match> matches;
    EXPECT_TRUE(store_
                    .Scan(keys::kMatchPrefix, "", storage::ScanOrder::kAscending,
                          [&](absl::string_view, absl::string_view value) {
                            pb::Match match;
                            EXPECT_TRUE(match.ParseFromString(std::string(value)));
                            matches[match.name()] = match;
                            return true;
                          })
                    .ok());
    return matches;
  }

  std::optional<pb::Match> StoredMatch(absl::string_view name) {
    auto matches = StoredMatches();
    auto it = matches.find(std::string(name));
    if (it == matches.end()) return std::nullopt;
    return it->second;
  }

  // Every event of matching's own change feed, in order.
  std::vector<pb::WatchChangesResponse> FeedEvents() {
    std::vector<pb::WatchChangesResponse> events;
    EXPECT_TRUE(repository_->feed()
                    .Read(0, 100000,
                          [&](int64_t sequence, absl::string_view bytes) {
                            pb::WatchChangesResponse event;
                            EXPECT_TRUE(event.ParseFromString(std::string(bytes)));
                            event.set_sequence(sequence);
                            events.push_back(std::move(event));
                          })
                    .ok());
    return events;
  }

  std::map<std::string, std::string> StoreContents() {
    std::map<std::string, std::string> contents;
    EXPECT_TRUE(store_
                    .Scan("", "", storage::ScanOrder::kAscending,
                          [&](absl::string_view key, absl::string_view value) {
                            contents.emplace(std::string(key), std::string(value));
                            return true;
                          })
                    .ok());
    return contents;
  }

  storage::MemoryKvStore store_;
  FakeClock clock_;
  std::unique_ptr<MatchingRepository> repository_;
  int64_t publishing_sequence_ = 0;
  int64_t adoption_sequence_ = 0;
};

}  // namespace corematch::matching::testing

#endif  // COREMATCH_SERVICES_MATCHING_SERVICE_MATCHING_TEST_FIXTURE_H_
