// services/common/update_mask.h
//
// AIP-134 partial updates: which fields of a resource an Update changes.
#ifndef COREMATCH_SERVICES_COMMON_UPDATE_MASK_H_
#define COREMATCH_SERVICES_COMMON_UPDATE_MASK_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "google/protobuf/field_mask.pb.h"
#include "google/protobuf/message.h"

namespace corematch {

// Copies fields of `patch` into `target`:
//  - an empty mask updates the fields `patch` populates (output-only fields,
//    those not in `updatable`, are ignored);
//  - "*" replaces every updatable field, clearing those `patch` leaves unset;
//  - otherwise each path (e.g. "title", "origin.country") must start with an
//    updatable field, else INVALID_ARGUMENT naming `mask_field`.
// Repeated and message fields named by the mask are replaced, not merged.
absl::Status ApplyUpdateMask(const google::protobuf::Message& patch,
                             const google::protobuf::FieldMask& mask,
                             const std::vector<std::string>& updatable,
                             absl::string_view mask_field, google::protobuf::Message* target);

}  // namespace corematch

#endif  // COREMATCH_SERVICES_COMMON_UPDATE_MASK_H_
