// services/notification/webhook/address_policy.h
//
// Which addresses a webhook may be delivered to. A subscription's URL is
// chosen by whichever organisation registers it, so without a check the
// server could be made to POST to itself, to the cloud's metadata service
// (169.254.169.254) or to anything else on the operator's private network.
// The check is made on the address actually connected to, after name
// resolution, so a name that resolves to a private address is refused too.
//
//   sockaddr_storage address = ...;
//   if (!IsPublicAddress(reinterpret_cast<const sockaddr*>(&address))) refuse;
#ifndef COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_ADDRESS_POLICY_H_
#define COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_ADDRESS_POLICY_H_

#include <sys/socket.h>

#include <string>

namespace corematch::notification {

// False for loopback, private (RFC 1918, unique local), link-local,
// carrier-grade NAT, unspecified, multicast, benchmarking and reserved
// addresses of IPv4 and IPv6 (IPv4-mapped IPv6 addresses are judged as the
// IPv4 address they carry), and for any other address family. Thread-safe.
bool IsPublicAddress(const sockaddr* address);

// "10.0.0.5" or "fe80::1" for messages; "" for another family.
std::string AddressText(const sockaddr* address);

}  // namespace corematch::notification

#endif  // COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_ADDRESS_POLICY_H_
