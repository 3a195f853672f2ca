// services/adoption/testing/fake_organization_directory.h
//
// An in-memory OrganizationDirectory for tests: organisations are added by
// hand, an unknown name is NOT_FOUND, and a whole directory can be made
// unavailable to test what happens when the organization service is down.
// Thread-safe.
#ifndef COREMATCH_SERVICES_ADOPTION_TESTING_FAKE_ORGANIZATION_DIRECTORY_H_
#define COREMATCH_SERVICES_ADOPTION_TESTING_FAKE_ORGANIZATION_DIRECTORY_H_

#include <string>
#include <utility>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "services/adoption/organization_directory.h"

namespace corematch::adoption {

class FakeOrganizationDirectory final : public OrganizationDirectory {
 public:
  // Adds or replaces the organisation under its `name`.
  void Add(const corematch::organization::v1::Organization& organization) {
    absl::MutexLock lock(&mutex_);
    organizations_[organization.name()] = organization;
  }

  // While not OK, every lookup fails with `status`.
  void SetFailure(absl::Status status) {
    absl::MutexLock lock(&mutex_);
    failure_ = std::move(status);
  }

  int lookups() {
    absl::MutexLock lock(&mutex_);
    return lookups_;
  }

  absl::StatusOr<corematch::organization::v1::Organization> GetOrganization(
      absl::string_view name) override {
    absl::MutexLock lock(&mutex_);
    ++lookups_;
    if (!failure_.ok()) return failure_;
    auto it = organizations_.find(std::string(name));
    if (it == organizations_.end()) {
      return absl::NotFoundError(absl::StrCat(name, " does not exist"));
    }
    return it->second;
  }

 private:
  absl::Mutex mutex_;
  absl::flat_hash_map<std::string, corematch::organization::v1::Organization> organizations_
      ABSL_GUARDED_BY(mutex_);
  absl::Status failure_ ABSL_GUARDED_BY(mutex_);
  int lookups_ ABSL_GUARDED_BY(mutex_) = 0;
};

}  // namespace corematch::adoption

#endif  // COREMATCH_SERVICES_ADOPTION_TESTING_FAKE_ORGANIZATION_DIRECTORY_H_
