#include "clients/bench/report.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"

namespace corematch::bench {
namespace {

double PerSecond(const MethodResult& method, absl::Duration elapsed) {
  const double seconds = absl::ToDoubleSeconds(elapsed);
  return seconds > 0 ? static_cast<double>(method.ops) / seconds : 0;
}

std::string Micros(absl::Duration d) {
  return absl::StrFormat("%.1f", absl::ToDoubleMicroseconds(d));
}

std::string JsonString(absl::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          absl::StrAppendFormat(&out, "\\u%04x", c);
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

// The figures of one method (or the total), as JSON members without braces.
std::string JsonFigures(const MethodResult& method, absl::Duration elapsed) {
  std::vector<std::string> members = {
      absl::StrCat("\"ops\":", method.ops),
      absl::StrCat("\"errors\":", method.errors),
      absl::StrFormat("\"throughput_per_s\":%.1f", PerSecond(method, elapsed)),
      absl::StrCat("\"p50_us\":", Micros(method.latency.Percentile(50))),
      absl::StrCat("\"p90_us\":", Micros(method.latency.Percentile(90))),
      absl::StrCat("\"p99_us\":", Micros(method.latency.Percentile(99))),
      absl::StrCat("\"max_us\":", Micros(method.latency.max())),
      absl::StrCat("\"mean_us\":", Micros(method.latency.mean()))};
  if (!method.first_error.empty()) {
    members.push_back(absl::StrCat("\"first_error\":", JsonString(method.first_error)));
  }
  return absl::StrJoin(members, ",");
}

std::string TableLine(const MethodResult& method, absl::Duration elapsed) {
  std::string line = absl::StrFormat(
      "%-15s ops %8d  errors %d  %9.1f/s  p50 %-8s p90 %-8s p99 %-8s max %-8s", method.method,
      method.ops, method.errors, PerSecond(method, elapsed),
      FormatLatency(method.latency.Percentile(50)), FormatLatency(method.latency.Percentile(90)),
      FormatLatency(method.latency.Percentile(99)), FormatLatency(method.latency.max()));
  if (!method.first_error.empty()) absl::StrAppend(&line, "\n  first error: ", method.first_error);
  return line;
}

}  // namespace

std::string FormatLatency(absl::Duration latency) {
  const double micros = absl::ToDoubleMicroseconds(latency);
  if (micros < 1000) return absl::StrFormat("%.0fus", micros);
  if (micros < 10'000) return absl::StrFormat("%.2fms", micros / 1e3);
  if (micros < 100'000) return absl::StrFormat("%.1fms", micros / 1e3);
  if (micros < 1'000'000) return absl::StrFormat("%.0fms", micros / 1e3);
  return absl::StrFormat("%.2fs", micros / 1e6);
}

std::string FormatReport(const RunInfo& info, const DriveResult& result) {
  std::string out = absl::StrFormat("workload %s, %d clients", info.workload, info.clients);
  if (info.threads > 0) absl::StrAppend(&out, " on ", info.threads, " threads");
  if (!info.channels.empty()) {
    absl::StrAppend(&out, " (", info.channels, " channels",
                    info.client.empty() ? "" : absl::StrCat(", ", info.client, " client"), ")");
  }
  absl::StrAppendFormat(&out, ", %.2fs after %s warm-up, server %s%s\n",
                        absl::ToDoubleSeconds(result.elapsed), absl::FormatDuration(info.warmup),
                        info.server, info.spawned ? " (spawned)" : "");
  for (const MethodResult& method : result.methods) {
    absl::StrAppend(&out, TableLine(method, result.elapsed), "\n");
  }
  if (result.methods.size() > 1) {
    absl::StrAppend(&out, TableLine(result.Total(), result.elapsed), "\n");
  }
  if (info.server_cpu_cores.has_value() || info.client_cpu_cores.has_value() ||
      info.machine_cpu_cores.has_value()) {
    absl::StrAppend(&out, "cpu (cores busy):");
    if (info.server_cpu_cores.has_value()) {
      absl::StrAppendFormat(&out, " server %.2f", *info.server_cpu_cores);
    }
    if (info.client_cpu_cores.has_value()) {
      absl::StrAppendFormat(&out, " bench %.2f", *info.client_cpu_cores);
    }
    if (info.machine_cpu_cores.has_value()) {
      absl::StrAppendFormat(&out, " machine %.2f", *info.machine_cpu_cores);
    }
    absl::StrAppend(&out, "\n");
  }
  return out;
}

std::string FormatJsonSummary(const RunInfo& info, const DriveResult& result) {
  std::vector<std::string> members = {
      absl::StrCat("\"workload\":", JsonString(info.workload)),
      absl::StrCat("\"server\":", JsonString(info.server)),
      absl::StrCat("\"spawned\":", info.spawned ? "true" : "false"),
      absl::StrCat("\"clients\":", info.clients),
      absl::StrCat("\"threads\":", info.threads),
      absl::StrCat("\"channels\":", JsonString(info.channels)),
      absl::StrCat("\"client\":", JsonString(info.client)),
      absl::StrFormat("\"warmup_s\":%.3f", absl::ToDoubleSeconds(info.warmup)),
      absl::StrFormat("\"duration_s\":%.3f", absl::ToDoubleSeconds(result.elapsed)),
      JsonFigures(result.Total(), result.elapsed)};
  if (info.server_cpu_cores.has_value()) {
    members.push_back(absl::StrFormat("\"server_cpu_cores\":%.2f", *info.server_cpu_cores));
  }
  if (info.client_cpu_cores.has_value()) {
    members.push_back(absl::StrFormat("\"bench_cpu_cores\":%.2f", *info.client_cpu_cores));
  }
  if (info.machine_cpu_cores.has_value()) {
    members.push_back(absl::StrFormat("\"machine_cpu_cores\":%.2f", *info.machine_cpu_cores));
  }
  std::vector<std::string> methods;
  for (const MethodResult& method : result.methods) {
    methods.push_back(
        absl::StrCat(JsonString(method.method), ":{", JsonFigures(method, result.elapsed), "}"));
  }
  members.push_back(absl::StrCat("\"methods\":{", absl::StrJoin(methods, ","), "}"));
  return absl::StrCat("{", absl::StrJoin(members, ","), "}");
}

}  // namespace corematch::bench
