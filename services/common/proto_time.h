// services/common/proto_time.h
//
// absl::Time ⇄ google.protobuf.Timestamp.
#ifndef COREMATCH_SERVICES_COMMON_PROTO_TIME_H_
#define COREMATCH_SERVICES_COMMON_PROTO_TIME_H_

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace corematch {

inline google::protobuf::Timestamp ToProtoTime(absl::Time time) {
  google::protobuf::Timestamp proto;
  const int64_t micros = absl::ToUnixMicros(time);
  proto.set_seconds(micros / 1000000);
  proto.set_nanos(static_cast<int32_t>(micros % 1000000) * 1000);
  return proto;
}

inline absl::Time FromProtoTime(const google::protobuf::Timestamp& proto) {
  return absl::FromUnixSeconds(proto.seconds()) + absl::Nanoseconds(proto.nanos());
}

}  // namespace corematch

#endif  // COREMATCH_SERVICES_COMMON_PROTO_TIME_H_
