// clients/cli/demo_rows.cc
#include "clients/cli/demo_rows.h"

#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "clients/cli/input.h"
#include "google/protobuf/struct.pb.h"

namespace corematch::cli {
namespace {

using google::protobuf::Struct;
using google::protobuf::Value;

// The namespace of DemoRequestId's UUIDs: 6bc3d0a8-6f1a-4c6b-a1f0-003fc95fbd86,
// drawn at random once. Changing it would load every demo row again.
constexpr std::array<uint8_t, 16> kDemoNamespace = {0x6b, 0xc3, 0xd0, 0xa8, 0x6f, 0x1a, 0x4c, 0x6b,
                                                    0xa1, 0xf0, 0x00, 0x3f, 0xc9, 0x5f, 0xbd, 0x86};

const Value* FindField(const Struct& row, const char* key) {
  auto it = row.fields().find(key);
  return it == row.fields().end() ? nullptr : &it->second;
}

// A string field; null, absent and non-string values are nullopt.
std::optional<std::string> OptionalString(const Struct& row, const char* key) {
  const Value* value = FindField(row, key);
  if (value == nullptr || value->kind_case() != Value::kStringValue) return std::nullopt;
  return value->string_value();
}

std::string String(const Struct& row, const char* key) {
  return OptionalString(row, key).value_or("");
}

// A list of strings, or a single string as a list of one; other values are
// skipped.
std::vector<std::string> StringList(const Struct& row, const char* key) {
  std::vector<std::string> result;
  const Value* value = FindField(row, key);
  if (value == nullptr) return result;
  if (value->kind_case() == Value::kStringValue) {
    if (!value->string_value().empty()) result.push_back(value->string_value());
    return result;
  }
  if (value->kind_case() != Value::kListValue) return result;
  for (const Value& item : value->list_value().values()) {
    if (item.kind_case() == Value::kStringValue) result.push_back(item.string_value());
  }
  return result;
}

}  // namespace

absl::StatusOr<DemoRow> ParseDemoRow(absl::string_view json_line) {
  Struct row;
  absl::Status parsed = ParseJsonMessage(json_line, "row", &row);
  if (!parsed.ok()) return absl::InvalidArgumentError("not a JSON object");
  DemoRow result;
  result.id = String(row, "id");
  if (result.id.empty()) return absl::InvalidArgumentError("row has no \"id\"");
  result.title = String(row, "title");
  result.description = String(row, "description");
  result.language = String(row, "language");
  result.countries = StringList(row, "country");
  result.origin_org = String(row, "origin_org");
  result.sector = OptionalString(row, "sector");
  result.tags = StringList(row, "tags");
  result.scope = String(row, "scope");
  result.status = String(row, "status");
  result.url = String(row, "url");
  result.evidence_of_effect = OptionalString(row, "evidence_of_effect");
  result.deployment_countries = StringList(row, "deployment_countries");
  return result;
}

absl::StatusOr<std::vector<DemoRow>> ReadDemoRows(std::istream& in, absl::string_view source) {
  std::vector<DemoRow> rows;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (absl::StripAsciiWhitespace(line).empty()) continue;
    absl::StatusOr<DemoRow> row = ParseDemoRow(line);
    if (!row.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat(source, ":", number, ": ", row.status().message()));
    }
    rows.push_back(*std::move(row));
  }
  return rows;
}

std::string DemoRequestId(absl::string_view row_id) {
  std::string input(reinterpret_cast<const char*>(kDemoNamespace.data()), kDemoNamespace.size());
  absl::StrAppend(&input, "corematch-demo:", row_id);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_size = 0;
  EVP_Digest(input.data(), input.size(), digest, &digest_size, EVP_sha1(), nullptr);
  digest[6] = static_cast<unsigned char>((digest[6] & 0x0F) | 0x50);  // Version 5.
  digest[8] = static_cast<unsigned char>((digest[8] & 0x3F) | 0x80);  // RFC 4122 variant.
  std::string hex =
      absl::BytesToHexString(absl::string_view(reinterpret_cast<const char*>(digest), 16));
  return absl::StrCat(hex.substr(0, 8), "-", hex.substr(8, 4), "-", hex.substr(12, 4), "-",
                      hex.substr(16, 4), "-", hex.substr(20, 12));
}

}  // namespace corematch::cli
