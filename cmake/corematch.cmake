# Declarative targets in the manner of absl_cc_library: every CMakeLists.txt
# names its libraries, binaries and tests with their sources and dependencies.

# Compile options of every target. -pthread (which defines _REENTRANT) is
# among them because gRPC's headers are compiled with it into the precompiled
# header below, which is only used where _REENTRANT holds as it did then.
# The three -Wno-: libstdc++ 12 turns these warnings off around char_traits
# (bits/char_traits.h, for their false positives on std::string's inline
# buffer), but GCC 12 loses those pragmas in a precompiled header: they fired
# in a dozen of our sources that, including the same headers plainly, warn
# nowhere.
# RelWithDebInfo carries line tables only (-g1, after CMake's -g): enough for
# perf and backtraces, and a fifth less compile time than full debug info.
set(COREMATCH_COPTS -Wall -Wextra -Wpedantic -Werror -Wno-array-bounds -Wno-stringop-overread
  -Wno-stringop-overflow -pthread $<$<CONFIG:RelWithDebInfo>:-g1>)

# Parsing gRPC's, protobuf's and Abseil's headers is about half of compiling a
# source here, and CI has two cores and half an hour. They are parsed once,
# into a precompiled header every target reuses; tests get a second one that
# also holds GoogleTest. Only headers outside the project belong in these
# lists: a project header in them would rebuild everything when it changes.
set(COREMATCH_PCH_HEADERS
  <algorithm> <atomic> <cstddef> <cstdint> <functional> <map> <memory>
  <optional> <string> <string_view> <thread> <utility> <vector>
  <absl/container/flat_hash_map.h> <absl/status/status.h>
  <absl/status/statusor.h> <absl/strings/str_cat.h>
  <absl/strings/string_view.h> <absl/synchronization/mutex.h>
  <absl/time/time.h> <google/protobuf/message.h>
  <google/protobuf/timestamp.pb.h> <google/protobuf/field_mask.pb.h>
  <grpcpp/grpcpp.h>)
set(COREMATCH_PCH_DEPS gRPC::grpc++ protobuf::libprotobuf absl::flat_hash_map
  absl::status absl::statusor absl::strings absl::synchronization absl::time)

# corematch_pch_target(NAME n HEADERS ... DEPS ...): an object library that
# only holds a precompiled header for others to reuse.
function(corematch_pch_target)
  cmake_parse_arguments(PCH "" "NAME" "HEADERS;DEPS" ${ARGN})
  set(anchor ${PROJECT_BINARY_DIR}/${PCH_NAME}.cc)
  file(CONFIGURE OUTPUT ${anchor} CONTENT "// Anchors the precompiled header.\n")
  add_library(${PCH_NAME} OBJECT ${anchor})
  target_compile_options(${PCH_NAME} PRIVATE ${COREMATCH_COPTS})
  target_link_libraries(${PCH_NAME} PRIVATE ${PCH_DEPS})
  target_precompile_headers(${PCH_NAME} PRIVATE ${PCH_HEADERS})
endfunction()

corematch_pch_target(NAME corematch_pch
  HEADERS ${COREMATCH_PCH_HEADERS} DEPS ${COREMATCH_PCH_DEPS})
corematch_pch_target(NAME corematch_test_pch
  HEADERS ${COREMATCH_PCH_HEADERS} <gmock/gmock.h> <gtest/gtest.h>
  DEPS ${COREMATCH_PCH_DEPS} GTest::gmock)

# corematch_cc_library(NAME n HDRS ... SRCS ... DEPS ...)
function(corematch_cc_library)
  cmake_parse_arguments(CC "" "NAME" "HDRS;SRCS;DEPS" ${ARGN})
  if(CC_SRCS)
    add_library(${CC_NAME} STATIC ${CC_SRCS} ${CC_HDRS})
    target_include_directories(${CC_NAME} PUBLIC ${PROJECT_SOURCE_DIR})
    target_compile_options(${CC_NAME} PRIVATE ${COREMATCH_COPTS})
    target_precompile_headers(${CC_NAME} REUSE_FROM corematch_pch)
    target_link_libraries(${CC_NAME} PUBLIC ${CC_DEPS})
  else()
    add_library(${CC_NAME} INTERFACE)
    target_include_directories(${CC_NAME} INTERFACE ${PROJECT_SOURCE_DIR})
    target_link_libraries(${CC_NAME} INTERFACE ${CC_DEPS})
  endif()
endfunction()

# corematch_cc_binary(NAME n OUTPUT_NAME o SRCS ... DEPS ...)
function(corematch_cc_binary)
  cmake_parse_arguments(CC "" "NAME;OUTPUT_NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${CC_NAME} ${CC_SRCS})
  target_compile_options(${CC_NAME} PRIVATE ${COREMATCH_COPTS})
  target_precompile_headers(${CC_NAME} REUSE_FROM corematch_pch)
  target_link_libraries(${CC_NAME} PRIVATE ${CC_DEPS})
  if(CC_OUTPUT_NAME)
    set_target_properties(${CC_NAME} PROPERTIES OUTPUT_NAME ${CC_OUTPUT_NAME})
  endif()
  set_target_properties(${CC_NAME} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/bin)
endfunction()

# corematch_cc_test(NAME n SRCS ... DEPS ... [LABELS ...])
function(corematch_cc_test)
  cmake_parse_arguments(CC "" "NAME" "SRCS;DEPS;LABELS" ${ARGN})
  add_executable(${CC_NAME} ${CC_SRCS})
  target_compile_options(${CC_NAME} PRIVATE ${COREMATCH_COPTS})
  target_precompile_headers(${CC_NAME} REUSE_FROM corematch_test_pch)
  target_link_libraries(${CC_NAME} PRIVATE ${CC_DEPS} GTest::gmock GTest::gtest_main)
  gtest_discover_tests(${CC_NAME} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS "${CC_LABELS}")
endfunction()
