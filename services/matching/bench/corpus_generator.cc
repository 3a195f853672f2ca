#include "services/matching/bench/corpus_generator.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace corematch::matching::bench {
namespace {

// Independent random streams, so that e.g. a solution's topic can be known
// without generating its text.
enum Stream : uint64_t {
  kFamilyStream = 1,
  kTopicStream,
  kSolutionTopicStream,
  kSolutionLanguageStream,
  kSolutionTextStream,
  kRequestTopicStream,
  kRequestLanguageStream,
  kRequestAcceptStream,
  kRequestTextStream,
};

uint64_t SplitMix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// splitmix64: small, fast and the same everywhere.
class Rng {
 public:
  Rng(uint64_t seed, uint64_t stream, uint64_t index)
      : state_(SplitMix(SplitMix(SplitMix(seed) ^ stream) ^ index)) {}

  uint64_t Next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    uint64_t z = state_;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // In [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // In [0, n).
  uint64_t Below(uint64_t n) { return n == 0 ? 0 : Next() % n; }
  // In [lo, hi].
  int Between(int lo, int hi) {
    return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo + 1)));
  }
  bool Chance(double p) { return Uniform() < p; }
  // An index drawn with the given weights.
  size_t Weighted(absl::Span<const double> weights) {
    double total = 0;
    for (double w : weights) total += w;
    double u = Uniform() * total;
    for (size_t i = 0; i < weights.size(); ++i) {
      if (u < weights[i]) return i;
      u -= weights[i];
    }
    return weights.size() - 1;
  }

 private:
  uint64_t state_;
};

// Zipf exponents used below.
enum ZipfLaw { kFlat = 0, kTopicLaw, kSectorLaw, kSteepLaw, kZipfLawCount };
constexpr double kZipfExponent[kZipfLawCount] = {0.6, 0.8, 1.0, 1.1};
constexpr size_t kMaxZipfSize = 128;

// Seed-independent tables, built once.
struct Tables {
  // Concept indices by Sector value.
  std::vector<std::vector<uint16_t>> pools;
  // Target-group concept indices by Sector value.
  std::vector<std::vector<uint16_t>> groups;
  // Municipality indices by CorpusLanguage.
  std::vector<std::vector<uint16_t>> municipalities;
  // Nordic municipalities (for English texts from the Nordics).
  std::vector<uint16_t> nordic;
  // cdf[law][n]: cumulative Zipf probabilities over ranks 1..n.
  std::vector<double> cdf[kZipfLawCount][kMaxZipfSize + 1];
  std::vector<double> sector_weights;
  std::vector<std::vector<std::string>> concept_words;  // [concept][language]

  Tables() {
    const size_t sectors = static_cast<size_t>(Sector::kCommon) + 1;
    pools.resize(sectors);
    groups.resize(sectors);
    absl::Span<const Concept> concepts = Concepts();
    for (size_t c = 0; c < concepts.size(); ++c) {
      const size_t s = static_cast<size_t>(concepts[c].sector);
      pools[s].push_back(static_cast<uint16_t>(c));
      if (concepts[c].target_group) groups[s].push_back(static_cast<uint16_t>(c));
    }
    municipalities.resize(kCorpusLanguageCount);
    absl::Span<const Municipality> all = Municipalities();
    for (size_t m = 0; m < all.size(); ++m) {
      municipalities[static_cast<size_t>(all[m].language)].push_back(static_cast<uint16_t>(m));
      if (all[m].country == "DK" || all[m].country == "SE" || all[m].country == "NO" ||
          all[m].country == "FI") {
        nordic.push_back(static_cast<uint16_t>(m));
      }
    }
    for (int law = 0; law < kZipfLawCount; ++law) {
      for (size_t n = 1; n <= kMaxZipfSize; ++n) {
        std::vector<double>& c = cdf[law][n];
        double sum = 0;
        for (size_t r = 1; r <= n; ++r) {
          sum += 1.0 / std::pow(static_cast<double>(r), kZipfExponent[law]);
          c.push_back(sum);
        }
        for (double& v : c) v /= sum;
      }
    }
    for (const SectorInfo& info : TopicSectors()) sector_weights.push_back(info.weight);
  }

  size_t Zipf(Rng& rng, size_t n, ZipfLaw law) const {
    if (n <= 1) return 0;
    const std::vector<double>& c = cdf[law][std::min(n, kMaxZipfSize)];
    const size_t i =
        static_cast<size_t>(std::upper_bound(c.begin(), c.end(), rng.Uniform()) - c.begin());
    return std::min(i, n - 1);
  }
};

