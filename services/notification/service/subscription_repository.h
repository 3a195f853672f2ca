// services/notification/service/subscription_repository.h
//
// Subscriptions in the notification service's own store, and the in-memory
// index of their interest profiles that feed events are percolated through
// (services/notification/profiles), rebuilt from the store on Open.
//
//   subscriptions/{id}                           → Subscription (secret included)
//   idx/subscriptions/ctime/{micros}/{id}        → ""
//   subscriber/{organization id}/{id}            → ""   (an organisation's subscriptions)
//
// Only the subscriber (or an operator) reads or changes a subscription;
// anyone else gets NOT_FOUND, as for one that does not exist. Thread-safe.
#ifndef COREMATCH_SERVICES_NOTIFICATION_SERVICE_SUBSCRIPTION_REPOSITORY_H_
#define COREMATCH_SERVICES_NOTIFICATION_SERVICE_SUBSCRIPTION_REPOSITORY_H_

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "corematch/notification/v1/notification.pb.h"
#include "services/common/auth.h"
#include "services/common/clock.h"
#include "services/common/id_generator.h"
#include "services/matching/analysis/analyzer.h"
#include "services/notification/profiles/profile_index.h"
#include "services/notification/profiles/profile_text.h"
#include "storage/committer.h"
#include "storage/kv_store.h"

namespace corematch::notification {

namespace pb = ::corematch::notification::v1;

class SubscriptionRepository {
 public:
  // None is owned. `analyzer` turns need texts into terms; it may be null,
  // and then need texts are not scored (profiles match on facets alone).
  // `lexicon` (may be null) lets a need meet solutions in other languages.
  static absl::StatusOr<std::unique_ptr<SubscriptionRepository>> Open(
      storage::KvStore* store, storage::Committer* committer, Clock* clock, IdGenerator* ids,
      const matching::Analyzer* analyzer, const matching::PivotLexicon* lexicon);

  absl::StatusOr<pb::Subscription> Create(const Caller& caller,
                                          const pb::CreateSubscriptionRequest& request);
  absl::StatusOr<pb::Subscription> Get(const Caller& caller, absl::string_view name);
  absl::StatusOr<pb::ListSubscriptionsResponse> List(const Caller& caller,
                                                     const pb::ListSubscriptionsRequest& request);
  absl::StatusOr<pb::Subscription> Update(const Caller& caller,
                                          const pb::UpdateSubscriptionRequest& request);
  absl::Status Delete(const Caller& caller, const pb::DeleteSubscriptionRequest& request);

  // The subscriptions (secrets included) of organizations/{subscriber_id}.
  absl::StatusOr<std::vector<pb::Subscription>> OfSubscriber(absl::string_view subscriber_id);
  // One subscription by id, secrets included; std::nullopt once deleted.
  absl::StatusOr<std::optional<pb::Subscription>> Find(absl::string_view id);
  // Every subscription with a digest rhythm, by id.
  std::vector<std::string> DigestSubscriptions();

  // The profiles a solution fits.
  std::vector<ProfileHit> Percolate(const SolutionFacts& solution) const;
  const matching::Analyzer* analyzer() const { return analyzer_; }
  const matching::PivotLexicon* lexicon() const { return lexicon_; }
  size_t indexed_profiles() const { return index_.size(); }

 private:
  SubscriptionRepository(storage::KvStore* store, storage::Committer* committer, Clock* clock,
                         IdGenerator* ids, const matching::Analyzer* analyzer,
                         const matching::PivotLexicon* lexicon)
      : store_(store),
        committer_(committer),
        clock_(clock),
        ids_(ids),
        analyzer_(analyzer),
        lexicon_(lexicon) {}

  absl::Status Rebuild();
  // Indexes `subscription` (or forgets it when `deleted`) once `txn` commits.
  void ReindexOnCommit(storage::Transaction& txn, const pb::Subscription& subscription,
                       bool deleted);
  void Reindex(const pb::Subscription& subscription, bool deleted);
  InterestProfile ProfileOf(const pb::Subscription& subscription) const;

  storage::KvStore* const store_;
  storage::Committer* const committer_;
  Clock* const clock_;
  IdGenerator* const ids_;
  const matching::Analyzer* const analyzer_;
  const matching::PivotLexicon* const lexicon_;
  ProfileIndex index_;
  absl::Mutex digest_mutex_;
  std::set<std::string> digest_ids_ ABSL_GUARDED_BY(digest_mutex_);
};

}  // namespace corematch::notification

#endif  // COREMATCH_SERVICES_NOTIFICATION_SERVICE_SUBSCRIPTION_REPOSITORY_H_
