// services/matching/service/matching_feeds.h
//
// The change feeds matching follows (see services/common/feed_follower.h):
// publishing's solutions and adoption's requests, each applied to the
// matching repository, whose cursors say where to resume.
#ifndef COREMATCH_SERVICES_MATCHING_SERVICE_MATCHING_FEEDS_H_
#define COREMATCH_SERVICES_MATCHING_SERVICE_MATCHING_FEEDS_H_

#include <memory>

#include "grpcpp/channel.h"
#include "services/common/feed_follower.h"
#include "services/matching/service/matching_repository.h"

namespace corematch::matching {

using ::corematch::Backoff;
using ::corematch::FeedFollower;
using ::corematch::FeedSource;
using ::corematch::FeedStream;

// PublishingService.WatchChanges on `channel`, applied to `repository`.
FeedSource PublishingFeed(std::shared_ptr<grpc::Channel> channel, MatchingRepository* repository);
// AdoptionService.WatchChanges on `channel`, applied to `repository`.
FeedSource AdoptionFeed(std::shared_ptr<grpc::Channel> channel, MatchingRepository* repository);

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_SERVICE_MATCHING_FEEDS_H_
