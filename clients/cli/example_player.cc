// clients/cli/example_player.cc
#include "clients/cli/example_player.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clients/cli/demo_rows.h"
#include "clients/cli/errors.h"
#include "corematch/adoption/v1/adoption.grpc.pb.h"
#include "corematch/matching/v1/matching.grpc.pb.h"
#include "corematch/organization/v1/organization.grpc.pb.h"
#include "corematch/publishing/v1/publishing.grpc.pb.h"

namespace corematch::cli {
namespace {

namespace ad = ::corematch::adoption::v1;
namespace demo = ::corematch::demo::v1;
namespace mat = ::corematch::matching::v1;
namespace org = ::corematch::organization::v1;
namespace pub = ::corematch::publishing::v1;

using Call = std::function<grpc::Status(grpc::ClientContext*)>;
using StillWaiting = std::function<bool(const grpc::Status&)>;

absl::Status StepError(absl::string_view step, const grpc::Status& status) {
  return absl::Status(static_cast<absl::StatusCode>(status.error_code()),
                      absl::StrCat(step, ": ", FormatRpcErrorLine(status)));
}

// Waiting on a feed: the service that answered has not heard of the change
// yet, and says so with one of these reasons or UNAVAILABLE.
StillWaiting WaitingFor(std::initializer_list<absl::string_view> reasons) {
  std::vector<std::string> accepted(reasons.begin(), reasons.end());
  return [accepted](const grpc::Status& status) {
    if (status.error_code() == grpc::StatusCode::UNAVAILABLE) return true;
    return std::find(accepted.begin(), accepted.end(), ErrorReason(status)) != accepted.end();
  };
}

// One organisation of the example, acting with its own key.
struct Party {
  org::Organization organization;
  // organizations/{o}/apiKeys/{k}, issued for this run.
  std::string api_key;
  std::unique_ptr<Connection> connection;
};

class ExamplePlayer final {
 public:
  ExamplePlayer(const demo::WorkedExample& example, const ConnectionOptions& operator_connection,
                const PlayOptions& options)
      : example_(example), options_(options), operator_(operator_connection) {}

  absl::StatusOr<ExampleOutcome> Run() {
    absl::Status status = CreateOrganizations();
    if (status.ok()) status = IssueKeys();
    if (status.ok()) status = PlayAsOrganizations();
    status.Update(RevokeKeys());
    if (!status.ok()) return status;
    return outcome_;
  }

 private:
  std::string RequestId(absl::string_view step) const {
    return DemoRequestId(absl::StrCat("example:", example_.title(), ":", step));
  }

  void Step(absl::string_view text) const {
    if (options_.on_step) options_.on_step(text);
  }

  static grpc::Status Once(const Connection& connection, const Call& call) {
    grpc::ClientContext context;
    connection.Prepare(&context);
    return call(&context);
  }

  // Runs `call` until it succeeds, fails in a way `waiting` does not accept,
  // or options_.feed_wait has passed.
  grpc::Status UntilFeedsCatchUp(const Connection& connection, const Call& call,
                                 const StillWaiting& waiting) const {
    const absl::Time deadline = absl::Now() + options_.feed_wait;
    while (true) {
      grpc::Status status = Once(connection, call);
      if (status.ok() || !waiting(status) || absl::Now() >= deadline) return status;
      absl::SleepFor(absl::Milliseconds(100));
    }
  }

  absl::Status CreateOrganizations() {
    auto stub = org::OrganizationService::NewStub(operator_.channel());
    for (const demo::ExampleOrganization& entry : example_.organizations()) {
      org::CreateOrganizationRequest request;
      *request.mutable_organization() = entry.organization();
      request.set_request_id(RequestId(absl::StrCat("organization:", entry.key())));
      Party& party = parties_[entry.key()];
      grpc::Status status = Once(operator_, [&](grpc::ClientContext* c) {
        return stub->CreateOrganization(c, request, &party.organization);
      });
      if (!status.ok())
        return StepError(absl::StrCat("creating organisation ", entry.key()), status);
    }
    Step(absl::StrCat("organisations: ", parties_.size()));
    return absl::OkStatus();
  }

  absl::Status IssueKeys() {
    auto stub = org::OrganizationService::NewStub(operator_.channel());
    for (auto& [key, party] : parties_) {
      org::CreateApiKeyRequest request;
      request.set_parent(party.organization.name());
      request.mutable_api_key()->set_display_name("corematch load example (revoked when it ends)");
      org::CreateApiKeyResponse response;
      grpc::Status status = Once(operator_, [&](grpc::ClientContext* c) {
        return stub->CreateApiKey(c, request, &response);
      });
      if (!status.ok()) return StepError(absl::StrCat("issuing a key to ", key), status);
      party.api_key = response.api_key().name();
      ConnectionOptions options = operator_.options();
      options.api_key = response.secret();
      party.connection = std::make_unique<Connection>(std::move(options));
    }
    return absl::OkStatus();
  }

