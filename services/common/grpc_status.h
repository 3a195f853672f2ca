// services/common/grpc_status.h
//
// The one conversion from absl::Status to grpc::Status, used at the service
// edge only. gRPC 1.51 has none of its own; the codes map one to one. Payloads
// of the status (ErrorInfo, BadRequest) become google.rpc.Status details in
// the `grpc-status-details-bin` trailer; a status without ErrorInfo gets one
// with a reason derived from its code.
#ifndef COREMATCH_SERVICES_COMMON_GRPC_STATUS_H_
#define COREMATCH_SERVICES_COMMON_GRPC_STATUS_H_

#include "absl/status/status.h"
#include "grpcpp/support/status.h"

namespace corematch {

grpc::Status ToGrpcStatus(const absl::Status& status);

// The inverse, for clients and in-process callers: keeps code and message and
// the details as payloads.
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace corematch

#endif  // COREMATCH_SERVICES_COMMON_GRPC_STATUS_H_
