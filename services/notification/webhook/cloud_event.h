// services/notification/webhook/cloud_event.h
//
// The CloudEvents 1.0 envelope a webhook delivers, in structured mode: the
// whole event is one JSON object in the HTTP body, sent with
// kCloudEventContentType (https://github.com/cloudevents/spec, "JSON Event
// Format"), so a receiver needs no CloudEvents SDK to read it.
//
//   CloudEvent event{.id = "01HF...", .source = "//corematch.dev/organizations/42",
//                    .type = "dev.corematch.match.created.v1",
//                    .subject = "requests/7/matches/3", .time = clock.Now(),
//                    .data_json = R"({"score":0.93})"};
//   std::string body = CloudEventJson(event);
#ifndef COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_CLOUD_EVENT_H_
#define COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_CLOUD_EVENT_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace corematch::notification {

// The Content-Type of a structured-mode CloudEvents JSON body.
inline constexpr absl::string_view kCloudEventContentType =
    "application/cloudevents+json; charset=utf-8";

// One event. `id`, `source` and `type` are required by CloudEvents and must be
// non-empty; the pair (source, id) identifies the event, so a redelivery keeps
// the same id. Strings are UTF-8.
struct CloudEvent {
  std::string id;
  std::string source;
  std::string type;
  std::string subject;  // Optional; omitted from the JSON when empty.
  absl::Time time;
  // The payload, already serialized as one JSON value (normally an object),
  // embedded as is; it is not validated here. Omitted when empty.
  std::string data_json;
};

// The event as a CloudEvents 1.0 JSON object: specversion "1.0", id, source,
// type, subject, time (RFC 3339, UTC), datacontenttype "application/json" and
// data. Strings are escaped as JSON requires; non-ASCII UTF-8 passes through.
std::string CloudEventJson(const CloudEvent& event);

}  // namespace corematch::notification

#endif  // COREMATCH_SERVICES_NOTIFICATION_WEBHOOK_CLOUD_EVENT_H_
