#include "clients/bench/health_workload.h"

#include <chrono>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace corematch::bench {
namespace {

namespace healthpb = ::grpc::health::v1;

struct PendingCheck final : PendingCall {
  healthpb::HealthCheckRequest request;
  healthpb::HealthCheckResponse response;
  std::unique_ptr<grpc::ClientAsyncResponseReader<healthpb::HealthCheckResponse>> reader;
};

}  // namespace

HealthWorkload::HealthWorkload(const std::vector<std::shared_ptr<grpc::Channel>>& channels,
                               std::string service)
    : service_(std::move(service)),
      path_(absl::StrCat("/", healthpb::Health::service_full_name(), "/Check")) {
  stubs_.reserve(channels.size());
  for (const auto& channel : channels) stubs_.push_back(healthpb::Health::NewStub(channel));
}

std::unique_ptr<PendingCall> HealthWorkload::Start(int client, grpc::CompletionQueue* cq) {
  auto call = std::make_unique<PendingCheck>();
  call->request.set_service(service_);
  call->context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(30));
  call->start = absl::Now();
  call->reader = stubs_[client]->AsyncCheck(&call->context, call->request, cq);
  call->reader->Finish(&call->response, &call->status, call.get());
  return call;
}

WireCall HealthWorkload::NextWireCall(int /*client*/) {
  healthpb::HealthCheckRequest request;
  request.set_service(service_);
  return {.method = 0, .path = path_, .message = request.SerializeAsString()};
}

absl::Status HealthWorkload::CheckWireResponse(int /*method*/, const std::string& response) const {
  healthpb::HealthCheckResponse answer;
  if (!answer.ParseFromString(response)) {
    return absl::InternalError("the response is not a HealthCheckResponse");
  }
  if (answer.status() != healthpb::HealthCheckResponse::SERVING) {
    return absl::UnavailableError(absl::StrCat(service_, " is not serving"));
  }
  return absl::OkStatus();
}

}  // namespace corematch::bench
