// services/notification/webhook/testing/http_receiver.cc
//
// Two threads: one accepts connections and hands them over; one polls every
// open connection and answers requests in turn. One serving thread keeps the
// order of requests simple to reason about in tests; connections still
// interleave, since it never blocks on one of them except for the
// programmed delay.
#include "services/notification/webhook/testing/http_receiver.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace corematch::notification::testing {
namespace {

constexpr size_t kMaxHeaderBytes = 64 * 1024;
constexpr size_t kMaxBodyBytes = 8 * 1024 * 1024;

absl::Status ErrnoError(absl::string_view what) {
  return absl::UnavailableError(absl::StrCat(what, ": ", std::strerror(errno)));
}

absl::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 411:
      return "Length Required";
    case 413:
      return "Content Too Large";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

void SendAll(int fd, absl::string_view data) {
  while (!data.empty()) {
    const ssize_t sent = send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EINTR) continue;
    if (sent <= 0) return;  // The client went away; the next read notices.
    data.remove_prefix(static_cast<size_t>(sent));
  }
}

void SendResponse(int fd, int status, bool keep_alive, absl::string_view body) {
  const absl::string_view reason = ReasonPhrase(status);
  if (body.empty()) body = reason;
  // A redirect points somewhere, so a test can tell it was not followed.
  const absl::string_view location =
      status >= 300 && status < 400 ? "Location: /redirected\r\n" : "";
  SendAll(fd, absl::StrCat("HTTP/1.1 ", status, " ", reason, "\r\nContent-Type: text/plain\r\n",
                           location, "Content-Length: ", body.size(), "\r\nConnection: ",
                           keep_alive ? "keep-alive" : "close", "\r\n\r\n", body));
}

void CloseFd(int& fd) {
  if (fd >= 0) close(fd);
  fd = -1;
}

// One request parsed from the front of a connection's buffer.
struct Parsed {
  enum class State { kIncomplete, kComplete, kReject };
  State state = State::kIncomplete;
  int reject_status = 0;  // For kReject.
  size_t length = 0;      // Bytes of the buffer the request took.
  bool keep_alive = true;
  ReceivedRequest request;
};

Parsed Reject(int status) {
  Parsed parsed;
  parsed.state = Parsed::State::kReject;
  parsed.reject_status = status;
  parsed.keep_alive = false;
  return parsed;
}

// Fills the method, target and headers of `parsed` from the request head;
// false when it is not HTTP/1.x.
bool ParseHead(absl::string_view head, Parsed& parsed) {
  std::vector<absl::string_view> lines = absl::StrSplit(head, "\r\n");
  std::vector<absl::string_view> request_line = absl::StrSplit(lines[0], ' ');
  if (request_line.size() != 3 || !absl::StartsWith(request_line[2], "HTTP/1.")) return false;
  parsed.request.method = std::string(request_line[0]);
  parsed.request.target = std::string(request_line[1]);
  for (size_t i = 1; i < lines.size(); ++i) {
    const size_t colon = lines[i].find(':');
    if (colon == absl::string_view::npos || colon == 0) return false;
    std::string name = absl::AsciiStrToLower(lines[i].substr(0, colon));
    const absl::string_view value = absl::StripAsciiWhitespace(lines[i].substr(colon + 1));
    std::string& slot = parsed.request.headers[name];
    absl::StrAppend(&slot, slot.empty() ? "" : ", ", value);
  }
  const std::string connection = absl::AsciiStrToLower(parsed.request.Header("connection"));
  parsed.keep_alive = request_line[2] == "HTTP/1.1" ? !absl::StrContains(connection, "close")
                                                    : absl::StrContains(connection, "keep-alive");
  return true;
}

