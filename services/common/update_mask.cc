#include "services/common/update_mask.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/field_mask_util.h"
#include "services/common/errors.h"

namespace corematch {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::FieldMask;
using google::protobuf::Message;
using google::protobuf::util::FieldMaskUtil;

bool IsUpdatable(const std::vector<std::string>& updatable, absl::string_view field) {
  return std::find(updatable.begin(), updatable.end(), field) != updatable.end();
}

FieldMask PopulatedFields(const Message& patch, const std::vector<std::string>& updatable) {
  std::vector<const FieldDescriptor*> fields;
  patch.GetReflection()->ListFields(patch, &fields);
  FieldMask mask;
  for (const FieldDescriptor* field : fields) {
    if (IsUpdatable(updatable, field->name())) mask.add_paths(field->name());
  }
  return mask;
}

}  // namespace

absl::Status ApplyUpdateMask(const Message& patch, const FieldMask& mask,
                             const std::vector<std::string>& updatable,
                             absl::string_view mask_field, Message* target) {
  FieldMask effective;
  if (mask.paths_size() == 0) {
    effective = PopulatedFields(patch, updatable);
  } else if (mask.paths_size() == 1 && mask.paths(0) == "*") {
    for (const std::string& field : updatable) effective.add_paths(field);
  } else {
    FieldViolations violations;
    for (const std::string& path : mask.paths()) {
      std::string top = std::string(*absl::StrSplit(path, '.').begin());
      if (!IsUpdatable(updatable, top) ||
          !FieldMaskUtil::GetFieldDescriptors(patch.GetDescriptor(), path, nullptr)) {
        violations.Add(std::string(mask_field),
                       absl::StrCat("'", path, "' is not an updatable field; updatable: ",
                                    absl::StrJoin(updatable, ", "), ", or '*'"));
      } else {
        effective.add_paths(path);
      }
    }
    if (!violations.empty()) return violations.ToStatus("INVALID_UPDATE_MASK");
  }
  FieldMaskUtil::MergeOptions options;
  options.set_replace_message_fields(true);
  options.set_replace_repeated_fields(true);
  FieldMaskUtil::MergeMessageTo(patch, effective, options, target);
  return absl::OkStatus();
}

}  // namespace corematch
