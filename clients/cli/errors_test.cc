// clients/cli/errors_test.cc
#include "clients/cli/errors.h"

#include <sstream>
#include <string>

#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"

namespace corematch::cli {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

grpc::Status InvalidSolution() {
  google::rpc::BadRequest bad_request;
  auto* title = bad_request.add_field_violations();
  title->set_field("solution.title");
  title->set_description("required");
  auto* language = bad_request.add_field_violations();
  language->set_field("solution.language");
  language->set_description("not a BCP 47 language tag");
  google::rpc::ErrorInfo info;
  info.set_reason("FIELD_INVALID");
  info.set_domain("corematch.dev");
  (*info.mutable_metadata())["count"] = "2";
  google::rpc::Status status;
  status.set_code(static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  status.set_message("solution has 2 invalid fields");
  status.add_details()->PackFrom(bad_request);
  status.add_details()->PackFrom(info);
  return grpc::Status(grpc::StatusCode::INVALID_ARGUMENT, status.message(),
                      status.SerializeAsString());
}

TEST(StatusCodeNameTest, NamesCanonicalCodes) {
  EXPECT_EQ(StatusCodeName(grpc::StatusCode::OK), "OK");
  EXPECT_EQ(StatusCodeName(grpc::StatusCode::INVALID_ARGUMENT), "INVALID_ARGUMENT");
  EXPECT_EQ(StatusCodeName(grpc::StatusCode::UNAUTHENTICATED), "UNAUTHENTICATED");
  EXPECT_EQ(StatusCodeName(static_cast<grpc::StatusCode>(99)), "UNKNOWN_CODE_99");
}

TEST(PrintRpcErrorTest, PrintsCodeMessageViolationsAndReason) {
  std::ostringstream err;
  PrintRpcError(InvalidSolution(), err);
  EXPECT_EQ(err.str(),
            "error: INVALID_ARGUMENT: solution has 2 invalid fields\n"
            "  solution.title: required\n"
            "  solution.language: not a BCP 47 language tag\n"
            "  reason: FIELD_INVALID\n"
            "  metadata.count: 2\n");
}

TEST(PrintRpcErrorTest, PrintsStatusWithoutDetails) {
  std::ostringstream err;
  PrintRpcError(grpc::Status(grpc::StatusCode::NOT_FOUND, "solutions/x not found"), err);
  EXPECT_EQ(err.str(), "error: NOT_FOUND: solutions/x not found\n");
}

TEST(ErrorReasonTest, FindsTheErrorInfoAfterOtherDetails) {
  EXPECT_EQ(ErrorReason(InvalidSolution()), "FIELD_INVALID");
}

TEST(ErrorReasonTest, IsEmptyWithoutErrorInfo) {
  EXPECT_EQ(ErrorReason(grpc::Status(grpc::StatusCode::NOT_FOUND, "gone")), "");
  EXPECT_EQ(ErrorReason(grpc::Status(grpc::StatusCode::INTERNAL, "boom", "\xff not a proto")), "");
}

TEST(StatusDetailLinesTest, IgnoresUnparsableDetails) {
  grpc::Status status(grpc::StatusCode::INTERNAL, "boom", "\xff\xff not a proto");
  EXPECT_THAT(StatusDetailLines(status), IsEmpty());
}

TEST(StatusDetailLinesTest, DescribesPreconditionFailure) {
  google::rpc::PreconditionFailure failure;
  auto* violation = failure.add_violations();
  violation->set_type("STATE");
  violation->set_subject("solutions/abc");
  violation->set_description("already withdrawn");
  google::rpc::Status status;
  status.add_details()->PackFrom(failure);
  grpc::Status grpc_status(grpc::StatusCode::FAILED_PRECONDITION, "no", status.SerializeAsString());
  EXPECT_THAT(StatusDetailLines(grpc_status),
              ElementsAre("precondition STATE solutions/abc: already withdrawn"));
}

TEST(FormatRpcErrorLineTest, PutsDetailsOnOneLine) {
  EXPECT_EQ(FormatRpcErrorLine(InvalidSolution()),
            "INVALID_ARGUMENT: solution has 2 invalid fields (solution.title: required; "
            "solution.language: not a BCP 47 language tag; reason: FIELD_INVALID; "
            "metadata.count: 2)");
}

}  // namespace
}  // namespace corematch::cli
