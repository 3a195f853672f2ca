#include "services/common/feed_follower.h"

#include <algorithm>
#include <iostream>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/grpc_status.h"

namespace corematch {

FeedFollower::FeedFollower(FeedSource source, std::string operator_secret, Backoff backoff)
    : source_(std::move(source)), operator_secret_(std::move(operator_secret)), backoff_(backoff) {}

FeedFollower::~FeedFollower() { Stop(); }

void FeedFollower::Start() {
  thread_ = std::thread([this] { Run(); });
}

void FeedFollower::Stop() {
  {
    absl::MutexLock lock(&mutex_);
    stopping_ = true;
    if (context_ != nullptr) context_->TryCancel();
  }
  if (thread_.joinable()) thread_.join();
}

bool FeedFollower::stopping() {
  absl::MutexLock lock(&mutex_);
  return stopping_;
}

bool FeedFollower::Sleep(absl::Duration delay) {
  absl::MutexLock lock(&mutex_);
  mutex_.AwaitWithTimeout(absl::Condition(&stopping_), delay);
  return !stopping_;
}

void FeedFollower::Applied(int64_t sequence) {
  absl::MutexLock lock(&mutex_);
  applied_ = std::max(applied_, sequence);
}

bool FeedFollower::WaitForSequence(int64_t sequence, absl::Duration timeout) {
  absl::MutexLock lock(&mutex_);
  auto reached = [this, sequence]() ABSL_NO_THREAD_SAFETY_ANALYSIS { return applied_ >= sequence; };
  return mutex_.AwaitWithTimeout(absl::Condition(&reached), timeout);
}

int FeedFollower::connections() {
  absl::MutexLock lock(&mutex_);
  return connections_;
}

absl::Status FeedFollower::last_error() {
  absl::MutexLock lock(&mutex_);
  return last_error_;
}

void FeedFollower::Run() {
  absl::Duration delay = backoff_.initial;
  while (!stopping()) {
    bool progressed = false;
    absl::Status status = FollowOnce(progressed);
    if (stopping()) break;
    if (progressed) delay = backoff_.initial;
    {
      absl::MutexLock lock(&mutex_);
      last_error_ = status;
    }
    std::cerr << source_.name << " feed: " << status.message() << "; reconnecting in "
              << absl::FormatDuration(delay) << "\n";
    if (!Sleep(delay)) break;
    delay = std::min(delay * 2, backoff_.max);
  }
}

absl::Status FeedFollower::FollowOnce(bool& progressed) {
  absl::StatusOr<int64_t> cursor = source_.cursor();
  if (!cursor.ok()) return cursor.status();
  Applied(*cursor);
  grpc::ClientContext context;
  context.AddMetadata("authorization", absl::StrCat("Bearer ", operator_secret_));
  {
    absl::MutexLock lock(&mutex_);
    if (stopping_) return absl::CancelledError("stopping");
    context_ = &context;
    ++connections_;
  }
  std::unique_ptr<FeedStream> stream = source_.open(&context, *cursor);
  absl::Status status;
  while (stream->Next()) {
    status = stream->Apply();
    if (!status.ok()) {
      context.TryCancel();
      break;
    }
    progressed = true;
    Applied(stream->sequence());
  }
  while (!status.ok() && stream->Next()) {
    // Drain what was in flight before the cancellation took effect.
  }
  const grpc::Status finished = stream->Finish();
  {
    absl::MutexLock lock(&mutex_);
    context_ = nullptr;
  }
  if (!status.ok()) return status;
  if (!finished.ok()) return FromGrpcStatus(finished);
  return absl::UnavailableError("the stream ended");
}

}  // namespace corematch
