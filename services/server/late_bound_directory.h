// services/server/late_bound_directory.h
//
// An OrganizationDirectory whose target is set once the server runs: the
// adoption service reads organisations through the organization service's
// gRPC interface, over an in-process channel that exists only after start.
#ifndef COREMATCH_SERVICES_SERVER_LATE_BOUND_DIRECTORY_H_
#define COREMATCH_SERVICES_SERVER_LATE_BOUND_DIRECTORY_H_

#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/adoption/organization_directory.h"
#include "services/common/errors.h"

namespace corematch::server {

class LateBoundOrganizationDirectory final : public adoption::OrganizationDirectory {
 public:
  void Bind(std::unique_ptr<adoption::OrganizationDirectory> target) {
    absl::MutexLock lock(&mutex_);
    target_ = std::move(target);
  }

  absl::StatusOr<corematch::organization::v1::Organization> GetOrganization(
      absl::string_view name) override {
    adoption::OrganizationDirectory* target;
    {
      absl::MutexLock lock(&mutex_);
      target = target_.get();
    }
    if (target == nullptr) {
      return MakeError(absl::StatusCode::kUnavailable, "STARTING",
                       "the server is still starting; retry");
    }
    return target->GetOrganization(name);
  }

 private:
  absl::Mutex mutex_;
  std::unique_ptr<adoption::OrganizationDirectory> target_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace corematch::server

#endif  // COREMATCH_SERVICES_SERVER_LATE_BOUND_DIRECTORY_H_
