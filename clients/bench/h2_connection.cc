#include "clients/bench/h2_connection.h"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <nghttp2/nghttp2.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <optional>
#include <utility>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"

namespace corematch::bench {

// Every call's deadline, as a client that gives up after 30 s sends it.
constexpr absl::string_view kTimeout = "30S";
// A gRPC message on the wire: a compressed flag, a 4-byte length, the bytes.
constexpr size_t kMessagePrefix = 5;

struct H2Connection::Stream {
  int64_t tag = 0;
  std::string request;  // Framed: prefix and message.
  size_t sent = 0;
  std::string response;  // Framed, as received.
  std::optional<int> grpc_status;
  std::string grpc_message;
};

namespace {

absl::Status Errno(absl::string_view what) {
  return absl::UnavailableError(absl::StrCat(what, ": ", std::strerror(errno)));
}

std::string Frame(absl::string_view message) {
  std::string framed(kMessagePrefix, '\0');
  const uint32_t length = static_cast<uint32_t>(message.size());
  for (int i = 0; i < 4; ++i) framed[1 + i] = static_cast<char>(length >> (24 - 8 * i));
  framed.append(message.data(), message.size());
  return framed;
}

// Connects a TCP socket to host:port within `timeout`, then makes it
// non-blocking with Nagle off (a call is one small write).
absl::StatusOr<int> ConnectSocket(const std::string& target, absl::Duration timeout) {
  const size_t colon = target.rfind(':');
  if (colon == std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat("'", target, "' is not host:port"));
  }
  std::string host = target.substr(0, colon);
  if (host.size() > 1 && host.front() == '[') host = host.substr(1, host.size() - 2);
  const std::string port = target.substr(colon + 1);
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  if (int error = getaddrinfo(host.c_str(), port.c_str(), &hints, &found); error != 0) {
    return absl::UnavailableError(
        absl::StrCat("cannot resolve ", target, ": ", gai_strerror(error)));
  }
  absl::Status last = absl::UnavailableError(absl::StrCat("no address for ", target));
  for (addrinfo* address = found; address != nullptr; address = address->ai_next) {
    int fd = socket(address->ai_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) {
      last = Errno("socket");
      continue;
    }
    if (connect(fd, address->ai_addr, address->ai_addrlen) != 0 && errno != EINPROGRESS) {
      last = Errno(absl::StrCat("connect to ", target));
      close(fd);
      continue;
    }
    pollfd writable{.fd = fd, .events = POLLOUT, .revents = 0};
    int error = 0;
    socklen_t error_size = sizeof(error);
    if (poll(&writable, 1, static_cast<int>(absl::ToInt64Milliseconds(timeout))) != 1 ||
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &error_size) != 0 || error != 0) {
      last = absl::UnavailableError(absl::StrCat("cannot connect to ", target, ": ",
                                                 error != 0 ? std::strerror(error) : "timed out"));
      close(fd);
      continue;
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    freeaddrinfo(found);
    return fd;
  }
  freeaddrinfo(found);
  return last;
}

nghttp2_nv Header(absl::string_view name, absl::string_view value) {
  return nghttp2_nv{
      .name = reinterpret_cast<uint8_t*>(const_cast<char*>(name.data())),
      .value = reinterpret_cast<uint8_t*>(const_cast<char*>(value.data())),
      .namelen = name.size(),
      .valuelen = value.size(),
      .flags = NGHTTP2_NV_FLAG_NONE,
  };
}

}  // namespace

struct H2Callbacks {
  static H2Connection::Stream* StreamOf(nghttp2_session* session, int32_t id) {
    return static_cast<H2Connection::Stream*>(nghttp2_session_get_stream_user_data(session, id));
  }

  // grpc-status and grpc-message arrive in the trailers, or in the only
  // header block of a call that failed at once.
  static int OnHeader(nghttp2_session* session, const nghttp2_frame* frame, const uint8_t* name,
                      size_t name_length, const uint8_t* value, size_t value_length,
                      uint8_t /*flags*/, void* /*self*/) {
    H2Connection::Stream* stream = StreamOf(session, frame->hd.stream_id);
    if (stream == nullptr) return 0;
    const absl::string_view key(reinterpret_cast<const char*>(name), name_length);
    const absl::string_view text(reinterpret_cast<const char*>(value), value_length);
    if (key == "grpc-status") {
      int code = 0;
      if (absl::SimpleAtoi(text, &code)) stream->grpc_status = code;
    } else if (key == "grpc-message") {
      stream->grpc_message = std::string(text);
    }
    return 0;
  }

