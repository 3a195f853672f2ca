// services/matching/analysis/lexicon.cc
#include "services/matching/analysis/lexicon.h"

#include <algorithm>
#include <array>
#include <tuple>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "services/matching/analysis/internal/snowball.h"
#include "services/matching/analysis/internal/text.h"

namespace corematch::matching {
namespace {

// Longer words are dropped: no real part is this long, and it bounds the
// depth of the trie (built recursively).
constexpr size_t kMaxWordBytes = 64;

// Linking elements ("Fugenelemente") and elided endings per language, from
// the grammar of each: Danish and Norwegian "arbejd(e)+s+marked",
// "børn+e+have"; Swedish "arbet(e)+s+marknad", "kvinn(a)+o+jour"; German
// "arbeit+s+markt", "arbeitslos+en+geld", "kind+er+garten", "wohn(en)+geld";
// Dutch "ouder+en+zorg". Finnish joins words bare ("toimeentulo+tuki").
constexpr absl::string_view kNoLinks[] = {""};
constexpr absl::string_view kDanishNorwegianLinks[] = {"", "s", "e"};
constexpr absl::string_view kSwedishLinks[] = {"", "s", "e", "o", "u"};
constexpr absl::string_view kGermanLinks[] = {"", "s", "e", "es", "n", "en", "er", "ens"};
constexpr absl::string_view kDutchLinks[] = {"", "s", "e", "en"};
constexpr absl::string_view kElidedE[] = {"e"};
constexpr absl::string_view kSwedishElided[] = {"e", "a"};
constexpr absl::string_view kGermanDutchElided[] = {"e", "en"};

std::pair<absl::Span<const absl::string_view>, absl::Span<const absl::string_view>> RulesFor(
    Language language) {
  switch (language) {
    case Language::kDanish:
    case Language::kNorwegian:
      return {kDanishNorwegianLinks, kElidedE};
    case Language::kSwedish:
      return {kSwedishLinks, kSwedishElided};
    case Language::kGerman:
      return {kGermanLinks, kGermanDutchElided};
    case Language::kDutch:
      return {kDutchLinks, kGermanDutchElided};
    default:
      return {kNoLinks, {}};
  }
}

bool IsContinuationByte(char byte) { return (static_cast<uint8_t>(byte) & 0xC0) == 0x80; }

// True if `text` may be cut after its first `length` bytes.
bool AtCodePointBoundary(absl::string_view text, size_t length) {
  return length == text.size() || !IsContinuationByte(text[length]);
}

}  // namespace

struct Lexicon::Key {
  absl::string_view text;
  int32_t word = -1;
  int32_t stem_of = -1;
};

struct Lexicon::SplitState {
  // The split being explored.
  std::array<absl::string_view, kMaxParts> parts;
  size_t count = 0;
  int inexact = 0;
  size_t link_bytes = 0;
  size_t first_bytes = 0;
  // The best complete split so far; best_count == 0 while there is none.
  std::array<absl::string_view, kMaxParts> best;
  size_t best_count = 0;
  int best_inexact = 0;
  size_t best_link_bytes = 0;
  size_t best_first_bytes = 0;

  void ConsiderCurrent() {
    auto rank = [](size_t count, int inexact, size_t links, size_t first) {
      return std::make_tuple(count, inexact, links, -static_cast<int64_t>(first));
    };
    if (best_count != 0 && rank(count, inexact, link_bytes, first_bytes) >=
                               rank(best_count, best_inexact, best_link_bytes, best_first_bytes)) {
      return;
    }
    best = parts;
    best_count = count;
    best_inexact = inexact;
    best_link_bytes = link_bytes;
    best_first_bytes = first_bytes;
  }
};

absl::StatusOr<std::shared_ptr<const Lexicon>> Lexicon::Build(Language language,
                                                              std::vector<std::string> words) {
  std::vector<Entry> entries;
  entries.reserve(words.size());
  for (std::string& word : words) entries.push_back(Entry{std::move(word), ""});
  return FromEntries(language, std::move(entries));
}

absl::StatusOr<std::shared_ptr<const Lexicon>> Lexicon::With(
    absl::Span<const std::string> words) const {
  std::vector<Entry> entries = entries_;
  for (const std::string& word : words) entries.push_back(Entry{word, ""});
  return FromEntries(language_, std::move(entries));
}

// Entries with an empty stem are new and get stemmed here.
absl::StatusOr<std::shared_ptr<const Lexicon>> Lexicon::FromEntries(Language language,
                                                                    std::vector<Entry> entries) {
  if (!IsCompounding(language)) {
    return absl::InvalidArgumentError("a lexicon is only kept for compounding languages");
  }
  absl::StatusOr<internal::SnowballStemmer> stemmer = internal::SnowballStemmer::Create(language);
  if (!stemmer.ok()) return stemmer.status();
  std::erase_if(entries, [](const Entry& entry) {
    return entry.word.size() > kMaxWordBytes || !internal::IsValidUtf8(entry.word) ||
           internal::CodePointCount(entry.word) < kMinPartLength;
  });
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.word < b.word; });
  entries.erase(std::unique(entries.begin(), entries.end(),
                            [](const Entry& a, const Entry& b) { return a.word == b.word; }),
                entries.end());
  for (Entry& entry : entries) {
    if (entry.stem.empty()) entry.stem = std::string(stemmer->Stem(entry.word));
  }
  return std::shared_ptr<const Lexicon>(new Lexicon(language, std::move(entries)));
}

