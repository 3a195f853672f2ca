// clients/bench/h2_connection.h
//
// One HTTP/2 connection making gRPC unary calls, written on nghttp2 for the
// load generator rather than on gRPC's C++ client. On two cores the load
// generator shares the machine with the server it measures, and gRPC's client
// spends about 70 us of CPU on an empty call here (docs/benchmarks.md): at
// 15,000 calls a second that is a whole core the server cannot have. This
// client speaks the same wire protocol (gRPC over HTTP/2: length-prefixed
// messages, grpc-status trailers, deadlines) for a fraction of that, so the
// figure measured is the server's.
//
// Not thread-safe: one thread owns a connection and drives it from its event
// loop (see wire_load.h).
//
//   ASSIGN_OR_RETURN(auto connection, H2Connection::Connect("127.0.0.1:50051"));
//   connection->StartCall("/corematch.publishing.v1.PublishingService/GetSolution",
//                         "Bearer <key>", request.SerializeAsString(), /*tag=*/7);
//   connection->Flush();
//   ... when connection->fd() is readable:
//   std::vector<H2Connection::Completion> done;
//   connection->OnReadable(done);  // done[0].tag == 7, .status, .response
#ifndef COREMATCH_CLIENTS_BENCH_H2_CONNECTION_H_
#define COREMATCH_CLIENTS_BENCH_H2_CONNECTION_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpcpp/support/status.h"

struct nghttp2_session;

namespace corematch::bench {

class H2Connection {
 public:
  // A finished call: its tag, the gRPC status from the server's trailers
  // (or a transport failure), and the response message's bytes.
  struct Completion {
    int64_t tag = 0;
    grpc::Status status;
    std::string response;
  };

  // Connects to "host:port" (blocking, within `timeout`) and prepares the
  // HTTP/2 session. Calls may be started at once.
  static absl::StatusOr<std::unique_ptr<H2Connection>> Connect(
      const std::string& target, absl::Duration timeout = absl::Seconds(10));

  ~H2Connection();
  H2Connection(const H2Connection&) = delete;
  H2Connection& operator=(const H2Connection&) = delete;

  // The socket, for the caller's poll loop (non-blocking).
  int fd() const { return fd_; }

  // Queues a unary call of `path` ("/package.Service/Method") with the
  // serialized request `message` and header `authorization` (empty: none).
  // It goes out on the next Flush.
  absl::Status StartCall(absl::string_view path, absl::string_view authorization,
                         std::string message, int64_t tag);

  // Reads what the socket holds, appending the calls that finished to `done`.
  // An error means the connection is unusable; calls still in flight are lost.
  absl::Status OnReadable(std::vector<Completion>& done);

  // Writes what the session has to send. Returns true if the socket is full
  // and output is still pending: call again once it is writable.
  absl::StatusOr<bool> Flush();

 private:
  struct Stream;

  H2Connection(int fd, std::string authority);
  absl::Status InitSession();

  // nghttp2's callbacks (h2_connection.cc), with the connection as user data.
  friend struct H2Callbacks;

  Completion Finish(Stream& stream, uint32_t error_code);

  const int fd_;
  const std::string authority_;
  nghttp2_session* session_ = nullptr;
  absl::flat_hash_map<int32_t, std::unique_ptr<Stream>> streams_;
  // Completions gathered by the callbacks during one OnReadable.
  std::vector<Completion>* done_ = nullptr;
  // Bytes the session produced that the socket did not take yet.
  std::string unsent_;
};

}  // namespace corematch::bench

#endif  // COREMATCH_CLIENTS_BENCH_H2_CONNECTION_H_
