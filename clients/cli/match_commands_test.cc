// clients/cli/match_commands_test.cc
//
// How rankings and their explanations print, and the `match` commands against
// a fake MatchingService on 127.0.0.1:0: what they send and what they print.
#include "clients/cli/match_commands.h"

#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "clients/cli/cli_test_util.h"
#include "clients/cli/errors.h"
#include "clients/cli/input.h"
#include "corematch/matching/v1/matching.grpc.pb.h"
#include "gmock/gmock.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/util/message_differencer.h"
#include "grpcpp/server.h"
#include "grpcpp/server_builder.h"
#include "gtest/gtest.h"

namespace corematch::cli {
namespace {

namespace mt = ::corematch::matching::v1;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

mt::TermMatch Term(const std::string& query, const std::string& matched,
                   std::vector<std::string> fields, mt::TermMatchKind kind, double contribution) {
  mt::TermMatch term;
  term.set_query_term(query);
  term.set_matched_term(matched);
  for (std::string& field : fields) term.add_fields(std::move(field));
  term.set_kind(kind);
  term.set_contribution(contribution);
  return term;
}

mt::ContextFactor Factor(const std::string& name, double value, double weight,
                         const std::string& note) {
  mt::ContextFactor factor;
  factor.set_name(name);
  factor.set_value(value);
  factor.set_weight(weight);
  factor.set_contribution(value * weight);
  factor.set_note(note);
  return factor;
}

mt::Explanation JobbForstExplanation() {
  mt::Explanation e;
  e.set_summary("Meets the need for faster work placement; same sector");
  e.set_text_score(0.7);
  e.set_text_weight(0.6);
  *e.add_term_matches() =
      Term("hurtig", "fast", {"description"}, mt::TERM_MATCH_KIND_TRANSLATION, 0.4);
  *e.add_term_matches() = Term("kontanthjælp", "work", {"title", "core_elements"},
                               mt::TERM_MATCH_KIND_TRANSLATION, 1.234);
  *e.add_term_matches() = Term("job", "job", {"title"}, mt::TERM_MATCH_KIND_EXACT, 0.8);
  *e.add_context_factors() = Factor("sector", 1, 0.15, "same sector 10.5 (Unemployment)");
  *e.add_context_factors() = Factor("country", 0.5, 0.1, "Nordic neighbour");
  e.add_matched_core_elements("Första samtal inom en vecka");
  e.add_preconditions_to_check("A job coach per 30 participants");
  e.add_preconditions_to_check("Access to employers");
  return e;
}

TEST(TermMatchTextTest, ShowsTermsFieldsKindAndContribution) {
  EXPECT_EQ(TermMatchText(Term("kontanthjælp", "work", {"title", "core_elements"},
                               mt::TERM_MATCH_KIND_TRANSLATION, 1.234)),
            "kontanthjælp → work (title, core_elements) translation +1.23");
  EXPECT_EQ(TermMatchText(Term("job", "job", {"title"}, mt::TERM_MATCH_KIND_EXACT, 0.8)),
            "job (title) exact +0.80");
  EXPECT_EQ(TermMatchText(Term("stöd", "", {}, mt::TERM_MATCH_KIND_UNSPECIFIED, 0)), "stöd +0.00");
}

TEST(ExplanationLinesTest, PrintsEveryPart) {
  EXPECT_THAT(
      ExplanationLines(JobbForstExplanation()),
      ElementsAre(
          "Meets the need for faster work placement; same sector", "text: 0.700 × 0.600 = +0.420",
          "terms: kontanthjælp → work (title, core_elements) translation +1.23",
          "       job (title) exact +0.80", "       hurtig → fast (description) translation +0.40",
          "context: sector   1.000 × 0.150 = +0.150  same sector 10.5 (Unemployment)",
          "         country  0.500 × 0.100 = +0.050  Nordic neighbour",
          "core elements met: Första samtal inom en vecka",
          "preconditions to check: A job coach per 30 participants",
          "                        Access to employers"));
  EXPECT_THAT(ExplanationLines(mt::Explanation()), IsEmpty());
}

TEST(ExplanationLinesTest, ShowsOnlyTheTopTerms) {
  mt::Explanation e;
  for (int i = 1; i <= kShownTermMatches + 2; ++i) {
    *e.add_term_matches() =
        Term(absl::StrCat("t", i), "", {"tags"}, mt::TERM_MATCH_KIND_EXACT, 0.1 * i);
  }
  std::vector<std::string> lines = ExplanationLines(e);
  ASSERT_EQ(lines.size(), static_cast<size_t>(kShownTermMatches + 1));
  EXPECT_EQ(lines[0], "terms: t7 (tags) exact +0.70");
  EXPECT_EQ(lines.back(), "       … and 2 more");
}

TEST(PrintRankedSolutionsTest, IndentsEachExplanationBelowItsRow) {
  google::protobuf::RepeatedPtrField<mt::ScoredSolution> solutions;
  mt::ScoredSolution* first = solutions.Add();
  first->set_solution("solutions/s1");
  first->set_title("Jobb Först");
  first->set_language("sv");
  first->set_score(0.81234);
  first->set_match("matches/m1");
  first->mutable_explanation()->set_summary("First reason");
  mt::ScoredSolution* second = solutions.Add();
  second->set_solution("solutions/s22");
  second->set_title("Other");
  second->set_language("en");
  second->set_score(0.5);
  second->mutable_explanation()->set_summary("Second reason");
  std::ostringstream out;
  PrintRankedSolutions(solutions, out);
  EXPECT_EQ(out.str(),
            "RANK  SCORE  SOLUTION       TITLE       LANGUAGE\n"
            "1     0.812  solutions/s1   Jobb Först  sv\n"
            "    match: matches/m1\n"
            "    First reason\n"
            "2     0.500  solutions/s22  Other       en\n"
            "    Second reason\n");
}

// --- The commands ---------------------------------------------------------------------------

// Remembers what it was sent; answers with canned responses.
class FakeMatching final : public mt::MatchingService::Service {
 public:
  grpc::Status MatchAdoptionRequest(grpc::ServerContext*,
                                    const mt::MatchAdoptionRequestRequest* request,
                                    mt::MatchAdoptionRequestResponse* response) override {
    absl::MutexLock lock(&mutex_);
    last_match_ = *request;
    *response = Ranking();
    return grpc::Status::OK;
  }
  grpc::Status MatchText(grpc::ServerContext*, const mt::MatchTextRequest* request,
                         mt::MatchTextResponse* response) override {
    absl::MutexLock lock(&mutex_);
    last_text_ = *request;
    *response->mutable_solutions() = Ranking().solutions();
    response->set_language("da");
    return grpc::Status::OK;
  }
  grpc::Status FindAdopters(grpc::ServerContext*, const mt::FindAdoptersRequest* request,
                            mt::FindAdoptersResponse* response) override {
    absl::MutexLock lock(&mutex_);
    last_adopters_ = *request;
    mt::ScoredAdoptionRequest* r = response->add_adoption_requests();
    r->set_adoption_request("adoptionRequests/r9");
    r->set_title("Hurtigere i job");
    r->set_country("DK");
    r->set_requester("organizations/aarhus");
    r->set_score(0.75);
    *r->mutable_explanation() = JobbForstExplanation();
    return grpc::Status::OK;
  }
  // Two matches a page.
  grpc::Status ListMatches(grpc::ServerContext*, const mt::ListMatchesRequest* request,
                           mt::ListMatchesResponse* response) override {
    absl::MutexLock lock(&mutex_);
    last_list_ = *request;
    int start = request->page_token().empty() ? 0 : std::stoi(request->page_token());
    for (int i = start; i < 3 && i < start + 2; ++i) {
      mt::Match* m = response->add_matches();
      m->set_name(absl::StrCat("matches/m", i));
      m->set_adoption_request(request->parent());
      m->set_solution(absl::StrCat("solutions/s", i));
      m->set_solution_title(absl::StrCat("Solution ", i));
      m->set_score(1.0 - 0.1 * i);
      m->set_state(mt::MATCH_STATE_CONNECTED);
      m->mutable_adopter()->set_interest(mt::INTEREST_INTERESTED);
    }
    if (start + 2 < 3) response->set_next_page_token(absl::StrCat(start + 2));
    return grpc::Status::OK;
  }
  grpc::Status GetMatch(grpc::ServerContext*, const mt::GetMatchRequest* request,
                        mt::Match* response) override {
    if (request->name() != "matches/m1") {
      return grpc::Status(grpc::StatusCode::NOT_FOUND, absl::StrCat(request->name(), " not found"));
    }
    *response = AMatch();
    return grpc::Status::OK;
  }
  grpc::Status ExpressInterest(grpc::ServerContext*, const mt::ExpressInterestRequest* request,
                               mt::Match* response) override {
    absl::MutexLock lock(&mutex_);
    last_interest_ = *request;
    *response = AMatch();
    response->set_state(mt::MATCH_STATE_CONNECTED);
    return grpc::Status::OK;
  }
  grpc::Status DeclineMatch(grpc::ServerContext*, const mt::DeclineMatchRequest* request,
                            mt::Match* response) override {
    absl::MutexLock lock(&mutex_);
    last_decline_ = *request;
    *response = AMatch();
    response->set_state(mt::MATCH_STATE_DECLINED);
    return grpc::Status::OK;
  }
  grpc::Status GetIndexStatus(grpc::ServerContext* context, const mt::GetIndexStatusRequest*,
                              mt::IndexStatus* response) override {
    auto it = context->client_metadata().find("authorization");
    if (it == context->client_metadata().end() || it->second != "Bearer operator") {
      return grpc::Status(grpc::StatusCode::PERMISSION_DENIED, "operator only");
    }
    response->set_solutions_indexed(1081);
    return grpc::Status::OK;
  }

