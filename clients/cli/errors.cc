// clients/cli/errors.cc
#include "clients/cli/errors.h"

#include <iterator>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/any.pb.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "grpcpp/support/status.h"

namespace corematch::cli {
namespace {

constexpr const char* kCodeNames[] = {
    "OK",
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED",
};

void AppendBadRequest(const google::rpc::BadRequest& bad_request, std::vector<std::string>* lines) {
  for (const auto& violation : bad_request.field_violations()) {
    lines->push_back(absl::StrCat(violation.field(), ": ", violation.description()));
  }
}

void AppendErrorInfo(const google::rpc::ErrorInfo& info, std::vector<std::string>* lines) {
  if (!info.reason().empty()) lines->push_back(absl::StrCat("reason: ", info.reason()));
  // Sorted, so that output does not depend on map order.
  std::map<std::string, std::string> metadata(info.metadata().begin(), info.metadata().end());
  for (const auto& [key, value] : metadata) {
    lines->push_back(absl::StrCat("metadata.", key, ": ", value));
  }
}

void AppendPreconditionFailure(const google::rpc::PreconditionFailure& failure,
                               std::vector<std::string>* lines) {
  for (const auto& violation : failure.violations()) {
    lines->push_back(absl::StrCat("precondition ", violation.type(), " ", violation.subject(), ": ",
                                  violation.description()));
  }
}

void AppendDetail(const google::protobuf::Any& detail, std::vector<std::string>* lines) {
  google::rpc::BadRequest bad_request;
  google::rpc::ErrorInfo info;
  google::rpc::PreconditionFailure failure;
  google::rpc::RetryInfo retry;
  if (detail.UnpackTo(&bad_request)) {
    AppendBadRequest(bad_request, lines);
  } else if (detail.UnpackTo(&info)) {
    AppendErrorInfo(info, lines);
  } else if (detail.UnpackTo(&failure)) {
    AppendPreconditionFailure(failure, lines);
  } else if (detail.UnpackTo(&retry)) {
    double seconds = static_cast<double>(retry.retry_delay().seconds()) +
                     static_cast<double>(retry.retry_delay().nanos()) / 1e9;
    lines->push_back(absl::StrCat("retry after: ", seconds, "s"));
  }
}

}  // namespace

std::string StatusCodeName(grpc::StatusCode code) {
  int number = static_cast<int>(code);
  if (number >= 0 && number < static_cast<int>(std::size(kCodeNames))) return kCodeNames[number];
  return absl::StrCat("UNKNOWN_CODE_", number);
}

std::vector<std::string> StatusDetailLines(const grpc::Status& status) {
  std::vector<std::string> lines;
  if (status.error_details().empty()) return lines;
  google::rpc::Status rpc_status;
  if (!rpc_status.ParseFromString(status.error_details())) return lines;
  for (const google::protobuf::Any& detail : rpc_status.details()) AppendDetail(detail, &lines);
  return lines;
}

std::string ErrorReason(const grpc::Status& status) {
  google::rpc::Status rpc_status;
  if (status.error_details().empty() || !rpc_status.ParseFromString(status.error_details())) {
    return "";
  }
  google::rpc::ErrorInfo info;
  for (const google::protobuf::Any& detail : rpc_status.details()) {
    if (detail.UnpackTo(&info)) return info.reason();
  }
  return "";
}

void PrintRpcError(const grpc::Status& status, std::ostream& err) {
  err << "error: " << StatusCodeName(status.error_code()) << ": " << status.error_message() << "\n";
  for (const std::string& line : StatusDetailLines(status)) err << "  " << line << "\n";
}

std::string FormatRpcErrorLine(const grpc::Status& status) {
  std::string line =
      absl::StrCat(StatusCodeName(status.error_code()), ": ", status.error_message());
  std::vector<std::string> details = StatusDetailLines(status);
  if (!details.empty()) absl::StrAppend(&line, " (", absl::StrJoin(details, "; "), ")");
  return line;
}

}  // namespace corematch::cli
