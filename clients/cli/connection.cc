// clients/cli/connection.cc
#include "clients/cli/connection.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "grpcpp/create_channel.h"
#include "grpcpp/security/credentials.h"

namespace corematch::cli {
namespace {

absl::StatusOr<std::string> ReadKeyFile(absl::string_view path) {
  std::ifstream file{std::string(path)};
  if (!file) return absl::InvalidArgumentError(absl::StrCat("cannot read API key file ", path));
  std::stringstream contents;
  contents << file.rdbuf();
  std::string key(absl::StripAsciiWhitespace(contents.str()));
  if (key.empty())
    return absl::InvalidArgumentError(absl::StrCat("API key file ", path, " is empty"));
  return key;
}

}  // namespace

absl::StatusOr<std::string> ResolveApiKey(absl::string_view flag_key, absl::string_view key_file,
                                          absl::string_view default_key_file) {
  if (!flag_key.empty()) return std::string(absl::StripAsciiWhitespace(flag_key));
  if (!key_file.empty()) return ReadKeyFile(key_file);
  std::error_code error;
  if (!default_key_file.empty() &&
      std::filesystem::is_regular_file(std::string(default_key_file), error)) {
    return ReadKeyFile(default_key_file);
  }
  return std::string();
}

Connection::Connection(ConnectionOptions options)
    : options_(std::move(options)),
      channel_(grpc::CreateChannel(options_.target, grpc::InsecureChannelCredentials())) {}

void Connection::Prepare(grpc::ClientContext* context) const {
  if (!options_.api_key.empty()) {
    context->AddMetadata("authorization", absl::StrCat("Bearer ", options_.api_key));
  }
  context->set_deadline(absl::ToChronoTime(absl::Now() + options_.timeout));
}

}  // namespace corematch::cli