  static int OnDataChunk(nghttp2_session* session, uint8_t /*flags*/, int32_t stream_id,
                         const uint8_t* data, size_t length, void* /*self*/) {
    H2Connection::Stream* stream = StreamOf(session, stream_id);
    if (stream != nullptr) stream->response.append(reinterpret_cast<const char*>(data), length);
    return 0;
  }

  static int OnStreamClose(nghttp2_session* /*session*/, int32_t stream_id, uint32_t error_code,
                           void* self) {
    auto* connection = static_cast<H2Connection*>(self);
    auto it = connection->streams_.find(stream_id);
    if (it == connection->streams_.end()) return 0;
    H2Connection::Completion completion = connection->Finish(*it->second, error_code);
    connection->streams_.erase(it);
    if (connection->done_ != nullptr) connection->done_->push_back(std::move(completion));
    return 0;
  }

  static ssize_t ReadRequestBody(nghttp2_session* /*session*/, int32_t /*stream_id*/,
                                 uint8_t* buffer, size_t length, uint32_t* flags,
                                 nghttp2_data_source* source, void* /*self*/) {
    auto* stream = static_cast<H2Connection::Stream*>(source->ptr);
    const size_t n = std::min(length, stream->request.size() - stream->sent);
    std::memcpy(buffer, stream->request.data() + stream->sent, n);
    stream->sent += n;
    if (stream->sent == stream->request.size()) *flags |= NGHTTP2_DATA_FLAG_EOF;
    return static_cast<ssize_t>(n);
  }
};

absl::StatusOr<std::unique_ptr<H2Connection>> H2Connection::Connect(const std::string& target,
                                                                    absl::Duration timeout) {
  absl::StatusOr<int> fd = ConnectSocket(target, timeout);
  if (!fd.ok()) return fd.status();
  std::unique_ptr<H2Connection> connection(new H2Connection(*fd, target));
  absl::Status session = connection->InitSession();
  if (!session.ok()) return session;
  return connection;
}

H2Connection::H2Connection(int fd, std::string authority)
    : fd_(fd), authority_(std::move(authority)) {}

H2Connection::~H2Connection() {
  if (session_ != nullptr) nghttp2_session_del(session_);
  close(fd_);
}

absl::Status H2Connection::InitSession() {
  nghttp2_session_callbacks* callbacks = nullptr;
  if (nghttp2_session_callbacks_new(&callbacks) != 0) {
    return absl::ResourceExhaustedError("nghttp2: out of memory");
  }
  nghttp2_session_callbacks_set_on_header_callback(callbacks, &H2Callbacks::OnHeader);
  nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, &H2Callbacks::OnDataChunk);
  nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, &H2Callbacks::OnStreamClose);
  const int created = nghttp2_session_client_new(&session_, callbacks, this);
  nghttp2_session_callbacks_del(callbacks);
  if (created != 0) return absl::InternalError(nghttp2_strerror(created));
  // gRPC servers expect the client's SETTINGS right after the preface.
  const int settings = nghttp2_submit_settings(session_, NGHTTP2_FLAG_NONE, nullptr, 0);
  if (settings != 0) return absl::InternalError(nghttp2_strerror(settings));
  return absl::OkStatus();
}

