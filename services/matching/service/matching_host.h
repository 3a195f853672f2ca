// services/matching/service/matching_host.h
//
// Everything a server needs to host the matching service: the repository
// (store, engine rebuilt from the stored analysed documents, match feed), the
// gRPC service, the two feed followers and the expiry sweep.
//
//   ASSIGN_OR_RETURN(auto matching, MatchingHost::Open(store, clock, authenticator,
//                                                      analyzer, lexicon));
//   builder.RegisterService(matching->service());
//   ... build and start the grpc::Server ...
//   matching->Start(publishing_channel, adoption_channel, operator_secret);
//   ...
//   matching->Stop();            // before the grpc::Server shuts down
//
// The channels may be in-process (all services in one process) or network
// channels to the publishing and adoption services; the operator secret is
// sent as `authorization: Bearer <secret>` on the feeds. Thread-safe.
#ifndef COREMATCH_SERVICES_MATCHING_SERVICE_MATCHING_HOST_H_
#define COREMATCH_SERVICES_MATCHING_SERVICE_MATCHING_HOST_H_

#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/impl/service_type.h"
#include "services/common/auth.h"
#include "services/common/change_feed.h"
#include "services/common/clock.h"
#include "services/matching/service/matching_feeds.h"
#include "services/matching/service/matching_repository.h"
#include "services/matching/service/matching_service.h"

namespace corematch::matching {

struct MatchingHostOptions {
  // What the engine weighs; EngineOptions::PlainBm25() is the baseline the
  // evaluation compares against.
  EngineOptions engine;
  // How often requests past their expire_time are retired.
  absl::Duration expiry_interval = absl::Minutes(1);
  Backoff backoff;
  // Where Stop writes the engine's snapshot and Open looks for it, so a
  // restart reads the index instead of rebuilding it; empty: never.
  std::string snapshot_path;
};

class MatchingHost {
 public:
  // Opens the repository on `store` (rebuilding the engine from it). None of
  // the pointers is owned; all must outlive the host. `lexicon` may be null.
  static absl::StatusOr<std::unique_ptr<MatchingHost>> Open(storage::KvStore* store, Clock* clock,
                                                            Authenticator* authenticator,
                                                            const Analyzer* analyzer,
                                                            const PivotLexicon* lexicon,
                                                            MatchingHostOptions options = {});

  ~MatchingHost();
  MatchingHost(const MatchingHost&) = delete;
  MatchingHost& operator=(const MatchingHost&) = delete;

  // corematch.matching.v1.MatchingService, to register with a ServerBuilder.
  grpc::Service* service() { return service_.get(); }

  // Starts following the publishing and adoption feeds, and the expiry
  // sweep. Call once, after the server that serves the feeds is up.
  void Start(std::shared_ptr<grpc::Channel> publishing, std::shared_ptr<grpc::Channel> adoption,
             std::string operator_secret);

  // Stops the followers and the sweep, ends WatchChanges streams, and writes
  // the engine's snapshot if options.snapshot_path is set. Idempotent.
  void Stop();

  ChangeFeed& feed() { return repository_->feed(); }
  MatchingRepository& repository() { return *repository_; }
  // Null before Start.
  FeedFollower* publishing_follower() { return publishing_.get(); }
  FeedFollower* adoption_follower() { return adoption_.get(); }

 private:
  MatchingHost(std::unique_ptr<MatchingRepository> repository, Authenticator* authenticator,
               MatchingHostOptions options);
  void SweepExpired();

  const MatchingHostOptions options_;
  std::unique_ptr<MatchingRepository> repository_;
  std::unique_ptr<MatchingServiceImpl> service_;
  std::unique_ptr<FeedFollower> publishing_;
  std::unique_ptr<FeedFollower> adoption_;
  std::thread sweeper_;

  absl::Mutex mutex_;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  bool stopped_ ABSL_GUARDED_BY(mutex_) = false;
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_SERVICE_MATCHING_HOST_H_
