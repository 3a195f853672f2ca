#include "tests/testing/test_server.h"

#include <chrono>
#include <fstream>

#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "gtest/gtest.h"

namespace corematch::testing {

TestServer::TestServer(const std::string& data_dir) : TestServer(data_dir, nullptr) {}

TestServer::TestServer(const std::string& data_dir,
                       const std::function<void(server::ServerOptions&)>& configure) {
  server::ServerOptions options;
  options.listen_address = "127.0.0.1:0";
  options.data_dir = data_dir;
  if (configure) configure(options);
  auto started = server::CorematchServer::Start(options);
  if (!started.ok()) {
    ADD_FAILURE() << "server did not start: " << started.status();
    std::abort();
  }
  server_ = *std::move(started);
  std::ifstream in(server_->operator_key_file());
  std::getline(in, operator_key_);
}

TestServer::~TestServer() { server_->Shutdown(absl::Seconds(5)); }

std::shared_ptr<grpc::Channel> TestServer::TcpChannel() {
  return grpc::CreateChannel(server_->address(), grpc::InsecureChannelCredentials());
}

std::pair<std::string, std::string> TestServer::CreateOrganizationWithKey(
    const std::string& display_name, const std::string& country) {
  namespace orgpb = ::corematch::organization::v1;
  auto stub = orgpb::OrganizationService::NewStub(InProcessChannel());
  orgpb::CreateOrganizationRequest create;
  create.mutable_organization()->set_display_name(display_name);
  create.mutable_organization()->set_kind(orgpb::ORGANIZATION_KIND_MUNICIPALITY);
  create.mutable_organization()->set_country(country);
  create.mutable_organization()->set_population(350000);
  orgpb::Organization organization;
  grpc::Status status =
      stub->CreateOrganization(ContextWithKey(operator_key_).get(), create, &organization);
  EXPECT_TRUE(status.ok()) << status.error_message();
  orgpb::CreateApiKeyRequest key_request;
  key_request.set_parent(organization.name());
  orgpb::CreateApiKeyResponse key;
  status = stub->CreateApiKey(ContextWithKey(operator_key_).get(), key_request, &key);
  EXPECT_TRUE(status.ok()) << status.error_message();
  return {organization.name(), key.secret()};
}

std::unique_ptr<grpc::ClientContext> ContextWithKey(const std::string& key) {
  auto context = std::make_unique<grpc::ClientContext>();
  if (!key.empty()) context->AddMetadata("authorization", "Bearer " + key);
  context->set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10));
  return context;
}

}  // namespace corematch::testing
