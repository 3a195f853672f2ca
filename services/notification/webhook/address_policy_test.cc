// services/notification/webhook/address_policy_test.cc
#include "services/notification/webhook/address_policy.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <cstring>
#include <string>

#include "gtest/gtest.h"

namespace corematch::notification {
namespace {

// `text` as a socket address of its family.
sockaddr_storage Address(const std::string& text) {
  sockaddr_storage storage;
  std::memset(&storage, 0, sizeof(storage));
  auto* v4 = reinterpret_cast<sockaddr_in*>(&storage);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&storage);
  if (inet_pton(AF_INET, text.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
  } else {
    EXPECT_EQ(inet_pton(AF_INET6, text.c_str(), &v6->sin6_addr), 1) << text;
    v6->sin6_family = AF_INET6;
  }
  return storage;
}

bool IsPublic(const std::string& text) {
  sockaddr_storage storage = Address(text);
  return IsPublicAddress(reinterpret_cast<const sockaddr*>(&storage));
}

TEST(AddressPolicyTest, PublicAddressesArePublic) {
  for (const char* text : {"1.1.1.1", "8.8.8.8", "193.162.153.164", "100.63.255.255", "100.128.0.0",
                           "172.15.255.255", "172.32.0.0", "192.169.0.1",
                           "2a00:1450:400f:80d::200e", "2001:4860:4860::8888", "::ffff:8.8.8.8"}) {
    EXPECT_TRUE(IsPublic(text)) << text;
  }
}

TEST(AddressPolicyTest, LoopbackPrivateLinkLocalAndReservedAreNot) {
  for (const char* text : {"127.0.0.1",
                           "127.255.255.254",
                           "10.0.0.5",
                           "172.16.0.1",
                           "172.31.255.255",
                           "192.168.1.1",
                           "169.254.169.254",
                           "100.64.0.1",
                           "0.0.0.0",
                           "224.0.0.1",
                           "255.255.255.255",
                           "192.0.2.10",
                           "198.18.0.1",
                           "::1",
                           "::",
                           "fc00::1",
                           "fd12:3456::1",
                           "fe80::1",
                           "ff02::1",
                           "2001:db8::1",
                           "::ffff:127.0.0.1",
                           "::ffff:10.1.2.3",
                           "::ffff:169.254.169.254"}) {
    EXPECT_FALSE(IsPublic(text)) << text;
  }
}

TEST(AddressPolicyTest, AnotherFamilyIsNotPublic) {
  sockaddr unix_address;
  std::memset(&unix_address, 0, sizeof(unix_address));
  unix_address.sa_family = AF_UNIX;
  EXPECT_FALSE(IsPublicAddress(&unix_address));
  EXPECT_FALSE(IsPublicAddress(nullptr));
}

TEST(AddressPolicyTest, AddressTextIsTheUsualNotation) {
  sockaddr_storage v4 = Address("169.254.169.254");
  EXPECT_EQ(AddressText(reinterpret_cast<const sockaddr*>(&v4)), "169.254.169.254");
  sockaddr_storage v6 = Address("fe80::1");
  EXPECT_EQ(AddressText(reinterpret_cast<const sockaddr*>(&v6)), "fe80::1");
}

}  // namespace
}  // namespace corematch::notification
