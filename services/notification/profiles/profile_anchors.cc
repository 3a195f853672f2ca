// services/notification/profiles/profile_anchors.cc
#include "services/notification/profiles/profile_anchors.h"

#include <algorithm>
#include <utility>

#include "absl/container/flat_hash_set.h"

namespace corematch::notification {
namespace {

// The expected candidates `key` brings a solution, up to a common factor.
double KeyCost(Facet facet, size_t frequency) {
  const double profiles = static_cast<double>(frequency) + 1;  // +1: the profile filed.
  const double spread = facet == Facet::kNeedTerm ? kSolutionTermsPerNeedTerm : 1.0;
  return spread * profiles * profiles;
}

struct Option {
  double cost = 0;
  std::vector<Anchor> anchors;
};

Option FacetOption(Facet facet, const std::vector<std::string>& values,
                   const KeyFrequencies& frequencies) {
  Option option;
  for (const std::string& value : values) {
    option.cost += KeyCost(facet, frequencies.Count(facet, value));
    option.anchors.push_back(Anchor{facet, value});
  }
  return option;
}

double NeedTermCost(const NeedConcept& need_term, const KeyFrequencies& frequencies) {
  double cost = KeyCost(Facet::kNeedTerm, frequencies.Count(Facet::kNeedTerm, need_term.term));
  for (const std::string& pivot : need_term.pivots) {
    cost += KeyCost(Facet::kNeedTerm, frequencies.Count(Facet::kNeedTerm, pivot));
  }
  return cost;
}

// The m = n - k + 1 cheapest need terms, each with its pivots (see the header
// for why any m of them will do).
Option NeedTermOption(const CompiledProfile& profile, const KeyFrequencies& frequencies) {
  const size_t n = profile.need.size();
  const size_t m = n - RequiredNeedTerms(n, profile.min_score) + 1;
  std::vector<std::pair<double, size_t>> by_cost;  // (cost, index in need)
  by_cost.reserve(n);
  for (size_t i = 0; i < n; ++i)
    by_cost.emplace_back(NeedTermCost(profile.need[i], frequencies), i);
  std::partial_sort(by_cost.begin(), by_cost.begin() + m, by_cost.end());
  Option option;
  for (size_t j = 0; j < m; ++j) {
    const NeedConcept& need_term = profile.need[by_cost[j].second];
    option.cost += by_cost[j].first;
    option.anchors.push_back(Anchor{Facet::kNeedTerm, need_term.term});
    for (const std::string& pivot : need_term.pivots) {
      option.anchors.push_back(Anchor{Facet::kNeedTerm, pivot});
    }
  }
  return option;
}

// The need term keys of `profile`, each once.
absl::flat_hash_set<std::string> NeedKeys(const CompiledProfile& profile) {
  absl::flat_hash_set<std::string> keys;
  for (const NeedConcept& need_term : profile.need) {
    keys.insert(need_term.term);
    keys.insert(need_term.pivots.begin(), need_term.pivots.end());
  }
  return keys;
}

}  // namespace

absl::string_view FacetName(Facet facet) {
  switch (facet) {
    case Facet::kNeedTerm:
      return "need term";
    case Facet::kSector:
      return "sector";
    case Facet::kTargetGroup:
      return "target group";
    case Facet::kCountry:
      return "country";
    case Facet::kLanguage:
      return "language";
  }
  return "unknown";
}

void KeyFrequencies::Add(const CompiledProfile& profile) { Change(profile, +1); }

void KeyFrequencies::Subtract(const CompiledProfile& profile) { Change(profile, -1); }

size_t KeyFrequencies::Count(Facet facet, absl::string_view key) const {
  const auto& counts = counts_[FacetIndex(facet)];
  auto it = counts.find(key);
  return it == counts.end() ? 0 : it->second;
}

size_t KeyFrequencies::ApproximateMemoryUsage() const {
  size_t bytes = 0;
  for (const auto& counts : counts_) {
    bytes += counts.capacity() * (sizeof(std::string) + sizeof(size_t) + 1);
    for (const auto& [key, count] : counts) {
      if (key.capacity() > 15) bytes += key.capacity() + 1;
    }
  }
  return bytes;
}

void KeyFrequencies::Change(const CompiledProfile& profile, int delta) {
  for (const std::string& key : profile.sectors) ChangeKey(Facet::kSector, key, delta);
  for (const std::string& key : profile.target_groups) ChangeKey(Facet::kTargetGroup, key, delta);
  for (const std::string& key : profile.countries) ChangeKey(Facet::kCountry, key, delta);
  for (const std::string& key : profile.languages) ChangeKey(Facet::kLanguage, key, delta);
  for (const std::string& key : NeedKeys(profile)) ChangeKey(Facet::kNeedTerm, key, delta);
}

void KeyFrequencies::ChangeKey(Facet facet, const std::string& key, int delta) {
  auto& counts = counts_[FacetIndex(facet)];
  if (delta > 0) {
    ++counts[key];
    return;
  }
  auto it = counts.find(key);
  if (it == counts.end()) return;
  if (--it->second == 0) counts.erase(it);
}

std::vector<Anchor> ChooseAnchors(const CompiledProfile& profile,
                                  const KeyFrequencies& frequencies) {
  std::vector<Option> options;
  if (!profile.need.empty()) options.push_back(NeedTermOption(profile, frequencies));
  const std::pair<Facet, const std::vector<std::string>*> facets[] = {
      {Facet::kSector, &profile.sectors},
      {Facet::kTargetGroup, &profile.target_groups},
      {Facet::kCountry, &profile.countries},
      {Facet::kLanguage, &profile.languages},
  };
  for (const auto& [facet, values] : facets) {
    if (!values->empty()) options.push_back(FacetOption(facet, *values, frequencies));
  }
  if (options.empty()) return {};
  Option& best =
      *std::min_element(options.begin(), options.end(),
                        [](const Option& a, const Option& b) { return a.cost < b.cost; });
  // A pivot may be shared by two need terms, or be another term itself.
  std::vector<Anchor> anchors;
  for (Anchor& anchor : best.anchors) {
    if (std::find(anchors.begin(), anchors.end(), anchor) == anchors.end()) {
      anchors.push_back(std::move(anchor));
    }
  }
  return anchors;
}

}  // namespace corematch::notification
