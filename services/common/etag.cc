#include "services/common/etag.h"

#include <memory>

#include "absl/strings/str_cat.h"
#include "google/protobuf/io/coded_stream.h"
#include "google/protobuf/io/zero_copy_stream_impl_lite.h"
#include "services/common/errors.h"
#include "services/common/id_generator.h"

namespace corematch {
namespace {

void AppendDeterministic(const google::protobuf::Message& message, std::string& bytes) {
  google::protobuf::io::StringOutputStream stream(&bytes);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  message.SerializeToCodedStream(&coded);
}

}  // namespace

std::string ComputeEtag(const google::protobuf::Message& resource) {
  const google::protobuf::FieldDescriptor* etag = resource.GetDescriptor()->FindFieldByName("etag");
  // The etag hashes everything but itself. Writers clear it before hashing,
  // so the resource can usually be hashed as it is, without a copy.
  std::unique_ptr<google::protobuf::Message> copy;
  const google::protobuf::Message* hashed = &resource;
  if (etag != nullptr && !resource.GetReflection()->GetString(resource, etag).empty()) {
    copy.reset(resource.New());
    copy->CopyFrom(resource);
    copy->GetReflection()->ClearField(copy.get(), etag);
    hashed = copy.get();
  }
  return ComputeEtagOfParts({hashed});
}

std::string ComputeEtagOfParts(std::initializer_list<const google::protobuf::Message*> parts) {
  std::string bytes;
  for (const google::protobuf::Message* part : parts) AppendDeterministic(*part, bytes);
  return Sha256Hex(bytes).substr(0, 20);
}

absl::Status CheckEtag(absl::string_view given, absl::string_view current,
                       absl::string_view resource_name) {
  if (given.empty() || given == current) return absl::OkStatus();
  return MakeError(absl::StatusCode::kAborted, "ETAG_MISMATCH",
                   absl::StrCat(resource_name,
                                " was changed since it was read (etag mismatch); get it again, "
                                "reapply your change and retry"));
}

}  // namespace corematch
