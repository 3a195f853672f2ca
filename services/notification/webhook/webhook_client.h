// services/notification/webhook/webhook_client.h
//
// The HTTP POST of one webhook request, behind an interface so that delivery
// can be driven by something other than libcurl; NewCurlWebhookClient() is
// the one implementation. The client only reports what happened on the wire:
// deciding whether a response counts as delivered is the caller's
// (delivery_attempt.h).
//
//   std::unique_ptr<WebhookClient> client = NewCurlWebhookClient();
//   absl::StatusOr<WebhookResponse> response = client->Post(
//       {.url = url, .body = body, .headers = {{"Content-Type", "application/json"}}});
#ifndef COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_WEBHOOK_CLIENT_H_
#define COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_WEBHOOK_CLIENT_H_

#include <cstddef>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace corematch::notification {

struct WebhookRequest {
  std::string url;
  std::string body;
  // Sent in order; names and values must not contain CR or LF.
  std::vector<std::pair<std::string, std::string>> headers;
  // For the whole exchange, connecting included.
  absl::Duration timeout = absl::Seconds(10);
};

// How many bytes of a response body WebhookResponse keeps.
inline constexpr size_t kResponseBodyPrefixLength = 512;

struct WebhookResponse {
  int http_status = 0;
  // The first kResponseBodyPrefixLength bytes of the body, for delivery logs.
  std::string body_prefix;
  // From the start of the request to the end of the response.
  absl::Duration latency;
};

// Sends webhook requests. Implementations are thread-safe.
class WebhookClient {
 public:
  virtual ~WebhookClient() = default;

  // POSTs `request`. Any HTTP response, whatever its status (3xx and 5xx
  // included), is OK with that status. When no response arrives: UNAVAILABLE
  // for a failure to resolve, connect, complete TLS or read the response;
  // DEADLINE_EXCEEDED when `request.timeout` passes first; INVALID_ARGUMENT
  // for a URL or header the client cannot send. Error messages name the URL
  // and carry the transport's own explanation.
  virtual absl::StatusOr<WebhookResponse> Post(const WebhookRequest& request) = 0;
};

struct WebhookClientOptions {
  // Whether requests may go to loopback, private and link-local addresses
  // (address_policy.h). Off, a connection to one is refused after name
  // resolution and Post fails with UNAVAILABLE naming the address. On for
  // tests and for receivers inside the operator's own network; on also when
  // webhooks leave through an HTTP proxy on a private address (the proxy
  // then decides where requests may go).
  bool allow_private_addresses = false;
};

// A client on libcurl. It keeps connections alive between requests to the
// same endpoint, follows no redirects (a 3xx is returned as such), verifies
// TLS certificates against the system's CAs, speaks only http and https and
// sends "User-Agent: corematch-webhook/1". It reads at most 64 KiB of a
// response body and then hangs up, keeping the status. Like any libcurl program it honours
// the proxy environment variables (https_proxy, no_proxy). Safe to call from
// many threads at once; each concurrent call uses its own connection.
std::unique_ptr<WebhookClient> NewCurlWebhookClient(WebhookClientOptions options = {});

}  // namespace corematch::notification

#endif  // COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_WEBHOOK_CLIENT_H_
