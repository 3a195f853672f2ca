#include "services/matching/engine/features_codec.h"

namespace corematch::matching {
namespace {

// What both kinds of features begin with.
template <typename Features>
void WriteSetting(ByteWriter& w, const Features& f) {
  w.String(f.language);
  w.String(f.country);
  w.String(f.region);
  w.Strings(f.sectors);
  w.Hashes(f.target_group_terms);
  w.Signed(f.population);
}

template <typename Features>
bool ReadSetting(ByteReader& r, Features& f) {
  return r.String(f.language) && r.String(f.country) && r.String(f.region) &&
         r.Strings(f.sectors) && r.Hashes(f.target_group_terms) && r.Signed(f.population);
}

}  // namespace

void WriteFeatures(ByteWriter& w, const SolutionFeatures& f) {
  WriteSetting(w, f);
  w.Signed(f.maturity);
  w.Signed(f.evidence_count);
  w.Signed(f.support_capacity);
}

void WriteFeatures(ByteWriter& w, const NeedFeatures& f) {
  WriteSetting(w, f);
  w.Strings(f.accepted_languages);
}

bool ReadFeatures(ByteReader& r, SolutionFeatures& f) {
  int64_t maturity, evidence, capacity;
  if (!ReadSetting(r, f) || !r.Signed(maturity) || !r.Signed(evidence) || !r.Signed(capacity)) {
    return false;
  }
  f.maturity = static_cast<MaturityLevel>(maturity);
  f.evidence_count = static_cast<int>(evidence);
  f.support_capacity = static_cast<int>(capacity);
  return true;
}

bool ReadFeatures(ByteReader& r, NeedFeatures& f) {
  return ReadSetting(r, f) && r.Strings(f.accepted_languages);
}

}  // namespace corematch::matching