  static mt::MatchAdoptionRequestResponse Ranking() {
    mt::MatchAdoptionRequestResponse response;
    mt::ScoredSolution* s = response.add_solutions();
    s->set_solution("solutions/s1");
    s->set_title("Jobb Först");
    s->set_language("sv");
    s->set_score(0.81234);
    *s->mutable_explanation() = JobbForstExplanation();
    return response;
  }
  static mt::Match AMatch() {
    mt::Match m;
    m.set_name("matches/m1");
    m.set_adoption_request("adoptionRequests/r1");
    m.set_solution("solutions/s1");
    m.set_score(0.8);
    m.set_state(mt::MATCH_STATE_PROPOSED);
    m.set_etag("e1");
    *m.mutable_explanation() = JobbForstExplanation();
    return m;
  }

  absl::Mutex mutex_;
  mt::MatchAdoptionRequestRequest last_match_ ABSL_GUARDED_BY(mutex_);
  mt::MatchTextRequest last_text_ ABSL_GUARDED_BY(mutex_);
  mt::FindAdoptersRequest last_adopters_ ABSL_GUARDED_BY(mutex_);
  mt::ListMatchesRequest last_list_ ABSL_GUARDED_BY(mutex_);
  mt::ExpressInterestRequest last_interest_ ABSL_GUARDED_BY(mutex_);
  mt::DeclineMatchRequest last_decline_ ABSL_GUARDED_BY(mutex_);
};

class MatchCommandsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    int port = 0;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(&matching_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    server_address_ = absl::StrCat("127.0.0.1:", port);
  }
  void TearDown() override { server_->Shutdown(); }

