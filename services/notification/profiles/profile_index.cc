// services/notification/profiles/profile_index.cc
#include "services/notification/profiles/profile_index.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

namespace corematch::notification {
namespace {

void EraseOne(std::vector<uint32_t>& ids, uint32_t id) {
  auto it = std::find(ids.begin(), ids.end(), id);
  if (it == ids.end()) return;
  *it = ids.back();  // Posting lists are unordered: Match sorts candidates.
  ids.pop_back();
}

// A profile that fits, sortable by subscription. The names live scattered
// over the heap, so a sort comparing them directly spends its time on cache
// misses: their first bytes are copied here and decide most comparisons.
class Fit {
 public:
  Fit(absl::string_view subscription, uint32_t id, double score)
      : subscription_(subscription), id_(id), score_(score) {
    const absl::string_view head = subscription.substr(0, head_.size());
    std::copy(head.begin(), head.end(), head_.begin());
  }

  uint32_t id() const { return id_; }
  double score() const { return score_; }

  // As std::string's order: both compare bytes as unsigned char, and a
  // zero-padded head ties only with a name it is a prefix of.
  friend bool operator<(const Fit& a, const Fit& b) {
    const int head = std::memcmp(a.head_.data(), b.head_.data(), a.head_.size());
    if (head != 0) return head < 0;
    return a.subscription_ < b.subscription_;
  }

