#include "services/matching/engine/snapshot_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <limits>

#include "absl/strings/str_cat.h"

namespace corematch::matching {
namespace {

constexpr char kMagic[8] = {'c', 'm', 's', 'n', 'a', 'p', '0', '1'};
// A record length that marks the end; real records are shorter.
constexpr uint32_t kEndMark = std::numeric_limits<uint32_t>::max();
constexpr size_t kBufferBytes = 1 << 20;
// Larger records are refused: a damaged length must not allocate gigabytes.
constexpr uint32_t kMaxRecordBytes = 1u << 28;

absl::Status ErrnoError(absl::string_view what, const std::string& path) {
  return absl::InternalError(absl::StrCat(what, " ", path, ": ", std::strerror(errno)));
}

absl::Status Damaged(absl::string_view what) {
  return absl::DataLossError(absl::StrCat("engine snapshot: ", what));
}

}  // namespace

void RecordChecksum::Update(absl::string_view bytes) {
  size_t i = 0;
  for (; i + 8 <= bytes.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, bytes.data() + i, sizeof(word));
    state_ = (state_ ^ word) * 0x100000001b3ull;
    state_ ^= state_ >> 29;
  }
  for (; i < bytes.size(); ++i) {
    state_ = (state_ ^ static_cast<uint8_t>(bytes[i])) * 0x100000001b3ull;
  }
  state_ ^= bytes.size();
}

absl::StatusOr<std::unique_ptr<SnapshotWriter>> SnapshotWriter::Create(const std::string& path) {
  const std::string temporary = path + ".tmp";
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (file == nullptr) return ErrnoError("cannot create", temporary);
  std::setvbuf(file, nullptr, _IOFBF, kBufferBytes);
  std::unique_ptr<SnapshotWriter> writer(new SnapshotWriter(path, file));
  if (absl::Status s = writer->Write(kMagic, sizeof(kMagic)); !s.ok()) return s;
  return writer;
}

SnapshotWriter::~SnapshotWriter() {
  if (file_ == nullptr) return;
  std::fclose(file_);
  std::remove((path_ + ".tmp").c_str());
}

absl::Status SnapshotWriter::Write(const void* data, size_t size) {
  if (std::fwrite(data, 1, size, file_) != size) return ErrnoError("cannot write", path_ + ".tmp");
  return absl::OkStatus();
}

absl::Status SnapshotWriter::Add(absl::string_view record) {
  if (record.size() > kMaxRecordBytes) {
    return absl::InvalidArgumentError(absl::StrCat("snapshot record of ", record.size(), " bytes"));
  }
  const uint32_t size = static_cast<uint32_t>(record.size());
  if (absl::Status s = Write(&size, sizeof(size)); !s.ok()) return s;
  if (absl::Status s = Write(record.data(), record.size()); !s.ok()) return s;
  checksum_.Update(record);
  ++records_;
  return absl::OkStatus();
}

absl::Status SnapshotWriter::Finish() {
  const uint64_t checksum = checksum_.value();
  if (absl::Status s = Write(&kEndMark, sizeof(kEndMark)); !s.ok()) return s;
  if (absl::Status s = Write(&records_, sizeof(records_)); !s.ok()) return s;
  if (absl::Status s = Write(&checksum, sizeof(checksum)); !s.ok()) return s;
  const std::string temporary = path_ + ".tmp";
  const bool flushed = std::fflush(file_) == 0 && fsync(fileno(file_)) == 0;
  std::fclose(file_);
  file_ = nullptr;
  if (!flushed) {
    std::remove(temporary.c_str());
    return ErrnoError("cannot sync", temporary);
  }
  if (std::rename(temporary.c_str(), path_.c_str()) != 0) {
    std::remove(temporary.c_str());
    return ErrnoError("cannot rename to", path_);
  }
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<SnapshotReader>> SnapshotReader::Open(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    if (errno == ENOENT) return absl::NotFoundError(absl::StrCat("no engine snapshot at ", path));
    return ErrnoError("cannot open", path);
  }
  std::setvbuf(file, nullptr, _IOFBF, kBufferBytes);
  std::unique_ptr<SnapshotReader> reader(new SnapshotReader(file));
  char magic[sizeof(kMagic)];
  if (!reader->Read(magic, sizeof(magic)) || std::memcmp(magic, kMagic, sizeof(kMagic)) != 0) {
    return Damaged(absl::StrCat(path, " is not a snapshot file"));
  }
  return reader;
}

SnapshotReader::~SnapshotReader() { std::fclose(file_); }

bool SnapshotReader::Read(void* data, size_t size) {
  return std::fread(data, 1, size, file_) == size;
}

absl::StatusOr<bool> SnapshotReader::Next(std::string& record) {
  uint32_t size;
  if (!Read(&size, sizeof(size))) return Damaged("truncated");
  if (size == kEndMark) {
    uint64_t records, checksum;
    if (!Read(&records, sizeof(records)) || !Read(&checksum, sizeof(checksum))) {
      return Damaged("truncated end");
    }
    if (records != records_ || checksum != checksum_.value()) return Damaged("checksum mismatch");
    if (std::fgetc(file_) != EOF) return Damaged("bytes after the end");
    return false;
  }
  if (size > kMaxRecordBytes) return Damaged("record length out of range");
  record.resize(size);
  if (!Read(record.data(), size)) return Damaged("truncated record");
  checksum_.Update(record);
  ++records_;
  return true;
}

}  // namespace corematch::matching
