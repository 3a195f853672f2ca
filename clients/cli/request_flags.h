// clients/cli/request_flags.h
//
// The flags that describe an adoption request, shared by `request create` and
// `request update`: each flag given sets one field and names it for the
// update mask.
//
//   RequestFlags flags;
//   flags.Add(cmd);
//   ... parse ...
//   std::vector<std::string> paths;
//   absl::Status status = flags.ApplyTo(&request, &paths);  // paths: title, sectors, ...
#ifndef COREMATCH_CLIENTS_CLI_REQUEST_FLAGS_H_
#define COREMATCH_CLIENTS_CLI_REQUEST_FLAGS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "absl/status/status.h"
#include "corematch/adoption/v1/adoption.pb.h"

namespace corematch::cli {

class RequestFlags final {
 public:
  // Adds the flags to `cmd`; this object must outlive parsing.
  void Add(CLI::App* cmd);

  // Sets the fields of the flags given on `request` and appends their field
  // paths ("title", "context.country") to `paths`. Sector names ("Health")
  // become COFOG codes. Fails with INVALID_ARGUMENT for a bad enum value.
  absl::Status ApplyTo(adoption::v1::AdoptionRequest* request,
                       std::vector<std::string>* paths) const;

  // Whether --title, --need and --language were all given.
  bool HasRequiredFields() const;

 private:
  bool Given(const char* path) const;

  std::string title_;
  std::string need_;
  std::string language_;
  std::vector<std::string> sectors_;
  std::vector<std::string> target_groups_;
  std::vector<std::string> desired_effects_;
  std::vector<std::string> accepted_languages_;
  std::string visibility_;
  std::string readiness_;
  std::string country_;
  std::string region_;
  int64_t population_ = 0;
  double budget_ = 0;
  std::string currency_;
  std::string timeline_;
  std::string capacity_;
  // The option of each field path, filled in by Add().
  std::vector<std::pair<const char*, CLI::Option*>> options_;
};

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_REQUEST_FLAGS_H_
