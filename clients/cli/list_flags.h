// clients/cli/list_flags.h
//
// The flags every `list` command takes (AIP-132, AIP-158, AIP-160): --filter,
// --order-by, --page-size, --page-token, and --all to follow next_page_token.
#ifndef COREMATCH_CLIENTS_CLI_LIST_FLAGS_H_
#define COREMATCH_CLIENTS_CLI_LIST_FLAGS_H_

#include <string>

#include "CLI/CLI.hpp"
#include "absl/strings/string_view.h"

namespace corematch::cli {

struct ListFlags {
  std::string filter;
  std::string order_by;
  int page_size = 0;
  std::string page_token;
  bool all = false;

  // Copies the flags into a List request.
  template <typename Request>
  void ApplyTo(Request* request) const {
    request->set_filter(filter);
    request->set_order_by(order_by);
    request->set_page_size(page_size);
    request->set_page_token(page_token);
  }
};

// Adds the list flags to `cmd`, bound to `flags`, which must outlive parsing.
// `filter_example` shows a filter in --filter's help.
void AddListFlags(CLI::App* cmd, ListFlags& flags, absl::string_view filter_example);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_LIST_FLAGS_H_
