#include "services/common/errors.h"

#include <optional>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "google/rpc/error_details.pb.h"

namespace corematch {
namespace {

constexpr absl::string_view kErrorInfoUrl = "type.googleapis.com/google.rpc.ErrorInfo";
constexpr absl::string_view kBadRequestUrl = "type.googleapis.com/google.rpc.BadRequest";

void AttachErrorInfo(absl::Status& status, absl::string_view reason) {
  google::rpc::ErrorInfo info;
  info.set_reason(reason.data(), reason.size());
  info.set_domain(kErrorDomain.data(), kErrorDomain.size());
  status.SetPayload(kErrorInfoUrl, absl::Cord(info.SerializeAsString()));
}

}  // namespace

absl::Status MakeError(absl::StatusCode code, absl::string_view reason, absl::string_view message) {
  absl::Status status(code, message);
  AttachErrorInfo(status, reason);
  return status;
}

std::string ErrorReason(const absl::Status& status) {
  auto payload = status.GetPayload(kErrorInfoUrl);
  if (!payload.has_value()) return "";
  google::rpc::ErrorInfo info;
  if (!info.ParseFromString(std::string(*payload))) return "";
  return info.reason();
}

absl::Status FieldViolations::ToStatus(absl::string_view reason) const {
  if (violations_.empty()) return absl::OkStatus();
  std::string message = "invalid request: ";
  constexpr size_t kNamedInMessage = 3;
  for (size_t i = 0; i < violations_.size() && i < kNamedInMessage; ++i) {
    absl::StrAppend(&message, i == 0 ? "" : "; ", violations_[i].first, ": ",
                    violations_[i].second);
  }
  if (violations_.size() > kNamedInMessage) {
    absl::StrAppend(&message, "; and ", violations_.size() - kNamedInMessage, " more");
  }
  absl::Status status = MakeError(absl::StatusCode::kInvalidArgument, reason, message);
  google::rpc::BadRequest bad_request;
  for (const auto& [field, description] : violations_) {
    auto* violation = bad_request.add_field_violations();
    violation->set_field(field);
    violation->set_description(description);
  }
  status.SetPayload(kBadRequestUrl, absl::Cord(bad_request.SerializeAsString()));
  return status;
}

}  // namespace corematch
