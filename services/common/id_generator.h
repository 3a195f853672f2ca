// services/common/id_generator.h
//
// Where resource ids and secrets come from, injected so tests are
// deterministic. Ids are 16 lower-case base32 characters (80 random bits):
// URL-safe, unguessable, short enough to type.
#ifndef COREMATCH_SERVICES_COMMON_ID_GENERATOR_H_
#define COREMATCH_SERVICES_COMMON_ID_GENERATOR_H_

#include <cstdint>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"

namespace corematch {

class IdGenerator {
 public:
  virtual ~IdGenerator() = default;
  // A new resource id.
  virtual std::string NewId() = 0;
  // `bytes` random bytes for secrets (API keys), from a cryptographic source.
  virtual std::string RandomBytes(int bytes) = 0;
};

// Cryptographically random ids from OpenSSL. Thread-safe.
class RandomIdGenerator final : public IdGenerator {
 public:
  std::string NewId() override;
  std::string RandomBytes(int bytes) override;
};

// "id0000000000001", "id0000000000002", ...; deterministic for tests.
class SequentialIdGenerator final : public IdGenerator {
 public:
  std::string NewId() override;
  std::string RandomBytes(int bytes) override;

 private:
  absl::Mutex mutex_;
  uint64_t next_ ABSL_GUARDED_BY(mutex_) = 1;
};

// Lower-case hex of SHA-256(`data`).
std::string Sha256Hex(const std::string& data);

}  // namespace corematch

#endif  // COREMATCH_SERVICES_COMMON_ID_GENERATOR_H_
