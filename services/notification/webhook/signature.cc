// services/notification/webhook/signature.cc
#include "services/notification/webhook/signature.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace corematch::notification {
namespace {

constexpr size_t kHexMacLength = 64;  // SHA-256 is 32 bytes.

// Lowercase hex HMAC-SHA256(secret, "<unix_seconds>.<body>").
std::string HexMac(absl::string_view secret, int64_t unix_seconds, absl::string_view body) {
  const std::string message = absl::StrCat(unix_seconds, ".", body);
  // OpenSSL takes a null key as "reuse the previous key"; an empty secret must
  // still be a key (of zero bytes), so point at a real byte.
  static constexpr unsigned char kEmpty = 0;
  const void* key = secret.empty() ? &kEmpty : static_cast<const void*>(secret.data());
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_length = 0;
  if (HMAC(EVP_sha256(), key, static_cast<int>(secret.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(), mac,
           &mac_length) == nullptr) {
    // Only an allocation failure inside OpenSSL gets here; a request signed
    // with garbage would be worse than stopping.
    std::abort();
  }
  return absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(mac), mac_length));
}

bool IsHexMac(absl::string_view value) {
  if (value.size() != kHexMacLength) return false;
  for (char c : value) {
    if (!absl::ascii_isxdigit(c)) return false;
  }
  return true;
}

bool IsDecimal(absl::string_view value) {
  // 18 digits keep any value inside int64 and absl::Time's range.
  if (value.empty() || value.size() > 18) return false;
  for (char c : value) {
    if (!absl::ascii_isdigit(c)) return false;
  }
  return true;
}

struct ParsedHeader {
  int64_t unix_seconds = 0;
  std::vector<std::string> macs;  // Lowercased.
};

absl::Status ParseHeader(absl::string_view header_value, ParsedHeader& parsed) {
  if (header_value.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat(kSignatureHeader, " header is missing or empty"));
  }
  bool have_timestamp = false;
  for (absl::string_view part : absl::StrSplit(header_value, ',')) {
    part = absl::StripAsciiWhitespace(part);
    const size_t eq = part.find('=');
    if (eq == absl::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat(kSignatureHeader, " header is garbled: expected key=value parts, got \"",
                       absl::CHexEscape(part), "\""));
    }
    const absl::string_view key = part.substr(0, eq);
    const absl::string_view value = part.substr(eq + 1);
    if (key == "t") {
      if (have_timestamp || !IsDecimal(value)) {
        return absl::InvalidArgumentError(absl::StrCat(
            kSignatureHeader, " header is garbled: t must be one decimal Unix time in seconds"));
      }
      absl::SimpleAtoi(value, &parsed.unix_seconds);
      have_timestamp = true;
    } else if (key == "v1") {
      if (!IsHexMac(value)) {
        return absl::InvalidArgumentError(absl::StrCat(
            kSignatureHeader, " header is garbled: v1 must be 64 hex digits (HMAC-SHA256)"));
      }
      parsed.macs.push_back(absl::AsciiStrToLower(value));
    }
    // Other keys are ignored so that a later scheme (v2) can be added beside v1.
  }
  if (!have_timestamp) {
    return absl::InvalidArgumentError(absl::StrCat(kSignatureHeader, " header has no t= part"));
  }
  if (parsed.macs.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(kSignatureHeader, " header has no v1= part"));
  }
  return absl::OkStatus();
}

}  // namespace

std::string SignatureHeaderValue(absl::string_view secret, absl::Time timestamp,
                                 absl::string_view body) {
  const int64_t unix_seconds = absl::ToUnixSeconds(timestamp);
  return absl::StrCat("t=", unix_seconds, ",v1=", HexMac(secret, unix_seconds, body));
}

absl::Status VerifySignature(absl::string_view secret, absl::string_view header_value,
                             absl::string_view body, absl::Time now, absl::Duration tolerance) {
  ParsedHeader parsed;
  if (absl::Status status = ParseHeader(header_value, parsed); !status.ok()) return status;

  // The MAC is checked before the timestamp, so that "outside the tolerance"
  // tells the receiver the request is authentic but old (a replay or a skewed
  // clock) rather than forged.
  const std::string expected = HexMac(secret, parsed.unix_seconds, body);
  bool matched = false;
  for (const std::string& mac : parsed.macs) {
    // No early exit: the time taken must not depend on which value matched.
    matched |= CRYPTO_memcmp(mac.data(), expected.data(), kHexMacLength) == 0;
  }
  if (!matched) {
    return absl::UnauthenticatedError(absl::StrCat(
        kSignatureHeader, " does not match the body: wrong secret, or the body was changed"));
  }

  const absl::Duration skew = absl::AbsDuration(now - absl::FromUnixSeconds(parsed.unix_seconds));
  if (skew > tolerance) {
    return absl::UnauthenticatedError(
        absl::StrCat(kSignatureHeader, " timestamp t=", parsed.unix_seconds, " is ",
                     absl::FormatDuration(skew), " from now, outside the tolerance of ",
                     absl::FormatDuration(tolerance), " (a replay, or a clock out of sync)"));
  }
  return absl::OkStatus();
}

}  // namespace corematch::notification
