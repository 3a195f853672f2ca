// services/matching/translation/testing/freedict.h
//
// Tests read the real FreeDict dictionaries: the point is their quality on
// public-sector words, which a fixture cannot show. script/bootstrap installs
// them, so a missing file is a broken machine, reported as a failure, not a
// skip.
#ifndef COREMATCH_SERVICES_MATCHING_TRANSLATION_TESTING_FREEDICT_H_
#define COREMATCH_SERVICES_MATCHING_TRANSLATION_TESTING_FREEDICT_H_

#include <filesystem>
#include <string>

#include "gtest/gtest.h"

namespace corematch::matching::testing {

inline constexpr char kDictdDir[] = "/usr/share/dictd";

// Fails the current test unless `name` (e.g. "freedict-dan-eng") is installed;
// use as ASSERT_TRUE(FreeDictInstalled("freedict-dan-eng")).
inline ::testing::AssertionResult FreeDictInstalled(const std::string& name) {
  const std::string prefix = std::string(kDictdDir) + "/" + name;
  if (std::filesystem::exists(prefix + ".index") && std::filesystem::exists(prefix + ".dict.dz")) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << prefix << ".{index,dict.dz} is missing: run "
                                       << "script/bootstrap (it installs dict-freedict-*)";
}

}  // namespace corematch::matching::testing

#endif  // COREMATCH_SERVICES_MATCHING_TRANSLATION_TESTING_FREEDICT_H_
