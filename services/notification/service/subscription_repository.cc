#include "services/notification/service/subscription_repository.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/common/etag.h"
#include "services/common/page_token.h"
#include "services/common/proto_time.h"
#include "services/common/request_ids.h"
#include "services/common/resource_list.h"
#include "services/common/resource_name.h"
#include "services/common/status_macros.h"
#include "services/common/update_mask.h"
#include "services/notification/service/subscription_rules.h"

namespace corematch::notification {
namespace {

constexpr absl::string_view kCollection = "subscriptions";
constexpr absl::string_view kCreateMethod = "CreateSubscription";

std::string SubscriberKey(absl::string_view subscriber_id, absl::string_view id) {
  return absl::StrCat("subscriber/", subscriber_id, "/", id);
}

absl::StatusOr<pb::Subscription> Parse(absl::string_view bytes, absl::string_view what) {
  pb::Subscription subscription;
  if (!subscription.ParseFromArray(bytes.data(), bytes.size())) {
    return absl::DataLossError(absl::StrCat("corrupt ", what));
  }
  return subscription;
}

// The organisation a new subscription is for: the caller's, or for an
// operator key the one it names.
absl::StatusOr<std::string> ResolveSubscriber(const Caller& caller, absl::string_view requested) {
  if (!caller.is_operator) return caller.organization;
  if (requested.empty()) {
    return MakeError(absl::StatusCode::kInvalidArgument, "INVALID_FIELDS",
                     "subscription.subscriber: required with an operator key: the "
                     "organizations/{organization} to subscribe");
  }
  RETURN_IF_ERROR(
      ParseResourceName(requested, "organizations", "subscription.subscriber").status());
  return std::string(requested);
}

std::string SubscriberId(const pb::Subscription& subscription) {
  absl::string_view name = subscription.subscriber();
  return std::string(name.substr(name.rfind('/') + 1));
}

bool MaySee(const Caller& caller, const pb::Subscription& subscription) {
  return caller.is_operator || caller.organization == subscription.subscriber();
}

bool IsDigest(const pb::Subscription& subscription) {
  return subscription.rhythm() == pb::RHYTHM_DAILY_DIGEST ||
         subscription.rhythm() == pb::RHYTHM_WEEKLY_DIGEST;
}

absl::StatusOr<pb::Subscription> Load(const storage::Transaction& txn, absl::string_view name,
                                      absl::string_view id) {
  ASSIGN_OR_RETURN(std::optional<std::string> bytes, txn.Get(ResourceKey(kCollection, id)));
  if (!bytes.has_value()) return NotFound(name);
  return Parse(*bytes, name);
}

}  // namespace

absl::StatusOr<std::unique_ptr<SubscriptionRepository>> SubscriptionRepository::Open(
    storage::KvStore* store, storage::Committer* committer, Clock* clock, IdGenerator* ids,
    const matching::Analyzer* analyzer, const matching::PivotLexicon* lexicon) {
  std::unique_ptr<SubscriptionRepository> repository(
      new SubscriptionRepository(store, committer, clock, ids, analyzer, lexicon));
  RETURN_IF_ERROR(repository->Rebuild());
  return repository;
}

absl::Status SubscriptionRepository::Rebuild() {
  absl::Status status;
  RETURN_IF_ERROR(store_->Scan(absl::StrCat(kCollection, "/"), "", storage::ScanOrder::kAscending,
                               [&](absl::string_view key, absl::string_view value) {
                                 absl::StatusOr<pb::Subscription> subscription = Parse(value, key);
                                 if (!subscription.ok()) {
                                   status = subscription.status();
                                   return false;
                                 }
                                 Reindex(*subscription, /*deleted=*/false);
                                 return true;
                               }));
  return status;
}

InterestProfile SubscriptionRepository::ProfileOf(const pb::Subscription& subscription) const {
  const pb::InterestProfile& p = subscription.profile();
  InterestProfile profile;
  profile.subscription = subscription.name();
  profile.sectors.assign(p.sectors().begin(), p.sectors().end());
  profile.target_groups.assign(p.target_groups().begin(), p.target_groups().end());
  profile.countries.assign(p.countries().begin(), p.countries().end());
  profile.languages.assign(p.languages().begin(), p.languages().end());
  if (analyzer_ != nullptr && !p.need_text().empty()) {
    SetNeed(*analyzer_, lexicon_, p.need_text(), p.need_language(), profile);
  }
  profile.min_score = p.min_score();
  return profile;
}

void SubscriptionRepository::Reindex(const pb::Subscription& subscription, bool deleted) {
  const std::string id =
      std::string(absl::string_view(subscription.name()).substr(kCollection.size() + 1));
  {
    absl::MutexLock lock(&digest_mutex_);
    if (!deleted && IsDigest(subscription)) {
      digest_ids_.insert(id);
    } else {
      digest_ids_.erase(id);
    }
  }
  // Only profile events are percolated; a subscription that wants none of
  // them stays out of the index.
  const bool wants_solutions = Wants(subscription, pb::EVENT_TYPE_SOLUTION_PUBLISHED) ||
                               Wants(subscription, pb::EVENT_TYPE_SOLUTION_UPDATED);
  if (deleted || !wants_solutions) {
    index_.Remove(subscription.name());
  } else {
    index_.Upsert(ProfileOf(subscription));
  }
}

void SubscriptionRepository::ReindexOnCommit(storage::Transaction& txn,
                                             const pb::Subscription& subscription, bool deleted) {
  txn.OnCommit([this, subscription, deleted] { Reindex(subscription, deleted); });
}

absl::StatusOr<pb::Subscription> SubscriptionRepository::Create(
    const Caller& caller, const pb::CreateSubscriptionRequest& request) {
  pb::Subscription draft = request.subscription();
  ASSIGN_OR_RETURN(std::string subscriber, ResolveSubscriber(caller, draft.subscriber()));
  ClearOutputOnly(draft);
  NormalizeSubscription(draft);
  FieldViolations violations;
  ValidateSubscription(draft, /*has_stored_secret=*/false, violations);
  ValidateRequestId(request.request_id(), "request_id", violations);
  RETURN_IF_ERROR(violations.ToStatus());
  draft.set_subscriber(subscriber);

  pb::Subscription created;
  RETURN_IF_ERROR(committer_->Run([&](storage::Transaction& txn) -> absl::Status {
    ASSIGN_OR_RETURN(auto earlier,
                     FindEarlierResponse(txn, caller.id(), kCreateMethod, request.request_id()));
    if (earlier.has_value()) {
      ASSIGN_OR_RETURN(created, Parse(*earlier, "stored response"));
      return absl::OkStatus();
    }
    const std::string id = ids_->NewId();
    const absl::Time now = clock_->Now();
    created = draft;
    created.set_name(ResourceKey(kCollection, id));
    *created.mutable_create_time() = ToProtoTime(now);
    *created.mutable_update_time() = ToProtoTime(now);
    created.set_etag(ComputeEtag(created));
    txn.Put(ResourceKey(kCollection, id), created.SerializeAsString());
    txn.Put(CreateTimeIndexKey(kCollection, now, id), "");
    txn.Put(SubscriberKey(SubscriberId(created), id), "");
    RememberResponse(txn, caller.id(), kCreateMethod, request.request_id(),
                     created.SerializeAsString());
    ReindexOnCommit(txn, created, /*deleted=*/false);
    return absl::OkStatus();
  }));
  return ForOutput(std::move(created));
}

absl::StatusOr<pb::Subscription> SubscriptionRepository::Get(const Caller& caller,
                                                             absl::string_view name) {
  ASSIGN_OR_RETURN(std::string id, ParseResourceName(name, kCollection, "name"));
  ASSIGN_OR_RETURN(std::optional<pb::Subscription> subscription, Find(id));
  if (!subscription.has_value() || !MaySee(caller, *subscription)) return NotFound(name);
  return ForOutput(*std::move(subscription));
}

absl::StatusOr<pb::ListSubscriptionsResponse> SubscriptionRepository::List(
    const Caller& caller, const pb::ListSubscriptionsRequest& request) {
  ASSIGN_OR_RETURN(int page_size, EffectivePageSize(request.page_size()));
  const std::string fingerprint = QueryFingerprint("", "", caller.id());
  ASSIGN_OR_RETURN(std::string start_after, DecodePageToken(request.page_token(), fingerprint));
  pb::ListSubscriptionsResponse response;
  ListRequest list{.collection = kCollection, .start_after = start_after, .page_size = page_size};
  ASSIGN_OR_RETURN(ListPage page, ListResources(*store_, list, [&](absl::string_view bytes) {
                     pb::Subscription subscription;
                     if (!subscription.ParseFromArray(bytes.data(), bytes.size())) return false;
                     if (!MaySee(caller, subscription)) return false;
                     *response.add_subscriptions() = ForOutput(std::move(subscription));
                     return true;
                   }));
  if (!page.next_start_after.empty()) {
    response.set_next_page_token(EncodePageToken(page.next_start_after, fingerprint));
  }
  return response;
}

absl::StatusOr<pb::Subscription> SubscriptionRepository::Update(
    const Caller& caller, const pb::UpdateSubscriptionRequest& request) {
  const pb::Subscription& patch = request.subscription();
  ASSIGN_OR_RETURN(std::string id,
                   ParseResourceName(patch.name(), kCollection, "subscription.name"));
  pb::Subscription updated;
  RETURN_IF_ERROR(committer_->Run([&](storage::Transaction& txn) -> absl::Status {
    ASSIGN_OR_RETURN(pb::Subscription s, Load(txn, patch.name(), id));
    if (!MaySee(caller, s)) return NotFound(patch.name());
    RETURN_IF_ERROR(CheckEtag(patch.etag(), s.etag(), patch.name()));
    const std::string stored_secret = s.webhook().secret();
    RETURN_IF_ERROR(ApplyUpdateMask(patch, request.update_mask(), UpdatableSubscriptionFields(),
                                    "update_mask", &s));
    // A webhook update that leaves the secret out keeps the stored one.
    const bool keeps_secret =
        s.has_webhook() && s.webhook().secret().empty() && !stored_secret.empty();
    NormalizeSubscription(s);
    FieldViolations violations;
    ValidateSubscription(s, keeps_secret, violations);
    RETURN_IF_ERROR(violations.ToStatus());
    if (keeps_secret) s.mutable_webhook()->set_secret(stored_secret);
    if (s.has_webhook()) s.mutable_webhook()->clear_has_secret();
    *s.mutable_update_time() = ToProtoTime(clock_->Now());
    s.clear_etag();
    s.set_etag(ComputeEtag(s));
    txn.Put(ResourceKey(kCollection, id), s.SerializeAsString());
    ReindexOnCommit(txn, s, /*deleted=*/false);
    updated = std::move(s);
    return absl::OkStatus();
  }));
  return ForOutput(std::move(updated));
}

absl::Status SubscriptionRepository::Delete(const Caller& caller,
                                            const pb::DeleteSubscriptionRequest& request) {
  ASSIGN_OR_RETURN(std::string id, ParseResourceName(request.name(), kCollection, "name"));
  return committer_->Run([&](storage::Transaction& txn) -> absl::Status {
    ASSIGN_OR_RETURN(pb::Subscription s, Load(txn, request.name(), id));
    if (!MaySee(caller, s)) return NotFound(request.name());
    RETURN_IF_ERROR(CheckEtag(request.etag(), s.etag(), request.name()));
    txn.Delete(ResourceKey(kCollection, id));
    txn.Delete(CreateTimeIndexKey(kCollection, FromProtoTime(s.create_time()), id));
    txn.Delete(SubscriberKey(SubscriberId(s), id));
    ReindexOnCommit(txn, s, /*deleted=*/true);
    return absl::OkStatus();
  });
}

absl::StatusOr<std::optional<pb::Subscription>> SubscriptionRepository::Find(absl::string_view id) {
  ASSIGN_OR_RETURN(std::optional<std::string> bytes, store_->Get(ResourceKey(kCollection, id)));
  if (!bytes.has_value()) return std::nullopt;
  ASSIGN_OR_RETURN(pb::Subscription subscription, Parse(*bytes, id));
  return subscription;
}

absl::StatusOr<std::vector<pb::Subscription>> SubscriptionRepository::OfSubscriber(
    absl::string_view subscriber_id) {
  std::vector<std::string> ids;
  const std::string prefix = absl::StrCat("subscriber/", subscriber_id, "/");
  RETURN_IF_ERROR(store_->Scan(prefix, "", storage::ScanOrder::kAscending,
                               [&](absl::string_view key, absl::string_view) {
                                 ids.emplace_back(key.substr(prefix.size()));
                                 return true;
                               }));
  std::vector<pb::Subscription> subscriptions;
  for (const std::string& id : ids) {
    ASSIGN_OR_RETURN(std::optional<pb::Subscription> subscription, Find(id));
    if (subscription.has_value()) subscriptions.push_back(*std::move(subscription));
  }
  return subscriptions;
}

std::vector<std::string> SubscriptionRepository::DigestSubscriptions() {
  absl::MutexLock lock(&digest_mutex_);
  return {digest_ids_.begin(), digest_ids_.end()};
}

std::vector<ProfileHit> SubscriptionRepository::Percolate(const SolutionFacts& solution) const {
  return index_.Match(solution);
}

}  // namespace corematch::notification
