#include "services/matching/service/matching_feeds.h"

#include <utility>

#include "corematch/adoption/v1/adoption.grpc.pb.h"
#include "corematch/publishing/v1/publishing.grpc.pb.h"

namespace corematch::matching {

FeedSource PublishingFeed(std::shared_ptr<grpc::Channel> channel, MatchingRepository* repository) {
  using Response = publishing_pb::WatchChangesResponse;
  return WatchFeed<publishing_pb::PublishingService, publishing_pb::WatchChangesRequest, Response>(
      "matching: publishing", std::move(channel),
      [repository](const Response& event) { return repository->ApplySolutionEvent(event); },
      [repository] { return repository->publishing_cursor(); });
}

FeedSource AdoptionFeed(std::shared_ptr<grpc::Channel> channel, MatchingRepository* repository) {
  using Response = adoption_pb::WatchChangesResponse;
  return WatchFeed<adoption_pb::AdoptionService, adoption_pb::WatchChangesRequest, Response>(
      "matching: adoption", std::move(channel),
      [repository](const Response& event) { return repository->ApplyRequestEvent(event); },
      [repository] { return repository->adoption_cursor(); });
}

}  // namespace corematch::matching
