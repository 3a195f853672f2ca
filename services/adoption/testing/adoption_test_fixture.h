// services/adoption/testing/adoption_test_fixture.h
//
// A repository on an in-memory store with a fake clock, sequential ids and a
// fake organisation directory holding three organisations, plus helpers to
// file requests and to look at what was stored and fed. Shared by the
// repository's unit tests.
#ifndef COREMATCH_SERVICES_ADOPTION_TESTING_ADOPTION_TEST_FIXTURE_H_
#define COREMATCH_SERVICES_ADOPTION_TESTING_ADOPTION_TEST_FIXTURE_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/strings/cord.h"
#include "absl/strings/string_view.h"
#include "google/rpc/error_details.pb.h"
#include "gtest/gtest.h"
#include "services/adoption/adoption_request_repository.h"
#include "services/adoption/testing/fake_organization_directory.h"
#include "services/common/clock.h"
#include "services/common/id_generator.h"
#include "services/common/proto_time.h"
#include "storage/memory_kv_store.h"

namespace corematch::adoption {

inline constexpr absl::string_view kAarhus = "organizations/aarhus";
inline constexpr absl::string_view kMalmo = "organizations/malmo";
inline constexpr absl::string_view kSkane = "organizations/skane";

inline Caller OrganizationCaller(absl::string_view organization) {
  return Caller{std::string(organization), /*is_operator=*/false, "apiKeys/test"};
}

inline Caller OperatorCaller() { return Caller{"", /*is_operator=*/true, "apiKeys/operator"}; }

// The field paths of the BadRequest an INVALID_ARGUMENT carries.
inline std::vector<std::string> BadFields(const absl::Status& status) {
  auto payload = status.GetPayload("type.googleapis.com/google.rpc.BadRequest");
  if (!payload.has_value()) return {};
  google::rpc::BadRequest bad_request;
  if (!bad_request.ParseFromString(std::string(*payload))) return {};
  std::vector<std::string> fields;
  for (const auto& violation : bad_request.field_violations()) fields.push_back(violation.field());
  return fields;
}

// A request that passes validation, as a Danish municipality might file it.
inline pb::AdoptionRequest ValidAdoptionRequest() {
  pb::AdoptionRequest r;
  r.set_title("Faster return to work for income support applicants");
  r.set_need_statement("Vi vil hjælpe ledige hurtigere i job eller uddannelse.");
  r.set_language("da");
  r.add_target_groups("income support applicants");
  r.add_sectors("10.5");
  r.add_desired_effects("fewer households on income support");
  r.set_readiness(pb::READINESS_PREPARING);
  r.add_accepted_languages("sv");
  return r;
}

class AdoptionRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AddOrganization(kAarhus, organization::v1::ORGANIZATION_KIND_MUNICIPALITY, "DK", "DK042",
                    350000);
    AddOrganization(kMalmo, organization::v1::ORGANIZATION_KIND_MUNICIPALITY, "SE", "SE224",
                    360000);
    AddOrganization(kSkane, organization::v1::ORGANIZATION_KIND_REGION, "SE", "SE22", 1400000);
    repository_ = AdoptionRequestRepository::Open(&store_, &clock_, &ids_, &directory_).value();
  }

  void AddOrganization(absl::string_view name, organization::v1::OrganizationKind kind,
                       absl::string_view country, absl::string_view region, int64_t population) {
    organization::v1::Organization org;
    org.set_name(std::string(name));
    org.set_kind(kind);
    org.set_country(std::string(country));
    org.set_region(std::string(region));
    org.set_population(population);
    directory_.Add(org);
  }

  absl::StatusOr<pb::AdoptionRequest> Create(const Caller& caller, pb::AdoptionRequest r,
                                             absl::string_view request_id = "") {
    pb::CreateAdoptionRequestRequest request;
    *request.mutable_adoption_request() = std::move(r);
    request.set_request_id(std::string(request_id));
    return repository_->Create(caller, request);
  }

  // Files a valid request with `visibility` for `requester`; fails the test
  // if that does not work.
  pb::AdoptionRequest MustCreate(absl::string_view requester,
                                 pb::Visibility visibility = pb::VISIBILITY_PUBLIC) {
    pb::AdoptionRequest r = ValidAdoptionRequest();
    r.set_visibility(visibility);
    absl::StatusOr<pb::AdoptionRequest> created = Create(OrganizationCaller(requester), r);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? *created : pb::AdoptionRequest();
  }

  absl::StatusOr<pb::AdoptionRequest> Close(const Caller& caller, absl::string_view name,
                                            pb::CloseOutcome outcome = pb::CLOSE_OUTCOME_FULFILLED,
                                            absl::string_view request_id = "") {
    pb::CloseAdoptionRequestRequest request;
    request.set_name(std::string(name));
    request.set_outcome(outcome);
    request.set_reason("adopted Jobb Först");
    request.set_request_id(std::string(request_id));
    return repository_->Close(caller, request);
  }

  // Every committed change-feed event, in order, with its sequence set.
  std::vector<pb::WatchChangesResponse> FeedEvents() {
    std::vector<pb::WatchChangesResponse> events;
    EXPECT_TRUE(repository_->feed()
                    .Read(0, 1000,
                          [&](int64_t sequence, absl::string_view bytes) {
                            pb::WatchChangesResponse event;
                            EXPECT_TRUE(event.ParseFromString(std::string(bytes)));
                            event.set_sequence(sequence);
                            events.push_back(std::move(event));
                          })
                    .ok());
    return events;
  }

  // Everything in the store, to show that a failed call wrote nothing.
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
  SequentialIdGenerator ids_;
  FakeOrganizationDirectory directory_;
  std::unique_ptr<AdoptionRequestRepository> repository_;
};

}  // namespace corematch::adoption

#endif  // COREMATCH_SERVICES_ADOPTION_TESTING_ADOPTION_TEST_FIXTURE_H_
