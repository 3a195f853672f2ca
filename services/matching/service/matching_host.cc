#include "services/matching/service/matching_host.h"

#include <iostream>
#include <utility>

#include "services/common/status_macros.h"

namespace corematch::matching {

absl::StatusOr<std::unique_ptr<MatchingHost>> MatchingHost::Open(
    storage::KvStore* store, Clock* clock, Authenticator* authenticator, const Analyzer* analyzer,
    const PivotLexicon* lexicon, MatchingHostOptions options) {
  ASSIGN_OR_RETURN(std::unique_ptr<MatchingRepository> repository,
                   MatchingRepository::Open(store, clock, analyzer, lexicon, options.engine,
                                            options.snapshot_path));
  return std::unique_ptr<MatchingHost>(
      new MatchingHost(std::move(repository), authenticator, options));
}

MatchingHost::MatchingHost(std::unique_ptr<MatchingRepository> repository,
                           Authenticator* authenticator, MatchingHostOptions options)
    : options_(options),
      repository_(std::move(repository)),
      service_(std::make_unique<MatchingServiceImpl>(repository_.get(), authenticator)) {}

MatchingHost::~MatchingHost() { Stop(); }

void MatchingHost::Start(std::shared_ptr<grpc::Channel> publishing,
                         std::shared_ptr<grpc::Channel> adoption, std::string operator_secret) {
  publishing_ = std::make_unique<FeedFollower>(
      PublishingFeed(std::move(publishing), repository_.get()), operator_secret, options_.backoff);
  adoption_ = std::make_unique<FeedFollower>(AdoptionFeed(std::move(adoption), repository_.get()),
                                             std::move(operator_secret), options_.backoff);
  publishing_->Start();
  adoption_->Start();
  sweeper_ = std::thread([this] { SweepExpired(); });
}

void MatchingHost::SweepExpired() {
  while (true) {
    if (absl::Status status = repository_->ExpireDue(); !status.ok()) {
      std::cerr << "matching: retiring expired requests: " << status.message() << "\n";
    }
    absl::MutexLock lock(&mutex_);
    mutex_.AwaitWithTimeout(absl::Condition(&stopping_), options_.expiry_interval);
    if (stopping_) return;
  }
}

void MatchingHost::Stop() {
  {
    absl::MutexLock lock(&mutex_);
    if (stopped_) return;
    stopped_ = true;
    stopping_ = true;
  }
  if (publishing_ != nullptr) publishing_->Stop();
  if (adoption_ != nullptr) adoption_->Stop();
  if (sweeper_.joinable()) sweeper_.join();
  repository_->feed().Shutdown();
  if (!options_.snapshot_path.empty()) {
    const absl::Time start = absl::Now();
    if (absl::Status s = repository_->SaveSnapshot(options_.snapshot_path); !s.ok()) {
      std::cerr << "matching: no index snapshot for the next start: " << s.message() << "\n";
    } else {
      std::cerr << "matching: index snapshot written to " << options_.snapshot_path << " in "
                << absl::FormatDuration(absl::Now() - start) << "\n";
    }
  }
}

}  // namespace corematch::matching
