#include "services/matching/bench/bench_util.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/string_view.h"
#include "absl/strings/strip.h"

namespace corematch::matching::bench {
namespace {

int64_t ProcStatusBytes(absl::string_view key) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    absl::string_view rest = line;
    if (!absl::ConsumePrefix(&rest, key) || !absl::ConsumePrefix(&rest, ":")) continue;
    rest = absl::StripAsciiWhitespace(rest);
    absl::ConsumeSuffix(&rest, " kB");
    int64_t kb = 0;
    return absl::SimpleAtoi(rest, &kb) ? kb * 1024 : 0;
  }
  return 0;
}

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0;
  const size_t rank = static_cast<size_t>(std::ceil(p * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

void PutVarint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

void PutBytes(std::string& out, absl::string_view s) {
  PutVarint(out, s.size());
  out.append(s.data(), s.size());
}

}  // namespace

LatencySummary Summarize(std::vector<double> seconds, double wall_seconds) {
  LatencySummary s;
  s.count = seconds.size();
  if (seconds.empty()) return s;
  std::sort(seconds.begin(), seconds.end());
  s.mean_ms = 1e3 * std::accumulate(seconds.begin(), seconds.end(), 0.0) / seconds.size();
  s.p50_ms = 1e3 * Percentile(seconds, 0.50);
  s.p90_ms = 1e3 * Percentile(seconds, 0.90);
  s.p99_ms = 1e3 * Percentile(seconds, 0.99);
  s.max_ms = 1e3 * seconds.back();
  s.qps = wall_seconds > 0 ? static_cast<double>(seconds.size()) / wall_seconds : 0;
  return s;
}

int64_t ResidentBytes() { return ProcStatusBytes("VmRSS"); }
int64_t PeakResidentBytes() { return ProcStatusBytes("VmHWM"); }

double LoadAverage() {
  std::ifstream in("/proc/loadavg");
  double load = 0;
  in >> load;
  return load;
}

std::string HumanBytes(int64_t bytes) {
  const double b = static_cast<double>(bytes);
  if (b >= 1024.0 * 1024 * 1024) return absl::StrFormat("%.2f GiB", b / (1024.0 * 1024 * 1024));
  if (b >= 1024.0 * 1024) return absl::StrFormat("%.1f MiB", b / (1024.0 * 1024));
  return absl::StrFormat("%.1f KiB", b / 1024.0);
}

int64_t DirectoryBytes(const std::string& path) {
  int64_t total = 0;
  std::error_code error;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(path, error)) {
    if (entry.is_regular_file(error)) total += static_cast<int64_t>(entry.file_size(error));
  }
  return total;
}

void ParallelFor(size_t begin, size_t end, int threads,
                 const std::function<void(size_t, int)>& fn) {
  if (threads <= 1 || end - begin < 2) {
    for (size_t i = begin; i < end; ++i) fn(i, 0);
    return;
  }
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (size_t i = begin + static_cast<size_t>(t); i < end; i += static_cast<size_t>(threads)) {
        fn(i, t);
      }
    });
  }
  for (std::thread& w : workers) w.join();
}

// --- AnalyzedWriter / AnalyzedReader ------------------------------------------

absl::Status AnalyzedWriter::Open(const std::string& path) {
  file_ = std::fopen(path.c_str(), "wb");
  if (file_ == nullptr) return absl::UnavailableError(absl::StrCat("cannot write ", path));
  return absl::OkStatus();
}

void AnalyzedWriter::Write(const std::string& name, const IndexedDocument& document,
                           const SolutionFeatures& f) {
  PutBytes(buffer_, name);
  PutVarint(buffer_, document.terms.size());
  for (const IndexedTerm& term : document.terms) {
    PutBytes(buffer_, term.term);
    buffer_.push_back(term.translated ? 1 : 0);
    for (uint16_t tf : term.tf) PutVarint(buffer_, tf);
  }
  for (uint32_t length : document.length) PutVarint(buffer_, length);
  PutBytes(buffer_, f.language);
  PutBytes(buffer_, f.country);
  PutBytes(buffer_, f.region);
  PutVarint(buffer_, f.sectors.size());
  for (const std::string& sector : f.sectors) PutBytes(buffer_, sector);
  PutVarint(buffer_, f.target_group_terms.size());
  for (uint32_t hash : f.target_group_terms) PutVarint(buffer_, hash);
  PutVarint(buffer_, static_cast<uint64_t>(f.population));
  PutVarint(buffer_, static_cast<uint64_t>(f.maturity));
  PutVarint(buffer_, static_cast<uint64_t>(f.evidence_count));
  PutVarint(buffer_, static_cast<uint64_t>(f.support_capacity));
  if (buffer_.size() > (1 << 20)) Flush();
}