Parsed ParseRequest(absl::string_view buffer) {
  const size_t head_end = buffer.find("\r\n\r\n");
  if (head_end == absl::string_view::npos) {
    return buffer.size() > kMaxHeaderBytes ? Reject(431) : Parsed{};
  }
  Parsed parsed;
  if (!ParseHead(buffer.substr(0, head_end), parsed)) return Reject(400);
  if (parsed.request.headers.contains("transfer-encoding")) return Reject(411);
  size_t body_length = 0;
  if (const auto it = parsed.request.headers.find("content-length");
      it != parsed.request.headers.end() && !absl::SimpleAtoi(it->second, &body_length)) {
    return Reject(400);
  }
  if (body_length > kMaxBodyBytes) return Reject(413);
  const size_t body_start = head_end + 4;
  if (buffer.size() - body_start < body_length) return parsed;  // kIncomplete.
  parsed.request.body = std::string(buffer.substr(body_start, body_length));
  parsed.length = body_start + body_length;
  parsed.state = Parsed::State::kComplete;
  return parsed;
}

}  // namespace

struct HttpReceiver::Connection {
  int fd = -1;
  int id = 0;
  std::string buffer;
  // After an answer with "Connection: close" the socket is half-closed and
  // read until the client closes too, because closing it with unread data
  // would reset the connection and could lose the answer.
  bool draining = false;
  ~Connection() { CloseFd(fd); }
};

std::string ReceivedRequest::Header(absl::string_view name) const {
  const auto it = headers.find(absl::AsciiStrToLower(name));
  return it == headers.end() ? "" : it->second;
}

HttpReceiver::~HttpReceiver() { Stop(); }

absl::Status HttpReceiver::Start(int port) {
  {
    absl::MutexLock lock(&mutex_);
    if (running_) return absl::FailedPreconditionError("the receiver is already running");
  }
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (listen_fd_ < 0) return ErrnoError("socket");
  // Lets Start(port()) bind again while the old connections sit in TIME_WAIT.
  const int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  socklen_t address_length = sizeof(address);
  if (bind(listen_fd_, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0 ||
      listen(listen_fd_, 64) != 0 ||
      getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&address), &address_length) != 0 ||
      pipe2(stop_pipe_, O_CLOEXEC) != 0 || pipe2(wake_pipe_, O_CLOEXEC) != 0) {
    absl::Status status = ErrnoError(absl::StrCat("listening on 127.0.0.1:", port));
    CloseFd(listen_fd_);
    for (int* fd : {&stop_pipe_[0], &stop_pipe_[1], &wake_pipe_[0], &wake_pipe_[1]}) CloseFd(*fd);
    return status;
  }
  {
    absl::MutexLock lock(&mutex_);
    port_ = ntohs(address.sin_port);
    running_ = true;
    stopping_ = false;
  }
  accept_thread_ = std::thread([this] { AcceptLoop(); });
  serve_thread_ = std::thread([this] { ServeLoop(); });
  return absl::OkStatus();
}

void HttpReceiver::Stop() {
  {
    absl::MutexLock lock(&mutex_);
    if (!running_) return;
    stopping_ = true;  // Ends a response delay at once.
  }
  const char byte = 0;
  (void)!write(stop_pipe_[1], &byte, 1);
  accept_thread_.join();
  serve_thread_.join();
  CloseFd(listen_fd_);
  for (int* fd : {&stop_pipe_[0], &stop_pipe_[1], &wake_pipe_[0], &wake_pipe_[1]}) CloseFd(*fd);
  absl::MutexLock lock(&mutex_);
  for (int fd : pending_) close(fd);
  pending_.clear();
  running_ = false;
}

int HttpReceiver::port() const {
  absl::MutexLock lock(&mutex_);
  return port_;
}

std::string HttpReceiver::Url(absl::string_view target) const {
  return absl::StrCat("http://127.0.0.1:", port(), target);
}

void HttpReceiver::FailNext(int count, int status) {
  absl::MutexLock lock(&mutex_);
  fail_count_ = count;
  fail_status_ = status;
}

void HttpReceiver::SetHandler(Handler handler) {
  absl::MutexLock lock(&mutex_);
  handler_ = std::move(handler);
}

void HttpReceiver::SetResponseBody(std::string body) {
  absl::MutexLock lock(&mutex_);
  response_body_ = std::move(body);
}

std::string HttpReceiver::ResponseBody() const {
  absl::MutexLock lock(&mutex_);
  return response_body_;
}

void HttpReceiver::SetResponseDelay(absl::Duration delay) {
  absl::MutexLock lock(&mutex_);
  delay_ = delay;
}