  CliResult Run(std::vector<std::string> args, const std::string& stdin_text = "",
                const std::string& key = "test-key") {
    args.insert(args.begin(), {"--server", server_address_, "--api-key", key});
    return RunCliForTest(args, stdin_text);
  }

  FakeMatching matching_;
  std::unique_ptr<grpc::Server> server_;
  std::string server_address_;
};

TEST_F(MatchCommandsTest, RequestSendsFiltersAndPrintsTheRanking) {
  CliResult result = Run({"match", "request", "--top-k", "5", "--language", "sv", "--language",
                          "da", "--country", "se", "--sector", "Social protection", "--sector",
                          "10.5", "--min-maturity", "pilot", "r1"});
  ASSERT_EQ(result.exit_code, kExitOk) << result.err;
  {
    absl::MutexLock lock(&matching_.mutex_);
    const mt::MatchAdoptionRequestRequest& sent = matching_.last_match_;
    EXPECT_EQ(sent.adoption_request(), "adoptionRequests/r1");
    EXPECT_EQ(sent.top_k(), 5);
    EXPECT_THAT(sent.filter().languages(), ElementsAre("sv", "da"));
    EXPECT_THAT(sent.filter().countries(), ElementsAre("SE"));
    EXPECT_THAT(sent.filter().sectors(), ElementsAre("10", "10.5"));
    EXPECT_EQ(sent.filter().min_maturity(), "PILOT");
  }
  EXPECT_THAT(result.out, HasSubstr("RANK  SCORE  SOLUTION      TITLE       LANGUAGE\n"
                                    "1     0.812  solutions/s1  Jobb Först  sv\n"
                                    "    Meets the need for faster work placement; same sector\n"
                                    "    text: 0.700 × 0.600 = +0.420\n"
                                    "    terms: kontanthjælp → work (title, core_elements) "
                                    "translation +1.23\n"));
  EXPECT_THAT(result.out, HasSubstr("    preconditions to check: A job coach"));
}

TEST_F(MatchCommandsTest, RequestWithoutFlagsSendsNoFilter) {
  CliResult result = Run({"match", "request", "adoptionRequests/r2"});
  ASSERT_EQ(result.exit_code, kExitOk) << result.err;
  absl::MutexLock lock(&matching_.mutex_);
  EXPECT_EQ(matching_.last_match_.adoption_request(), "adoptionRequests/r2");
  EXPECT_EQ(matching_.last_match_.top_k(), 0);
  EXPECT_EQ(matching_.last_match_.filter().ByteSizeLong(), 0u);
}

TEST_F(MatchCommandsTest, RepeatableFlagsTakeOneValueEach) {
  CliResult result = Run({"match", "request", "--language", "sv", "--sector", "10.5", "r3"});
  ASSERT_EQ(result.exit_code, kExitOk) << result.err;
  absl::MutexLock lock(&matching_.mutex_);
  EXPECT_EQ(matching_.last_match_.adoption_request(), "adoptionRequests/r3");
  EXPECT_THAT(matching_.last_match_.filter().languages(), ElementsAre("sv"));
  EXPECT_THAT(matching_.last_match_.filter().sectors(), ElementsAre("10.5"));
}

TEST_F(MatchCommandsTest, RequestPrintsProtobufJson) {
  CliResult result = Run({"match", "request", "r1", "--output", "json"});
  ASSERT_EQ(result.exit_code, kExitOk) << result.err;
  mt::MatchAdoptionRequestResponse response;
  ASSERT_TRUE(ParseJsonMessage(result.out, "out", &response).ok()) << result.out;
  EXPECT_TRUE(
      google::protobuf::util::MessageDifferencer::Equals(response, FakeMatching::Ranking()));
  EXPECT_THAT(result.out, HasSubstr("\"termMatches\""));
}

TEST_F(MatchCommandsTest, TextReadsStdinAndSendsContext) {
  CliResult result = Run({"match", "text", "-", "--language", "da", "--country", "dk", "--sector",
                          "10.5", "--population", "367000", "--top-k", "3"},
                         "  Vi vil have kontanthjælpsmodtagere hurtigere i arbejde\n");
  ASSERT_EQ(result.exit_code, kExitOk) << result.err;
  {
    absl::MutexLock lock(&matching_.mutex_);
    const mt::MatchTextRequest& sent = matching_.last_text_;
    EXPECT_EQ(sent.text(), "Vi vil have kontanthjælpsmodtagere hurtigere i arbejde");
    EXPECT_EQ(sent.language(), "da");
    EXPECT_EQ(sent.country(), "DK");
    EXPECT_THAT(sent.sectors(), ElementsAre("10.5"));
    EXPECT_EQ(sent.population(), 367000);
    EXPECT_EQ(sent.top_k(), 3);
  }
  EXPECT_THAT(result.out, testing::StartsWith("language: da\nRANK  SCORE"));
  EXPECT_EQ(Run({"match", "text", "-"}, "  \n").exit_code, kExitUsage);
}

TEST_F(MatchCommandsTest, AdoptersPrintsRankedRequests) {
  CliResult result = Run({"match", "adopters", "s1", "--top-k", "7"});
  ASSERT_EQ(result.exit_code, kExitOk) << result.err;
  {
    absl::MutexLock lock(&matching_.mutex_);
    EXPECT_EQ(matching_.last_adopters_.solution(), "solutions/s1");
    EXPECT_EQ(matching_.last_adopters_.top_k(), 7);
  }
  EXPECT_THAT(result.out,
              HasSubstr("RANK  SCORE  ADOPTION_REQUEST     TITLE            COUNTRY  REQUESTER\n"
                        "1     0.750  adoptionRequests/r9  Hurtigere i job  DK       "
                        "organizations/aarhus\n"
                        "    Meets the need"));
}

TEST_F(MatchCommandsTest, ListFollowsPagesAndPrintsATable) {
  CliResult result = Run({"match", "list", "adoptionRequests/r1", "--filter", "state = CONNECTED",
                          "--page-size", "2", "--all"});
  ASSERT_EQ(result.exit_code, kExitOk) << result.err;
  {
    absl::MutexLock lock(&matching_.mutex_);
    EXPECT_EQ(matching_.last_list_.parent(), "adoptionRequests/r1");
    EXPECT_EQ(matching_.last_list_.filter(), "state = CONNECTED");
    EXPECT_EQ(matching_.last_list_.page_size(), 2);
  }
  EXPECT_THAT(result.out, HasSubstr("NAME        SCORE  STATE      ADOPTION_REQUEST     SOLUTION"));
  EXPECT_THAT(result.out, HasSubstr("matches/m2  0.800  CONNECTED  adoptionRequests/r1  "
                                    "solutions/s2  Solution 2      INTERESTED\n"));
  EXPECT_THAT(result.out, Not(HasSubstr("next_page_token")));
  CliResult page = Run({"match", "list", "solutions/s1", "--page-size", "2"});
  EXPECT_THAT(page.out, HasSubstr("next_page_token: 2\n"));
}

TEST_F(MatchCommandsTest, ListNeedsACollectionInParent) {
  CliResult result = Run({"match", "list", "r1"});
  EXPECT_EQ(result.exit_code, kExitUsage);
  EXPECT_THAT(result.err, HasSubstr("PARENT must be adoptionRequests/{id} or solutions/{id}"));
}

TEST_F(MatchCommandsTest, GetPrintsFieldsAndExplanation) {
  CliResult result = Run({"match", "get", "m1"});
  ASSERT_EQ(result.exit_code, kExitOk) << result.err;
  EXPECT_THAT(result.out, HasSubstr("name: matches/m1\n"));
  EXPECT_THAT(result.out, HasSubstr("state: PROPOSED\n"));
  EXPECT_THAT(result.out, HasSubstr("explanation:\n  Meets the need"));
  EXPECT_THAT(result.out, Not(HasSubstr("explanation.term_matches")));
  CliResult missing = Run({"match", "get", "nope"});
  EXPECT_EQ(missing.exit_code, kExitServer);
  EXPECT_EQ(missing.err, "error: NOT_FOUND: matches/nope not found\n");
}

TEST_F(MatchCommandsTest, InterestAndDeclineSendTheirFields) {
  CliResult interest = Run({"match", "interest", "m1", "--note", "Vi vil gerne høre mere", "--etag",
                            "e1", "--request-id", "u-1"});
  ASSERT_EQ(interest.exit_code, kExitOk) << interest.err;
  EXPECT_THAT(interest.out, HasSubstr("state: CONNECTED\n"));
  CliResult decline = Run({"--output", "json", "match", "decline", "matches/m1", "--reason",
                           "Ikke relevant", "--etag", "e2", "--request-id", "u-2"});
  ASSERT_EQ(decline.exit_code, kExitOk) << decline.err;
  mt::Match declined;
  ASSERT_TRUE(ParseJsonMessage(decline.out, "out", &declined).ok()) << decline.out;
  EXPECT_EQ(declined.state(), mt::MATCH_STATE_DECLINED);
  absl::MutexLock lock(&matching_.mutex_);
  EXPECT_EQ(matching_.last_interest_.name(), "matches/m1");
  EXPECT_EQ(matching_.last_interest_.note(), "Vi vil gerne høre mere");
  EXPECT_EQ(matching_.last_interest_.etag(), "e1");
  EXPECT_EQ(matching_.last_interest_.request_id(), "u-1");
  EXPECT_EQ(matching_.last_decline_.name(), "matches/m1");
  EXPECT_EQ(matching_.last_decline_.reason(), "Ikke relevant");
  EXPECT_EQ(matching_.last_decline_.etag(), "e2");
  EXPECT_EQ(matching_.last_decline_.request_id(), "u-2");
}

TEST_F(MatchCommandsTest, StatusPrintsZeroCountsToo) {
  CliResult result = Run({"match", "status"}, "", "operator");
  ASSERT_EQ(result.exit_code, kExitOk) << result.err;
  EXPECT_EQ(result.out,
            "solutions_indexed: 1081\nadoption_requests_indexed: 0\npublishing_sequence: 0\n"
            "adoption_sequence: 0\nmatches: 0\n");
  CliResult json = Run({"--output", "json", "match", "status"}, "", "operator");
  ASSERT_EQ(json.exit_code, kExitOk) << json.err;
  google::protobuf::Struct parsed;
  ASSERT_TRUE(ParseJsonMessage(json.out, "out", &parsed).ok()) << json.out;
  EXPECT_EQ(parsed.fields().at("solutionsIndexed").string_value(), "1081");
  EXPECT_EQ(parsed.fields().at("matches").string_value(), "0");
  CliResult denied = Run({"match", "status"});
  EXPECT_EQ(denied.exit_code, kExitServer);
  EXPECT_THAT(denied.err, HasSubstr("error: PERMISSION_DENIED: operator only"));
}

TEST_F(MatchCommandsTest, BadFlagsAreUsageErrors) {
  EXPECT_EQ(Run({"match", "request", "r1", "--top-k", "0"}).exit_code, kExitUsage);
  EXPECT_EQ(Run({"match", "request", "r1", "--top-k", "101"}).exit_code, kExitUsage);
  EXPECT_EQ(Run({"match", "request", "r1", "--min-maturity", "mature"}).exit_code, kExitUsage);
  EXPECT_EQ(Run({"match", "request"}).exit_code, kExitUsage);
  EXPECT_EQ(Run({"match"}).exit_code, kExitUsage);
}

}  // namespace
}  // namespace corematch::cli
