// services/notification/webhook/address_policy.cc
#include "services/notification/webhook/address_policy.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <array>
#include <cstdint>
#include <cstring>

namespace corematch::notification {
namespace {

struct Ipv4Range {
  uint32_t network;
  int prefix_length;
};

// Not reachable on the public internet, or not a single host on it.
constexpr std::array<Ipv4Range, 12> kNonPublicIpv4 = {{
    {0x00000000, 8},   // 0.0.0.0/8 "this network"
    {0x0A000000, 8},   // 10.0.0.0/8 private
    {0x64400000, 10},  // 100.64.0.0/10 carrier-grade NAT
    {0x7F000000, 8},   // 127.0.0.0/8 loopback
    {0xA9FE0000, 16},  // 169.254.0.0/16 link-local (cloud metadata)
    {0xAC100000, 12},  // 172.16.0.0/12 private
    {0xC0000000, 24},  // 192.0.0.0/24 protocol assignments
    {0xC0000200, 24},  // 192.0.2.0/24 documentation
    {0xC0A80000, 16},  // 192.168.0.0/16 private
    {0xC6120000, 15},  // 198.18.0.0/15 benchmarking
    {0xE0000000, 4},   // 224.0.0.0/4 multicast
    {0xF0000000, 4},   // 240.0.0.0/4 reserved, broadcast
}};

bool IsPublicIpv4(uint32_t host_order) {
  for (const Ipv4Range& range : kNonPublicIpv4) {
    const uint32_t mask = ~uint32_t{0} << (32 - range.prefix_length);
    if ((host_order & mask) == range.network) return false;
  }
  return true;
}

bool IsPublicIpv6(const in6_addr& a) {
  const uint8_t* b = a.s6_addr;
  static constexpr uint8_t kMappedPrefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (std::memcmp(b, kMappedPrefix, sizeof(kMappedPrefix)) == 0) {
    uint32_t v4;
    std::memcpy(&v4, b + 12, sizeof(v4));
    return IsPublicIpv4(ntohl(v4));
  }
  if (IN6_IS_ADDR_UNSPECIFIED(&a) || IN6_IS_ADDR_LOOPBACK(&a)) return false;
  if ((b[0] & 0xfe) == 0xfc) return false;                  // fc00::/7 unique local
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return false;  // fe80::/10 link-local
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return false;  // fec0::/10 site-local
  if (b[0] == 0xff) return false;                           // ff00::/8 multicast
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return false;  // 2001:db8::/32
  return true;
}

}  // namespace

bool IsPublicAddress(const sockaddr* address) {
  if (address == nullptr) return false;
  if (address->sa_family == AF_INET) {
    sockaddr_in v4;
    std::memcpy(&v4, address, sizeof(v4));
    return IsPublicIpv4(ntohl(v4.sin_addr.s_addr));
  }
  if (address->sa_family == AF_INET6) {
    sockaddr_in6 v6;
    std::memcpy(&v6, address, sizeof(v6));
    return IsPublicIpv6(v6.sin6_addr);
  }
  return false;
}

std::string AddressText(const sockaddr* address) {
  char text[INET6_ADDRSTRLEN] = "";
  if (address == nullptr) return "";
  if (address->sa_family == AF_INET) {
    sockaddr_in v4;
    std::memcpy(&v4, address, sizeof(v4));
    inet_ntop(AF_INET, &v4.sin_addr, text, sizeof(text));
  } else if (address->sa_family == AF_INET6) {
    sockaddr_in6 v6;
    std::memcpy(&v6, address, sizeof(v6));
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof(text));
  }
  return text;
}

}  // namespace corematch::notification