  absl::Status RevokeKeys() {
    auto stub = org::OrganizationService::NewStub(operator_.channel());
    absl::Status result;
    for (auto& [key, party] : parties_) {
      if (party.api_key.empty()) continue;
      org::RevokeApiKeyRequest request;
      request.set_name(party.api_key);
      org::ApiKey revoked;
      grpc::Status status = Once(operator_, [&](grpc::ClientContext* c) {
        return stub->RevokeApiKey(c, request, &revoked);
      });
      if (!status.ok()) result.Update(StepError(absl::StrCat("revoking the key of ", key), status));
    }
    return result;
  }

  absl::Status PlayAsOrganizations() {
    pub::Solution origin = example_.origin().solution();
    origin.clear_derived_from();
    absl::Status status = Publish(example_.origin().owner(), std::move(origin), "origin", &origin_);
    if (!status.ok()) return status;
    outcome_.origin = origin_.name();
    if (!example_.cohort().display_name().empty()) {
      status = CreateCohort();
      if (!status.ok()) return status;
    }
    for (const demo::ExampleAdoption& adoption : example_.adoptions()) {
      status = PlayAdoption(adoption);
      if (!status.ok()) return status;
    }
    return absl::OkStatus();
  }

  absl::Status Publish(const std::string& owner_key, pub::Solution solution, absl::string_view step,
                       pub::Solution* published) {
    const Party& owner = parties_.at(owner_key);
    solution.clear_owner();
    pub::CreateSolutionRequest request;
    *request.mutable_solution() = std::move(solution);
    request.set_publish(true);
    request.set_request_id(RequestId(absl::StrCat("solution:", step)));
    auto stub = pub::PublishingService::NewStub(owner.connection->channel());
    grpc::Status status = Once(*owner.connection, [&](grpc::ClientContext* c) {
      return stub->CreateSolution(c, request, published);
    });
    if (!status.ok()) {
      return StepError(absl::StrCat("publishing '", request.solution().title(), "'"), status);
    }
    Step(absl::StrCat("published ", published->name(), " '", published->title(), "' as ",
                      owner.organization.display_name()));
    return absl::OkStatus();
  }

  absl::Status CreateCohort() {
    const Party& owner = parties_.at(example_.origin().owner());
    ad::CreateCohortRequest request;
    *request.mutable_cohort() = example_.cohort();
    request.mutable_cohort()->set_solution(origin_.name());
    request.set_request_id(RequestId("cohort"));
    auto stub = ad::AdoptionService::NewStub(owner.connection->channel());
    ad::Cohort cohort;
    grpc::Status status = UntilFeedsCatchUp(
        *owner.connection,
        [&](grpc::ClientContext* c) { return stub->CreateCohort(c, request, &cohort); },
        WaitingFor({"SOLUTION_UNKNOWN"}));
    if (!status.ok()) return StepError("creating the cohort", status);
    outcome_.cohort = cohort.name();
    Step(absl::StrCat("cohort ", cohort.name(), " '", cohort.display_name(), "'"));
    return absl::OkStatus();
  }

  absl::Status PlayAdoption(const demo::ExampleAdoption& example) {
    const bool of_origin = example.adopts_from().empty();
    const std::string owner_key = of_origin ? example_.origin().owner() : example.adopts_from();
    const pub::Solution& solution = of_origin ? origin_ : adaptations_.at(owner_key);
    const std::string step = absl::StrCat("adoption:", example.adopter(), ":", owner_key);
    Party& adopter = parties_.at(example.adopter());

    ad::AdoptionRequest need;
    absl::Status status = FileRequest(adopter, example, step, &need);
    if (!status.ok()) return status;
    mat::Match match;
    status = AwaitMatch(adopter, need, solution, &match);
    if (!status.ok()) return status;
    status = Connect(parties_.at(owner_key), adopter, match, step);
    if (!status.ok()) return status;
    ad::Adoption adoption;
    status = Open(adopter, example, match, of_origin, step, &adoption);
    if (!status.ok()) return status;
    status = WorkToStage(adopter, example, step, &adoption);
    if (!status.ok()) return status;
    if (example.has_republish_as()) {
      status = Republish(adopter, example, solution, step, &adoption);
      if (!status.ok()) return status;
    }
    outcome_.adoptions.push_back({adopter.organization.display_name(), adoption.name(),
                                  adoption.solution(), adoption.stage(),
                                  adoption.republished_as()});
    return absl::OkStatus();
  }

