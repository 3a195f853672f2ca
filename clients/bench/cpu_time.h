// clients/bench/cpu_time.h
//
// CPU time used by a process, to tell how much of the machine's two cores
// the server and the load generator each burn during a run.
#ifndef COREMATCH_CLIENTS_BENCH_CPU_TIME_H_
#define COREMATCH_CLIENTS_BENCH_CPU_TIME_H_

#include <sys/types.h>

#include <optional>

#include "absl/time/time.h"

namespace corematch::bench {

// User plus system CPU time of process `pid` (all its threads) so far, from
// /proc/<pid>/stat; std::nullopt if it cannot be read.
std::optional<absl::Duration> ProcessCpuTime(pid_t pid);

// The same for this process.
absl::Duration OwnCpuTime();

// CPU time every process on the machine has used since boot (user, nice,
// system, irq and softirq of all CPUs, from /proc/stat): compared with the
// server's and our own, it shows whether something else ran during a run.
std::optional<absl::Duration> MachineCpuTime();

}  // namespace corematch::bench

#endif  // COREMATCH_CLIENTS_BENCH_CPU_TIME_H_