void AnalyzedWriter::Flush() {
  if (file_ != nullptr && !buffer_.empty()) {
    bytes_ += static_cast<int64_t>(std::fwrite(buffer_.data(), 1, buffer_.size(), file_));
  }
  buffer_.clear();
}

absl::Status AnalyzedWriter::Close() {
  Flush();
  if (file_ == nullptr) return absl::FailedPreconditionError("not open");
  const bool ok = std::fflush(file_) == 0 && std::ferror(file_) == 0;
  std::fclose(file_);
  file_ = nullptr;
  return ok ? absl::OkStatus() : absl::DataLossError("writing the analysed documents failed");
}

absl::Status AnalyzedReader::Open(const std::string& path) {
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  return absl::OkStatus();
}

AnalyzedReader::~AnalyzedReader() {
  if (file_ != nullptr) std::fclose(file_);
}

bool AnalyzedReader::Fill(size_t need) {
  if (buffer_.size() - offset_ >= need) return true;
  buffer_.erase(0, offset_);
  offset_ = 0;
  const size_t chunk = std::max<size_t>(need, 1 << 20);
  const size_t have = buffer_.size();
  buffer_.resize(have + chunk);
  const size_t got = std::fread(buffer_.data() + have, 1, chunk, file_);
  buffer_.resize(have + got);
  return buffer_.size() >= need;
}

bool AnalyzedReader::Varint(uint64_t& value) {
  value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (!Fill(1)) return false;
    const uint8_t byte = static_cast<uint8_t>(buffer_[offset_++]);
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return true;
  }
  return false;
}

bool AnalyzedReader::Bytes(std::string& out) {
  uint64_t size;
  if (!Varint(size) || !Fill(size)) return false;
  out.assign(buffer_, offset_, size);
  offset_ += size;
  return true;
}

bool AnalyzedReader::Next(std::string& name, IndexedDocument& document, SolutionFeatures& f) {
  if (file_ == nullptr || !Fill(1)) return false;  // the end
  auto corrupt = [this] {
    status_ = absl::DataLossError("truncated analysed-documents file");
    return false;
  };
  uint64_t count, v;
  if (!Bytes(name) || !Varint(count)) return corrupt();
  document.terms.resize(count);
  for (IndexedTerm& term : document.terms) {
    if (!Bytes(term.term) || !Fill(1)) return corrupt();
    term.translated = buffer_[offset_++] != 0;
    for (uint16_t& tf : term.tf) {
      if (!Varint(v)) return corrupt();
      tf = static_cast<uint16_t>(v);
    }
  }
  for (uint32_t& length : document.length) {
    if (!Varint(v)) return corrupt();
    length = static_cast<uint32_t>(v);
  }
  f = SolutionFeatures();
  if (!Bytes(f.language) || !Bytes(f.country) || !Bytes(f.region) || !Varint(count)) {
    return corrupt();
  }
  f.sectors.resize(count);
  for (std::string& sector : f.sectors) {
    if (!Bytes(sector)) return corrupt();
  }
  if (!Varint(count)) return corrupt();
  f.target_group_terms.resize(count);
  for (uint32_t& hash : f.target_group_terms) {
    if (!Varint(v)) return corrupt();
    hash = static_cast<uint32_t>(v);
  }
  uint64_t population, maturity, evidence, capacity;
  if (!Varint(population) || !Varint(maturity) || !Varint(evidence) || !Varint(capacity)) {
    return corrupt();
  }
  f.population = static_cast<int64_t>(population);
  f.maturity = static_cast<MaturityLevel>(maturity);
  f.evidence_count = static_cast<int>(evidence);
  f.support_capacity = static_cast<int>(capacity);
  return true;
}

}  // namespace corematch::matching::bench
