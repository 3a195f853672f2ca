// services/matching/analysis/lexicon.h
//
// The known words of one compounding language, each with its Snowball stem,
// kept in a byte trie: one walk along a word finds every known word that
// begins it. Decompounder splits compounds with it; the language guess asks
// it which language a word belongs to.
//
//   ASSIGN_OR_RETURN(std::shared_ptr<const Lexicon> lexicon,
//                    Lexicon::Build(Language::kSwedish, {"försörjning", "stöd"}));
//   lexicon->Split("försörjningsstödet");  // {"försörjning", "stöd"}
//
// Immutable, so thread-safe; "adding" words makes a new lexicon (With()).
#ifndef COREMATCH_SERVICES_MATCHING_ANALYSIS_LEXICON_H_
#define COREMATCH_SERVICES_MATCHING_ANALYSIS_LEXICON_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "services/matching/analysis/language.h"

namespace corematch::matching {

class Lexicon final {
 public:
  // Parts of a compound are at least this many code points.
  static constexpr size_t kMinPartLength = 3;
  // A compound splits into at most this many parts.
  static constexpr size_t kMaxParts = 3;
  // An inflected final part is a known word or its stem plus at most this
  // many code points ("stöd|et", "myndighet|en", "skol|or").
  static constexpr size_t kMaxInflectionLength = 4;

  // `words` must be normalised as Analyzer normalises (NFKC_Casefold); words
  // shorter than kMinPartLength are dropped, duplicates merged.
  // INVALID_ARGUMENT unless IsCompounding(language).
  static absl::StatusOr<std::shared_ptr<const Lexicon>> Build(Language language,
                                                              std::vector<std::string> words);

  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;

  // A new lexicon holding this one's words and `words` (normalised).
  absl::StatusOr<std::shared_ptr<const Lexicon>> With(absl::Span<const std::string> words) const;

  Language language() const { return language_; }
  size_t size() const { return entries_.size(); }

  // True if `word` is in the lexicon.
  bool Contains(absl::string_view word) const;

  // True if `word` is in the lexicon or looks like an inflection of a word in
  // it: that word or its stem followed by at most kMaxInflectionLength code
  // points.
  bool Knows(absl::string_view word) const;

  // Splits `word` into kMinPartLength..kMaxParts known words, allowing the
  // language's linking elements between parts ("försörjning|s|stöd"), an
  // elided final vowel on a non-final part ("arbet(e)|s|marknad") and an
  // inflected final part. Prefers fewest parts, then exact final parts, then
  // the least linking material, then the longest first part. The parts are
  // the lexicon's own spelling of the words, in order; *parts is left empty
  // when `word` splits no way. Views are valid while the lexicon lives.
  void Split(absl::string_view word, std::vector<absl::string_view>* parts) const;
  std::vector<std::string> Split(absl::string_view word) const;

 private:
  struct Entry {
    std::string word;
    std::string stem;
  };
  struct Node {
    uint32_t first_edge = 0;
    uint32_t edge_count = 0;
    int32_t word = -1;     // Entry whose word ends here.
    int32_t stem_of = -1;  // An entry whose stem ends here.
  };
  struct Key;
  struct SplitState;

  Lexicon(Language language, std::vector<Entry> entries);
  static absl::StatusOr<std::shared_ptr<const Lexicon>> FromEntries(Language language,
                                                                    std::vector<Entry> entries);

  // Trie construction from sorted, distinct keys sharing their first `depth`
  // bytes; returns the node made.
  uint32_t BuildNode(absl::Span<const Key> keys, size_t depth);
  // The child of `node` along `byte`, or -1.
  int64_t Child(uint32_t node, uint8_t byte) const;
  // The node reached from `node` along `text`, or -1.
  int64_t Walk(uint32_t node, absl::string_view text) const;

  // Entry index of the final part `text`, or -1; *exact false when `text` is
  // an inflection of the entry.
  int32_t MatchFinal(absl::string_view text, bool* exact) const;
  void Search(absl::string_view text, SplitState* state) const;
  void SearchHeads(absl::string_view text, SplitState* state) const;

  const Language language_;
  std::vector<Entry> entries_;  // Sorted by word.
  std::vector<Node> nodes_;     // nodes_[0] is the root.
  std::vector<uint8_t> edge_bytes_;
  std::vector<uint32_t> edge_targets_;
  // The root's children by byte (-1 for none): every walk starts there, and
  // the root has the most children to search.
  std::array<int32_t, 256> root_children_;
  absl::Span<const absl::string_view> links_;     // Between parts, "" first.
  absl::Span<const absl::string_view> elisions_;  // Dropped from non-final parts.
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_ANALYSIS_LEXICON_H_
