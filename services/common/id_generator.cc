#include "services/common/id_generator.h"

#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstdlib>

#include "absl/strings/escaping.h"
#include "absl/strings/str_format.h"

namespace corematch {
namespace {
constexpr char kBase32[] = "abcdefghijklmnopqrstuvwxyz234567";
constexpr int kIdLength = 16;
}  // namespace

std::string RandomIdGenerator::RandomBytes(int bytes) {
  std::string out(bytes, '\0');
  // Failure of the system's CSPRNG is an impossible invariant for a server.
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), bytes) != 1) std::abort();
  return out;
}

std::string RandomIdGenerator::NewId() {
  std::string random = RandomBytes(kIdLength);
  std::string id(kIdLength, 'a');
  for (int i = 0; i < kIdLength; ++i) id[i] = kBase32[static_cast<unsigned char>(random[i]) % 32];
  return id;
}

std::string SequentialIdGenerator::NewId() {
  absl::MutexLock lock(&mutex_);
  return absl::StrFormat("id%014d", next_++);
}

std::string SequentialIdGenerator::RandomBytes(int bytes) {
  absl::MutexLock lock(&mutex_);
  std::string out(bytes, '\0');
  for (int i = 0; i < bytes; ++i) out[i] = static_cast<char>((next_ * 31 + i) & 0xff);
  ++next_;
  return out;
}

std::string Sha256Hex(const std::string& data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

}  // namespace corematch
