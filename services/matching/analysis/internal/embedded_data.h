// services/matching/analysis/internal/embedded_data.h
//
// The word lists of services/matching/analysis/data/, compiled into the
// binary by embed_data.cmake (the definition is generated).
#ifndef COREMATCH_SERVICES_MATCHING_ANALYSIS_INTERNAL_EMBEDDED_DATA_H_
#define COREMATCH_SERVICES_MATCHING_ANALYSIS_INTERNAL_EMBEDDED_DATA_H_

#include <optional>

#include "absl/strings/string_view.h"

namespace corematch::matching::internal {

// The contents of data/<name> (e.g. "stopwords.da.txt"), or nullopt if there
// is no such file. The view is valid for the life of the program.
std::optional<absl::string_view> EmbeddedDataFile(absl::string_view name);

}  // namespace corematch::matching::internal

#endif  // COREMATCH_SERVICES_MATCHING_ANALYSIS_INTERNAL_EMBEDDED_DATA_H_