  absl::Status FileRequest(const Party& adopter, const demo::ExampleAdoption& example,
                           const std::string& step, ad::AdoptionRequest* need) {
    ad::CreateAdoptionRequestRequest request;
    *request.mutable_adoption_request() = example.request();
    request.mutable_adoption_request()->clear_requester();
    request.set_request_id(RequestId(absl::StrCat(step, ":request")));
    auto stub = ad::AdoptionService::NewStub(adopter.connection->channel());
    grpc::Status status = Once(*adopter.connection, [&](grpc::ClientContext* c) {
      return stub->CreateAdoptionRequest(c, request, need);
    });
    if (!status.ok()) {
      return StepError(absl::StrCat("filing the request of ", example.adopter()), status);
    }
    Step(absl::StrCat("filed ", need->name(), " '", need->title(), "' as ",
                      adopter.organization.display_name()));
    return absl::OkStatus();
  }

  // Matching pairs the need with the solution once both have reached it on
  // the feeds.
  absl::Status AwaitMatch(const Party& adopter, const ad::AdoptionRequest& need,
                          const pub::Solution& solution, mat::Match* match) const {
    mat::ListMatchesRequest request;
    request.set_parent(need.name());
    request.set_page_size(1000);
    auto stub = mat::MatchingService::NewStub(adopter.connection->channel());
    const absl::Time deadline = absl::Now() + options_.feed_wait;
    while (true) {
      mat::ListMatchesResponse response;
      grpc::Status status = Once(*adopter.connection, [&](grpc::ClientContext* c) {
        return stub->ListMatches(c, request, &response);
      });
      if (!status.ok() && status.error_code() != grpc::StatusCode::NOT_FOUND &&
          status.error_code() != grpc::StatusCode::UNAVAILABLE) {
        return StepError(absl::StrCat("listing the matches of ", need.name()), status);
      }
      for (const mat::Match& candidate : response.matches()) {
        if (candidate.solution() == solution.name()) {
          *match = candidate;
          return absl::OkStatus();
        }
      }
      if (absl::Now() >= deadline) {
        return absl::DeadlineExceededError(
            absl::StrCat("matching did not pair ", need.name(), " with ", solution.name(),
                         " within ", absl::FormatDuration(options_.feed_wait),
                         ": is the matching service running (corematch-server --services=all)?"));
      }
      absl::SleepFor(absl::Milliseconds(100));
    }
  }

  // The owner says interested first, then the adopter: the match is CONNECTED.
  absl::Status Connect(const Party& owner, const Party& adopter, const mat::Match& match,
                       const std::string& step) {
    for (const Party* side : {&owner, &adopter}) {
      mat::ExpressInterestRequest request;
      request.set_name(match.name());
      request.set_request_id(
          RequestId(absl::StrCat(step, ":interest:", side->organization.name())));
      auto stub = mat::MatchingService::NewStub(side->connection->channel());
      mat::Match answered;
      grpc::Status status = Once(*side->connection, [&](grpc::ClientContext* c) {
        return stub->ExpressInterest(c, request, &answered);
      });
      if (!status.ok()) {
        return StepError(
            absl::StrCat(side->organization.display_name(), " saying interested in ", match.name()),
            status);
      }
    }
    Step(absl::StrCat("connected ", match.name()));
    return absl::OkStatus();
  }

  absl::Status Open(const Party& adopter, const demo::ExampleAdoption& example,
                    const mat::Match& match, bool of_origin, const std::string& step,
                    ad::Adoption* adoption) {
    ad::OpenAdoptionRequest request;
    *request.mutable_adoption() = example.plan();
    request.mutable_adoption()->set_match(match.name());
    if (example.in_cohort() && of_origin) request.mutable_adoption()->set_cohort(outcome_.cohort);
    request.set_request_id(RequestId(absl::StrCat(step, ":open")));
    auto stub = ad::AdoptionService::NewStub(adopter.connection->channel());
    grpc::Status status = UntilFeedsCatchUp(
        *adopter.connection,
        [&](grpc::ClientContext* c) { return stub->OpenAdoption(c, request, adoption); },
        WaitingFor({"MATCH_NOT_CONNECTED"}));
    if (!status.ok())
      return StepError(absl::StrCat("opening the adoption of ", match.name()), status);
    Step(absl::StrCat("opened ", adoption->name(), " as ", adopter.organization.display_name()));
    return absl::OkStatus();
  }