Lexicon::Lexicon(Language language, std::vector<Entry> entries)
    : language_(language), entries_(std::move(entries)) {
  std::tie(links_, elisions_) = RulesFor(language);
  std::vector<Key> keys;
  keys.reserve(entries_.size() * 2);
  for (size_t i = 0; i < entries_.size(); ++i) {
    keys.push_back(Key{entries_[i].word, static_cast<int32_t>(i), -1});
    keys.push_back(Key{entries_[i].stem, -1, static_cast<int32_t>(i)});
  }
  // A word and a stem may be the same text: one key holds both roles, and
  // the first entry with a given stem stands for all that share it.
  std::stable_sort(keys.begin(), keys.end(),
                   [](const Key& a, const Key& b) { return a.text < b.text; });
  std::vector<Key> merged;
  for (const Key& key : keys) {
    if (merged.empty() || merged.back().text != key.text) {
      merged.push_back(key);
      continue;
    }
    if (merged.back().word < 0) merged.back().word = key.word;
    if (merged.back().stem_of < 0) merged.back().stem_of = key.stem_of;
  }
  BuildNode(merged, 0);
  root_children_.fill(-1);
  const Node& root = nodes_[0];
  for (uint32_t e = root.first_edge; e < root.first_edge + root.edge_count; ++e) {
    root_children_[edge_bytes_[e]] = static_cast<int32_t>(edge_targets_[e]);
  }
}

uint32_t Lexicon::BuildNode(absl::Span<const Key> keys, size_t depth) {
  const uint32_t id = static_cast<uint32_t>(nodes_.size());
  nodes_.emplace_back();
  size_t begin = 0;
  if (!keys.empty() && keys[0].text.size() == depth) {  // Sorted: a key ending here comes first.
    nodes_[id].word = keys[0].word;
    nodes_[id].stem_of = keys[0].stem_of;
    begin = 1;
  }
  std::vector<std::pair<size_t, size_t>> groups;  // Key ranges by next byte.
  for (size_t i = begin; i < keys.size();) {
    size_t j = i;
    while (j < keys.size() && keys[j].text[depth] == keys[i].text[depth]) ++j;
    groups.emplace_back(i, j);
    i = j;
  }
  // A node's edges are contiguous, so they are laid out before any child's.
  const uint32_t first_edge = static_cast<uint32_t>(edge_bytes_.size());
  nodes_[id].first_edge = first_edge;
  nodes_[id].edge_count = static_cast<uint32_t>(groups.size());
  for (const auto& [from, to] : groups) {
    edge_bytes_.push_back(static_cast<uint8_t>(keys[from].text[depth]));
    edge_targets_.push_back(0);
  }
  for (size_t g = 0; g < groups.size(); ++g) {
    auto [from, to] = groups[g];
    edge_targets_[first_edge + g] = BuildNode(keys.subspan(from, to - from), depth + 1);
  }
  return id;
}

int64_t Lexicon::Child(uint32_t node, uint8_t byte) const {
  if (node == 0) return root_children_[byte];
  const Node& n = nodes_[node];
  const uint8_t* begin = edge_bytes_.data() + n.first_edge;
  const uint8_t* end = begin + n.edge_count;
  const uint8_t* it = std::lower_bound(begin, end, byte);
  if (it == end || *it != byte) return -1;
  return edge_targets_[static_cast<size_t>(it - edge_bytes_.data())];
}

int64_t Lexicon::Walk(uint32_t node, absl::string_view text) const {
  int64_t at = node;
  for (char byte : text) {
    at = Child(static_cast<uint32_t>(at), static_cast<uint8_t>(byte));
    if (at < 0) return -1;
  }
  return at;
}

