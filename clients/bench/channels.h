// clients/bench/channels.h
//
// The channels the load generator's clients call through, and what every
// call carries.
//
// gRPC multiplexes calls over one HTTP/2 connection per channel target, and
// channels with equal arguments share that connection. kPerClient gives each
// client a connection of its own (a local subchannel pool and a distinct
// argument), so that one connection's socket and its polling thread are not
// the bottleneck; kShared has every client multiplex over one connection,
// as a single portal process would.
#ifndef COREMATCH_CLIENTS_BENCH_CHANNELS_H_
#define COREMATCH_CLIENTS_BENCH_CHANNELS_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "grpcpp/channel.h"
#include "grpcpp/client_context.h"

namespace corematch::bench {

enum class ChannelMode { kPerClient, kShared };

// "per_client" or "shared".
absl::StatusOr<ChannelMode> ParseChannelMode(absl::string_view text);
absl::string_view ChannelModeName(ChannelMode mode);

// One channel per client (the same one `clients` times for kShared), each
// connected before it is returned: connection set-up is not measured. Fails
// with UNAVAILABLE if a channel does not connect within `timeout`.
absl::StatusOr<std::vector<std::shared_ptr<grpc::Channel>>> ConnectChannels(
    const std::string& target, ChannelMode mode, int clients,
    absl::Duration timeout = absl::Seconds(10));

// Prepares `context` for one call: `authorization: Bearer <api_key>` and a
// 30 s deadline.
void PrepareContext(grpc::ClientContext& context, absl::string_view api_key);

}  // namespace corematch::bench

#endif  // COREMATCH_CLIENTS_BENCH_CHANNELS_H_