const Tables& GetTables() {
  static const Tables* tables = new Tables();
  return *tables;
}

const std::vector<uint16_t>& Pool(Sector sector) {
  return GetTables().pools[static_cast<size_t>(sector)];
}

// Languages of a Nordic deployment: da, sv, no, fi, de, en.
constexpr double kLanguageWeights[kCorpusLanguageCount] = {0.24, 0.24, 0.16, 0.12, 0.08, 0.16};

CorpusLanguage DrawLanguage(Rng& rng) {
  return static_cast<CorpusLanguage>(rng.Weighted(kLanguageWeights));
}

// --- Writing -----------------------------------------------------------------

// Where the words of a text come from, as shares.
struct Mix {
  double topic;
  double sector;
  double secondary;
  double general;
  double common;
  double function;
  double noise;  // any concept at all
};

constexpr Mix kTitleMix = {0.60, 0.15, 0.00, 0.10, 0.05, 0.10, 0.00};
constexpr Mix kSummaryMix = {0.35, 0.15, 0.03, 0.14, 0.07, 0.25, 0.01};
constexpr Mix kDescriptionMix = {0.22, 0.15, 0.05, 0.16, 0.08, 0.32, 0.02};
constexpr Mix kCoreTitleMix = {0.60, 0.20, 0.00, 0.10, 0.00, 0.10, 0.00};
constexpr Mix kCoreDescriptionMix = {0.35, 0.15, 0.02, 0.15, 0.07, 0.26, 0.00};
constexpr Mix kRationaleMix = {0.20, 0.05, 0.00, 0.30, 0.15, 0.30, 0.00};
constexpr Mix kPreconditionMix = {0.10, 0.10, 0.00, 0.40, 0.10, 0.30, 0.00};
constexpr Mix kRequestTitleMix = {0.50, 0.20, 0.00, 0.10, 0.10, 0.10, 0.00};
constexpr Mix kNeedMix = {0.28, 0.17, 0.03, 0.14, 0.10, 0.27, 0.01};
constexpr Mix kEffectMix = {0.20, 0.10, 0.00, 0.30, 0.20, 0.20, 0.00};

