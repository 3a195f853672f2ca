#include "clients/bench/h2_connection.h"

#include <poll.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clients/bench/health_workload.h"
#include "clients/bench/wire_load.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "grpcpp/grpcpp.h"
#include "gtest/gtest.h"

namespace corematch::bench {
namespace {

namespace healthpb = ::grpc::health::v1;

constexpr char kCheck[] = "/grpc.health.v1.Health/Check";

// Health checks as gRPC's own health service answers them: "serving.Service"
// is SERVING, "resting.Service" NOT_SERVING, any other NOT_FOUND; and
// "guarded.Service" is SERVING to callers that send "authorization: Bearer k".
class FixedHealth final : public healthpb::Health::Service {
  grpc::Status Check(grpc::ServerContext* context, const healthpb::HealthCheckRequest* request,
                     healthpb::HealthCheckResponse* response) override {
    if (request->service() == "guarded.Service") {
      auto key = context->client_metadata().find("authorization");
      if (key == context->client_metadata().end() || key->second != "Bearer k") {
        return grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "want 'Bearer k'");
      }
      response->set_status(healthpb::HealthCheckResponse::SERVING);
    } else if (request->service() == "serving.Service") {
      response->set_status(healthpb::HealthCheckResponse::SERVING);
    } else if (request->service() == "resting.Service") {
      response->set_status(healthpb::HealthCheckResponse::NOT_SERVING);
    } else {
      return grpc::Status(grpc::StatusCode::NOT_FOUND, "unknown service");
    }
    return grpc::Status::OK;
  }
};

// A real gRPC server on a loopback port.
class H2ConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(&health_);
    server_ = builder.BuildAndStart();
    ASSERT_NE(server_, nullptr);
    target_ = absl::StrCat("127.0.0.1:", port_);
  }
  void TearDown() override {
    if (server_ != nullptr) server_->Shutdown();
  }

  static std::string CheckRequest(const std::string& service) {
    healthpb::HealthCheckRequest request;
    request.set_service(service);
    return request.SerializeAsString();
  }

  // Sends what is queued and reads until `count` calls have finished.
  static std::vector<H2Connection::Completion> Await(H2Connection& connection, size_t count) {
    std::vector<H2Connection::Completion> done;
    const absl::Time deadline = absl::Now() + absl::Seconds(10);
    while (done.size() < count && absl::Now() < deadline) {
      absl::StatusOr<bool> flushed = connection.Flush();
      EXPECT_TRUE(flushed.ok()) << flushed.status();
      pollfd readable{.fd = connection.fd(), .events = POLLIN, .revents = 0};
      if (poll(&readable, 1, 100) == 1) {
        absl::Status read = connection.OnReadable(done);
        EXPECT_TRUE(read.ok()) << read;
      }
    }
    return done;
  }

  FixedHealth health_;
  int port_ = 0;
  std::string target_;
  std::unique_ptr<grpc::Server> server_;
};

TEST_F(H2ConnectionTest, AnswersAreTheServersMessagesAndStatuses) {
  auto connection = H2Connection::Connect(target_);
  ASSERT_TRUE(connection.ok()) << connection.status();
  ASSERT_TRUE((*connection)->StartCall(kCheck, "", CheckRequest("serving.Service"), 1).ok());
  ASSERT_TRUE((*connection)->StartCall(kCheck, "", CheckRequest("resting.Service"), 2).ok());
  ASSERT_TRUE((*connection)->StartCall(kCheck, "", CheckRequest("unknown.Service"), 3).ok());
  ASSERT_TRUE((*connection)->StartCall("/no.Such/Method", "", "", 4).ok());

  std::vector<H2Connection::Completion> done = Await(**connection, 4);
  ASSERT_EQ(done.size(), 4u);
  for (const H2Connection::Completion& completion : done) {
    healthpb::HealthCheckResponse response;
    switch (completion.tag) {
      case 1:
      case 2:
        ASSERT_TRUE(completion.status.ok()) << completion.status.error_message();
        ASSERT_TRUE(response.ParseFromString(completion.response));
        EXPECT_EQ(response.status(), completion.tag == 1
                                         ? healthpb::HealthCheckResponse::SERVING
                                         : healthpb::HealthCheckResponse::NOT_SERVING);
        break;
      case 3:
        EXPECT_EQ(completion.status.error_code(), grpc::StatusCode::NOT_FOUND);
        break;
      case 4:
        EXPECT_EQ(completion.status.error_code(), grpc::StatusCode::UNIMPLEMENTED);
        break;
      default:
        ADD_FAILURE() << "unexpected tag " << completion.tag;
    }
  }
}

