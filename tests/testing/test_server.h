// tests/testing/test_server.h
//
// Starts a real corematch server for a test: all services, a fresh temporary
// data directory, 127.0.0.1:0, and stubs that carry an API key, over TCP or
// over the in-process channel.
#ifndef COREMATCH_TESTS_TESTING_TEST_SERVER_H_
#define COREMATCH_TESTS_TESTING_TEST_SERVER_H_

#include <functional>
#include <memory>
#include <string>

#include "corematch/adoption/v1/adoption.grpc.pb.h"
#include "corematch/organization/v1/organization.grpc.pb.h"
#include "corematch/publishing/v1/publishing.grpc.pb.h"
#include "grpcpp/client_context.h"
#include "services/server/server.h"
#include "tests/testing/temp_dir.h"

namespace corematch::testing {

class TestServer {
 public:
  // Starts all services in `data_dir` (kept across restarts of the same
  // TestServer's directory by the caller).
  explicit TestServer(const std::string& data_dir);
  // The same, with `configure` adjusting the options first (e.g. which
  // services, shorter notification timings).
  TestServer(const std::string& data_dir,
             const std::function<void(server::ServerOptions&)>& configure);
  ~TestServer();

  server::CorematchServer& server() { return *server_; }
  const std::string& operator_key() const { return operator_key_; }

  // A channel over TCP, or inside the process.
  std::shared_ptr<grpc::Channel> TcpChannel();
  std::shared_ptr<grpc::Channel> InProcessChannel() { return server_->InProcessChannel(); }

  // Creates an organisation and a key for it; returns {organization name, secret}.
  std::pair<std::string, std::string> CreateOrganizationWithKey(const std::string& display_name,
                                                                const std::string& country);

  void Shutdown() { server_->Shutdown(absl::Seconds(5)); }

 private:
  std::unique_ptr<server::CorematchServer> server_;
  std::string operator_key_;
};

// A client context with `authorization: Bearer <key>` and a 10 s deadline.
std::unique_ptr<grpc::ClientContext> ContextWithKey(const std::string& key);

}  // namespace corematch::testing

#endif  // COREMATCH_TESTS_TESTING_TEST_SERVER_H_
