// services/matching/analysis/internal/workspace_pool.cc
#include "services/matching/analysis/internal/workspace_pool.h"

namespace corematch::matching::internal {

WorkspacePool::Lease WorkspacePool::Acquire() {
  absl::MutexLock lock(&mutex_);
  if (!idle_.empty()) {
    std::unique_ptr<Workspace> workspace = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(workspace));
  }
  auto workspace = std::make_unique<Workspace>();
  workspace->breaker = prototype_->Clone();
  return Lease(this, std::move(workspace));
}

void WorkspacePool::Release(std::unique_ptr<Workspace> workspace) {
  absl::MutexLock lock(&mutex_);
  idle_.push_back(std::move(workspace));
}

}  // namespace corematch::matching::internal
