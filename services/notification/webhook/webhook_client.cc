// services/notification/webhook/webhook_client.cc
//
// The libcurl client. Easy handles are pooled rather than made per request
// because a handle keeps its connections open: a handle taken back from the
// pool reuses the connection to an endpoint it posted to before. Each Post
// holds its handle alone, so concurrent calls never share one (libcurl
// handles are not thread-safe).
#include "services/notification/webhook/webhook_client.h"

#include <curl/curl.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/call_once.h"
#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "services/notification/webhook/address_policy.h"

namespace corematch::notification {
namespace {

constexpr char kUserAgent[] = "corematch-webhook/1";
// A host that drops connection attempts is given up on before the whole
// timeout, leaving the rest for a slow but reachable endpoint.
constexpr absl::Duration kMaxConnectTimeout = absl::Seconds(5);
// The most of a response body read before hanging up: only a prefix is kept,
// and an endpoint streaming without end must not hold a delivery worker.
constexpr size_t kMaxResponseBytes = 64 * 1024;
// Idle handles kept beyond this are closed; the number of delivery threads
// is normally far smaller.
constexpr size_t kMaxIdleHandles = 16;

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;

struct HeaderListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using HeaderList = std::unique_ptr<curl_slist, HeaderListDeleter>;

// curl_global_init is not safe to race with other libcurl calls, so every
// client goes through this; the result is kept for Post to report.
CURLcode InitCurlOnce() {
  static absl::once_flag once;
  static CURLcode result = CURLE_OK;
  // Never paired with curl_global_cleanup: clients may live until exit.
  absl::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
  return result;
}

struct ResponseSink {
  std::string prefix;
  size_t received = 0;
  bool stopped_reading = false;
};

size_t WriteBody(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<ResponseSink*>(user);
  const size_t length = size * count;
  if (sink->prefix.size() < kResponseBodyPrefixLength) {
    sink->prefix.append(data, std::min(length, kResponseBodyPrefixLength - sink->prefix.size()));
  }
  sink->received += length;
  if (sink->received > kMaxResponseBytes) {
    sink->stopped_reading = true;
    return 0;  // Makes libcurl abort the transfer with CURLE_WRITE_ERROR.
  }
  return length;
}

absl::StatusCode StatusCodeFor(CURLcode code) {
  switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
      return absl::StatusCode::kDeadlineExceeded;
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
      return absl::StatusCode::kInvalidArgument;
    case CURLE_OUT_OF_MEMORY:
      return absl::StatusCode::kResourceExhausted;
    default:
      // Resolving, connecting, TLS, sending and receiving: the endpoint or the
      // network, which a later attempt may find working.
      return absl::StatusCode::kUnavailable;
  }
}

absl::StatusOr<HeaderList> MakeHeaderList(const WebhookRequest& request) {
  std::vector<std::string> lines;
  for (const auto& [name, value] : request.headers) {
    if (name.empty() || absl::StrContains(name, ':') || name.find_first_of("\r\n") != name.npos ||
        value.find_first_of("\r\n") != value.npos) {
      // A CR or LF would let a value inject headers of its own.
      return absl::InvalidArgumentError(
          absl::StrCat("POST ", request.url, ": header \"", absl::CHexEscape(name),
                       "\" contains CR, LF or a colon, or has no name; it cannot be sent"));
    }
    // "Name;" is how libcurl is told to send a header with an empty value.
    lines.push_back(value.empty() ? absl::StrCat(name, ";") : absl::StrCat(name, ": ", value));
  }
  // libcurl would otherwise send "Expect: 100-continue" with larger bodies and
  // wait for an answer many receivers never give.
  lines.push_back("Expect:");
  HeaderList list;
  for (const std::string& line : lines) {
    curl_slist* head = curl_slist_append(list.get(), line.c_str());
    if (head == nullptr) return absl::ResourceExhaustedError("out of memory building headers");
    (void)list.release();  // `head` is the same list, now one longer.
    list.reset(head);
  }
  return list;
}

long Milliseconds(absl::Duration duration) {
  // 0 means "no timeout" to libcurl; a zero or negative timeout means "at once".
  return static_cast<long>(std::max<int64_t>(1, absl::ToInt64Milliseconds(duration)));
}

// What the address policy refused during one request, for its error message.
struct AddressGuard {
  bool allow_private = false;
  std::string refused;
};

// libcurl's CURLOPT_OPENSOCKETFUNCTION: opens the socket of a connection
// unless the address it is for is not public and that is not allowed.
curl_socket_t OpenSocket(void* guard_pointer, curlsocktype purpose, curl_sockaddr* address) {
  auto* guard = static_cast<AddressGuard*>(guard_pointer);
  if (purpose == CURLSOCKTYPE_IPCXN && !guard->allow_private && !IsPublicAddress(&address->addr)) {
    guard->refused = AddressText(&address->addr);
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype, address->protocol);
}

// Sets every option of one request on a handle fresh from curl_easy_reset.
CURLcode Configure(CURL* handle, const WebhookRequest& request, curl_slist* headers,
                   ResponseSink& sink, AddressGuard& guard, char* error_buffer) {
  CURLcode code = CURLE_OK;
  auto set = [&](CURLoption option, auto value) {
    if (code == CURLE_OK) code = curl_easy_setopt(handle, option, value);
  };
  set(CURLOPT_ERRORBUFFER, error_buffer);
  set(CURLOPT_URL, request.url.c_str());
  set(CURLOPT_PROTOCOLS_STR, "http,https");
  set(CURLOPT_NOSIGNAL, 1L);  // Timeouts must not use SIGALRM in a threaded server.
  set(CURLOPT_FOLLOWLOCATION, 0L);
  set(CURLOPT_USERAGENT, kUserAgent);
  set(CURLOPT_HTTPHEADER, headers);
  set(CURLOPT_POST, 1L);
  set(CURLOPT_POSTFIELDS, request.body.data());
  set(CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  set(CURLOPT_TIMEOUT_MS, Milliseconds(request.timeout));
  set(CURLOPT_CONNECTTIMEOUT_MS, Milliseconds(std::min(request.timeout, kMaxConnectTimeout)));
  set(CURLOPT_WRITEFUNCTION, &WriteBody);
  set(CURLOPT_WRITEDATA, static_cast<void*>(&sink));
  set(CURLOPT_OPENSOCKETFUNCTION, &OpenSocket);
  set(CURLOPT_OPENSOCKETDATA, static_cast<void*>(&guard));
  return code;
}

class CurlWebhookClient final : public WebhookClient {
 public:
  explicit CurlWebhookClient(WebhookClientOptions options)
      : options_(options), init_result_(InitCurlOnce()) {}
  CurlWebhookClient(const CurlWebhookClient&) = delete;
  CurlWebhookClient& operator=(const CurlWebhookClient&) = delete;

  absl::StatusOr<WebhookResponse> Post(const WebhookRequest& request) override;

 private:
  // A handle of the pool, or a new one; null only when out of memory.
  EasyHandle Acquire();
  void Release(EasyHandle handle);

  const WebhookClientOptions options_;
  const CURLcode init_result_;
  absl::Mutex mutex_;
  std::vector<EasyHandle> idle_ ABSL_GUARDED_BY(mutex_);
};

EasyHandle CurlWebhookClient::Acquire() {
  {
    absl::MutexLock lock(&mutex_);
    if (!idle_.empty()) {
      EasyHandle handle = std::move(idle_.back());
      idle_.pop_back();
      return handle;
    }
  }
  return EasyHandle(curl_easy_init());
}

void CurlWebhookClient::Release(EasyHandle handle) {
  // Forgets the options, which point into the finished request, but keeps the
  // open connections.
  curl_easy_reset(handle.get());
  absl::MutexLock lock(&mutex_);
  if (idle_.size() < kMaxIdleHandles) idle_.push_back(std::move(handle));
}

absl::StatusOr<WebhookResponse> CurlWebhookClient::Post(const WebhookRequest& request) {
  if (init_result_ != CURLE_OK) {
    return absl::InternalError(
        absl::StrCat("libcurl failed to initialise: ", curl_easy_strerror(init_result_)));
  }
  absl::StatusOr<HeaderList> headers = MakeHeaderList(request);
  if (!headers.ok()) return headers.status();
  EasyHandle handle = Acquire();
  if (handle == nullptr) return absl::ResourceExhaustedError("out of memory creating a handle");

  ResponseSink sink;
  AddressGuard guard;
  guard.allow_private = options_.allow_private_addresses;
  char error_buffer[CURL_ERROR_SIZE] = "";
  CURLcode code = Configure(handle.get(), request, headers->get(), sink, guard, error_buffer);
  if (code == CURLE_OK) code = curl_easy_perform(handle.get());
  long http_status = 0;
  curl_easy_getinfo(handle.get(), CURLINFO_RESPONSE_CODE, &http_status);
  curl_off_t total_microseconds = 0;
  curl_easy_getinfo(handle.get(), CURLINFO_TOTAL_TIME_T, &total_microseconds);
  Release(std::move(handle));

  // Hanging up on an endless body still leaves a complete status line.
  const bool answered = code == CURLE_OK || (code == CURLE_WRITE_ERROR && sink.stopped_reading);
  if (!answered && !guard.refused.empty()) {
    return absl::UnavailableError(absl::StrCat(
        "POST ", request.url, ": refused to connect to ", guard.refused,
        ", a loopback, private or link-local address; webhooks go to public addresses unless the "
        "server runs with --webhook_allow_private_addresses"));
  }
  if (!answered || http_status == 0) {
    const absl::string_view detail =
        error_buffer[0] != '\0' ? error_buffer : curl_easy_strerror(code);
    return absl::Status(StatusCodeFor(code), absl::StrCat("POST ", request.url, ": ", detail));
  }
  WebhookResponse response;
  response.http_status = static_cast<int>(http_status);
  response.body_prefix = std::move(sink.prefix);
  response.latency = absl::Microseconds(total_microseconds);
  return response;
}

}  // namespace

std::unique_ptr<WebhookClient> NewCurlWebhookClient(WebhookClientOptions options) {
  return std::make_unique<CurlWebhookClient>(options);
}

}  // namespace corematch::notification
