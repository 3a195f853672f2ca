// services/matching/engine/snapshot_file.h
//
// A file of records, written whole or not at all: the writer fills
// `path`.tmp and Finish syncs it and renames it over `path`, so a crash
// leaves the previous file or none, never half of one. The last record is
// followed by the count of records and a checksum of them all, so a reader
// tells a complete file from a truncated or damaged one.
//
//   ASSIGN_OR_RETURN(auto out, SnapshotWriter::Create(path));
//   RETURN_IF_ERROR(out->Add(record));
//   RETURN_IF_ERROR(out->Finish());
//
//   ASSIGN_OR_RETURN(auto in, SnapshotReader::Open(path));
//   std::string record;
//   while (true) { ASSIGN_OR_RETURN(bool more, in->Next(record)); if (!more) break; ... }
#ifndef COREMATCH_SERVICES_MATCHING_ENGINE_SNAPSHOT_FILE_H_
#define COREMATCH_SERVICES_MATCHING_ENGINE_SNAPSHOT_FILE_H_

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace corematch::matching {

// Not cryptographic: catches a damaged file, eight bytes at a time.
class RecordChecksum {
 public:
  void Update(absl::string_view bytes);
  uint64_t value() const { return state_; }

 private:
  uint64_t state_ = 0x9e3779b97f4a7c15ull;
};

class SnapshotWriter {
 public:
  static absl::StatusOr<std::unique_ptr<SnapshotWriter>> Create(const std::string& path);
  // An unfinished file is removed.
  ~SnapshotWriter();
  SnapshotWriter(const SnapshotWriter&) = delete;
  SnapshotWriter& operator=(const SnapshotWriter&) = delete;

  absl::Status Add(absl::string_view record);
  // Ends the file, syncs it and puts it in place.
  absl::Status Finish();

 private:
  SnapshotWriter(std::string path, std::FILE* file) : path_(std::move(path)), file_(file) {}
  absl::Status Write(const void* data, size_t size);

  std::string path_;
  std::FILE* file_;
  uint64_t records_ = 0;
  RecordChecksum checksum_;
};

class SnapshotReader {
 public:
  // NOT_FOUND when there is no file at `path`; DATA_LOSS when it is not a
  // snapshot file.
  static absl::StatusOr<std::unique_ptr<SnapshotReader>> Open(const std::string& path);
  ~SnapshotReader();
  SnapshotReader(const SnapshotReader&) = delete;
  SnapshotReader& operator=(const SnapshotReader&) = delete;

  // Reads the next record into `record`; false after the last one, once the
  // count and checksum agree. DATA_LOSS for a truncated or damaged file.
  absl::StatusOr<bool> Next(std::string& record);

 private:
  explicit SnapshotReader(std::FILE* file) : file_(file) {}
  bool Read(void* data, size_t size);

  std::FILE* file_;
  uint64_t records_ = 0;
  RecordChecksum checksum_;
};

}  // namespace corematch::matching

#endif  // COREMATCH_SERVICES_MATCHING_ENGINE_SNAPSHOT_FILE_H_
