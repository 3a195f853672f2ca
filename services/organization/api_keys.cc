#include "services/organization/api_keys.h"

#include "absl/strings/escaping.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/common/errors.h"
#include "services/common/status_macros.h"

namespace corematch::organization {
namespace {

constexpr absl::string_view kHashPrefix = "apikey/hash/";
constexpr absl::string_view kRecordPrefix = "apikey/res/";

std::string HashKey(absl::string_view secret) {
  return absl::StrCat(kHashPrefix, Sha256Hex(std::string(secret)));
}
std::string RecordKey(absl::string_view name) { return absl::StrCat(kRecordPrefix, name); }

absl::StatusOr<v1::ApiKey> ParseKey(const std::optional<std::string>& bytes,
                                    absl::string_view name) {
  if (!bytes.has_value()) {
    return MakeError(absl::StatusCode::kNotFound, "API_KEY_NOT_FOUND",
                     absl::StrCat(name, " does not exist"));
  }
  v1::ApiKey key;
  if (!key.ParseFromString(*bytes)) return absl::DataLossError(absl::StrCat("corrupt ", name));
  return key;
}

absl::Status Unauthenticated() {
  return MakeError(absl::StatusCode::kUnauthenticated, "API_KEY_INVALID",
                   "the API key is unknown or revoked; ask your operator for a valid key");
}

}  // namespace

std::string NewSecret(IdGenerator& ids) {
  return absl::StrCat("cm_", absl::WebSafeBase64Escape(ids.RandomBytes(32)));
}

void PutApiKey(storage::Transaction& txn, const v1::ApiKey& key, absl::string_view secret) {
  txn.Put(HashKey(secret), key.name());
  SaveApiKey(txn, key);
}

void SaveApiKey(storage::Transaction& txn, const v1::ApiKey& key) {
  txn.Put(RecordKey(key.name()), key.SerializeAsString());
}

absl::StatusOr<v1::ApiKey> GetApiKey(storage::KvStore& store, absl::string_view name) {
  ASSIGN_OR_RETURN(std::optional<std::string> bytes, store.Get(RecordKey(name)));
  return ParseKey(bytes, name);
}

absl::StatusOr<v1::ApiKey> GetApiKey(storage::Transaction& txn, absl::string_view name) {
  ASSIGN_OR_RETURN(std::optional<std::string> bytes, txn.Get(RecordKey(name)));
  return ParseKey(bytes, name);
}

absl::StatusOr<std::vector<v1::ApiKey>> ListApiKeys(storage::KvStore& store,
                                                    absl::string_view parent) {
  std::vector<v1::ApiKey> keys;
  RETURN_IF_ERROR(store.Scan(RecordKey(absl::StrCat(parent, "/apiKeys/")), "",
                             storage::ScanOrder::kAscending,
                             [&](absl::string_view, absl::string_view value) {
                               keys.emplace_back().ParseFromString(std::string(value));
                               return true;
                             }));
  return keys;
}

absl::StatusOr<bool> HasOperatorKey(storage::KvStore& store) {
  bool found = false;
  RETURN_IF_ERROR(store.Scan(RecordKey(absl::StrCat(kOperatorKeyCollection, "/")), "",
                             storage::ScanOrder::kAscending,
                             [&](absl::string_view, absl::string_view) {
                               found = true;
                               return false;
                             }));
  return found;
}

absl::StatusOr<Caller> LookUpSecret(storage::KvStore& store, absl::string_view secret) {
  ASSIGN_OR_RETURN(std::optional<std::string> name, store.Get(HashKey(secret)));
  if (!name.has_value()) return Unauthenticated();
  ASSIGN_OR_RETURN(v1::ApiKey key, GetApiKey(store, *name));
  if (key.has_revoke_time()) return Unauthenticated();
  Caller caller;
  caller.api_key = key.name();
  if (absl::StartsWith(key.name(), absl::StrCat(kOperatorKeyCollection, "/"))) {
    caller.is_operator = true;
  } else {
    caller.organization = key.name().substr(0, key.name().find("/apiKeys/"));
  }
  return caller;
}

}  // namespace corematch::organization
