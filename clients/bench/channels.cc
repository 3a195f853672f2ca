#include "clients/bench/channels.h"

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpc/grpc.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"
#include "grpcpp/support/channel_arguments.h"

namespace corematch::bench {
namespace {

constexpr absl::Duration kCallTimeout = absl::Seconds(30);

std::shared_ptr<grpc::Channel> NewChannel(const std::string& target, int client) {
  grpc::ChannelArguments args;
  // A channel's own subchannel pool plus an argument no other channel has:
  // gRPC would otherwise reuse one connection for equal targets.
  args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
  args.SetInt("corematch.bench.client", client);
  return grpc::CreateCustomChannel(target, grpc::InsecureChannelCredentials(), args);
}

}  // namespace

absl::StatusOr<ChannelMode> ParseChannelMode(absl::string_view text) {
  if (text == "per_client") return ChannelMode::kPerClient;
  if (text == "shared") return ChannelMode::kShared;
  return absl::InvalidArgumentError(
      absl::StrCat("--channels: '", text, "'; choose per_client or shared"));
}

absl::string_view ChannelModeName(ChannelMode mode) {
  return mode == ChannelMode::kShared ? "shared" : "per_client";
}

absl::StatusOr<std::vector<std::shared_ptr<grpc::Channel>>> ConnectChannels(
    const std::string& target, ChannelMode mode, int clients, absl::Duration timeout) {
  std::vector<std::shared_ptr<grpc::Channel>> channels;
  channels.reserve(clients);
  for (int client = 0; client < clients; ++client) {
    if (mode == ChannelMode::kShared && client > 0) {
      channels.push_back(channels.front());
      continue;
    }
    channels.push_back(NewChannel(target, client));
  }
  const auto deadline = absl::ToChronoTime(absl::Now() + timeout);
  for (int client = 0; client < clients; ++client) {
    if (!channels[client]->WaitForConnected(deadline)) {
      return absl::UnavailableError(
          absl::StrCat("cannot connect to ", target, " within ", absl::FormatDuration(timeout)));
    }
  }
  return channels;
}

void PrepareContext(grpc::ClientContext& context, absl::string_view api_key) {
  context.AddMetadata("authorization", absl::StrCat("Bearer ", api_key));
  context.set_deadline(absl::ToChronoTime(absl::Now() + kCallTimeout));
}

}  // namespace corematch::bench
