#include "tests/testing/temp_dir.h"

#include <unistd.h>

#include <atomic>
#include <filesystem>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"

namespace corematch::testing {

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  path_ = absl::StrCat(::testing::TempDir(), "/corematch-", ::getpid(), "-", counter++);
  std::filesystem::remove_all(path_);
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::File(absl::string_view name) const { return absl::StrCat(path_, "/", name); }

}  // namespace corematch::testing
