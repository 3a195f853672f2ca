// services/notification/webhook/cloud_event_test.cc
#include "services/notification/webhook/cloud_event.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <string>

#include "absl/time/time.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace corematch::notification {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

CloudEvent MatchCreated() {
  CloudEvent event;
  event.id = "01HF8Z3M6Q";
  event.source = "//corematch.dev/organizations/42";
  event.type = "dev.corematch.match.created.v1";
  event.subject = "requests/7/matches/3";
  event.time = absl::FromUnixSeconds(1700000000);
  event.data_json = R"({"score":0.93,"tags":["a","b"]})";
  return event;
}

// Parses `json` as a JSON object, failing the test when it is not one.
google::protobuf::Struct Parse(const std::string& json) {
  google::protobuf::Struct parsed;
  const auto status = google::protobuf::util::JsonStringToMessage(json, &parsed);
  EXPECT_TRUE(status.ok()) << status.ToString() << "\n" << json;
  return parsed;
}

std::string StringField(const google::protobuf::Struct& object, const std::string& name) {
  const auto it = object.fields().find(name);
  if (it == object.fields().end()) return "<absent>";
  return it->second.string_value();
}

TEST(CloudEventJsonTest, WritesEveryAttributeOfAStructuredModeEvent) {
  const google::protobuf::Struct event = Parse(CloudEventJson(MatchCreated()));

  EXPECT_EQ(StringField(event, "specversion"), "1.0");
  EXPECT_EQ(StringField(event, "id"), "01HF8Z3M6Q");
  EXPECT_EQ(StringField(event, "source"), "//corematch.dev/organizations/42");
  EXPECT_EQ(StringField(event, "type"), "dev.corematch.match.created.v1");
  EXPECT_EQ(StringField(event, "subject"), "requests/7/matches/3");
  EXPECT_EQ(StringField(event, "time"), "2023-11-14T22:13:20Z");
  EXPECT_EQ(StringField(event, "datacontenttype"), "application/json");
  EXPECT_EQ(event.fields().size(), 8);
}

TEST(CloudEventJsonTest, EmbedsDataAsAJsonValueNotAString) {
  const google::protobuf::Struct event = Parse(CloudEventJson(MatchCreated()));

  const google::protobuf::Value& data = event.fields().at("data");
  ASSERT_TRUE(data.has_struct_value());
  EXPECT_DOUBLE_EQ(data.struct_value().fields().at("score").number_value(), 0.93);
  EXPECT_EQ(data.struct_value().fields().at("tags").list_value().values(1).string_value(), "b");
}

TEST(CloudEventJsonTest, WritesFractionalSecondsInUtc) {
  CloudEvent event = MatchCreated();
  event.time = absl::FromUnixMillis(1700000000123);

  EXPECT_EQ(StringField(Parse(CloudEventJson(event)), "time"), "2023-11-14T22:13:20.123Z");
}

TEST(CloudEventJsonTest, OmitsEmptyOptionalAttributes) {
  CloudEvent event = MatchCreated();
  event.subject.clear();
  event.data_json.clear();

  const std::string json = CloudEventJson(event);

  EXPECT_THAT(json, Not(HasSubstr("subject")));
  EXPECT_THAT(json, Not(HasSubstr("data")));
  EXPECT_EQ(Parse(json).fields().size(), 5);
}

TEST(CloudEventJsonTest, EscapesQuotesBackslashesAndControlCharacters) {
  CloudEvent event = MatchCreated();
  event.subject =
      "a\"b\\c\nd\te\x01"
      "f\x1f";

  const std::string json = CloudEventJson(event);

  EXPECT_THAT(json, HasSubstr(R"("subject":"a\"b\\c\nd\te\u0001f\u001f")"));
  EXPECT_EQ(StringField(Parse(json), "subject"), event.subject);
}

TEST(CloudEventJsonTest, PassesNonAsciiUtf8Through) {
  CloudEvent event = MatchCreated();
  event.subject = "Søren Ærø – 東京 🙂";

  const std::string json = CloudEventJson(event);

  EXPECT_THAT(json, HasSubstr("\"subject\":\"Søren Ærø – 東京 🙂\""));
  EXPECT_EQ(StringField(Parse(json), "subject"), event.subject);
}

TEST(CloudEventJsonTest, ContentTypeIsStructuredModeJson) {
  EXPECT_EQ(kCloudEventContentType, "application/cloudevents+json; charset=utf-8");
}

}  // namespace
}  // namespace corematch::notification
