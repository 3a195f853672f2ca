// clients/cli/output.cc
#include "clients/cli/output.h"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"
#include "clients/cli/enum_names.h"
#include "google/protobuf/descriptor.h"
#include "google/protobuf/timestamp.pb.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/time_util.h"

namespace corematch::cli {
namespace {

using google::protobuf::FieldDescriptor;
using google::protobuf::Message;
using google::protobuf::Reflection;

bool IsTimestamp(const FieldDescriptor& field) {
  return field.message_type()->full_name() == "google.protobuf.Timestamp";
}

std::string TimestampText(const Message& message) {
  google::protobuf::Timestamp timestamp;
  timestamp.CopyFrom(message);
  return google::protobuf::util::TimeUtil::ToString(timestamp);
}

// Field `field` of `message` (element `index` if repeated) as text.
std::string ScalarText(const Message& message, const FieldDescriptor& field, int index) {
  const Reflection& r = *message.GetReflection();
  bool rep = field.is_repeated();
  switch (field.cpp_type()) {
    case FieldDescriptor::CPPTYPE_INT32:
      return absl::StrCat(rep ? r.GetRepeatedInt32(message, &field, index)
                              : r.GetInt32(message, &field));
    case FieldDescriptor::CPPTYPE_INT64:
      return absl::StrCat(rep ? r.GetRepeatedInt64(message, &field, index)
                              : r.GetInt64(message, &field));
    case FieldDescriptor::CPPTYPE_UINT32:
      return absl::StrCat(rep ? r.GetRepeatedUInt32(message, &field, index)
                              : r.GetUInt32(message, &field));
    case FieldDescriptor::CPPTYPE_UINT64:
      return absl::StrCat(rep ? r.GetRepeatedUInt64(message, &field, index)
                              : r.GetUInt64(message, &field));
    case FieldDescriptor::CPPTYPE_DOUBLE:
      return absl::StrCat(rep ? r.GetRepeatedDouble(message, &field, index)
                              : r.GetDouble(message, &field));
    case FieldDescriptor::CPPTYPE_FLOAT:
      return absl::StrCat(rep ? r.GetRepeatedFloat(message, &field, index)
                              : r.GetFloat(message, &field));
    case FieldDescriptor::CPPTYPE_BOOL:
      return (rep ? r.GetRepeatedBool(message, &field, index) : r.GetBool(message, &field))
                 ? "true"
                 : "false";
    case FieldDescriptor::CPPTYPE_ENUM:
      return EnumShortName(rep ? *r.GetRepeatedEnum(message, &field, index)
                               : *r.GetEnum(message, &field));
    case FieldDescriptor::CPPTYPE_STRING:
      return rep ? r.GetRepeatedString(message, &field, index) : r.GetString(message, &field);
    case FieldDescriptor::CPPTYPE_MESSAGE:
      break;
  }
  return "";
}

void PrintLine(absl::string_view key, absl::string_view value, std::ostream& out) {
  out << key << ": " << absl::StrReplaceAll(value, {{"\n", "\n  "}}) << "\n";
}

// "sectors: 10.5, 10.7", or one "tags[i]: ..." line per value if a value has
// a comma of its own.
void PrintRepeatedScalar(const Message& message, const FieldDescriptor& field,
                         const std::string& key, std::ostream& out) {
  std::vector<std::string> values;
  bool has_comma = false;
  for (int i = 0; i < message.GetReflection()->FieldSize(message, &field); ++i) {
    values.push_back(ScalarText(message, field, i));
    has_comma = has_comma || absl::StrContains(values.back(), ',');
  }
  if (!has_comma) return PrintLine(key, absl::StrJoin(values, ", "), out);
  for (size_t i = 0; i < values.size(); ++i) {
    PrintLine(absl::StrCat(key, "[", i, "]"), values[i], out);
  }
}

void PrintMessageFields(const Message& message, const std::string& prefix, std::ostream& out);

void PrintMessageValue(const Message& value, const FieldDescriptor& field, const std::string& key,
                       std::ostream& out) {
  if (IsTimestamp(field)) {
    PrintLine(key, TimestampText(value), out);
  } else {
    PrintMessageFields(value, key + ".", out);
  }
}

void PrintField(const Message& message, const FieldDescriptor& field, const std::string& prefix,
                std::ostream& out) {
  const Reflection& r = *message.GetReflection();
  std::string key = prefix + field.name();
  if (field.cpp_type() != FieldDescriptor::CPPTYPE_MESSAGE) {
    if (!field.is_repeated()) return PrintLine(key, ScalarText(message, field, -1), out);
    return PrintRepeatedScalar(message, field, key, out);
  }
  if (!field.is_repeated()) {
    return PrintMessageValue(r.GetMessage(message, &field), field, key, out);
  }
  for (int i = 0; i < r.FieldSize(message, &field); ++i) {
    PrintMessageValue(r.GetRepeatedMessage(message, &field, i), field,
                      absl::StrCat(key, "[", i, "]"), out);
  }
}

void PrintMessageFields(const Message& message, const std::string& prefix, std::ostream& out) {
  std::vector<const FieldDescriptor*> fields;
  message.GetReflection()->ListFields(message, &fields);
  for (const FieldDescriptor* field : fields) PrintField(message, *field, prefix, out);
}

}  // namespace

std::optional<OutputFormat> ParseOutputFormat(absl::string_view name) {
  if (name == "table") return OutputFormat::kTable;
  if (name == "json") return OutputFormat::kJson;
  return std::nullopt;
}

std::string ToJson(const Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  std::string json;
  // Serialising a valid message cannot fail; an empty object is a safe fallback.
  if (!google::protobuf::util::MessageToJsonString(message, &json, options).ok()) json = "{}";
  while (!json.empty() && absl::ascii_isspace(static_cast<unsigned char>(json.back()))) {
    json.pop_back();
  }
  return json + "\n";
}

std::string ToCompactJson(const Message& message) {
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(message, &json).ok()) json = "{}";
  return json;
}

void PrintFields(const Message& message, std::ostream& out) {
  PrintMessageFields(message, "", out);
}

std::string EnumCell(const Message& message, absl::string_view field_name) {
  const FieldDescriptor* field = message.GetDescriptor()->FindFieldByName(std::string(field_name));
  if (field == nullptr || field->cpp_type() != FieldDescriptor::CPPTYPE_ENUM ||
      field->is_repeated()) {
    return "";
  }
  return EnumShortName(*message.GetReflection()->GetEnum(message, field));
}

std::string JoinCell(const google::protobuf::RepeatedPtrField<std::string>& values) {
  return absl::StrJoin(values, ",");
}

void Printer::Resource(const Message& message) const {
  if (format_ == OutputFormat::kJson) {
    out_ << ToJson(message);
  } else {
    PrintFields(message, out_);
  }
}

void Printer::List(const Message& response, const Table& table,
                   absl::string_view next_page_token) const {
  if (format_ == OutputFormat::kJson) {
    out_ << ToJson(response);
    return;
  }
  table.Print(out_);
  if (!next_page_token.empty()) out_ << "next_page_token: " << next_page_token << "\n";
}

}  // namespace corematch::cli
