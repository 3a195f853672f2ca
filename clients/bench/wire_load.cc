#include "clients/bench/wire_load.h"

#include <sys/epoll.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/time/clock.h"
#include "clients/bench/h2_connection.h"
#include "services/common/grpc_status.h"

namespace corematch::bench {
namespace {

constexpr int kPollMillis = 100;

// A client: its connection and the call it has in flight.
struct WireClient {
  std::unique_ptr<H2Connection> connection;
  int method = 0;
  absl::Time start;
  bool in_flight = false;
  bool broken = false;
  // Whether epoll also waits for the socket to take more output.
  bool waits_for_output = false;
};

// One thread's loop over the clients it owns (first, first + stride, ...):
// start a call on each, then start a client's next call as soon as its last
// one completes, until the run is over and nothing is in flight.
void RunWireClients(WireWorkload& workload, std::vector<WireClient>& clients, int first, int stride,
                    Recorder& recorder) {
  const int epoll = epoll_create1(EPOLL_CLOEXEC);
  std::vector<int> owned;
  for (int c = first; c < static_cast<int>(clients.size()); c += stride) {
    owned.push_back(c);
    epoll_event event{.events = EPOLLIN, .data = {.u64 = static_cast<uint64_t>(c)}};
    epoll_ctl(epoll, EPOLL_CTL_ADD, clients[c].connection->fd(), &event);
  }
  int in_flight = 0;
  auto fail = [&](int c, const absl::Status& status) {
    WireClient& client = clients[c];
    if (client.in_flight) {
      recorder.Record(client.method, absl::Now() - client.start, ToGrpcStatus(status));
      client.in_flight = false;
      --in_flight;
    }
    client.broken = true;
    epoll_ctl(epoll, EPOLL_CTL_DEL, client.connection->fd(), nullptr);
  };
  auto flush = [&](int c) {
    WireClient& client = clients[c];
    absl::StatusOr<bool> pending = client.connection->Flush();
    if (!pending.ok()) return fail(c, pending.status());
    // A syscall per call otherwise: change the interest only when it changes.
    if (*pending == client.waits_for_output) return;
    client.waits_for_output = *pending;
    epoll_event event{.events = EPOLLIN | (*pending ? EPOLLOUT : 0u),
                      .data = {.u64 = static_cast<uint64_t>(c)}};
    epoll_ctl(epoll, EPOLL_CTL_MOD, client.connection->fd(), &event);
  };
  auto start = [&](int c) {
    WireClient& client = clients[c];
    WireCall call = workload.NextWireCall(c);
    client.method = call.method;
    client.start = absl::Now();
    client.in_flight = true;
    ++in_flight;
    absl::Status started = client.connection->StartCall(call.path, workload.authorization(),
                                                        std::move(call.message), c);
    if (!started.ok()) return fail(c, started);
    flush(c);
  };
  for (int c : owned) start(c);
  std::vector<H2Connection::Completion> done;
  epoll_event events[64];
  while (in_flight > 0) {
    const int ready = epoll_wait(epoll, events, 64, kPollMillis);
    for (int i = 0; i < ready; ++i) {
      const int c = static_cast<int>(events[i].data.u64);
      WireClient& client = clients[c];
      if (client.broken) continue;
      if (events[i].events & EPOLLOUT) flush(c);
      if (!(events[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP))) continue;
      done.clear();
      absl::Status read = client.connection->OnReadable(done);
      for (H2Connection::Completion& completion : done) {
        grpc::Status status = completion.status;
        if (status.ok()) {
          absl::Status checked = workload.CheckWireResponse(client.method, completion.response);
          if (!checked.ok()) status = ToGrpcStatus(checked);
        }
        recorder.Record(client.method, absl::Now() - client.start, status);
        client.in_flight = false;
        --in_flight;
        if (recorder.running()) start(c);
      }
      if (!read.ok())
        fail(c, read);
      else if (done.empty())
        flush(c);  // Window updates, pings, settings acks.
    }
  }
  close(epoll);
}

}  // namespace

absl::StatusOr<DriveResult> DriveWire(WireWorkload& workload, const std::string& target,
                                      int clients, const DriveOptions& options) {
  std::vector<WireClient> connected(clients);
  for (WireClient& client : connected) {
    absl::StatusOr<std::unique_ptr<H2Connection>> connection = H2Connection::Connect(target);
    if (!connection.ok()) return connection.status();
    client.connection = std::move(*connection);
  }
  DriveOptions driven = options;
  driven.threads = std::max(1, std::min(driven.threads, clients));
  const int threads = driven.threads;
  return Drive(workload.methods(), driven, [&](int thread, Recorder& recorder) {
    RunWireClients(workload, connected, thread, threads, recorder);
  });
}

}  // namespace corematch::bench
