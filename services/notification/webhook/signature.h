// services/notification/webhook/signature.h
//
// The signature every webhook request carries, so a receiver can tell that
// corematch sent the body and that it is not a replay of an old request.
//
//   Corematch-Signature: t=1700000000,v1=49f24e53...1686
//
// `t` is the Unix time of the attempt in seconds; `v1` is the lowercase hex
// HMAC-SHA256 of "<t>.<body>" keyed with the webhook's secret. Each retry is
// signed anew with its own `t`.
//
// How a receiver verifies a request:
//   1. Split the header on ',' and each part on the first '='; take `t` and
//      `v1` (ignore other keys: later schemes may add them).
//   2. Compute HMAC-SHA256(secret, t + "." + raw body) over the exact bytes
//      received, before any JSON parsing, and hex-encode it in lowercase.
//   3. Compare it with `v1` in constant time; reject the request if they differ.
//   4. Reject the request if `t` is more than 5 minutes from the receiver's
//      clock.
// VerifySignature() below does exactly this. In a shell, with the body in
// body.json:
//
//   t=1700000000   # the t= of the header
//   { printf '%s.' "$t"; cat body.json; } | openssl dgst -sha256 -hmac "$SECRET"
//   # prints "SHA2-256(stdin)= <hex>"; <hex> must equal the header's v1.
//
// With secret "secret", t=1700000000 and body {"a":1} the header is
//   t=1700000000,v1=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686
#ifndef COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_SIGNATURE_H_
#define COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_SIGNATURE_H_

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace corematch::notification {

// The HTTP header that carries the signature.
inline constexpr absl::string_view kSignatureHeader = "Corematch-Signature";

// The value of kSignatureHeader for `body` sent at `timestamp` (truncated to
// whole seconds), "t=<unix seconds>,v1=<lowercase hex HMAC-SHA256>".
std::string SignatureHeaderValue(absl::string_view secret, absl::Time timestamp,
                                 absl::string_view body);

// OK if `header_value` is a valid signature of `body` under `secret` made
// within `tolerance` of `now` (either side, for clock skew). Otherwise
// INVALID_ARGUMENT for a missing or garbled header, UNAUTHENTICATED for a
// signature that does not match or a timestamp outside the tolerance; the
// message says which. Compares in constant time. When the header carries
// several v1 values (e.g. while a secret is rotated), one matching suffices.
absl::Status VerifySignature(absl::string_view secret, absl::string_view header_value,
                             absl::string_view body, absl::Time now,
                             absl::Duration tolerance = absl::Minutes(5));

}  // namespace corematch::notification

#endif  // COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_SIGNATURE_H_
