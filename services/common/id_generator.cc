#include "services/common/id_generator.h"

#include <openssl/evp.h>
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
  // OpenSSL 3's one-shot SHA256() looks the algorithm up on every call, under
  // a lock every thread shares; every authenticated call and every etag
  // hashes, so look it up once.
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  if (sha256 == nullptr ||
      EVP_Digest(data.data(), data.size(), digest, nullptr, sha256, nullptr) != 1) {
    std::abort();  // SHA-256 missing from the default provider: a broken install.
  }
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

}  // namespace corematch