 private:
  absl::string_view subscription_;
  uint32_t id_;
  double score_;
  std::array<char, 32> head_{};  // "subscriptions/" and 18 bytes of the id.
};

template <typename Map>
void AppendPostings(const Map& postings, absl::string_view key, std::vector<uint32_t>& out) {
  auto it = postings.find(key);
  if (it != postings.end()) out.insert(out.end(), it->second.begin(), it->second.end());
}

}  // namespace

void ProfileIndex::Upsert(const InterestProfile& profile) {
  CompiledProfile compiled = CompileProfile(profile);
  absl::MutexLock lock(&mutex_);
  SlotId id;
  auto it = slot_of_.find(compiled.subscription);
  if (it != slot_of_.end()) {
    id = it->second;
    Unfile(id);
  } else if (!free_slots_.empty()) {
    id = free_slots_.back();
    free_slots_.pop_back();
    slot_of_.emplace(compiled.subscription, id);
  } else {
    id = static_cast<SlotId>(slots_.size());
    slots_.emplace_back();
    slot_of_.emplace(compiled.subscription, id);
  }
  Slot& slot = slots_[id];
  slot.anchors = ChooseAnchors(compiled, frequencies_);
  slot.profile = std::move(compiled);
  File(id);
}

void ProfileIndex::Remove(absl::string_view subscription) {
  absl::MutexLock lock(&mutex_);
  auto it = slot_of_.find(subscription);
  if (it == slot_of_.end()) return;
  const SlotId id = it->second;
  slot_of_.erase(it);
  Unfile(id);
  slots_[id] = Slot();
  free_slots_.push_back(id);
}

size_t ProfileIndex::size() const {
  absl::ReaderMutexLock lock(&mutex_);
  return slot_of_.size();
}

std::vector<ProfileHit> ProfileIndex::Match(const SolutionFacts& solution,
                                            MatchStats* stats) const {
  const PreparedSolution prepared(solution);
  std::vector<ProfileHit> hits;
  size_t candidates = 0;
  {
    absl::ReaderMutexLock lock(&mutex_);
    const std::vector<SlotId> ids = Candidates(prepared);
    candidates = ids.size();
    std::vector<Fit> fits;
    for (SlotId id : ids) {
      const CompiledProfile& profile = slots_[id].profile;
      if (std::optional<double> score = Score(profile, prepared)) {
        fits.emplace_back(profile.subscription, id, *score);
      }
    }
    std::sort(fits.begin(), fits.end());
    hits.reserve(fits.size());
    for (const Fit& fit : fits) {
      hits.push_back(Explain(slots_[fit.id()].profile, prepared, fit.score()));
    }
  }
  if (stats != nullptr) *stats = MatchStats{candidates, hits.size()};
  return hits;
}

std::optional<std::vector<Anchor>> ProfileIndex::AnchorsOf(absl::string_view subscription) const {
  absl::ReaderMutexLock lock(&mutex_);
  auto it = slot_of_.find(subscription);
  if (it == slot_of_.end()) return std::nullopt;
  return slots_[it->second].anchors;
}

size_t ProfileIndex::ApproximateMemoryUsage() const {
  absl::ReaderMutexLock lock(&mutex_);
  // Strings of 15 bytes or fewer live inside std::string (libstdc++'s SSO).
  auto heap = [](const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; };
  auto strings = [&](const std::vector<std::string>& v) {
    size_t bytes = v.capacity() * sizeof(std::string);
    for (const std::string& s : v) bytes += heap(s);
    return bytes;
  };
  size_t bytes = slots_.capacity() * sizeof(Slot) + free_slots_.capacity() * sizeof(SlotId) +
                 match_all_.capacity() * sizeof(SlotId) + frequencies_.ApproximateMemoryUsage();
  for (const Slot& slot : slots_) {
    const CompiledProfile& p = slot.profile;
    bytes += heap(p.subscription) + strings(p.sectors) + strings(p.target_groups) +
             strings(p.countries) + strings(p.languages);
    bytes += p.need.capacity() * sizeof(NeedConcept);
    for (const NeedConcept& need_term : p.need)
      bytes += heap(need_term.term) + strings(need_term.pivots);
    bytes += slot.anchors.capacity() * sizeof(Anchor);
    for (const Anchor& anchor : slot.anchors) bytes += heap(anchor.key);
  }
  bytes += slot_of_.capacity() * (sizeof(std::string) + sizeof(SlotId) + 1);
  for (const auto& [subscription, id] : slot_of_) bytes += heap(subscription);
  for (const auto& postings : postings_) {
    bytes += postings.capacity() * (sizeof(std::string) + sizeof(std::vector<SlotId>) + 1);
    for (const auto& [key, ids] : postings) bytes += heap(key) + ids.capacity() * sizeof(SlotId);
  }
  return bytes;
}

void ProfileIndex::File(SlotId id) {
  const Slot& slot = slots_[id];
  frequencies_.Add(slot.profile);
  if (slot.anchors.empty()) {
    match_all_.push_back(id);
    return;
  }
  for (const Anchor& anchor : slot.anchors) {
    postings_[FacetIndex(anchor.facet)][anchor.key].push_back(id);
  }
}

void ProfileIndex::Unfile(SlotId id) {
  const Slot& slot = slots_[id];
  frequencies_.Subtract(slot.profile);
  if (slot.anchors.empty()) {
    EraseOne(match_all_, id);
    return;
  }
  for (const Anchor& anchor : slot.anchors) {
    auto& postings = postings_[FacetIndex(anchor.facet)];
    auto it = postings.find(anchor.key);
    if (it == postings.end()) continue;
    EraseOne(it->second, id);
    if (it->second.empty()) postings.erase(it);
  }
}

std::vector<ProfileIndex::SlotId> ProfileIndex::Candidates(const PreparedSolution& solution) const {
  std::vector<SlotId> ids = match_all_;
  const auto& terms = postings_[FacetIndex(Facet::kNeedTerm)];
  for (const auto& [term, weight] : solution.terms()) AppendPostings(terms, term, ids);
  // A profile's "10" is found by a solution's "10.1.2" under its prefix "10".
  const auto& sectors = postings_[FacetIndex(Facet::kSector)];
  for (absl::string_view sector : solution.sectors()) {
    for (size_t dot = sector.find('.'); dot != absl::string_view::npos;
         dot = sector.find('.', dot + 1)) {
      AppendPostings(sectors, sector.substr(0, dot), ids);
    }
    AppendPostings(sectors, sector, ids);
  }
  const auto& groups = postings_[FacetIndex(Facet::kTargetGroup)];
  for (const std::string& group : solution.target_groups()) AppendPostings(groups, group, ids);
  AppendPostings(postings_[FacetIndex(Facet::kCountry)], solution.country(), ids);
  AppendPostings(postings_[FacetIndex(Facet::kLanguage)], solution.language_subtag(), ids);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

}  // namespace corematch::notification
