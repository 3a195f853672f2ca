// services/common/etag.h
//
// Etags (AIP-154) computed from a resource's content: the same content gives
// the same etag, any change a new one. The resource's own etag field is
// ignored when hashing.
#ifndef COREMATCH_SERVICES_COMMON_ETAG_H_
#define COREMATCH_SERVICES_COMMON_ETAG_H_

#include <initializer_list>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/message.h"

namespace corematch {

// Computes the etag of `resource`, whose `etag` string field is skipped.
std::string ComputeEtag(const google::protobuf::Message& resource);

// The etag of content given as `parts`, each `message` serialised
// deterministically, in order. For a resource whose etag hashes a view of it
// rather than all of it, without copying the parts the view leaves as they are.
std::string ComputeEtagOfParts(std::initializer_list<const google::protobuf::Message*> parts);

// OK when `given` is empty (unconditional) or equals `current`; ABORTED with
// reason ETAG_MISMATCH otherwise, telling the caller to read again.
absl::Status CheckEtag(absl::string_view given, absl::string_view current,
                       absl::string_view resource_name);

}  // namespace corematch

#endif  // COREMATCH_SERVICES_COMMON_ETAG_H_
