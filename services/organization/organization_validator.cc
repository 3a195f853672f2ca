#include "services/organization/organization_validator.h"

#include "absl/strings/str_cat.h"
#include "services/common/field_checks.h"

namespace corematch::organization {

void ValidateOrganization(const v1::Organization& organization, absl::string_view prefix,
                          FieldViolations& violations) {
  auto field = [&](absl::string_view name) { return absl::StrCat(prefix, ".", name); };
  CheckText(violations, field("display_name"), organization.display_name(), /*required=*/true,
            kMaxTitleLength);
  if (!v1::OrganizationKind_IsValid(organization.kind()) ||
      organization.kind() == v1::ORGANIZATION_KIND_UNSPECIFIED) {
    violations.Add(field("kind"), "required: MUNICIPALITY, REGION, AGENCY or OTHER");
  }
  CheckCountry(violations, field("country"), organization.country(), /*required=*/true);
  CheckRegion(violations, field("region"), organization.country(), organization.region());
  if (organization.population() < 0) {
    violations.Add(field("population"), "must not be negative; 0 means unknown");
  }
  CheckLanguages(violations, field("languages"), organization.languages(), 20);
}

}  // namespace corematch::organization