bool Lexicon::Contains(absl::string_view word) const {
  int64_t node = Walk(0, word);
  return node >= 0 && nodes_[static_cast<size_t>(node)].word >= 0;
}

bool Lexicon::Knows(absl::string_view word) const {
  bool exact = false;
  return MatchFinal(word, &exact) >= 0;
}

int32_t Lexicon::MatchFinal(absl::string_view text, bool* exact) const {
  const size_t total = internal::CodePointCount(text);
  *exact = false;
  if (total < kMinPartLength) return -1;
  // The longest known word or stem that begins `text` and leaves a short
  // ending: "myndighet|en" by the word, "skol|or" by the stem of "skola".
  int32_t inflected = -1;
  uint32_t node = 0;
  size_t seen = 0;  // Code points walked.
  for (size_t i = 0; i < text.size(); ++i) {
    int64_t next = Child(node, static_cast<uint8_t>(text[i]));
    if (next < 0) break;
    node = static_cast<uint32_t>(next);
    if (!IsContinuationByte(text[i])) ++seen;
    if (!AtCodePointBoundary(text, i + 1)) continue;
    const Node& n = nodes_[node];
    if (i + 1 == text.size() && n.word >= 0) {
      *exact = true;
      return n.word;
    }
    if (seen >= kMinPartLength && total - seen <= kMaxInflectionLength) {
      if (n.word >= 0) {
        inflected = n.word;
      } else if (n.stem_of >= 0) {
        inflected = n.stem_of;
      }
    }
  }
  return inflected;
}

void Lexicon::Split(absl::string_view word, std::vector<absl::string_view>* parts) const {
  parts->clear();
  if (word.size() > 2 * kMaxWordBytes || internal::CodePointCount(word) < 2 * kMinPartLength) {
    return;
  }
  SplitState state;
  Search(word, &state);
  parts->assign(state.best.begin(), state.best.begin() + static_cast<ptrdiff_t>(state.best_count));
}

std::vector<std::string> Lexicon::Split(absl::string_view word) const {
  std::vector<absl::string_view> views;
  Split(word, &views);
  return std::vector<std::string>(views.begin(), views.end());
}

// Explores the splits of `text` that continue state->parts.
void Lexicon::Search(absl::string_view text, SplitState* state) const {
  if (state->count > 0) {  // `text` as the final part.
    bool exact = false;
    int32_t final_part = MatchFinal(text, &exact);
    if (final_part >= 0) {
      state->parts[state->count++] = entries_[static_cast<size_t>(final_part)].word;
      state->inexact += exact ? 0 : 1;
      state->ConsiderCurrent();
      state->inexact -= exact ? 0 : 1;
      --state->count;
    }
  }
  if (state->count + 1 < kMaxParts) SearchHeads(text, state);
}

// Every known word (or word less an elided ending) that begins `text`,
// followed by a linking element, starts a part; the rest is searched on.
void Lexicon::SearchHeads(absl::string_view text, SplitState* state) const {
  uint32_t node = 0;
  size_t seen = 0;
  for (size_t i = 0; i + 1 < text.size(); ++i) {
    int64_t next = Child(node, static_cast<uint8_t>(text[i]));
    if (next < 0) return;
    node = static_cast<uint32_t>(next);
    if (!IsContinuationByte(text[i])) ++seen;
    if (seen < kMinPartLength || !AtCodePointBoundary(text, i + 1)) continue;
    std::array<int32_t, 3> heads = {nodes_[node].word, -1, -1};
    for (size_t e = 0; e < elisions_.size() && e + 1 < heads.size(); ++e) {
      int64_t elided = Walk(node, elisions_[e]);
      if (elided >= 0) heads[e + 1] = nodes_[static_cast<size_t>(elided)].word;
    }
    const absl::string_view rest = text.substr(i + 1);
    for (int32_t head : heads) {
      if (head < 0) continue;
      for (absl::string_view link : links_) {
        if (!absl::StartsWith(rest, link)) continue;
        const absl::string_view after = rest.substr(link.size());
        if (internal::CodePointCount(after) < kMinPartLength) continue;
        state->parts[state->count++] = entries_[static_cast<size_t>(head)].word;
        state->link_bytes += link.size();
        if (state->count == 1) state->first_bytes = i + 1;
        Search(after, state);
        state->link_bytes -= link.size();
        --state->count;
      }
    }
  }
}

}  // namespace corematch::matching
