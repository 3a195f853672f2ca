// services/notification/webhook/cloud_event.cc
#include "services/notification/webhook/cloud_event.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace corematch::notification {
namespace {

constexpr char kRfc3339Utc[] = "%Y-%m-%d%ET%H:%M:%E*SZ";

// `value` as a quoted JSON string, appended to `out`.
void AppendJsonString(absl::string_view value, std::string& out) {
  out.push_back('"');
  for (char c : value) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        // Bytes of multi-byte UTF-8 sequences are >= 0x80 and pass through;
        // JSON allows them unescaped.
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppendFormat(&out, "\\u%04x", static_cast<unsigned char>(c));
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void AppendMember(absl::string_view name, absl::string_view value, std::string& out) {
  out.push_back(',');
  AppendJsonString(name, out);
  out.push_back(':');
  AppendJsonString(value, out);
}

}  // namespace

std::string CloudEventJson(const CloudEvent& event) {
  std::string out = "{\"specversion\":\"1.0\"";
  AppendMember("id", event.id, out);
  AppendMember("source", event.source, out);
  AppendMember("type", event.type, out);
  if (!event.subject.empty()) AppendMember("subject", event.subject, out);
  // RFC 3339 in UTC with "Z" (absl::RFC3339_full would write "+00:00", valid
  // but unusual) and only as many fractional digits as the time needs.
  AppendMember("time", absl::FormatTime(kRfc3339Utc, event.time, absl::UTCTimeZone()), out);
  if (!event.data_json.empty()) {
    AppendMember("datacontenttype", "application/json", out);
    absl::StrAppend(&out, ",\"data\":", event.data_json);
  }
  out.push_back('}');
  return out;
}

}  // namespace corematch::notification
