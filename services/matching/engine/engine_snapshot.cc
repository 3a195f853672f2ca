// MatchingEngine::SaveSnapshot and LoadSnapshot: the engine's state as
// snapshot records (snapshot_file.h).
//
// Records: a header (format, the options' key, the caller's tag), then for
// the solutions and then the open requests: the text index's records
// (TextIndex::WriteTo), a count of documents, and the documents — for each
// DocId whether it is live and, if so, its name and features — a few
// thousand to a record. Removed documents keep their ids (the postings still
// hold them until Compact) but not their names or features.
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/status_macros.h"
#include "services/matching/engine/byte_codec.h"
#include "services/matching/engine/features_codec.h"
#include "services/matching/engine/matching_engine.h"

namespace corematch::matching {
namespace {

// A snapshot of another format is refused and the index rebuilt from the
// store. 2: target-group hashes are Fingerprint32s (1 held per-process
// absl::Hash values). 3: requests hold two English pivots a stem, as their
// needs' queries do (2 held three).
constexpr uint8_t kSnapshotFormat = 3;
constexpr size_t kDocumentsPerRecord = 4096;

absl::Status Damaged(absl::string_view what) {
  return absl::DataLossError(absl::StrCat("engine snapshot: ", what));
}

}  // namespace

template <typename Features>
absl::Status MatchingEngine::Corpus<Features>::WriteTo(SnapshotWriter& out) const {
  RETURN_IF_ERROR(side.index.WriteTo(out));
  ByteWriter w;
  w.Varint(side.names.size());
  RETURN_IF_ERROR(out.Add(w.bytes()));
  w.Clear();
  for (DocId doc = 0; doc < side.names.size(); ++doc) {
    const bool live = side.index.IsLive(doc);
    w.Byte(live ? 1 : 0);
    if (live) {
      w.String(side.names[doc]);
      WriteFeatures(w, features[doc]);
    }
    if ((doc + 1) % kDocumentsPerRecord == 0) {
      RETURN_IF_ERROR(out.Add(w.bytes()));
      w.Clear();
    }
  }
  if (w.size() > 0) RETURN_IF_ERROR(out.Add(w.bytes()));
  return absl::OkStatus();
}

template <typename Features>
absl::Status MatchingEngine::Corpus<Features>::ReadFrom(SnapshotReader& in) {
  RETURN_IF_ERROR(side.index.ReadFrom(in));
  std::string record;
  ASSIGN_OR_RETURN(bool more, in.Next(record));
  uint64_t documents;
  ByteReader header(record);
  if (!more || !header.Varint(documents) || !header.done() ||
      documents != side.index.live_documents() + side.index.dead_documents()) {
    return Damaged("document count does not match the index");
  }
  side.names.resize(documents);
  features.resize(documents);
  for (DocId doc = 0; doc < documents;) {
    ASSIGN_OR_RETURN(more, in.Next(record));
    if (!more) return Damaged("documents truncated");
    ByteReader r(record);
    for (; doc < documents && !r.done(); ++doc) {
      uint8_t live;
      if (!r.Byte(live) || (live != 0) != side.index.IsLive(doc)) {
        return Damaged("document liveness disagrees with the index");
      }
      if (live == 0) continue;
      if (!r.String(side.names[doc]) || !ReadFeatures(r, features[doc])) {
        return Damaged("document malformed");
      }
      if (!side.ids.emplace(side.names[doc], doc).second) return Damaged("name twice");
    }
    if (!r.done()) return Damaged("documents overrun");
  }
  return absl::OkStatus();
}

absl::Status MatchingEngine::SaveSnapshot(const std::string& path, absl::string_view tag) const {
  ASSIGN_OR_RETURN(std::unique_ptr<SnapshotWriter> out, SnapshotWriter::Create(path));
  ByteWriter header;
  header.Byte(kSnapshotFormat);
  header.String(EngineOptionsKey(options_));
  header.String(tag);
  RETURN_IF_ERROR(out->Add(header.bytes()));
  {
    absl::ReaderMutexLock lock(&mutex_);
    RETURN_IF_ERROR(solutions_.WriteTo(*out));
    RETURN_IF_ERROR(requests_.WriteTo(*out));
  }
  return out->Finish();
}

absl::Status MatchingEngine::LoadSnapshot(const std::string& path, absl::string_view tag) {
  ASSIGN_OR_RETURN(std::unique_ptr<SnapshotReader> in, SnapshotReader::Open(path));
  std::string record;
  ASSIGN_OR_RETURN(bool more, in->Next(record));
  ByteReader header(record);
  uint8_t format;
  std::string options, stamped;
  if (!more || !header.Byte(format)) return Damaged("no header");
  if (format != kSnapshotFormat) {
    return absl::FailedPreconditionError(
        absl::StrCat("engine snapshot: format ", format, ", expected ", kSnapshotFormat));
  }
  if (!header.String(options) || !header.String(stamped) || !header.done()) {
    return Damaged("header malformed");
  }
  if (stamped != tag) {
    return absl::FailedPreconditionError(
        absl::StrCat("engine snapshot is of ", stamped, ", the store is at ", tag));
  }
  if (options != EngineOptionsKey(options_)) {
    return absl::FailedPreconditionError(absl::StrCat("engine snapshot made with ", options,
                                                      ", the engine runs with ",
                                                      EngineOptionsKey(options_)));
  }
  Corpus<SolutionFeatures> solutions;
  Corpus<NeedFeatures> requests;
  RETURN_IF_ERROR(solutions.ReadFrom(*in));
  RETURN_IF_ERROR(requests.ReadFrom(*in));
  ASSIGN_OR_RETURN(more, in->Next(record));
  if (more) return Damaged("records after the requests");
  absl::MutexLock lock(&mutex_);
  if (!solutions_.side.names.empty() || !requests_.side.names.empty()) {
    return absl::FailedPreconditionError("engine snapshot: the engine is not empty");
  }
  solutions_ = std::move(solutions);
  requests_ = std::move(requests);
  ComputeRequestMasses();
  entry_scores_.assign(requests_.side.names.size(), 0.0f);
  return absl::OkStatus();
}

}  // namespace corematch::matching