absl::Status H2Connection::StartCall(absl::string_view path, absl::string_view authorization,
                                     std::string message, int64_t tag) {
  auto stream = std::make_unique<Stream>();
  stream->tag = tag;
  stream->request = Frame(message);
  std::array<nghttp2_nv, 8> headers = {
      Header(":method", "POST"),
      Header(":scheme", "http"),
      Header(":path", path),
      Header(":authority", authority_),
      Header("content-type", "application/grpc"),
      Header("te", "trailers"),
      Header("grpc-timeout", kTimeout),
      Header("authorization", authorization),
  };
  // The last header only when there is a key to send.
  const size_t header_count = authorization.empty() ? headers.size() - 1 : headers.size();
  nghttp2_data_provider body{.source = {.ptr = stream.get()},
                             .read_callback = &H2Callbacks::ReadRequestBody};
  const int32_t id =
      nghttp2_submit_request(session_, nullptr, headers.data(), header_count, &body, stream.get());
  if (id < 0) return absl::UnavailableError(absl::StrCat("nghttp2: ", nghttp2_strerror(id)));
  streams_[id] = std::move(stream);
  return absl::OkStatus();
}

absl::Status H2Connection::OnReadable(std::vector<Completion>& done) {
  done_ = &done;
  uint8_t buffer[16384];
  absl::Status status;
  while (true) {
    const ssize_t n = read(fd_, buffer, sizeof(buffer));
    if (n == 0) {
      status = absl::UnavailableError("the server closed the connection");
      break;
    }
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;
      if (errno == EINTR) continue;
      status = Errno("read");
      break;
    }
    const ssize_t used = nghttp2_session_mem_recv(session_, buffer, static_cast<size_t>(n));
    if (used < 0) {
      status =
          absl::InternalError(absl::StrCat("nghttp2: ", nghttp2_strerror(static_cast<int>(used))));
      break;
    }
    if (static_cast<size_t>(n) < sizeof(buffer)) break;
  }
  done_ = nullptr;
  return status;
}

absl::StatusOr<bool> H2Connection::Flush() {
  // Output the socket did not take last time goes first.
  while (!unsent_.empty()) {
    const ssize_t written = write(fd_, unsent_.data(), unsent_.size());
    if (written < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) return true;
      if (errno == EINTR) continue;
      return Errno("write");
    }
    unsent_.erase(0, static_cast<size_t>(written));
  }
  while (true) {
    const uint8_t* data = nullptr;
    const ssize_t n = nghttp2_session_mem_send(session_, &data);
    if (n < 0) {
      return absl::InternalError(absl::StrCat("nghttp2: ", nghttp2_strerror(static_cast<int>(n))));
    }
    if (n == 0) return false;
    // Written straight from the session's buffer; only a remainder is kept.
    size_t done = 0;
    while (done < static_cast<size_t>(n)) {
      const ssize_t written = write(fd_, data + done, static_cast<size_t>(n) - done);
      if (written < 0) {
        if (errno == EINTR) continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) return Errno("write");
        unsent_.assign(reinterpret_cast<const char*>(data) + done, static_cast<size_t>(n) - done);
        return true;
      }
      done += static_cast<size_t>(written);
    }
  }
}

H2Connection::Completion H2Connection::Finish(Stream& stream, uint32_t error_code) {
  Completion completion;
  completion.tag = stream.tag;
  if (error_code != NGHTTP2_NO_ERROR) {
    completion.status =
        grpc::Status(grpc::StatusCode::UNAVAILABLE,
                     absl::StrCat("stream reset: ", nghttp2_http2_strerror(error_code)));
    return completion;
  }
  if (!stream.grpc_status.has_value()) {
    completion.status = grpc::Status(grpc::StatusCode::INTERNAL, "no grpc-status in the response");
    return completion;
  }
  completion.status =
      grpc::Status(static_cast<grpc::StatusCode>(*stream.grpc_status), stream.grpc_message);
  if (!completion.status.ok()) return completion;
  const std::string& framed = stream.response;
  if (framed.size() < kMessagePrefix || framed[0] != 0) {
    completion.status =
        grpc::Status(grpc::StatusCode::INTERNAL, "the response is not one uncompressed message");
    return completion;
  }
  uint32_t length = 0;
  for (int i = 1; i <= 4; ++i) length = (length << 8) | static_cast<uint8_t>(framed[i]);
  if (framed.size() != kMessagePrefix + length) {
    completion.status = grpc::Status(grpc::StatusCode::INTERNAL,
                                     "the response's length prefix does not match its bytes");
    return completion;
  }
  completion.response = framed.substr(kMessagePrefix);
  return completion;
}

}  // namespace corematch::bench
