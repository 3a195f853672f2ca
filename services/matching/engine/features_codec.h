// services/matching/engine/features_codec.h
//
// The binary form of the context features (context_scorer.h), shared by the
// analysed documents the matching service stores and the engine's snapshot.
// `SolutionFeatures::connected_adopters` is not written: it is derived from
// the matches.
#ifndef COREMATCH_SERVICES_MATCHING_ENGINE_FEATURES_CODEC_H_
#define COREMATCH_SERVICES_MATCHING_ENGINE_FEATURES_CODEC_H_

#include "services/matching/engine/byte_codec.h"
#include "services/matching/engine/context_scorer.h"

namespace corematch::matching {

void WriteFeatures(ByteWriter& w, const SolutionFeatures& features);
void WriteFeatures(ByteWriter& w, const NeedFeatures& features);

// False when the input is truncated or malformed.
bool ReadFeatures(ByteReader& r, SolutionFeatures& features);
bool ReadFeatures(ByteReader& r, NeedFeatures& features);

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_ENGINE_FEATURES_CODEC_H_