bool IsAsciiVowel(char c) {
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

// True if `word` ends in a vowel (ASCII or one of å æ ø ä ö ü).
bool EndsInVowel(absl::string_view word) {
  if (word.empty()) return false;
  if (static_cast<unsigned char>(word.back()) < 0x80) return IsAsciiVowel(word.back());
  for (absl::string_view v : {"å", "æ", "ø", "ä", "ö", "ü"}) {
    if (absl::EndsWith(word, v)) return true;
  }
  return false;
}

// Acronyms, product names and hyphenated words are left alone.
bool Inflectable(absl::string_view word) {
  for (size_t i = 0; i < word.size(); ++i) {
    const char c = word[i];
    if ((c >= '0' && c <= '9') || c == '-' || c == '.') return false;
    if (i > 0 && c >= 'A' && c <= 'Z') return false;
  }
  return word.size() >= 3;
}

// A common inflection suffix of `language` that fits `word`, or "".
absl::string_view Suffix(absl::string_view word, CorpusLanguage language, Rng& rng) {
  const bool vowel = EndsInVowel(word);
  switch (language) {
    case CorpusLanguage::kDanish:
    case CorpusLanguage::kNorwegian:
    case CorpusLanguage::kSwedish: {
      static constexpr absl::string_view kAfterE[] = {"n", "r", "ns"};
      static constexpr absl::string_view kAfterConsonant[] = {"en", "er", "s"};
      if (vowel) return word.back() == 'e' ? kAfterE[rng.Below(3)] : "";
      return kAfterConsonant[rng.Below(3)];
    }
    case CorpusLanguage::kFinnish: {
      if (!vowel) return "";
      const bool back = word.find_first_of("aou") != absl::string_view::npos;
      static constexpr absl::string_view kBack[] = {"n", "a", "ssa", "lle", "sta"};
      static constexpr absl::string_view kFront[] = {"n", "ä", "ssä", "lle", "stä"};
      return back ? kBack[rng.Below(5)] : kFront[rng.Below(5)];
    }
    case CorpusLanguage::kGerman: {
      if (word.back() == 'e') return "n";
      for (absl::string_view ending : {"ung", "heit", "keit", "ion", "schaft", "tät"}) {
        if (absl::EndsWith(word, ending)) return "en";
      }
      return vowel ? "" : "s";
    }
    case CorpusLanguage::kEnglish:
      return vowel || word.back() == 's' ? "" : "s";
  }
  return "";
}

class TextWriter {
 public:
  TextWriter(Rng& rng, const Topic& topic, CorpusLanguage language)
      : rng_(rng), topic_(topic), language_(language), tables_(GetTables()) {}

  // `words` words in sentences of 6–14, each capitalised and ending in ".".
  std::string Sentences(int words, const Mix& mix) {
    std::string out;
    Write(words, mix, /*sentences=*/true, out);
    return out;
  }
  // `words` words, the first capitalised: a title.
  std::string Phrase(int words, const Mix& mix) {
    std::string out;
    Write(words, mix, /*sentences=*/false, out);
    return out;
  }

  // A concept's words, uninflected: tags and target groups.
  std::string Words(uint16_t concept_index) const {
    return std::string(Concepts()[concept_index].words[static_cast<size_t>(language_)]);
  }

 private:
  // A concept index, or -1 for a function word.
  int Draw(const Mix& mix) {
    const double weights[] = {mix.topic,  mix.sector,   mix.secondary, mix.general,
                              mix.common, mix.function, mix.noise};
    switch (rng_.Weighted(weights)) {
      case 0:
        return topic_.concepts[tables_.Zipf(rng_, topic_.concepts.size(), kTopicLaw)];
      case 1:
        return FromPool(topic_.sector, kSectorLaw);
      case 2:
        return FromPool(topic_.secondary_sector, kSectorLaw);
      case 3:
        return FromPool(Sector::kGeneral, kSectorLaw);
      case 4:
        return FromPool(Sector::kCommon, kSectorLaw);
      case 6:
        return static_cast<int>(rng_.Below(Concepts().size()));
      default:
        return -1;
    }
  }

  int FromPool(Sector sector, ZipfLaw law) {
    const std::vector<uint16_t>& pool = tables_.pools[static_cast<size_t>(sector)];
    return pool[tables_.Zipf(rng_, pool.size(), law)];
  }

  void Write(int words, const Mix& mix, bool sentences, std::string& out) {
    absl::Span<const absl::string_view> function_words = FunctionWords(language_);
    int sentence_left = 0;
    bool start = true;
    while (words > 0) {
      if (sentences && sentence_left <= 0) {
        sentence_left = rng_.Between(6, 14);
        start = true;
      }
      const int drawn = Draw(mix);
      absl::string_view text;
      bool inflect = false;
      int count = 1;
      if (drawn >= 0) {
        const Concept& c = Concepts()[static_cast<size_t>(drawn)];
        text = c.words[static_cast<size_t>(language_)];
        count = 1 + static_cast<int>(std::count(text.begin(), text.end(), ' '));
        inflect = c.sector != Sector::kCommon && rng_.Chance(0.22);
      }
      if (drawn < 0 || count > words) {
        text = function_words[tables_.Zipf(rng_, function_words.size(), kSteepLaw)];
        count = 1;
        inflect = false;
      }
      if (!out.empty()) out.push_back(' ');
      const size_t at = out.size();
      out.append(text.data(), text.size());
      if (inflect) {
        const absl::string_view last = text.substr(text.rfind(' ') + 1);
        if (Inflectable(last)) {
          const absl::string_view suffix = Suffix(last, language_, rng_);
          out.append(suffix.data(), suffix.size());
        }
      }
      if (start && out[at] >= 'a' && out[at] <= 'z') out[at] = static_cast<char>(out[at] - 32);
      start = false;
      words -= count;
      sentence_left -= count;
      if (sentences && (sentence_left <= 0 || words == 0)) out.push_back('.');
    }
  }

  Rng& rng_;
  const Topic& topic_;
  const CorpusLanguage language_;
  const Tables& tables_;
};

const Municipality& PickMunicipality(Rng& rng, CorpusLanguage language) {
  const Tables& tables = GetTables();
  const std::vector<uint16_t>* list = &tables.municipalities[static_cast<size_t>(language)];
  // English texts come from the UK and Ireland, and from Nordic
  // organisations writing for an international audience.
  if (language == CorpusLanguage::kEnglish && rng.Chance(0.4)) list = &tables.nordic;
  return Municipalities()[(*list)[rng.Below(list->size())]];
}

// Distinct concepts from `pool`, drawn with `law`, skipping `taken`.
void DrawDistinct(Rng& rng, const std::vector<uint16_t>& pool, ZipfLaw law, size_t count,
                  std::vector<uint16_t>& taken) {
  const size_t want = std::min(taken.size() + count, pool.size());
  for (int attempts = 0; taken.size() < want && attempts < 1000; ++attempts) {
    const uint16_t c = pool[GetTables().Zipf(rng, pool.size(), law)];
    if (std::find(taken.begin(), taken.end(), c) == taken.end()) taken.push_back(c);
  }
}

void AppendJsonString(std::string& out, absl::string_view s) {
  out.push_back('"');
  for (const char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppendFormat(&out, "\\u%04x", static_cast<int>(c));
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void AppendJsonStrings(std::string& out, const std::vector<std::string>& list) {
  out.push_back('[');
  for (size_t i = 0; i < list.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendJsonString(out, list[i]);
  }
  out.push_back(']');
}

// Appends `"key":` to an object begun with "{", after a comma unless it is
// the first member.
void Key(std::string& out, absl::string_view key) {
  if (out.size() > 1) out.push_back(',');
  AppendJsonString(out, key);
  out.push_back(':');
}

std::string SolutionId(uint64_t i) { return absl::StrFormat("s%08d", i); }
std::string RequestId(uint64_t j) { return absl::StrFormat("r%08d", j); }

std::optional<uint64_t> ParseIndex(absl::string_view name, absl::string_view prefix) {
  if (!absl::ConsumePrefix(&name, prefix)) return std::nullopt;
  uint64_t index;
  if (name.empty() || !absl::SimpleAtoi(name, &index)) return std::nullopt;
  return index;
}

}  // namespace

// --- CorpusGenerator -------------------------------------------------------------

CorpusGenerator::CorpusGenerator(CorpusOptions options) : options_(options) {
  const uint64_t per_topic = std::max<uint64_t>(1, options_.solutions_per_topic);
  uint64_t count = std::max<uint64_t>(100, options_.solutions / per_topic);
  count = (count + kTopicsPerFamily - 1) / kTopicsPerFamily * kTopicsPerFamily;
  topics_.reserve(count);
  for (uint32_t t = 0; t < count; ++t) topics_.push_back(MakeTopic(t));
}

Topic CorpusGenerator::MakeTopic(uint32_t t) const {
  const Tables& tables = GetTables();
  Topic topic;
  topic.id = t;
  Rng family(options_.seed, kFamilyStream, t / kTopicsPerFamily);
  const SectorInfo& info = TopicSectors()[family.Weighted(tables.sector_weights)];
  topic.sector = info.sector;
  topic.cofog = std::string(info.cofog[family.Below(info.cofog.size())]);
  std::vector<uint16_t> core;
  DrawDistinct(family, Pool(topic.sector), kSectorLaw, 3, core);

  Rng rng(options_.seed, kTopicStream, t);
  std::vector<uint16_t> own = core;
  DrawDistinct(rng, Pool(topic.sector), kFlat, 5, own);
  own.erase(own.begin(), own.begin() + static_cast<std::ptrdiff_t>(core.size()));
  do {
    topic.secondary_sector = TopicSectors()[rng.Below(kTopicSectorCount)].sector;
  } while (topic.secondary_sector == topic.sector);
  std::vector<uint16_t> extra;
  DrawDistinct(rng, Pool(topic.secondary_sector), kSectorLaw, 1, extra);
  DrawDistinct(rng, Pool(Sector::kGeneral), kSectorLaw, 1, extra);

  // Family words and the topic's own interleaved, most characteristic first.
  static constexpr int kOrder[] = {0, -1, 1, -2, -3, 2, -4, -5};
  for (int slot : kOrder) {
    const size_t i = static_cast<size_t>(slot >= 0 ? slot : -slot - 1);
    const std::vector<uint16_t>& from = slot >= 0 ? core : own;
    if (i < from.size()) topic.concepts.push_back(from[i]);
  }
  topic.concepts.insert(topic.concepts.end(), extra.begin(), extra.end());

  const std::vector<uint16_t>* groups = &tables.groups[static_cast<size_t>(topic.sector)];
  if (groups->empty()) groups = &tables.groups[static_cast<size_t>(Sector::kGeneral)];
  for (uint16_t c : topic.concepts) {
    if (Concepts()[c].target_group) topic.target_groups.push_back(c);
  }
  DrawDistinct(rng, *groups, kSectorLaw, topic.target_groups.empty() ? 2 : 1, topic.target_groups);
  return topic;
}

uint32_t CorpusGenerator::DrawTopic(uint64_t stream, uint64_t index) const {
  Rng rng(options_.seed, stream, index);
  // Popularity falls with the topic number: density ~ t^(-1/4).
  const double u = std::pow(rng.Uniform(), 1.3);
  return std::min(topic_count() - 1, static_cast<uint32_t>(u * topic_count()));
}

uint32_t CorpusGenerator::SolutionTopic(uint64_t i) const {
  return DrawTopic(kSolutionTopicStream, i);
}

CorpusLanguage CorpusGenerator::SolutionLanguage(uint64_t i) const {
  Rng rng(options_.seed, kSolutionLanguageStream, i);
  return DrawLanguage(rng);
}

uint32_t CorpusGenerator::RequestTopic(uint64_t j) const {
  return DrawTopic(kRequestTopicStream, j);
}

CorpusLanguage CorpusGenerator::RequestLanguage(uint64_t j) const {
  Rng rng(options_.seed, kRequestLanguageStream, j);
  return DrawLanguage(rng);
}

std::vector<CorpusLanguage> CorpusGenerator::RequestAcceptedLanguages(uint64_t j) const {
  Rng rng(options_.seed, kRequestAcceptStream, j);
  if (rng.Chance(0.5)) return {};
  using L = CorpusLanguage;
  switch (RequestLanguage(j)) {
    case L::kDanish:
      return {L::kDanish, L::kSwedish, L::kNorwegian, L::kEnglish};
    case L::kSwedish:
      return {L::kSwedish, L::kDanish, L::kNorwegian, L::kEnglish};
    case L::kNorwegian:
      return {L::kNorwegian, L::kDanish, L::kSwedish, L::kEnglish};
    case L::kFinnish:
      return {L::kFinnish, L::kSwedish, L::kEnglish};
    case L::kGerman:
      return {L::kGerman, L::kEnglish};
    case L::kEnglish:
      return {L::kEnglish};
  }
  return {};
}

GeneratedSolution CorpusGenerator::GenerateSolution(uint64_t i) const {
  return MakeSolution(i, /*full=*/true);
}

SolutionRecord CorpusGenerator::SolutionForExplanation(uint64_t i) const {
  return MakeSolution(i, /*full=*/false).record;
}

GeneratedSolution CorpusGenerator::MakeSolution(uint64_t i, bool full) const {
  // Each part from a stream of its own, so SolutionForExplanation can skip
  // the long texts and still give the same values.
  enum Part : uint64_t { kOwner, kTitle, kSummary, kDescription, kCore, kTags, kFacts, kNeeds };
  auto part = [&](Part p) { return Rng(options_.seed, kSolutionTextStream * 64 + p, i); };
  GeneratedSolution g;
  g.topic = SolutionTopic(i);
  const Topic& topic = topics_[g.topic];
  const CorpusLanguage language = SolutionLanguage(i);
  Rng owner = part(kOwner);
  g.owner = &PickMunicipality(owner, language);

  SolutionRecord& s = g.record;
  s.name = SolutionName(i);
  s.language = std::string(LanguageCode(language));
  s.country = std::string(g.owner->country);
  s.region = std::string(g.owner->region);
  Rng title = part(kTitle);
  s.title = TextWriter(title, topic, language).Phrase(title.Between(5, 10), kTitleMix);
  if (full) {
    Rng summary = part(kSummary);
    s.summary =
        TextWriter(summary, topic, language).Sentences(summary.Between(20, 40), kSummaryMix);
    Rng description = part(kDescription);
    s.description = TextWriter(description, topic, language)
                        .Sentences(description.Between(100, 250), kDescriptionMix);
  }
  Rng core_rng = part(kCore);
  TextWriter core_writer(core_rng, topic, language);
  static constexpr double kCoreCount[] = {0.15, 0.20, 0.30, 0.20, 0.15};
  for (size_t c = core_rng.Weighted(kCoreCount); c > 0; --c) {
    CoreElementText core;
    core.title = core_writer.Phrase(core_rng.Between(3, 6), kCoreTitleMix);
    core.description = core_writer.Sentences(core_rng.Between(15, 30), kCoreDescriptionMix);
    core.value_rationale = core_writer.Sentences(core_rng.Between(8, 15), kRationaleMix);
    s.core_elements.push_back(std::move(core));
  }
  Rng needs = part(kNeeds);
  TextWriter needs_writer(needs, topic, language);
  static constexpr absl::string_view kKinds[] = {"STAFF", "COMPETENCE", "IT",
                                                 "LEGAL", "BUDGET",     "OTHER"};
  for (int p = needs.Between(0, 3); p > 0; --p) {
    s.preconditions.push_back({std::string(kKinds[needs.Below(std::size(kKinds))]),
                               needs_writer.Sentences(needs.Between(5, 10), kPreconditionMix)});
  }
  if (!full) return g;

  Rng tags_rng = part(kTags);
  TextWriter tags_writer(tags_rng, topic, language);
  std::vector<uint16_t> tags;
  const size_t tag_count = static_cast<size_t>(tags_rng.Between(2, 6));
  for (int attempts = 0; tags.size() < tag_count && attempts < 50; ++attempts) {
    const uint16_t c =
        tags_rng.Chance(0.75)
            ? topic.concepts[GetTables().Zipf(tags_rng, topic.concepts.size(), kFlat)]
            : Pool(topic.sector)[tags_rng.Below(Pool(topic.sector).size())];
    if (std::find(tags.begin(), tags.end(), c) == tags.end()) tags.push_back(c);
  }
  for (uint16_t c : tags) s.tags.push_back(tags_writer.Words(c));
  const size_t groups = std::min<size_t>(topic.target_groups.size(), tags_rng.Between(1, 2));
  for (size_t k = 0; k < groups; ++k) {
    s.target_groups.push_back(tags_writer.Words(topic.target_groups[k]));
  }

  Rng facts = part(kFacts);
  s.sectors.push_back(topic.cofog);
  if (facts.Chance(0.2)) {
    for (const SectorInfo& info : TopicSectors()) {
      if (info.sector == topic.secondary_sector) s.sectors.emplace_back(info.cofog[0]);
    }
  }
  static constexpr double kMaturity[] = {0.08, 0.17, 0.35, 0.28, 0.12};
  s.maturity = static_cast<MaturityLevel>(facts.Weighted(kMaturity));
  if (s.maturity >= 3) {
    s.evidence_count = 1;
    while (s.evidence_count < 6 && facts.Chance(0.45)) ++s.evidence_count;
  } else {
    s.evidence_count = facts.Chance(0.2) ? 1 : 0;
  }
  s.support_capacity = facts.Chance(0.15) ? 0 : facts.Between(1, 10);
  return g;
}

GeneratedRequest CorpusGenerator::GenerateRequest(uint64_t j) const {
  GeneratedRequest g;
  g.topic = RequestTopic(j);
  const Topic& topic = topics_[g.topic];
  const CorpusLanguage language = RequestLanguage(j);
  Rng rng(options_.seed, kRequestTextStream, j);
  TextWriter writer(rng, topic, language);
  g.requester = &PickMunicipality(rng, language);

  RequestRecord& r = g.record;
  r.name = RequestName(j);
  r.language = std::string(LanguageCode(language));
  r.title = writer.Phrase(rng.Between(5, 10), kRequestTitleMix);
  r.need_statement = writer.Sentences(rng.Between(20, 80), kNeedMix);
  if (rng.Chance(0.8)) r.sectors.push_back(topic.cofog);
  if (rng.Chance(0.7)) r.target_groups.push_back(writer.Words(topic.target_groups[0]));
  for (int e = rng.Between(0, 2); e > 0; --e) {
    r.desired_effects.push_back(writer.Phrase(rng.Between(3, 6), kEffectMix));
  }
  r.country = std::string(g.requester->country);
  r.region = std::string(g.requester->region);
  r.population = g.requester->population;
  for (CorpusLanguage accepted : RequestAcceptedLanguages(j)) {
    r.accepted_languages.emplace_back(LanguageCode(accepted));
  }
  return g;
}

std::string CorpusGenerator::SolutionName(uint64_t i) {
  return absl::StrCat("solutions/", SolutionId(i));
}

std::optional<uint64_t> CorpusGenerator::SolutionIndex(absl::string_view name) {
  return ParseIndex(name, "solutions/s");
}

std::string CorpusGenerator::RequestName(uint64_t j) {
  return absl::StrCat("adoptionRequests/", RequestId(j));
}

std::optional<uint64_t> CorpusGenerator::RequestIndex(absl::string_view name) {
  return ParseIndex(name, "adoptionRequests/r");
}

// --- GroundTruth -------------------------------------------------------------------

GroundTruth::GroundTruth(const CorpusGenerator& generator) : generator_(generator) {
  members_.resize(generator.topic_count());
  for (uint64_t i = 0; i < generator.options().solutions; ++i) {
    members_[generator.SolutionTopic(i)].push_back(static_cast<uint32_t>(i));
  }
}

bool GroundTruth::Accepts(const std::vector<CorpusLanguage>& accepted, uint64_t solution) const {
  return accepted.empty() || std::find(accepted.begin(), accepted.end(),
                                       generator_.SolutionLanguage(solution)) != accepted.end();
}

int GroundTruth::Grade(uint64_t request, uint64_t solution) const {
  if (solution >= generator_.options().solutions) return 0;
  if (!Accepts(generator_.RequestAcceptedLanguages(request), solution)) return 0;
  const uint32_t want = generator_.RequestTopic(request);
  const uint32_t have = generator_.SolutionTopic(solution);
  if (have == want) return 2;
  return have / CorpusGenerator::kTopicsPerFamily == want / CorpusGenerator::kTopicsPerFamily ? 1
                                                                                              : 0;
}

std::vector<std::pair<uint64_t, int>> GroundTruth::Judgements(uint64_t request) const {
  const std::vector<CorpusLanguage> accepted = generator_.RequestAcceptedLanguages(request);
  const uint32_t want = generator_.RequestTopic(request);
  const uint32_t first =
      want / CorpusGenerator::kTopicsPerFamily * CorpusGenerator::kTopicsPerFamily;
  std::vector<std::pair<uint64_t, int>> judged;
  for (uint32_t t = first; t < first + CorpusGenerator::kTopicsPerFamily && t < members_.size();
       ++t) {
    for (uint32_t i : members_[t]) {
      if (Accepts(accepted, i)) judged.emplace_back(i, t == want ? 2 : 1);
    }
  }
  std::sort(judged.begin(), judged.end());
  return judged;
}

std::optional<double> GroundTruth::Ndcg(uint64_t request, absl::Span<const uint64_t> ranked,
                                        size_t k) const {
  std::vector<int> ideal;
  for (const auto& [solution, grade] : Judgements(request)) ideal.push_back(grade);
  if (ideal.empty()) return std::nullopt;
  std::sort(ideal.begin(), ideal.end(), std::greater<int>());
  auto gain = [](int grade, size_t rank) {
    return (std::pow(2.0, grade) - 1.0) / std::log2(static_cast<double>(rank) + 2.0);
  };
  double dcg = 0, idcg = 0;
  for (size_t r = 0; r < k && r < ranked.size(); ++r) dcg += gain(Grade(request, ranked[r]), r);
  for (size_t r = 0; r < k && r < ideal.size(); ++r) idcg += gain(ideal[r], r);
  return dcg / idcg;
}

// --- Files ---------------------------------------------------------------------

std::string SolutionJson(uint64_t i, const GeneratedSolution& g) {
  const SolutionRecord& s = g.record;
  std::string out = "{";
  Key(out, "id");
  AppendJsonString(out, SolutionId(i));
  Key(out, "name");
  AppendJsonString(out, s.name);
  Key(out, "title");
  AppendJsonString(out, s.title);
  Key(out, "summary");
  AppendJsonString(out, s.summary);
  Key(out, "description");
  AppendJsonString(out, s.description);
  Key(out, "language");
  AppendJsonString(out, s.language);
  Key(out, "country");
  AppendJsonString(out, s.country);
  Key(out, "region");
  AppendJsonString(out, s.region);
  Key(out, "origin_org");
  AppendJsonString(out, g.owner != nullptr ? g.owner->name : "");
  Key(out, "sector");
  AppendJsonString(out, s.sectors.empty() ? "" : s.sectors[0]);
  Key(out, "sectors");
  AppendJsonStrings(out, s.sectors);
  Key(out, "tags");
  AppendJsonStrings(out, s.tags);
  Key(out, "target_groups");
  AppendJsonStrings(out, s.target_groups);
  Key(out, "core_elements");
  out.push_back('[');
  for (size_t c = 0; c < s.core_elements.size(); ++c) {
    if (c > 0) out.push_back(',');
    out += "{\"title\":";
    AppendJsonString(out, s.core_elements[c].title);
    out += ",\"description\":";
    AppendJsonString(out, s.core_elements[c].description);
    out += ",\"value_rationale\":";
    AppendJsonString(out, s.core_elements[c].value_rationale);
    out.push_back('}');
  }
  out.push_back(']');
  Key(out, "preconditions");
  out.push_back('[');
  for (size_t p = 0; p < s.preconditions.size(); ++p) {
    if (p > 0) out.push_back(',');
    out += "{\"kind\":";
    AppendJsonString(out, s.preconditions[p].kind);
    out += ",\"description\":";
    AppendJsonString(out, s.preconditions[p].description);
    out.push_back('}');
  }
  out.push_back(']');
  absl::StrAppend(&out, ",\"maturity\":", s.maturity, ",\"evidence_count\":", s.evidence_count,
                  ",\"support_capacity\":", s.support_capacity, ",\"topic\":", g.topic, "}");
  return out;
}

std::string RequestJson(uint64_t j, const GeneratedRequest& g) {
  const RequestRecord& r = g.record;
  std::string out = "{";
  Key(out, "id");
  AppendJsonString(out, RequestId(j));
  Key(out, "name");
  AppendJsonString(out, r.name);
  Key(out, "title");
  AppendJsonString(out, r.title);
  Key(out, "text");
  AppendJsonString(out, r.need_statement);
  Key(out, "language");
  AppendJsonString(out, r.language);
  Key(out, "country");
  AppendJsonString(out, r.country);
  Key(out, "region");
  AppendJsonString(out, r.region);
  Key(out, "org_name");
  AppendJsonString(out, g.requester != nullptr ? g.requester->name : "");
  Key(out, "org_type");
  AppendJsonString(out, "municipality");
  absl::StrAppend(&out, ",\"population\":", r.population);
  Key(out, "sector");
  AppendJsonString(out, r.sectors.empty() ? "" : r.sectors[0]);
  Key(out, "sectors");
  AppendJsonStrings(out, r.sectors);
  Key(out, "target_group");
  AppendJsonString(out, absl::StrJoin(r.target_groups, ", "));
  Key(out, "target_groups");
  AppendJsonStrings(out, r.target_groups);
  Key(out, "desired_effects");
  AppendJsonStrings(out, r.desired_effects);
  Key(out, "accepted_languages");
  AppendJsonStrings(out, r.accepted_languages);
  absl::StrAppend(&out, ",\"topic\":", g.topic, "}");
  return out;
}

absl::Status WriteCorpus(const CorpusGenerator& generator, const GroundTruth& truth,
                         const std::string& dir) {
  auto open = [&](absl::string_view file, std::ofstream& out) -> absl::Status {
    const std::string path = absl::StrCat(dir, "/", file);
    out.open(path, std::ios::binary | std::ios::trunc);
    if (!out) return absl::UnavailableError(absl::StrCat("cannot write ", path));
    return absl::OkStatus();
  };
  std::ofstream solutions, requests, qrels;
  if (absl::Status s = open("solutions.jsonl", solutions); !s.ok()) return s;
  if (absl::Status s = open("requests.jsonl", requests); !s.ok()) return s;
  if (absl::Status s = open("qrels.tsv", qrels); !s.ok()) return s;
  for (uint64_t i = 0; i < generator.options().solutions; ++i) {
    solutions << SolutionJson(i, generator.GenerateSolution(i)) << '\n';
  }
  qrels << "request_id\tsolution_id\tgrade\n";
  for (uint64_t j = 0; j < generator.options().requests; ++j) {
    requests << RequestJson(j, generator.GenerateRequest(j)) << '\n';
    const std::string id = RequestId(j);
    for (const auto& [i, grade] : truth.Judgements(j)) {
      qrels << id << '\t' << SolutionId(i) << '\t' << grade << '\n';
    }
  }
  solutions.flush();
  requests.flush();
  qrels.flush();
  if (!solutions || !requests || !qrels) {
    return absl::DataLossError(absl::StrCat("writing the corpus to ", dir, " failed"));
  }
  return absl::OkStatus();
}

}  // namespace corematch::matching::bench
