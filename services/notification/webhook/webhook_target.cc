// services/notification/webhook/webhook_target.cc
#include "services/notification/webhook/webhook_target.h"

#include <curl/curl.h>

#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"

namespace corematch::notification {
namespace {

constexpr absl::string_view kUrlField = "webhook.url";
constexpr absl::string_view kSecretField = "webhook.secret";

struct CurlUrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
using CurlUrl = std::unique_ptr<CURLU, CurlUrlDeleter>;

absl::Status UrlError(absl::string_view problem) {
  return absl::InvalidArgumentError(absl::StrCat(kUrlField, ": ", problem));
}

// Whether `url` has the part at all, even an empty one ("http://@host/" has
// an empty user).
bool HasPart(CURLU* url, CURLUPart part) {
  char* value = nullptr;
  const CURLUcode code = curl_url_get(url, part, &value, 0);
  curl_free(value);
  return code == CURLUE_OK;
}

std::string GetPart(CURLU* url, CURLUPart part) {
  char* value = nullptr;
  std::string result;
  if (curl_url_get(url, part, &value, 0) == CURLUE_OK && value != nullptr) result = value;
  curl_free(value);
  return result;
}

// curl reads "http:///path" as the host "path"; a receiver URL with an empty
// authority is almost certainly a typo, so it counts as having no host.
bool HasEmptyAuthority(absl::string_view url) {
  const size_t separator = url.find("://");
  return separator != absl::string_view::npos && url.substr(separator + 3).substr(0, 1) == "/";
}

}  // namespace

absl::Status ValidateWebhookUrl(absl::string_view url) {
  if (url.empty()) {
    return UrlError("required; give the https:// URL of the endpoint that receives the events");
  }
  if (url.size() > kMaxWebhookUrlLength) {
    return UrlError(absl::StrCat("is ", url.size(), " characters long; use a URL of at most ",
                                 kMaxWebhookUrlLength));
  }
  CurlUrl parsed(curl_url());
  if (parsed == nullptr) return absl::ResourceExhaustedError("out of memory parsing webhook.url");
  // Flags 0: no default scheme is guessed, and no spaces are allowed.
  const CURLUcode code = curl_url_set(parsed.get(), CURLUPART_URL, std::string(url).c_str(), 0);
  if (code != CURLUE_OK) {
    return UrlError(absl::StrCat("is not a valid absolute URL (", curl_url_strerror(code),
                                 "); write it as https://host[:port]/path"));
  }
  const std::string scheme = absl::AsciiStrToLower(GetPart(parsed.get(), CURLUPART_SCHEME));
  if (scheme != "http" && scheme != "https") {
    return UrlError(absl::StrCat("has the scheme \"", scheme, "\"; use https:// (or http://)"));
  }
  if (HasEmptyAuthority(url) || GetPart(parsed.get(), CURLUPART_HOST).empty()) {
    return UrlError("has no host; write it as https://host[:port]/path");
  }
  if (HasPart(parsed.get(), CURLUPART_USER) || HasPart(parsed.get(), CURLUPART_PASSWORD)) {
    return UrlError(
        "contains a user name or password, which would be stored and logged in clear; remove "
        "them and check the Corematch-Signature header with webhook.secret instead");
  }
  if (HasPart(parsed.get(), CURLUPART_FRAGMENT) || url.find('#') != absl::string_view::npos) {
    return UrlError("has a #fragment, which is never sent to the server; remove it");
  }
  return absl::OkStatus();
}

absl::Status ValidateWebhookSecret(absl::string_view secret) {
  if (secret.size() < kMinWebhookSecretLength || secret.size() > kMaxWebhookSecretLength) {
    return absl::InvalidArgumentError(absl::StrCat(
        kSecretField, ": is ", secret.size(), " bytes long; use ", kMinWebhookSecretLength, " to ",
        kMaxWebhookSecretLength, " printable ASCII characters, e.g. from `openssl rand -hex 32`"));
  }
  for (char c : secret) {
    // Printable ASCII: space (0x20) to '~' (0x7e).
    if (const auto byte = static_cast<unsigned char>(c); byte < 0x20 || byte > 0x7e) {
      return absl::InvalidArgumentError(absl::StrCat(
          kSecretField,
          ": contains a control or non-ASCII character; use printable ASCII only, e.g. from "
          "`openssl rand -hex 32`"));
    }
  }
  return absl::OkStatus();
}

}  // namespace corematch::notification
