#include "services/notification/service/event_router.h"

#include <map>
#include <utility>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/proto_time.h"
#include "services/common/status_macros.h"
#include "services/common/stored_proto.h"
#include "services/notification/profiles/profile_text.h"
#include "services/notification/service/subscription_rules.h"

namespace corematch::notification {
namespace {

std::string CursorKey(absl::string_view feed) { return absl::StrCat("cursor/", feed); }
std::string KnownSolutionKey(absl::string_view id) { return absl::StrCat("known/solutions/", id); }
std::string KnownRequestKey(absl::string_view id) { return absl::StrCat("known/requests/", id); }
std::string SeenMatchKey(absl::string_view id) { return absl::StrCat("seen/matches/", id); }

// What the router keeps of a solution: enough to address and title its
// owner's notifications.
publishing_pb::Solution Remembered(const publishing_pb::Solution& solution) {
  publishing_pb::Solution kept;
  kept.set_name(solution.name());
  kept.set_title(solution.title());
  kept.set_owner(solution.owner());
  kept.set_state(solution.state());
  return kept;
}

adoption_pb::AdoptionRequest Remembered(const adoption_pb::AdoptionRequest& request) {
  adoption_pb::AdoptionRequest kept;
  kept.set_name(request.name());
  kept.set_title(request.title());
  kept.set_requester(request.requester());
  kept.set_visibility(request.visibility());
  kept.set_state(request.state());
  return kept;
}

std::string EventTypeSlug(pb::EventType type) {
  std::string name = pb::EventType_Name(type);
  absl::string_view slug = absl::string_view(name).substr(std::string("EVENT_TYPE_").size());
  std::string lower = absl::AsciiStrToLower(slug);
  for (char& c : lower) {
    if (c == '_') c = '-';
  }
  return lower;
}

// A subscription is for what happens after it was made: a feed the service
// is still catching up on must not flood a new subscriber with the past.
bool Covers(const pb::Subscription& subscription, const google::protobuf::Timestamp& event_time) {
  return FromProtoTime(event_time) >= FromProtoTime(subscription.create_time());
}

bool IsDigest(const pb::Subscription& s) {
  return s.rhythm() == pb::RHYTHM_DAILY_DIGEST || s.rhythm() == pb::RHYTHM_WEEKLY_DIGEST;
}

}  // namespace

std::string EventId(absl::string_view feed, int64_t sequence, pb::EventType type,
                    absl::string_view subscriber_id) {
  return absl::StrCat(feed, "-", sequence, "-", EventTypeSlug(type), "-", subscriber_id);
}

SolutionFacts FactsOf(const publishing_pb::Solution& solution, const matching::Analyzer* analyzer,
                      const matching::PivotLexicon* lexicon) {
  SolutionFacts facts;
  facts.solution = solution.name();
  facts.sectors.assign(solution.sectors().begin(), solution.sectors().end());
  facts.target_groups.assign(solution.target_groups().begin(), solution.target_groups().end());
  facts.country = solution.origin().country();
  facts.language = solution.language();
  if (analyzer == nullptr) return facts;
  SolutionText text;
  text.title = solution.title();
  for (const auto& core : solution.core_elements()) {
    text.core_elements.push_back(absl::StrCat(core.title(), "\n", core.description()));
  }
  text.body = {solution.summary(), solution.description(), absl::StrJoin(solution.tags(), "\n")};
  for (const auto& adaptable : solution.adaptable_elements()) {
    text.body.push_back(absl::StrCat(adaptable.title(), "\n", adaptable.description()));
  }
  SetSolutionTerms(*analyzer, lexicon, text, facts);
  return facts;
}

absl::StatusOr<int64_t> EventRouter::cursor(absl::string_view feed) {
  return ReadInt(*committer_->store(), CursorKey(feed));
}

absl::Status EventRouter::ApplyInOrder(
    absl::string_view feed, int64_t sequence,
    const std::function<absl::Status(storage::Transaction&)>& apply) {
  return committer_->Run([&](storage::Transaction& txn) -> absl::Status {
    ASSIGN_OR_RETURN(int64_t applied, ReadInt(txn, CursorKey(feed)));
    if (sequence <= applied) return absl::OkStatus();
    RETURN_IF_ERROR(apply(txn));
    txn.Put(CursorKey(feed), absl::StrCat(sequence));
    return absl::OkStatus();
  });
}

absl::Status EventRouter::ApplySolutionEvent(const publishing_pb::WatchChangesResponse& event) {
  const publishing_pb::Solution& solution = event.solution();
  pb::EventType type = pb::EVENT_TYPE_UNSPECIFIED;
  if (solution.state() == publishing_pb::SOLUTION_STATE_PUBLISHED) {
    // Published by PublishSolution, or created published at once.
    if (event.type() == publishing_pb::CHANGE_TYPE_PUBLISHED ||
        event.type() == publishing_pb::CHANGE_TYPE_CREATED) {
      type = pb::EVENT_TYPE_SOLUTION_PUBLISHED;
    } else if (event.type() == publishing_pb::CHANGE_TYPE_UPDATED) {
      type = pb::EVENT_TYPE_SOLUTION_UPDATED;
    }
  }
  // Analysed outside the transaction: it is the slow part, and pure.
  SolutionFacts facts;
  if (type != pb::EVENT_TYPE_UNSPECIFIED)
    facts = FactsOf(solution, subscriptions_->analyzer(), subscriptions_->lexicon());
  std::vector<ProfileHit> hits;
  if (type != pb::EVENT_TYPE_UNSPECIFIED) hits = subscriptions_->Percolate(facts);

  return ApplyInOrder(kPublishingFeed, event.sequence(), [&](storage::Transaction& txn) {
    txn.Put(KnownSolutionKey(IdOf(solution.name())), Remembered(solution).SerializeAsString());
    if (type == pb::EVENT_TYPE_UNSPECIFIED || hits.empty()) return absl::OkStatus();
    pb::Notification draft;
    draft.set_type(type);
    draft.set_subject(solution.name());
    draft.set_solution(solution.name());
    draft.set_title(solution.title());
    *draft.mutable_event_time() = event.commit_time();
    // Group the hits by subscriber: one notification per organisation.
    std::map<std::string, Target> targets;
    for (const ProfileHit& hit : hits) {
      ASSIGN_OR_RETURN(std::optional<pb::Subscription> subscription,
                       subscriptions_->Find(IdOf(hit.subscription)));
      if (!subscription.has_value() || !Wants(*subscription, type)) continue;
      // Owners are not told of their own solutions.
      if (subscription->subscriber() == solution.owner()) continue;
      if (!Covers(*subscription, event.commit_time())) continue;
      Target& target = targets[subscription->subscriber()];
      target.subscriber = subscription->subscriber();
      target.subscriptions.push_back(*std::move(subscription));
      target.reasons.push_back(hit.reasons);
      target.scores.push_back(hit.score);
    }
    for (const auto& [subscriber, target] : targets) {
      pb::Notification notification = draft;
      notification.set_event_id(EventId(kPublishingFeed, event.sequence(), type, IdOf(subscriber)));
      RETURN_IF_ERROR(Deliver(txn, target, notification));
    }
    return absl::OkStatus();
  });
}

absl::Status EventRouter::ApplyRequestEvent(const adoption_pb::WatchChangesResponse& event) {
  if (event.has_adoption()) return ApplyAdoptionEvent(event);
  const adoption_pb::AdoptionRequest& request = event.adoption_request();
  return ApplyInOrder(kAdoptionFeed, event.sequence(), [&](storage::Transaction& txn) {
    txn.Put(KnownRequestKey(IdOf(request.name())), Remembered(request).SerializeAsString());
    return absl::OkStatus();
  });
}

absl::Status EventRouter::ApplyAdoptionEvent(const adoption_pb::WatchChangesResponse& event) {
  const adoption_pb::Adoption& adoption = event.adoption();
  return ApplyInOrder(
      kAdoptionFeed, event.sequence(), [&](storage::Transaction& txn) -> absl::Status {
        pb::Notification draft;
        draft.set_subject(adoption.name());
        draft.set_solution(adoption.solution());
        draft.set_adoption_request(adoption.adoption_request());
        *draft.mutable_event_time() = event.commit_time();
        ASSIGN_OR_RETURN(auto solution, LoadProto<publishing_pb::Solution>(
                                            txn, KnownSolutionKey(IdOf(adoption.solution()))));
        draft.set_title(solution.has_value() ? solution->title() : adoption.solution());
        auto notify = [&](absl::string_view organization, pb::EventType type) -> absl::Status {
          pb::Notification notification = draft;
          notification.set_type(type);
          notification.set_event_id(
              EventId(kAdoptionFeed, event.sequence(), type, IdOf(organization)));
          return NotifyOrganization(txn, organization, type, notification);
        };
        if (event.type() == adoption_pb::CHANGE_TYPE_ADOPTION_OPENED) {
          draft.add_reasons(absl::StrCat(adoption.adopter(), " opened an adoption"));
          return notify(adoption.owner(), pb::EVENT_TYPE_ADOPTION_OPENED);
        }
        if (event.type() != adoption_pb::CHANGE_TYPE_ADOPTION_STAGE_CHANGED ||
            adoption.stage_history().empty()) {
          return absl::OkStatus();
        }
        const adoption_pb::StageChange& change =
            adoption.stage_history(adoption.stage_history_size() - 1);
        std::string reason =
            absl::StrCat("stage ", adoption_pb::AdoptionStage_Name(change.from_stage()).substr(15),
                         " → ", adoption_pb::AdoptionStage_Name(change.to_stage()).substr(15));
        if (!change.reason().empty()) absl::StrAppend(&reason, ": ", change.reason());
        draft.add_reasons(reason);
        // Each side is told of the other's move.
        if (change.actor() != adoption.owner()) {
          RETURN_IF_ERROR(notify(adoption.owner(), pb::EVENT_TYPE_ADOPTION_STAGE_CHANGED));
        }
        if (change.actor() != adoption.adopter()) {
          RETURN_IF_ERROR(notify(adoption.adopter(), pb::EVENT_TYPE_ADOPTION_STAGE_CHANGED));
        }
        return absl::OkStatus();
      });
}

absl::Status EventRouter::ApplyMatchEvent(const matching_pb::WatchChangesResponse& event) {
  const matching_pb::Match& match = event.match();
  return ApplyInOrder(
      kMatchingFeed, event.sequence(), [&](storage::Transaction& txn) -> absl::Status {
        ASSIGN_OR_RETURN(auto solution, LoadProto<publishing_pb::Solution>(
                                            txn, KnownSolutionKey(IdOf(match.solution()))));
        ASSIGN_OR_RETURN(auto request, LoadProto<adoption_pb::AdoptionRequest>(
                                           txn, KnownRequestKey(IdOf(match.adoption_request()))));
        if (!solution.has_value() || !request.has_value()) {
          return absl::UnavailableError(absl::StrCat(
              "waiting for ", solution.has_value() ? match.adoption_request() : match.solution(),
              " to arrive on its own feed before notifying of ", match.name()));
        }
        ASSIGN_OR_RETURN(auto seen,
                         LoadProto<matching_pb::Match>(txn, SeenMatchKey(IdOf(match.name()))));
        matching_pb::Match now;
        now.set_state(match.state());
        *now.mutable_adopter() = match.adopter();
        *now.mutable_owner() = match.owner();
        txn.Put(SeenMatchKey(IdOf(match.name())), now.SerializeAsString());

        const bool adopter_interested =
            match.adopter().interest() == matching_pb::INTEREST_INTERESTED;
        const bool was_adopter_interested =
            seen.has_value() && seen->adopter().interest() == matching_pb::INTEREST_INTERESTED;
        const bool owner_interested = match.owner().interest() == matching_pb::INTEREST_INTERESTED;
        const bool was_owner_interested =
            seen.has_value() && seen->owner().interest() == matching_pb::INTEREST_INTERESTED;
        const bool connected = match.state() == matching_pb::MATCH_STATE_CONNECTED;
        const bool was_connected =
            seen.has_value() && seen->state() == matching_pb::MATCH_STATE_CONNECTED;
        const bool is_private = request->visibility() == adoption_pb::VISIBILITY_PRIVATE;
        // What the owner may see of the request: everything but an anonymous or
        // private requester's name, and a private request only once the adopter
        // reached out.
        const bool owner_may_see = !is_private || adopter_interested;

        pb::Notification draft;
        draft.set_subject(match.name());
        draft.set_match(match.name());
        draft.set_solution(match.solution());
        draft.set_adoption_request(match.adoption_request());
        draft.set_score(match.score());
        *draft.mutable_event_time() = event.commit_time();

        auto notify = [&](absl::string_view organization, pb::EventType type,
                          absl::string_view title) -> absl::Status {
          pb::Notification notification = draft;
          notification.set_type(type);
          notification.set_title(std::string(title));
          notification.set_event_id(
              EventId(kMatchingFeed, event.sequence(), type, IdOf(organization)));
          return NotifyOrganization(txn, organization, type, notification);
        };
        const std::string& adopter = request->requester();
        const std::string& owner = solution->owner();
        const std::string& solution_title = match.solution_title();
        const std::string& request_title = match.adoption_request_title();
        if (!seen.has_value() && match.state() != matching_pb::MATCH_STATE_INACTIVE) {
          RETURN_IF_ERROR(notify(adopter, pb::EVENT_TYPE_REQUEST_MATCHED, solution_title));
          if (owner_may_see)
            RETURN_IF_ERROR(notify(owner, pb::EVENT_TYPE_SOLUTION_MATCHED, request_title));
        }
        if (owner_interested && !was_owner_interested) {
          RETURN_IF_ERROR(notify(adopter, pb::EVENT_TYPE_OWNER_INTERESTED, solution_title));
        }
        if (adopter_interested && !was_adopter_interested) {
          RETURN_IF_ERROR(notify(owner, pb::EVENT_TYPE_ADOPTER_INTERESTED, request_title));
        }
        if (connected && !was_connected) {
          RETURN_IF_ERROR(notify(adopter, pb::EVENT_TYPE_MATCH_CONNECTED, solution_title));
          RETURN_IF_ERROR(notify(owner, pb::EVENT_TYPE_MATCH_CONNECTED, request_title));
        }
        return absl::OkStatus();
      });
}

absl::Status EventRouter::NotifyOrganization(storage::Transaction& txn,
                                             absl::string_view organization, pb::EventType type,
                                             const pb::Notification& draft) {
  if (organization.empty()) return absl::OkStatus();
  ASSIGN_OR_RETURN(std::vector<pb::Subscription> subscriptions,
                   subscriptions_->OfSubscriber(IdOf(organization)));
  Target target;
  target.subscriber = std::string(organization);
  for (pb::Subscription& subscription : subscriptions) {
    if (!Wants(subscription, type) || !Covers(subscription, draft.event_time())) continue;
    target.subscriptions.push_back(std::move(subscription));
    target.reasons.emplace_back();
    target.scores.push_back(draft.score());
  }
  if (target.subscriptions.empty()) return absl::OkStatus();
  return Deliver(txn, target, draft);
}

absl::Status EventRouter::Deliver(storage::Transaction& txn, const Target& target,
                                  const pb::Notification& draft) {
  ASSIGN_OR_RETURN(int64_t sequence, outbox_->NextSequence(txn));
  pb::Notification notification = draft;
  notification.set_sequence(sequence);
  notification.set_subscriber(target.subscriber);
  // The profile's own reasons when one subscription asked; the best score.
  for (size_t i = 0; i < target.subscriptions.size(); ++i) {
    if (target.scores[i] > notification.score()) notification.set_score(target.scores[i]);
    if (notification.reasons().empty()) {
      for (const std::string& reason : target.reasons[i]) notification.add_reasons(reason);
    }
  }
  pb::Notification streamed = notification;
  for (const pb::Subscription& subscription : target.subscriptions) {
    const std::string id(IdOf(subscription.name()));
    pb::Notification own = notification;
    own.add_subscriptions(subscription.name());
    if (IsDigest(subscription)) {
      txn.Put(absl::StrCat(DigestPrefix(id), SequenceKeyPart(sequence)), own.SerializeAsString());
      continue;
    }
    if (subscription.stream()) streamed.add_subscriptions(subscription.name());
    if (subscription.has_webhook()) {
      QueueDelivery(txn, subscription, own, clock_->Now());
      if (listener_) txn.OnCommit([listener = listener_, id] { listener(id); });
    }
  }
  if (!streamed.subscriptions().empty()) {
    outbox_->PutInInbox(txn, IdOf(target.subscriber), streamed);
  }
  return absl::OkStatus();
}

}  // namespace corematch::notification
