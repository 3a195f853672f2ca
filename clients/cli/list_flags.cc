// clients/cli/list_flags.cc
#include "clients/cli/list_flags.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace corematch::cli {

void AddListFlags(CLI::App* cmd, ListFlags& flags, absl::string_view filter_example) {
  cmd->add_option("--filter", flags.filter, absl::StrCat("AIP-160 filter, e.g. ", filter_example));
  cmd->add_option("--order-by", flags.order_by, "create_time (default) or 'create_time desc'");
  cmd->add_option("--page-size", flags.page_size, "At most this many per page (server default 50)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--page-token", flags.page_token, "From a previous list's next_page_token");
  cmd->add_flag("--all", flags.all, "Follow next_page_token to the last page");
}

}  // namespace corematch::cli
