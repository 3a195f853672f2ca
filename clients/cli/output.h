// clients/cli/output.h
//
// How the CLI prints resources, chosen by --output:
//   table  a single resource as "field: value" lines (nested fields dotted,
//          repeated ones indexed: "core_elements[0].title: ..."); a list as an
//          aligned Table followed by "next_page_token: T" when there is more.
//   json   the protobuf JSON mapping (lowerCamelCase names, enum names, RFC
//          3339 timestamps): one object per resource; a list prints its whole
//          List response as one object.
//
//   Printer printer(OutputFormat::kJson, std::cout);
//   printer.Resource(solution);
//
// Not thread-safe (it writes to one stream).
#ifndef COREMATCH_CLIENTS_CLI_OUTPUT_H_
#define COREMATCH_CLIENTS_CLI_OUTPUT_H_

#include <optional>
#include <ostream>
#include <string>

#include "absl/strings/string_view.h"
#include "clients/cli/table.h"
#include "google/protobuf/message.h"
#include "google/protobuf/repeated_ptr_field.h"

namespace corematch::cli {

enum class OutputFormat { kTable, kJson };

// "table" or "json"; nullopt for anything else.
std::optional<OutputFormat> ParseOutputFormat(absl::string_view name);

// `message` in the protobuf JSON mapping, indented, ending in '\n'.
std::string ToJson(const google::protobuf::Message& message);

// `message` in the protobuf JSON mapping on one line, without '\n'.
std::string ToCompactJson(const google::protobuf::Message& message);

// Prints the populated fields of `message` as "field: value" lines (see the
// file comment). Enums print without their type prefix ("PUBLISHED"),
// timestamps in RFC 3339; continuation lines of multi-line text are indented.
void PrintFields(const google::protobuf::Message& message, std::ostream& out);

// The name of enum `value` of `message`'s field `field_name` without the
// enum's prefix: SOLUTION_STATE_PUBLISHED -> "PUBLISHED", 0 -> "". For table
// cells.
std::string EnumCell(const google::protobuf::Message& message, absl::string_view field_name);

// Repeated strings joined with ",", for table cells.
std::string JoinCell(const google::protobuf::RepeatedPtrField<std::string>& values);

class Printer final {
 public:
  Printer(OutputFormat format, std::ostream& out) : format_(format), out_(out) {}

  OutputFormat format() const { return format_; }

  // Prints one resource (or any single response).
  void Resource(const google::protobuf::Message& message) const;

  // Prints a List response: `table` (built from it) in table format, the
  // response itself in JSON.
  void List(const google::protobuf::Message& response, const Table& table,
            absl::string_view next_page_token) const;

 private:
  const OutputFormat format_;
  std::ostream& out_;
};

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_OUTPUT_H_
