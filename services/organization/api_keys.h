// services/organization/api_keys.h
//
// API keys in the organization service's store. A key's secret is shown once
// and stored only as its SHA-256 hash, which maps to the key's record:
//
//   apikey/hash/{sha256 hex}                  → key resource name
//   apikey/res/{key resource name}            → ApiKey
//
// Organisation keys are named organizations/{org}/apiKeys/{id}; operator keys
// operatorKeys/{id}.
#ifndef COREMATCH_SERVICES_ORGANIZATION_API_KEYS_H_
#define COREMATCH_SERVICES_ORGANIZATION_API_KEYS_H_

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "corematch/organization/v1/organization.pb.h"
#include "services/common/auth.h"
#include "services/common/id_generator.h"
#include "storage/committer.h"

namespace corematch::organization {

inline constexpr absl::string_view kOperatorKeyCollection = "operatorKeys";

// A new secret: "cm_" followed by 43 URL-safe characters (256 random bits).
std::string NewSecret(IdGenerator& ids);

// Stores a new key named `name` for `secret` inside `txn`.
void PutApiKey(storage::Transaction& txn, const corematch::organization::v1::ApiKey& key,
               absl::string_view secret);

// The key record named `name`, NOT_FOUND if absent.
absl::StatusOr<corematch::organization::v1::ApiKey> GetApiKey(storage::KvStore& store,
                                                              absl::string_view name);
absl::StatusOr<corematch::organization::v1::ApiKey> GetApiKey(storage::Transaction& txn,
                                                              absl::string_view name);
void SaveApiKey(storage::Transaction& txn, const corematch::organization::v1::ApiKey& key);

// The keys whose names start with `parent` + "/apiKeys/".
absl::StatusOr<std::vector<corematch::organization::v1::ApiKey>> ListApiKeys(
    storage::KvStore& store, absl::string_view parent);

// Whether any operator key exists.
absl::StatusOr<bool> HasOperatorKey(storage::KvStore& store);

// The caller `secret` identifies; UNAUTHENTICATED when unknown or revoked.
absl::StatusOr<Caller> LookUpSecret(storage::KvStore& store, absl::string_view secret);

}  // namespace corematch::organization

#endif  // COREMATCH_SERVICES_ORGANIZATION_API_KEYS_H_
