// services/notification/webhook/testing/http_receiver.h
//
// A real HTTP/1.1 server on 127.0.0.1 for tests of webhook delivery: it
// records every request and answers with a status the test programs, so a
// test drives the real client over a real socket, keep-alive included.
//
//   HttpReceiver receiver;
//   ASSERT_THAT(receiver.Start(), IsOk());
//   receiver.FailNext(3, 503);  // Then 200.
//   ... POST to receiver.Url("/hook") ...
//   ASSERT_TRUE(receiver.WaitForRequests(1, absl::Seconds(5)));
//   EXPECT_EQ(receiver.requests()[0].Header("content-type"), "application/json");
//
// Answers carry the reason phrase as their body ("Service Unavailable")
// unless SetResponseBody says otherwise, and a 3xx answer a
// "Location: /redirected". It reads bodies framed by
// Content-Length only; a request with
// Transfer-Encoding (chunked) is answered 411 and the connection closed.
#ifndef COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_TESTING_HTTP_RECEIVER_H_
#define COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_TESTING_HTTP_RECEIVER_H_

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace corematch::notification::testing {

struct ReceivedRequest {
  std::string method;
  std::string target;  // The path and query, e.g. "/hook?x=1".
  // Names lower-cased; repeated headers joined with ", ".
  std::map<std::string, std::string> headers;
  std::string body;
  // Which connection carried the request, counting from 1 over the
  // receiver's life, so tests can see connections being reused.
  int connection = 0;

  // The value of header `name` (any case), or "" when absent.
  std::string Header(absl::string_view name) const;
};

// Thread-safe, so tests program and inspect it while its threads serve;
// Start and Stop are meant for the test's own thread and must not race.
class HttpReceiver {
 public:
  // Decides the status of a request that FailNext does not fail. Runs on the
  // receiver's thread; it may call the receiver.
  using Handler = std::function<int(const ReceivedRequest&)>;

  HttpReceiver() = default;
  HttpReceiver(const HttpReceiver&) = delete;
  HttpReceiver& operator=(const HttpReceiver&) = delete;
  ~HttpReceiver();  // Stops.

  // Listens on 127.0.0.1:`port`, 0 for any free port. After Stop, Start(port())
  // brings the receiver back on the same port. The programmed behaviour and the
  // recorded requests carry over.
  absl::Status Start(int port = 0);
  // Closes the listening socket and every connection; a client then gets
  // "connection refused". Waits for the threads. Does nothing if stopped.
  void Stop();

  // The port listened on (kept after Stop), 0 before the first Start.
  int port() const;
  // "http://127.0.0.1:<port><target>".
  std::string Url(absl::string_view target = "/hook") const;

  // The next `count` requests are answered `status`, whatever the handler says.
  void FailNext(int count, int status);
  // Replaces the handler; the default answers 200.
  void SetHandler(Handler handler);
  // The body of every answer from now on; "" restores the reason phrase.
  void SetResponseBody(std::string body);
  // Waits this long before each answer (a slow endpoint); Stop cuts it short.
  void SetResponseDelay(absl::Duration delay);

  // True once `count` requests have been recorded; false if `timeout` passes
  // first.
  bool WaitForRequests(size_t count, absl::Duration timeout);
  std::vector<ReceivedRequest> requests() const;
  // Connections accepted so far, over the receiver's life.
  int connections_accepted() const;

 private:
  struct Connection;

  void AcceptLoop();
  void ServeLoop();
  void AdoptPendingConnections(std::vector<std::unique_ptr<Connection>>& connections);
  // Reads what `connection` has sent and answers complete requests. False
  // when the connection is done and should be closed.
  bool ReadAndServe(Connection& connection);
  // Answers the complete requests buffered on `connection`.
  bool ServeBuffered(Connection& connection);
  int DecideStatus(const ReceivedRequest& request);
  std::string ResponseBody() const;
  // Waits out the response delay; returns early on Stop.
  void Delay();

  mutable absl::Mutex mutex_;
  int port_ ABSL_GUARDED_BY(mutex_) = 0;
  bool running_ ABSL_GUARDED_BY(mutex_) = false;
  bool stopping_ ABSL_GUARDED_BY(mutex_) = false;
  int fail_count_ ABSL_GUARDED_BY(mutex_) = 0;
  int fail_status_ ABSL_GUARDED_BY(mutex_) = 0;
  Handler handler_ ABSL_GUARDED_BY(mutex_);
  absl::Duration delay_ ABSL_GUARDED_BY(mutex_);
  std::string response_body_ ABSL_GUARDED_BY(mutex_);
  std::vector<ReceivedRequest> requests_ ABSL_GUARDED_BY(mutex_);
  int connections_accepted_ ABSL_GUARDED_BY(mutex_) = 0;
  // Accepted sockets not yet taken over by the serving thread.
  std::vector<int> pending_ ABSL_GUARDED_BY(mutex_);

  // Set by Start, cleared by Stop; the threads only read them in between.
  int listen_fd_ = -1;
  int stop_pipe_[2] = {-1, -1};  // Readable once Stop has begun.
  int wake_pipe_[2] = {-1, -1};  // Tells the serving thread of new sockets.
  std::thread accept_thread_;
  std::thread serve_thread_;
};

}  // namespace corematch::notification::testing

#endif  // COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_TESTING_HTTP_RECEIVER_H_
