// clients/cli/connection.h
//
// The channel to a corematch server and what every call carries: the API key
// as `authorization: Bearer <key>` metadata, and a deadline.
//
//   absl::StatusOr<std::string> key = ResolveApiKey(flag_key, flag_key_file);
//   Connection connection({.target = "localhost:50051", .api_key = *key});
//   auto stub = PublishingService::NewStub(connection.channel());
//   grpc::ClientContext context;
//   connection.Prepare(&context);
//   stub->GetSolution(&context, request, &solution);
//
// A Connection is immutable after construction and safe for concurrent use;
// gRPC channels and stubs are too.
#ifndef COREMATCH_CLIENTS_CLI_CONNECTION_H_
#define COREMATCH_CLIENTS_CLI_CONNECTION_H_

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"

namespace corematch::cli {

// Where the operator key of a server started in the current directory is.
inline constexpr absl::string_view kDefaultApiKeyFile = "var/operator.key";

struct ConnectionOptions {
  // host:port, or any gRPC target ("unix:/path", "dns:///host:port").
  std::string target = "localhost:50051";
  // Sent as a bearer token; empty = no authorization metadata.
  std::string api_key;
  // Deadline of each call, counted from Prepare().
  absl::Duration timeout = absl::Seconds(30);
};

// Picks the API key: `flag_key` if not empty (the --api-key flag, which
// already includes COREMATCH_API_KEY), else the contents of `key_file` if not
// empty, else the contents of `default_key_file` if that file exists, else "".
// Surrounding white space of a file's contents is dropped. Fails with
// INVALID_ARGUMENT if `key_file` cannot be read or is empty.
absl::StatusOr<std::string> ResolveApiKey(absl::string_view flag_key, absl::string_view key_file,
                                          absl::string_view default_key_file = kDefaultApiKeyFile);

class Connection final {
 public:
  // Creates the channel (plain text; connecting happens on the first call).
  explicit Connection(ConnectionOptions options);

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }
  const ConnectionOptions& options() const { return options_; }

  // Prepares `context` for one call: the authorization metadata and a
  // deadline `options().timeout` from now. Call once per ClientContext.
  void Prepare(grpc::ClientContext* context) const;

 private:
  const ConnectionOptions options_;
  const std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_CONNECTION_H_
