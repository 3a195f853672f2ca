// services/adoption/journey/journey_feeds.h
//
// The change feeds adoptions follow (services/common/feed_follower.h):
// publishing's, for the solutions adopted and their lineage, and matching's,
// for the connected matches adoptions open from.
#ifndef COREMATCH_SERVICES_ADOPTION_JOURNEY_JOURNEY_FEEDS_H_
#define COREMATCH_SERVICES_ADOPTION_JOURNEY_JOURNEY_FEEDS_H_

#include <memory>

#include "grpcpp/channel.h"
#include "services/adoption/journey/adoption_repository.h"
#include "services/common/feed_follower.h"

namespace corematch::adoption {

FeedSource JourneyPublishingFeed(std::shared_ptr<grpc::Channel> channel,
                                 AdoptionRepository* adoptions);
FeedSource JourneyMatchingFeed(std::shared_ptr<grpc::Channel> channel,
                               AdoptionRepository* adoptions);

}  // namespace corematch::adoption

#endif  // COREMATCH_SERVICES_ADOPTION_JOURNEY_JOURNEY_FEEDS_H_
