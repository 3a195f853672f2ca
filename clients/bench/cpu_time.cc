#include "clients/bench/cpu_time.h"

#include <sys/resource.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

#include "absl/strings/str_cat.h"

namespace corematch::bench {
namespace {

absl::Duration FromTimeval(const timeval& t) {
  return absl::Seconds(t.tv_sec) + absl::Microseconds(t.tv_usec);
}

}  // namespace

std::optional<absl::Duration> ProcessCpuTime(pid_t pid) {
  std::ifstream in(absl::StrCat("/proc/", pid, "/stat"));
  std::string line;
  if (!std::getline(in, line)) return std::nullopt;
  // The command name (field 2) is in parentheses and may hold spaces; utime
  // and stime are fields 14 and 15, i.e. the 12th and 13th after it.
  size_t close = line.rfind(')');
  if (close == std::string::npos) return std::nullopt;
  std::istringstream fields(line.substr(close + 1));
  std::string skip;
  for (int i = 0; i < 11; ++i) fields >> skip;
  long long user = 0;
  long long system = 0;
  if (!(fields >> user >> system)) return std::nullopt;
  const long ticks = sysconf(_SC_CLK_TCK);
  if (ticks <= 0) return std::nullopt;
  return absl::Seconds(static_cast<double>(user + system) / static_cast<double>(ticks));
}

std::optional<absl::Duration> MachineCpuTime() {
  std::ifstream in("/proc/stat");
  std::string label;
  long long user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0;
  if (!(in >> label >> user >> nice >> system >> idle >> iowait >> irq >> softirq) ||
      label != "cpu") {
    return std::nullopt;
  }
  const long ticks = sysconf(_SC_CLK_TCK);
  if (ticks <= 0) return std::nullopt;
  return absl::Seconds(static_cast<double>(user + nice + system + irq + softirq) /
                       static_cast<double>(ticks));
}

absl::Duration OwnCpuTime() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return FromTimeval(usage.ru_utime) + FromTimeval(usage.ru_stime);
}

}  // namespace corematch::bench
