// The adoption journey across services in a real all-in-one server: Göteborg
// publishes, Aarhus files a need, matching connects them, Aarhus adopts,
// anchors and republishes — and the spread tree, computed by the adoption
// service from the publishing and matching feeds, survives a restart.
#include <functional>
#include <memory>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "corematch/adoption/v1/adoption.grpc.pb.h"
#include "corematch/matching/v1/matching.grpc.pb.h"
#include "corematch/publishing/v1/publishing.grpc.pb.h"
#include "gtest/gtest.h"
#include "tests/testing/test_server.h"

namespace corematch {
namespace {

namespace ad = ::corematch::adoption::v1;
namespace mat = ::corematch::matching::v1;
namespace pub = ::corematch::publishing::v1;
using ::corematch::testing::ContextWithKey;
using ::corematch::testing::TempDir;
using ::corematch::testing::TestServer;

void AllServices(server::ServerOptions& options) {
  options.services = {"organization", "publishing", "adoption", "matching", "notification"};
  options.matching_engine.translation = false;
}

// Retries `call` while the feeds catch up (at most 15 s).
grpc::Status Eventually(const std::function<grpc::Status()>& call) {
  const absl::Time deadline = absl::Now() + absl::Seconds(15);
  grpc::Status status;
  do {
    status = call();
    if (status.ok()) return status;
    absl::SleepFor(absl::Milliseconds(50));
  } while (absl::Now() < deadline);
  return status;
}

pub::Solution Solution(const std::string& title, const std::string& country,
                       const std::string& derived_from = "") {
  pub::Solution s;
  s.set_title(title);
  s.set_summary("Unemployed citizens get an offer of work or studies within 48 hours.");
  s.set_language("en");
  s.mutable_origin()->set_country(country);
  s.add_sectors("10.5");
  s.add_core_elements()->set_title("Work or studies within 48 hours");
  s.set_maturity(pub::MATURITY_PROVEN);
  s.set_derived_from(derived_from);
  return s;
}

TEST(AdoptionJourneyIntegrationTest, TheSpreadTreeFollowsTheJourneyAndSurvivesARestart) {
  TempDir dir;
  std::string aarhus_key, goteborg_key, jobb, adapted;
  ad::SpreadTree before;
  {
    TestServer server(dir.path(), AllServices);
    auto channel = server.TcpChannel();
    auto solutions = pub::PublishingService::NewStub(channel);
    auto adoption = ad::AdoptionService::NewStub(channel);
    auto matching = mat::MatchingService::NewStub(channel);
    std::string aarhus;
    std::tie(aarhus, aarhus_key) = server.CreateOrganizationWithKey("Aarhus", "DK");
    goteborg_key = server.CreateOrganizationWithKey("Göteborg", "SE").second;

    pub::CreateSolutionRequest create;
    *create.mutable_solution() = Solution("Jobb Först", "SE");
    create.set_publish(true);
    pub::Solution created;
    ASSERT_TRUE(
        solutions->CreateSolution(ContextWithKey(goteborg_key).get(), create, &created).ok());
    jobb = created.name();

    ad::CreateAdoptionRequestRequest file;
    file.mutable_adoption_request()->set_title("Faster into work");
    file.mutable_adoption_request()->set_need_statement(
        "We want unemployed citizens in work or studies quickly");
    file.mutable_adoption_request()->set_language("en");
    file.mutable_adoption_request()->add_sectors("10.5");
    ad::AdoptionRequest need;
    ASSERT_TRUE(
        adoption->CreateAdoptionRequest(ContextWithKey(aarhus_key).get(), file, &need).ok());

    mat::ListMatchesRequest list;
    list.set_parent(need.name());
    mat::ListMatchesResponse matches;
    ASSERT_TRUE(Eventually([&] {
                  matches.Clear();
                  grpc::Status s =
                      matching->ListMatches(ContextWithKey(aarhus_key).get(), list, &matches);
                  if (s.ok() && matches.matches_size() == 0) {
                    return grpc::Status(grpc::StatusCode::UNAVAILABLE, "no match yet");
                  }
                  return s;
                }).ok());
    const std::string match = matches.matches(0).name();
    for (const std::string& key : {goteborg_key, aarhus_key}) {
      mat::ExpressInterestRequest interest;
      interest.set_name(match);
      mat::Match updated;
      ASSERT_TRUE(matching->ExpressInterest(ContextWithKey(key).get(), interest, &updated).ok());
    }

    ad::OpenAdoptionRequest open;
    open.mutable_adoption()->set_match(match);
    ad::Adoption a;
    ASSERT_TRUE(Eventually([&] {
                  return adoption->OpenAdoption(ContextWithKey(aarhus_key).get(), open, &a);
                }).ok());
    for (auto stage : {ad::ADOPTION_STAGE_PLAN, ad::ADOPTION_STAGE_LAUNCH, ad::ADOPTION_STAGE_LEAD,
                       ad::ADOPTION_STAGE_EVALUATE}) {
      ad::AdvanceAdoptionRequest advance;
      advance.set_name(a.name());
      advance.set_stage(stage);
      ASSERT_TRUE(adoption->AdvanceAdoption(ContextWithKey(aarhus_key).get(), advance, &a).ok());
    }
    ad::EvaluateAdoptionRequest evaluate;
    evaluate.set_name(a.name());
    ad::EvaluatedEffect* effect = evaluate.add_effects();
    effect->set_metric("households on income support");
    effect->set_baseline(1200);
    effect->set_result(900);
    effect->set_period("2026");
    ASSERT_TRUE(adoption->EvaluateAdoption(ContextWithKey(aarhus_key).get(), evaluate, &a).ok());
    ad::AdvanceAdoptionRequest anchor;
    anchor.set_name(a.name());
    anchor.set_stage(ad::ADOPTION_STAGE_ANCHORED);
    ASSERT_TRUE(adoption->AdvanceAdoption(ContextWithKey(aarhus_key).get(), anchor, &a).ok());

    pub::CreateSolutionRequest derive;
    *derive.mutable_solution() = Solution("Job Først, Aarhus", "DK", jobb);
    derive.set_publish(true);
    ASSERT_TRUE(solutions->CreateSolution(ContextWithKey(aarhus_key).get(), derive, &created).ok());
    adapted = created.name();
    ad::RepublishAdoptionRequest republish;
    republish.set_name(a.name());
    republish.set_solution(adapted);
    ASSERT_TRUE(Eventually([&] {
                  return adoption->RepublishAdoption(ContextWithKey(aarhus_key).get(), republish,
                                                     &a);
                }).ok());

    ad::GetSpreadTreeRequest tree;
    tree.set_solution(jobb);
    ASSERT_TRUE(adoption->GetSpreadTree(ContextWithKey(goteborg_key).get(), tree, &before).ok());
    EXPECT_EQ(before.adoptions(), 1);
    EXPECT_EQ(before.generations(), 1);
    ASSERT_EQ(before.root().adoptions_size(), 1);
    EXPECT_EQ(before.root().adoptions(0).adopter(), aarhus);
    EXPECT_EQ(before.root().adoptions(0).stage(), ad::ADOPTION_STAGE_ANCHORED);
    EXPECT_EQ(before.root().adoptions(0).republished().solution(), adapted);
  }

  TestServer restarted(dir.path(), AllServices);
  auto adoption = ad::AdoptionService::NewStub(restarted.TcpChannel());
  ad::GetSpreadTreeRequest tree;
  tree.set_solution(jobb);
  ad::SpreadTree after;
  ASSERT_TRUE(adoption->GetSpreadTree(ContextWithKey(goteborg_key).get(), tree, &after).ok());
  EXPECT_EQ(after.SerializeAsString(), before.SerializeAsString());
  ad::GetValueSummaryRequest value_request;
  value_request.set_solution(jobb);
  ad::ValueSummary value;
  ASSERT_TRUE(
      adoption->GetValueSummary(ContextWithKey(goteborg_key).get(), value_request, &value).ok());
  EXPECT_EQ(value.adopters(), 1);
  EXPECT_EQ(value.republished(), 1);
}

}  // namespace
}  // namespace corematch
