// services/matching/engine/fingerprint.h
//
// Fingerprint32: a hash of a string that is the same in every process and on
// every build (32-bit FNV-1a). For hashes that are persisted — in the
// analysed documents of the matching store and in engine snapshots — and then
// compared with hashes a later process computes. absl::Hash cannot serve
// there: it is seeded afresh in each process, so a stored hash would match
// nothing after a restart.
#ifndef COREMATCH_SERVICES_MATCHING_ENGINE_FINGERPRINT_H_
#define COREMATCH_SERVICES_MATCHING_ENGINE_FINGERPRINT_H_

#include <cstdint>

#include "absl/strings/string_view.h"

namespace corematch::matching {

inline uint32_t Fingerprint32(absl::string_view text) {
  uint32_t hash = 2166136261u;
  for (const char c : text) {
    hash ^= static_cast<uint8_t>(c);
    hash *= 16777619u;
  }
  return hash;
}

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_ENGINE_FINGERPRINT_H_
