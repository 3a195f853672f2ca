#include "services/adoption/journey/journey_feeds.h"

#include <utility>

#include "corematch/matching/v1/matching.grpc.pb.h"
#include "corematch/publishing/v1/publishing.grpc.pb.h"

namespace corematch::adoption {

FeedSource JourneyPublishingFeed(std::shared_ptr<grpc::Channel> channel,
                                 AdoptionRepository* adoptions) {
  namespace pub = ::corematch::publishing::v1;
  return WatchFeed<pub::PublishingService, pub::WatchChangesRequest, pub::WatchChangesResponse>(
      "adoption: publishing", std::move(channel),
      [adoptions](const pub::WatchChangesResponse& e) { return adoptions->ApplySolutionEvent(e); },
      [adoptions] { return adoptions->cursor(kJourneyPublishingFeed); });
}

FeedSource JourneyMatchingFeed(std::shared_ptr<grpc::Channel> channel,
                               AdoptionRepository* adoptions) {
  namespace mat = ::corematch::matching::v1;
  return WatchFeed<mat::MatchingService, mat::WatchChangesRequest, mat::WatchChangesResponse>(
      "adoption: matching", std::move(channel),
      [adoptions](const mat::WatchChangesResponse& e) { return adoptions->ApplyMatchEvent(e); },
      [adoptions] { return adoptions->cursor(kJourneyMatchingFeed); });
}

}  // namespace corematch::adoption
