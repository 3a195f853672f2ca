#include "services/common/errors.h"

#include "gmock/gmock.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "gtest/gtest.h"
#include "services/common/grpc_status.h"

namespace corematch {
namespace {

using ::testing::HasSubstr;

TEST(ErrorsTest, FieldViolationsBecomeBadRequestDetails) {
  FieldViolations violations;
  violations.Add("solution.title", "required");
  violations.Add("solution.language", "must be a BCP 47 tag such as \"da\"");
  absl::Status status = violations.ToStatus();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("solution.title: required"));

  grpc::Status grpc_status = ToGrpcStatus(status);
  EXPECT_EQ(grpc_status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status details;
  ASSERT_TRUE(details.ParseFromString(grpc_status.error_details()));
  google::rpc::BadRequest bad_request;
  google::rpc::ErrorInfo info;
  for (const auto& any : details.details()) {
    if (any.Is<google::rpc::BadRequest>()) any.UnpackTo(&bad_request);
    if (any.Is<google::rpc::ErrorInfo>()) any.UnpackTo(&info);
  }
  ASSERT_EQ(bad_request.field_violations_size(), 2);
  EXPECT_EQ(bad_request.field_violations(1).field(), "solution.language");
  EXPECT_EQ(info.reason(), "INVALID_FIELDS");
  EXPECT_EQ(info.domain(), "corematch.dev");
}

TEST(ErrorsTest, EmptyViolationsAreOk) { EXPECT_TRUE(FieldViolations().ToStatus().ok()); }

TEST(ErrorsTest, StatusWithoutReasonGetsOneFromItsCode) {
  grpc::Status grpc_status = ToGrpcStatus(absl::NotFoundError("solutions/x not found"));
  absl::Status back = FromGrpcStatus(grpc_status);
  EXPECT_EQ(back.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(ErrorReason(back), "NOT_FOUND");
}

TEST(ErrorsTest, ReasonSurvivesTheRoundTrip) {
  absl::Status status = MakeError(absl::StatusCode::kAborted, "ETAG_MISMATCH", "stale");
  EXPECT_EQ(ErrorReason(FromGrpcStatus(ToGrpcStatus(status))), "ETAG_MISMATCH");
}

}  // namespace
}  // namespace corematch