bool HttpReceiver::WaitForRequests(size_t count, absl::Duration timeout) {
  absl::MutexLock lock(&mutex_);
  const auto enough = [this, count]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mutex_) {
    return requests_.size() >= count;
  };
  return mutex_.AwaitWithTimeout(absl::Condition(&enough), timeout);
}

std::vector<ReceivedRequest> HttpReceiver::requests() const {
  absl::MutexLock lock(&mutex_);
  return requests_;
}

int HttpReceiver::connections_accepted() const {
  absl::MutexLock lock(&mutex_);
  return connections_accepted_;
}

void HttpReceiver::AcceptLoop() {
  while (true) {
    pollfd fds[] = {{stop_pipe_[0], POLLIN, 0}, {listen_fd_, POLLIN, 0}};
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[0].revents != 0) return;
    if (fds[1].revents == 0) continue;
    const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    // A client that stops reading must not wedge the serving thread (and Stop).
    const timeval send_timeout{.tv_sec = 5, .tv_usec = 0};
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof(send_timeout));
    {
      absl::MutexLock lock(&mutex_);
      pending_.push_back(fd);
    }
    const char byte = 0;
    (void)!write(wake_pipe_[1], &byte, 1);
  }
}

void HttpReceiver::AdoptPendingConnections(std::vector<std::unique_ptr<Connection>>& connections) {
  char drained[64];
  (void)!read(wake_pipe_[0], drained, sizeof(drained));
  absl::MutexLock lock(&mutex_);
  for (int fd : pending_) {
    auto connection = std::make_unique<Connection>();
    connection->fd = fd;
    connection->id = ++connections_accepted_;
    connections.push_back(std::move(connection));
  }
  pending_.clear();
}

void HttpReceiver::ServeLoop() {
  std::vector<std::unique_ptr<Connection>> connections;
  while (true) {
    std::vector<pollfd> fds = {{stop_pipe_[0], POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
    for (const auto& connection : connections) fds.push_back({connection->fd, POLLIN, 0});
    if (poll(fds.data(), fds.size(), -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[0].revents != 0) return;  // Stop; the connections close with the vector.
    std::vector<std::unique_ptr<Connection>> open;
    for (size_t i = 0; i < connections.size(); ++i) {
      if (fds[i + 2].revents == 0 || ReadAndServe(*connections[i])) {
        open.push_back(std::move(connections[i]));
      }
    }
    connections = std::move(open);
    if (fds[1].revents != 0) AdoptPendingConnections(connections);
  }
}

bool HttpReceiver::ReadAndServe(Connection& connection) {
  char data[16 * 1024];
  const ssize_t received = recv(connection.fd, data, sizeof(data), 0);
  if (received < 0 && errno == EINTR) return true;
  if (received <= 0) return false;
  if (connection.draining) return true;
  connection.buffer.append(data, static_cast<size_t>(received));
  return ServeBuffered(connection);
}

bool HttpReceiver::ServeBuffered(Connection& connection) {
  while (true) {
    Parsed parsed = ParseRequest(connection.buffer);
    if (parsed.state == Parsed::State::kIncomplete) return true;
    int status = parsed.reject_status;
    if (parsed.state == Parsed::State::kComplete) {
      connection.buffer.erase(0, parsed.length);
      parsed.request.connection = connection.id;
      status = DecideStatus(parsed.request);
      Delay();
    }
    SendResponse(connection.fd, status, parsed.keep_alive, ResponseBody());
    if (!parsed.keep_alive) {
      shutdown(connection.fd, SHUT_WR);
      connection.draining = true;
      connection.buffer.clear();
      return true;
    }
  }
}

int HttpReceiver::DecideStatus(const ReceivedRequest& request) {
  Handler handler;
  {
    absl::MutexLock lock(&mutex_);
    requests_.push_back(request);
    if (fail_count_ > 0) {
      --fail_count_;
      return fail_status_;
    }
    handler = handler_;
  }
  // Called without the lock, so that the handler may call the receiver.
  return handler ? handler(request) : 200;
}

void HttpReceiver::Delay() {
  absl::MutexLock lock(&mutex_);
  if (delay_ <= absl::ZeroDuration()) return;
  mutex_.AwaitWithTimeout(absl::Condition(&stopping_), delay_);
}

}  // namespace corematch::notification::testing
