// clients/cli/input.cc
#include "clients/cli/input.h"

#include <fstream>
#include <istream>
#include <sstream>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "google/protobuf/util/json_util.h"

namespace corematch::cli {
namespace {

std::string SnakeCase(absl::string_view path) {
  std::string result;
  for (char c : path) {
    if (absl::ascii_isupper(static_cast<unsigned char>(c))) {
      result += '_';
      result += absl::ascii_tolower(static_cast<unsigned char>(c));
    } else {
      result += c;
    }
  }
  return result;
}

}  // namespace

absl::StatusOr<std::string> ReadInput(absl::string_view path, std::istream& in) {
  std::stringstream contents;
  if (path == "-") {
    contents << in.rdbuf();
    return contents.str();
  }
  std::ifstream file{std::string(path), std::ios::binary};
  if (!file) return absl::InvalidArgumentError(absl::StrCat("cannot read ", path));
  contents << file.rdbuf();
  return contents.str();
}

absl::Status ParseJsonMessage(absl::string_view json, absl::string_view source,
                              google::protobuf::Message* message) {
  message->Clear();
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  auto status = google::protobuf::util::JsonStringToMessage(
      google::protobuf::StringPiece(json.data(), json.size()), message, options);
  if (status.ok()) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(source, " is not a valid ", message->GetDescriptor()->name(),
                   " in protobuf JSON: ", status.message().ToString()));
}

absl::Status ReadJsonMessage(absl::string_view path, std::istream& in,
                             google::protobuf::Message* message) {
  absl::StatusOr<std::string> json = ReadInput(path, in);
  if (!json.ok()) return json.status();
  return ParseJsonMessage(*json, path == "-" ? "stdin" : path, message);
}

std::string ResourceName(absl::string_view collection, absl::string_view name_or_id) {
  std::string prefix = absl::StrCat(collection, "/");
  if (absl::StartsWith(name_or_id, prefix)) return std::string(name_or_id);
  return prefix + std::string(name_or_id);
}

google::protobuf::FieldMask ParseFieldMask(absl::string_view paths) {
  google::protobuf::FieldMask mask;
  for (absl::string_view path : absl::StrSplit(paths, ',', absl::SkipWhitespace())) {
    mask.add_paths(SnakeCase(absl::StripAsciiWhitespace(path)));
  }
  return mask;
}

}  // namespace corematch::cli
