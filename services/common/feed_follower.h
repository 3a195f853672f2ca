// services/common/feed_follower.h
//
// FeedFollower keeps a service up to date with another's change feed (e.g.
// matching with publishing's): a thread that opens WatchChanges after the
// cursor stored in the follower's own store, applies each event (the
// repository writes the derived state and the new cursor in one transaction), and when
// the stream fails or ends, reconnects after an exponential backoff (100 ms
// doubling to 5 s; back to 100 ms once events flow again). Because the cursor
// is read from the store on every connect, a restart or a reconnect resumes
// exactly after the last event applied.
//
//   FeedFollower follower(WatchFeed<pb::PublishingService, pb::WatchChangesRequest,
//                                   pb::WatchChangesResponse>("matching: publishing", channel,
//                                                             apply, cursor),
//                         operator_secret);
//   follower.Start();
//   ...
//   follower.Stop();  // cancels the stream, joins the thread
//
// The follower authenticates with the operator key (the feeds carry drafts
// and private requests). Thread-safe.
#ifndef COREMATCH_SERVICES_COMMON_FEED_FOLLOWER_H_
#define COREMATCH_SERVICES_COMMON_FEED_FOLLOWER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"
#include "grpcpp/support/sync_stream.h"

namespace corematch {

// One open WatchChanges stream.
class FeedStream {
 public:
  virtual ~FeedStream() = default;
  // Blocks for the next event; false once the stream has ended.
  virtual bool Next() = 0;
  // The sequence of the event Next read.
  virtual int64_t sequence() const = 0;
  // Applies the event Next read.
  virtual absl::Status Apply() = 0;
  // Why the stream ended; call once Next returned false (or after cancelling).
  virtual grpc::Status Finish() = 0;
};

// Where a follower reads from and what it does with the events.
struct FeedSource {
  // For log messages: "<follower>: <feed>", e.g. "matching: publishing".
  std::string name;
  // Opens a stream of the events after `after` on `context`.
  std::function<std::unique_ptr<FeedStream>(grpc::ClientContext* context, int64_t after)> open;
  // The last sequence applied, from the store.
  std::function<absl::StatusOr<int64_t>()> cursor;
};

// A FeedSource for any corematch service's WatchChanges (which takes
// `after_sequence` and streams responses carrying `sequence`): each event is
// passed to `apply`; `cursor` reads the last sequence applied.
template <typename Service, typename Request, typename Response>
FeedSource WatchFeed(std::string name, std::shared_ptr<grpc::Channel> channel,
                     std::function<absl::Status(const Response&)> apply,
                     std::function<absl::StatusOr<int64_t>()> cursor);

struct Backoff {
  absl::Duration initial = absl::Milliseconds(100);
  absl::Duration max = absl::Seconds(5);
};

class FeedFollower {
 public:
  FeedFollower(FeedSource source, std::string operator_secret, Backoff backoff = {});
  ~FeedFollower();
  FeedFollower(const FeedFollower&) = delete;
  FeedFollower& operator=(const FeedFollower&) = delete;

  // Starts the thread. Call once.
  void Start();
  // Cancels the stream and joins the thread. Idempotent.
  void Stop();

  // Blocks until an event with sequence >= `sequence` has been applied (or
  // the stored cursor was already there), or `timeout` passes.
  bool WaitForSequence(int64_t sequence, absl::Duration timeout);
  // How many connections were opened, and the last error seen (OK if none).
  int connections();
  absl::Status last_error();

 private:
  void Run();
  // Follows one connection until it ends; `progressed` tells whether any
  // event was applied.
  absl::Status FollowOnce(bool& progressed);
  // Sleeps for `delay` unless stopped first; false when stopping.
  bool Sleep(absl::Duration delay);
  bool stopping();
  void Applied(int64_t sequence);

  const FeedSource source_;
  const std::string operator_secret_;
  const Backoff backoff_;
  std::thread thread_;

  absl::Mutex mutex_;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  // The call in flight, so Stop can cancel it.
  grpc::ClientContext* context_ ABSL_GUARDED_BY(mutex_) = nullptr;
  int64_t applied_ ABSL_GUARDED_BY(mutex_) = 0;
  int connections_ ABSL_GUARDED_BY(mutex_) = 0;
  absl::Status last_error_ ABSL_GUARDED_BY(mutex_);
};

namespace feed_internal {

template <typename Response>
class ProtoFeedStream final : public FeedStream {
 public:
  using ApplyFn = std::function<absl::Status(const Response&)>;

  ProtoFeedStream(std::unique_ptr<grpc::ClientReader<Response>> reader, ApplyFn apply)
      : reader_(std::move(reader)), apply_(std::move(apply)) {}

  bool Next() override { return reader_->Read(&event_); }
  int64_t sequence() const override { return event_.sequence(); }
  absl::Status Apply() override { return apply_(event_); }
  grpc::Status Finish() override { return reader_->Finish(); }

 private:
  std::unique_ptr<grpc::ClientReader<Response>> reader_;
  ApplyFn apply_;
  Response event_;
};

}  // namespace feed_internal

template <typename Service, typename Request, typename Response>
FeedSource WatchFeed(std::string name, std::shared_ptr<grpc::Channel> channel,
                     std::function<absl::Status(const Response&)> apply,
                     std::function<absl::StatusOr<int64_t>()> cursor) {
  std::shared_ptr<typename Service::Stub> stub = Service::NewStub(std::move(channel));
  FeedSource source;
  source.name = std::move(name);
  source.open = [stub, apply](grpc::ClientContext* context,
                              int64_t after) -> std::unique_ptr<FeedStream> {
    Request request;
    request.set_after_sequence(after);
    return std::make_unique<feed_internal::ProtoFeedStream<Response>>(
        stub->WatchChanges(context, request), apply);
  };
  source.cursor = std::move(cursor);
  return source;
}

}  // namespace corematch

#endif  // COREMATCH_SERVICES_COMMON_FEED_FOLLOWER_H_