TEST_F(H2ConnectionTest, SendsTheAuthorizationHeader) {
  auto connection = H2Connection::Connect(target_);
  ASSERT_TRUE(connection.ok()) << connection.status();
  ASSERT_TRUE(
      (*connection)->StartCall(kCheck, "Bearer k", CheckRequest("guarded.Service"), 1).ok());
  ASSERT_TRUE(
      (*connection)->StartCall(kCheck, "Bearer x", CheckRequest("guarded.Service"), 2).ok());
  ASSERT_TRUE((*connection)->StartCall(kCheck, "", CheckRequest("guarded.Service"), 3).ok());
  std::vector<H2Connection::Completion> done = Await(**connection, 3);
  ASSERT_EQ(done.size(), 3u);
  for (const H2Connection::Completion& completion : done) {
    EXPECT_EQ(completion.status.error_code(),
              completion.tag == 1 ? grpc::StatusCode::OK : grpc::StatusCode::UNAUTHENTICATED)
        << "call " << completion.tag;
  }
}

TEST_F(H2ConnectionTest, ReportsAServerThatGoesAway) {
  auto connection = H2Connection::Connect(target_);
  ASSERT_TRUE(connection.ok()) << connection.status();
  ASSERT_EQ(Await(**connection, 0).size(), 0u);
  server_->Shutdown();
  std::vector<H2Connection::Completion> done;
  absl::Status read = absl::OkStatus();
  const absl::Time deadline = absl::Now() + absl::Seconds(10);
  while (read.ok() && absl::Now() < deadline) {
    pollfd readable{.fd = (*connection)->fd(), .events = POLLIN, .revents = 0};
    if (poll(&readable, 1, 100) == 1) read = (*connection)->OnReadable(done);
  }
  EXPECT_EQ(read.code(), absl::StatusCode::kUnavailable) << read;
}

TEST_F(H2ConnectionTest, ConnectingToAClosedPortFails) {
  server_->Shutdown();
  server_.reset();  // Closes the listening socket.
  auto connection = H2Connection::Connect(target_, absl::Seconds(2));
  EXPECT_EQ(connection.status().code(), absl::StatusCode::kUnavailable) << connection.status();
}

TEST(H2ConnectionTargetTest, RejectsATargetWithoutAPort) {
  EXPECT_EQ(H2Connection::Connect("localhost").status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(H2ConnectionTest, DriveWireCountsEveryCheck) {
  HealthWorkload serving({}, "serving.Service");
  DriveOptions options;
  options.threads = 2;
  options.warmup = absl::Milliseconds(50);
  options.duration = absl::Milliseconds(300);
  absl::StatusOr<DriveResult> result = DriveWire(serving, target_, /*clients=*/4, options);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_GT(result->Total().ops, 0);
  EXPECT_EQ(result->Total().errors, 0) << result->Total().first_error;

  // A service that is not serving fails every call the workload checks.
  HealthWorkload resting({}, "resting.Service");
  options.threads = 1;
  options.warmup = absl::ZeroDuration();
  result = DriveWire(resting, target_, /*clients=*/2, options);
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(result->Total().ops, 0);
  EXPECT_GT(result->Total().errors, 0);
  EXPECT_NE(result->Total().first_error.find("UNAVAILABLE"), std::string::npos)
      << result->Total().first_error;
}

}  // namespace
}  // namespace corematch::bench
