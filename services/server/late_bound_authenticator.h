// services/server/late_bound_authenticator.h
//
// An Authenticator whose target is set after construction. In one process the
// services that authenticate through the organization service's gRPC
// interface need its in-process channel, which exists only once the server
// they are registered on has started.
#ifndef COREMATCH_SERVICES_SERVER_LATE_BOUND_AUTHENTICATOR_H_
#define COREMATCH_SERVICES_SERVER_LATE_BOUND_AUTHENTICATOR_H_

#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "services/common/auth.h"
#include "services/common/errors.h"

namespace corematch::server {

class LateBoundAuthenticator final : public Authenticator {
 public:
  void Bind(std::unique_ptr<Authenticator> target) {
    absl::MutexLock lock(&mutex_);
    target_ = std::move(target);
  }

  absl::StatusOr<Caller> Authenticate(absl::string_view secret) override {
    Authenticator* target;
    {
      absl::MutexLock lock(&mutex_);
      target = target_.get();
    }
    if (target == nullptr) {
      return MakeError(absl::StatusCode::kUnavailable, "STARTING",
                       "the server is still starting; retry");
    }
    return target->Authenticate(secret);
  }

 private:
  absl::Mutex mutex_;
  std::unique_ptr<Authenticator> target_ ABSL_GUARDED_BY(mutex_);
};

}  // namespace corematch::server

#endif  // COREMATCH_SERVICES_SERVER_LATE_BOUND_AUTHENTICATOR_H_
