// tests/testing/temp_dir.h
//
// A directory of a test's own. Its name carries the process id, so that two
// test runs on one machine (a developer's and CI's, or two CI jobs), or two
// tests running at once, never write into each other's files.
#ifndef COREMATCH_TESTS_TESTING_TEMP_DIR_H_
#define COREMATCH_TESTS_TESTING_TEMP_DIR_H_

#include <string>

#include "absl/strings/string_view.h"

namespace corematch::testing {

// A fresh directory under gtest's temporary directory, removed with all it
// holds by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // path()/name.
  std::string File(absl::string_view name) const;

 private:
  std::string path_;
};

}  // namespace corematch::testing

#endif  // COREMATCH_TESTS_TESTING_TEMP_DIR_H_
