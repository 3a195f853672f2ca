#include "services/adoption/adoption_request_validator.h"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/adoption/testing/adoption_test_fixture.h"
#include "services/common/proto_time.h"

namespace corematch::adoption {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

const absl::Time kNow = absl::FromUnixSeconds(1767225600);

std::vector<std::string> Violations(const pb::AdoptionRequest& r, absl::Time now = kNow) {
  FieldViolations violations;
  ValidateAdoptionRequest(r, now, violations);
  std::vector<std::string> fields;
  for (const auto& [field, description] : violations.violations()) fields.push_back(field);
  return fields;
}

std::string Repeat(absl::string_view unit, size_t times) {
  std::string out;
  for (size_t i = 0; i < times; ++i) out.append(unit.data(), unit.size());
  return out;
}

TEST(AdoptionRequestValidatorTest, ValidRequestPasses) {
  EXPECT_THAT(Violations(ValidAdoptionRequest()), IsEmpty());
}

TEST(AdoptionRequestValidatorTest, RequiredFieldsAreNamed) {
  EXPECT_THAT(Violations(pb::AdoptionRequest()),
              UnorderedElementsAre("adoption_request.title", "adoption_request.need_statement",
                                   "adoption_request.language"));
}

TEST(AdoptionRequestValidatorTest, EveryBadFieldIsNamed) {
  pb::AdoptionRequest r = ValidAdoptionRequest();
  r.set_title(Repeat("x", 201));
  r.set_need_statement(Repeat("x", 20001));
  r.set_language("en_US");
  r.add_target_groups(Repeat("x", 201));
  r.add_sectors("99");
  r.add_desired_effects(Repeat("x", 2001));
  r.mutable_context()->set_country("dk");
  r.mutable_context()->set_population(-1);
  r.mutable_constraints()->set_budget(-5);
  r.mutable_constraints()->set_currency("dkk");
  r.mutable_constraints()->set_timeline(Repeat("x", 2001));
  r.mutable_constraints()->set_capacity(Repeat("x", 2001));
  r.set_readiness(static_cast<pb::Readiness>(42));
  r.set_visibility(static_cast<pb::Visibility>(42));
  r.add_accepted_languages("not a tag");
  *r.mutable_expire_time() = ToProtoTime(kNow - absl::Hours(1));
  EXPECT_THAT(Violations(r),
              UnorderedElementsAre(
                  "adoption_request.title", "adoption_request.need_statement",
                  "adoption_request.language", "adoption_request.target_groups[1]",
                  "adoption_request.sectors[1]", "adoption_request.desired_effects[1]",
                  "adoption_request.context.country", "adoption_request.context.population",
                  "adoption_request.constraints.budget", "adoption_request.constraints.currency",
                  "adoption_request.constraints.timeline", "adoption_request.constraints.capacity",
                  "adoption_request.readiness", "adoption_request.visibility",
                  "adoption_request.accepted_languages[1]", "adoption_request.expire_time"));
}

TEST(AdoptionRequestValidatorTest, ListsAreLimitedInCount) {
  pb::AdoptionRequest r = ValidAdoptionRequest();
  r.clear_target_groups();
  r.clear_sectors();
  r.clear_desired_effects();
  r.clear_accepted_languages();
  for (int i = 0; i < 21; ++i) {
    r.add_target_groups("group");
    r.add_sectors("10");
    r.add_accepted_languages("da");
  }
  for (int i = 0; i < 51; ++i) r.add_desired_effects("effect");
  EXPECT_THAT(Violations(r),
              UnorderedElementsAre("adoption_request.target_groups", "adoption_request.sectors",
                                   "adoption_request.desired_effects",
                                   "adoption_request.accepted_languages"));
}

TEST(AdoptionRequestValidatorTest, LengthsCountCodePointsNotBytes) {
  pb::AdoptionRequest r = ValidAdoptionRequest();
  r.set_title(Repeat("ø", 200));  // 400 bytes, 200 characters
  EXPECT_THAT(Violations(r), IsEmpty());
  r.set_title(Repeat("ø", 201));
  EXPECT_THAT(Violations(r), ElementsAre("adoption_request.title"));
  r.set_title("bad \xC3");
  EXPECT_THAT(Violations(r), ElementsAre("adoption_request.title"));
}

TEST(AdoptionRequestValidatorTest, RegionMustFitCountry) {
  pb::AdoptionRequest r = ValidAdoptionRequest();
  r.mutable_context()->set_country("DK");
  r.mutable_context()->set_region("DK042");
  EXPECT_THAT(Violations(r), IsEmpty());
  r.mutable_context()->set_region("Østjylland");  // not a NUTS code, inside the EU
  EXPECT_THAT(Violations(r), ElementsAre("adoption_request.context.region"));
  r.mutable_context()->set_country("NO");  // free text outside the EU
  EXPECT_THAT(Violations(r), IsEmpty());
}

TEST(AdoptionRequestValidatorTest, BudgetMustBeFinite) {
  pb::AdoptionRequest r = ValidAdoptionRequest();
  r.mutable_constraints()->set_budget(250000);
  r.mutable_constraints()->set_currency("DKK");
  EXPECT_THAT(Violations(r), IsEmpty());
  r.mutable_constraints()->set_budget(std::numeric_limits<double>::quiet_NaN());
  EXPECT_THAT(Violations(r), ElementsAre("adoption_request.constraints.budget"));
  r.mutable_constraints()->set_budget(std::numeric_limits<double>::infinity());
  EXPECT_THAT(Violations(r), ElementsAre("adoption_request.constraints.budget"));
  r.mutable_constraints()->set_budget(0);
  r.mutable_constraints()->set_currency("DK1");
  EXPECT_THAT(Violations(r), ElementsAre("adoption_request.constraints.currency"));
}

TEST(AdoptionRequestValidatorTest, ExpireTimeIsInTheFutureAndAtMostThreeYearsAhead) {
  pb::AdoptionRequest r = ValidAdoptionRequest();
  *r.mutable_expire_time() = ToProtoTime(kNow + absl::Hours(1));
  EXPECT_THAT(Violations(r), IsEmpty());
  *r.mutable_expire_time() = ToProtoTime(kNow + absl::Hours(24 * 365 * 3));
  EXPECT_THAT(Violations(r), IsEmpty());
  *r.mutable_expire_time() = ToProtoTime(kNow);
  EXPECT_THAT(Violations(r), ElementsAre("adoption_request.expire_time"));
  *r.mutable_expire_time() = ToProtoTime(kNow + kMaxExpireAhead + absl::Seconds(1));
  EXPECT_THAT(Violations(r), ElementsAre("adoption_request.expire_time"));
  // Relative to the clock the caller passes, not the wall clock.
  EXPECT_THAT(Violations(r, kNow + absl::Hours(24)), IsEmpty());
}

TEST(AdoptionRequestValidatorTest, TooLargeIsOneViolation) {
  pb::AdoptionRequest r = ValidAdoptionRequest();
  for (int i = 0; i < 40; ++i) r.add_desired_effects(Repeat("x", 15000));
  EXPECT_THAT(Violations(r), ElementsAre("adoption_request"));
}

TEST(AdoptionRequestValidatorTest, OutputOnlyFieldsAreNotChecked) {
  pb::AdoptionRequest r = ValidAdoptionRequest();
  r.set_name("not a name");
  r.set_requester("whoever");
  r.set_state(static_cast<pb::AdoptionRequestState>(42));
  EXPECT_THAT(Violations(r), IsEmpty());
}

TEST(AdoptionRequestValidatorTest, NormalizeCanonicalisesTagsAndTrimsLists) {
  pb::AdoptionRequest r = ValidAdoptionRequest();
  r.set_language(" SV-se ");
  r.clear_accepted_languages();
  r.add_accepted_languages("DA");
  r.add_accepted_languages(" nb-no");
  r.clear_target_groups();
  r.add_target_groups("  young adults ");
  r.clear_sectors();
  r.add_sectors(" 10.5");
  r.clear_desired_effects();
  r.add_desired_effects("more in work\n");
  NormalizeAdoptionRequest(r);
  EXPECT_EQ(r.language(), "sv-SE");
  EXPECT_THAT(r.accepted_languages(), ElementsAre("da", "nb-NO"));
  EXPECT_THAT(r.target_groups(), ElementsAre("young adults"));
  EXPECT_THAT(r.sectors(), ElementsAre("10.5"));
  EXPECT_THAT(r.desired_effects(), ElementsAre("more in work"));
  EXPECT_THAT(Violations(r), IsEmpty());
}

TEST(AdoptionRequestValidatorTest, NormalizeLeavesBadTagsForTheValidatorToQuote) {
  pb::AdoptionRequest r = ValidAdoptionRequest();
  r.set_language("en_US");
  NormalizeAdoptionRequest(r);
  EXPECT_EQ(r.language(), "en_US");
  FieldViolations violations;
  ValidateAdoptionRequest(r, kNow, violations);
  ASSERT_EQ(violations.violations().size(), 1u);
  EXPECT_THAT(violations.violations()[0].second, ::testing::HasSubstr("en_US"));
}

}  // namespace
}  // namespace corematch::adoption
