// clients/cli/enum_names.cc
#include "clients/cli/enum_names.h"

#include <optional>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_replace.h"

namespace corematch::cli {

std::string EnumValuePrefix(absl::string_view enum_name) {
  std::string prefix;
  for (char c : enum_name) {
    if (absl::ascii_isupper(static_cast<unsigned char>(c)) && !prefix.empty()) prefix += '_';
    prefix += absl::ascii_toupper(static_cast<unsigned char>(c));
  }
  return prefix + "_";
}

std::string EnumShortName(const google::protobuf::EnumValueDescriptor& value) {
  if (value.number() == 0) return "";
  std::string prefix = EnumValuePrefix(value.type()->name());
  absl::string_view name = value.name();
  if (absl::StartsWith(name, prefix)) name.remove_prefix(prefix.size());
  return std::string(name);
}

std::optional<int> ParseEnumName(const google::protobuf::EnumDescriptor& type,
                                 absl::string_view name) {
  // "in-development" and "in development" are read as IN_DEVELOPMENT.
  std::string upper = absl::StrReplaceAll(absl::AsciiStrToUpper(absl::StripAsciiWhitespace(name)),
                                          {{"-", "_"}, {" ", "_"}});
  std::string prefix = EnumValuePrefix(type.name());
  if (!absl::StartsWith(upper, prefix)) upper = prefix + upper;
  const google::protobuf::EnumValueDescriptor* value = type.FindValueByName(upper);
  if (value == nullptr || value->number() == 0) return std::nullopt;
  return value->number();
}

}  // namespace corematch::cli
