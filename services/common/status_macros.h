// services/common/status_macros.h
//
// RETURN_IF_ERROR and ASSIGN_OR_RETURN, named as newer Abseil names them;
// Debian's Abseil 20220623 has neither.
#ifndef COREMATCH_SERVICES_COMMON_STATUS_MACROS_H_
#define COREMATCH_SERVICES_COMMON_STATUS_MACROS_H_

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define RETURN_IF_ERROR(expr)                           \
  do {                                                  \
    if (absl::Status _status = (expr); !_status.ok()) { \
      return _status;                                   \
    }                                                   \
  } while (0)

#define COREMATCH_CONCAT_INNER(a, b) a##b
#define COREMATCH_CONCAT(a, b) COREMATCH_CONCAT_INNER(a, b)

#define ASSIGN_OR_RETURN(lhs, expr) \
  COREMATCH_ASSIGN_OR_RETURN_IMPL(COREMATCH_CONCAT(_statusor_, __LINE__), lhs, expr)

#define COREMATCH_ASSIGN_OR_RETURN_IMPL(statusor, lhs, expr) \
  auto statusor = (expr);                                    \
  if (!statusor.ok()) return statusor.status();              \
  lhs = std::move(*statusor)

#endif  // COREMATCH_SERVICES_COMMON_STATUS_MACROS_H_
