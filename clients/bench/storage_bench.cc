// corematch-storage-bench: the durable-write ceiling under the server, without
// gRPC. Writers commit what one CreateSolution commits (the solution, its
// change-feed event, its request-id record and a create-time index entry)
// to a RocksDB store opened exactly as the server opens it, each write
// fsync'd before it counts:
//
//   --mode=rocksdb    every writer calls KvStore::Write itself; RocksDB's own
//                     write group batches concurrent writers into one WAL sync
//   --mode=committer  every writer runs a transaction on storage::Committer,
//                     as the publishing service does
//
//   corematch-storage-bench --mode=rocksdb --writers=8 --duration=10s
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "clients/bench/cpu_time.h"
#include "clients/bench/load_driver.h"
#include "clients/bench/report.h"
#include "storage/committer.h"
#include "storage/rocksdb_kv_store.h"

ABSL_FLAG(std::string, mode, "rocksdb", "rocksdb (KvStore::Write per writer) or committer");
ABSL_FLAG(int, writers, 8, "concurrent writer threads");
ABSL_FLAG(absl::Duration, duration, absl::Seconds(10), "how long to measure");
ABSL_FLAG(absl::Duration, warmup, absl::Seconds(1), "how long to write before measuring");
ABSL_FLAG(int, value_bytes, 1100, "bytes of each of the three values a write carries");
ABSL_FLAG(bool, sync, true, "fsync every write (false: the ceiling without the disk)");
ABSL_FLAG(std::string, dir, "", "parent of the database directory (default: the system temp dir)");

namespace corematch::bench {
namespace {

// The keys and values one CreateSolution commits.
void FillWrite(int writer, int64_t n, const std::string& value,
               const std::function<void(const std::string&, const std::string&)>& put) {
  const std::string id = absl::StrFormat("%02d%014d", writer, n);
  put(absl::StrCat("solutions/", id), value);
  put(absl::StrCat("feed/e/", id), value);
  put("feed/last", id);
  put(absl::StrCat("requestid/organizations/bench/CreateSolution/", id), value);
  put(absl::StrCat("idx/solutions/ctime/", id, "/", id), "");
}

class StoreWorkload final {
 public:
  StoreWorkload(storage::KvStore* store, bool use_committer, bool sync, int writers,
                int value_bytes)
      : store_(store),
        committer_(store, storage::WriteOptions{.sync = sync}),
        use_committer_(use_committer),
        sync_(sync),
        value_(value_bytes, 'v'),
        written_(writers, 0) {}

  const std::vector<std::string>& methods() const { return methods_; }

  // Commits one create's writes as `writer`.
  grpc::Status Write(int writer) {
    const int64_t n = written_[writer]++;
    absl::Status status;
    if (use_committer_) {
      status = committer_.Run([&](storage::Transaction& txn) {
        FillWrite(writer, n, value_,
                  [&](const std::string& k, const std::string& v) { txn.Put(k, v); });
        return absl::OkStatus();
      });
    } else {
      storage::WriteBatch batch;
      FillWrite(writer, n, value_,
                [&](const std::string& k, const std::string& v) { batch.Put(k, v); });
      status = store_->Write(batch, storage::WriteOptions{.sync = sync_});
    }
    if (status.ok()) return grpc::Status::OK;
    return grpc::Status(grpc::StatusCode::INTERNAL, std::string(status.message()));
  }

 private:
  const std::vector<std::string> methods_ = {"Write"};
  storage::KvStore* const store_;
  storage::Committer committer_;
  const bool use_committer_;
  const bool sync_;
  const std::string value_;
  std::vector<int64_t> written_;
};

int Run() {
  const std::string mode = absl::GetFlag(FLAGS_mode);
  if (mode != "rocksdb" && mode != "committer") {
    std::cerr << "corematch-storage-bench: --mode must be rocksdb or committer\n";
    return 2;
  }
  std::error_code error;
  std::filesystem::path parent = absl::GetFlag(FLAGS_dir).empty()
                                     ? std::filesystem::temp_directory_path(error)
                                     : std::filesystem::path(absl::GetFlag(FLAGS_dir));
  const std::string path = (parent / absl::StrCat("corematch-storage-bench-", getpid())).string();
  auto store = storage::OpenRocksDbKvStore({.path = path, .env = nullptr});
  if (!store.ok()) {
    std::cerr << "corematch-storage-bench: " << store.status().message() << "\n";
    return 2;
  }
  const int writers = absl::GetFlag(FLAGS_writers);
  StoreWorkload workload(store->get(), mode == "committer", absl::GetFlag(FLAGS_sync), writers,
                         absl::GetFlag(FLAGS_value_bytes));
  absl::Duration cpu_start;
  absl::Duration cpu_end;
  DriveResult result = Drive(workload.methods(),
                             {.threads = writers,
                              .warmup = absl::GetFlag(FLAGS_warmup),
                              .duration = absl::GetFlag(FLAGS_duration),
                              .on_window_start = [&] { cpu_start = OwnCpuTime(); },
                              .on_window_end = [&] { cpu_end = OwnCpuTime(); }},
                             [&](int writer, Recorder& recorder) {
                               while (recorder.running()) {
                                 const absl::Time start = absl::Now();
                                 grpc::Status status = workload.Write(writer);
                                 recorder.Record(0, absl::Now() - start, status);
                               }
                             });
  RunInfo info{
      .workload = absl::StrCat("storage-", mode, absl::GetFlag(FLAGS_sync) ? "" : "-nosync"),
      .server = path,
      .spawned = false,
      .clients = writers,
      .threads = 0,
      .channels = "",
      .client = "",
      .warmup = absl::GetFlag(FLAGS_warmup),
      .duration = absl::GetFlag(FLAGS_duration),
      .server_cpu_cores = std::nullopt,
      .client_cpu_cores =
          absl::ToDoubleSeconds(cpu_end - cpu_start) / absl::ToDoubleSeconds(result.elapsed),
      .machine_cpu_cores = std::nullopt};
  std::cout << FormatReport(info, result) << FormatJsonSummary(info, result) << std::endl;
  store->reset();
  std::filesystem::remove_all(path, error);
  return result.Total().errors > 0 ? 1 : 0;
}

}  // namespace
}  // namespace corematch::bench

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "corematch-storage-bench: fsync'd write throughput of the server's store, without gRPC");
  absl::ParseCommandLine(argc, argv);
  return corematch::bench::Run();
}
