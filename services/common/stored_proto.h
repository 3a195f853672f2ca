// services/common/stored_proto.h
//
// Reading one protobuf stored under a key, from a KvStore or inside a
// storage::Transaction, as every service's repository does.
#ifndef COREMATCH_SERVICES_COMMON_STORED_PROTO_H_
#define COREMATCH_SERVICES_COMMON_STORED_PROTO_H_

#include <optional>
#include <string>
#include <utility>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/string_view.h"
#include "services/common/status_macros.h"

namespace corematch {

// Reads and parses one protobuf from a Transaction or a KvStore; nullopt when
// absent, DATA_LOSS when it does not parse.
template <typename Message, typename Source>
absl::StatusOr<std::optional<Message>> LoadProto(Source& source, absl::string_view key) {
  ASSIGN_OR_RETURN(std::optional<std::string> bytes, source.Get(key));
  if (!bytes.has_value()) return std::optional<Message>();
  Message message;
  if (!message.ParseFromString(*bytes)) {
    return absl::DataLossError(absl::StrCat("corrupt value at ", key));
  }
  return std::optional<Message>(std::move(message));
}

}  // namespace corematch

#endif  // COREMATCH_SERVICES_COMMON_STORED_PROTO_H_