  // Advances one stage at a time to the stage the example reaches, evaluating
  // the effects on the way (before ANCHORED, which needs them).
  absl::Status WorkToStage(const Party& adopter, const demo::ExampleAdoption& example,
                           const std::string& step, ad::Adoption* adoption) {
    auto stub = ad::AdoptionService::NewStub(adopter.connection->channel());
    const ad::AdoptionStage evaluate_at =
        std::min(example.reach_stage(), ad::ADOPTION_STAGE_EVALUATE);
    for (int next = adoption->stage() + 1; next <= example.reach_stage(); ++next) {
      const auto stage = static_cast<ad::AdoptionStage>(next);
      ad::AdvanceAdoptionRequest advance;
      advance.set_name(adoption->name());
      advance.set_stage(stage);
      advance.set_request_id(RequestId(absl::StrCat(step, ":advance:", next)));
      grpc::Status status = Once(*adopter.connection, [&](grpc::ClientContext* c) {
        return stub->AdvanceAdoption(c, advance, adoption);
      });
      if (!status.ok()) {
        return StepError(
            absl::StrCat("advancing ", adoption->name(), " to ", ad::AdoptionStage_Name(stage)),
            status);
      }
      if (stage == evaluate_at && !example.effects().empty()) {
        absl::Status evaluated = Evaluate(adopter, example, step, adoption);
        if (!evaluated.ok()) return evaluated;
      }
    }
    Step(absl::StrCat(adoption->name(), " in ", ad::AdoptionStage_Name(adoption->stage())));
    return absl::OkStatus();
  }

  absl::Status Evaluate(const Party& adopter, const demo::ExampleAdoption& example,
                        const std::string& step, ad::Adoption* adoption) {
    ad::EvaluateAdoptionRequest request;
    request.set_name(adoption->name());
    *request.mutable_effects() = example.effects();
    request.set_request_id(RequestId(absl::StrCat(step, ":evaluate")));
    auto stub = ad::AdoptionService::NewStub(adopter.connection->channel());
    grpc::Status status = Once(*adopter.connection, [&](grpc::ClientContext* c) {
      return stub->EvaluateAdoption(c, request, adoption);
    });
    if (!status.ok()) return StepError(absl::StrCat("evaluating ", adoption->name()), status);
    return absl::OkStatus();
  }

  // Publishes the adopter's adaptation, derived from what it adopted, and
  // links it to the adoption (once: a second play finds it linked).
  absl::Status Republish(const Party& adopter, const demo::ExampleAdoption& example,
                         const pub::Solution& adopted, const std::string& step,
                         ad::Adoption* adoption) {
    pub::Solution adaptation = example.republish_as();
    adaptation.set_derived_from(adopted.name());
    pub::Solution& published = adaptations_[example.adopter()];
    absl::Status created = Publish(example.adopter(), std::move(adaptation), step, &published);
    if (!created.ok()) return created;
    auto stub = ad::AdoptionService::NewStub(adopter.connection->channel());
    ad::GetAdoptionRequest get;
    get.set_name(adoption->name());
    grpc::Status status = Once(*adopter.connection, [&](grpc::ClientContext* c) {
      return stub->GetAdoption(c, get, adoption);
    });
    if (!status.ok()) return StepError(absl::StrCat("reading ", adoption->name()), status);
    if (adoption->republished_as() == published.name()) return absl::OkStatus();
    ad::RepublishAdoptionRequest link;
    link.set_name(adoption->name());
    link.set_solution(published.name());
    status = UntilFeedsCatchUp(
        *adopter.connection,
        [&](grpc::ClientContext* c) { return stub->RepublishAdoption(c, link, adoption); },
        WaitingFor({}));
    if (!status.ok()) return StepError(absl::StrCat("republishing ", adoption->name()), status);
    Step(absl::StrCat(adoption->name(), " republished as ", published.name()));
    return absl::OkStatus();
  }

  const demo::WorkedExample& example_;
  const PlayOptions& options_;
  const Connection operator_;
  std::map<std::string, Party> parties_;
  pub::Solution origin_;
  // By the key of the adopter that republished it.
  std::map<std::string, pub::Solution> adaptations_;
  ExampleOutcome outcome_;
};

}  // namespace

absl::StatusOr<ExampleOutcome> PlayWorkedExample(const demo::WorkedExample& example,
                                                 const ConnectionOptions& operator_connection,
                                                 const PlayOptions& options) {
  ExamplePlayer player(example, operator_connection, options);
  return player.Run();
}

}  // namespace corematch::cli
