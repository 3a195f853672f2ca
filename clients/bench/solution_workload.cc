#include "clients/bench/solution_workload.h"

#include <thread>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
#include "clients/bench/channels.h"
#include "clients/bench/sample_solutions.h"

namespace corematch::bench {
namespace {

namespace pb = ::corematch::publishing::v1;

constexpr const char* kCreate = "CreateSolution";
constexpr const char* kGet = "GetSolution";

// A unary call in flight: it owns what gRPC writes into until completion.
template <typename Request, typename Response>
struct Pending final : PendingCall {
  Request request;
  Response response;
  std::unique_ptr<grpc::ClientAsyncResponseReader<Response>> reader;
};

}  // namespace

absl::StatusOr<WorkloadKind> ParseWorkloadKind(absl::string_view text) {
  if (text == "create") return WorkloadKind::kCreate;
  if (text == "get") return WorkloadKind::kGet;
  if (text == "mixed") return WorkloadKind::kMixed;
  return absl::InvalidArgumentError(
      absl::StrCat("--workload: '", text, "'; choose create, get or mixed"));
}

absl::string_view WorkloadKindName(WorkloadKind kind) {
  switch (kind) {
    case WorkloadKind::kCreate:
      return "create";
    case WorkloadKind::kGet:
      return "get";
    case WorkloadKind::kMixed:
      return "mixed";
  }
  return "?";
}

std::string RandomUuid(std::mt19937_64& random) {
  uint64_t high = random();
  uint64_t low = random();
  high = (high & ~uint64_t{0xf000}) | 0x4000;                    // version 4
  low = (low & ~(uint64_t{0xc} << 60)) | (uint64_t{0x8} << 60);  // RFC 4122 variant
  return absl::StrFormat("%08x-%04x-%04x-%04x-%012x", high >> 32, (high >> 16) & 0xffff,
                         high & 0xffff, low >> 48, low & 0xffffffffffffULL);
}

absl::StatusOr<std::unique_ptr<SolutionWorkload>> SolutionWorkload::Create(
    const std::vector<std::shared_ptr<grpc::Channel>>& channels, std::string api_key,
    const SolutionWorkloadOptions& options) {
  if (channels.empty()) return absl::InvalidArgumentError("no clients");
  std::unique_ptr<SolutionWorkload> workload(new SolutionWorkload(std::move(api_key), options));
  if (options.kind != WorkloadKind::kGet) {
    workload->create_method_ = static_cast<int>(workload->methods_.size());
    workload->methods_.push_back(kCreate);
  }
  if (options.kind != WorkloadKind::kCreate) {
    if (options.population <= 0) {
      return absl::InvalidArgumentError("--population must be positive for reads");
    }
    workload->get_method_ = static_cast<int>(workload->methods_.size());
    workload->methods_.push_back(kGet);
  }
  workload->clients_.resize(channels.size());
  for (size_t i = 0; i < channels.size(); ++i) {
    Client& client = workload->clients_[i];
    client.stub = pb::PublishingService::NewStub(channels[i]);
    client.random.seed(options.seed * 1000003 + i);
  }
  if (workload->get_method_ >= 0) {
    absl::Status populated = workload->Populate();
    if (!populated.ok()) return populated;
  }
  return workload;
}

SolutionWorkload::SolutionWorkload(std::string api_key, const SolutionWorkloadOptions& options)
    : api_key_(std::move(api_key)),
      authorization_(absl::StrCat("Bearer ", api_key_)),
      create_path_(absl::StrCat("/", pb::PublishingService::service_full_name(), "/", kCreate)),
      get_path_(absl::StrCat("/", pb::PublishingService::service_full_name(), "/", kGet)),
      options_(options) {}

pb::CreateSolutionRequest SolutionWorkload::NewCreateRequest(Client& client, int64_t index) {
  pb::CreateSolutionRequest request;
  *request.mutable_solution() = SampleSolution(index);
  request.set_publish(options_.publish);
  if (options_.request_ids) request.set_request_id(RandomUuid(client.random));
  return request;
}

std::unique_ptr<PendingCall> SolutionWorkload::StartCreate(Client& client, int64_t index,
                                                           grpc::CompletionQueue* cq) {
  auto call = std::make_unique<Pending<pb::CreateSolutionRequest, pb::Solution>>();
  call->method = create_method_;
  call->request = NewCreateRequest(client, index);
  PrepareContext(call->context, api_key_);
  call->start = absl::Now();
  call->reader = client.stub->AsyncCreateSolution(&call->context, call->request, cq);
  call->reader->Finish(&call->response, &call->status, call.get());
  return call;
}

std::unique_ptr<PendingCall> SolutionWorkload::StartGet(Client& client, grpc::CompletionQueue* cq) {
  auto call = std::make_unique<Pending<pb::GetSolutionRequest, pb::Solution>>();
  call->method = get_method_;
  call->request.set_name(RandomSolution(client));
  PrepareContext(call->context, api_key_);
  call->start = absl::Now();
  call->reader = client.stub->AsyncGetSolution(&call->context, call->request, cq);
  call->reader->Finish(&call->response, &call->status, call.get());
  return call;
}

const std::string& SolutionWorkload::RandomSolution(Client& client) {
  return population_[client.random() % population_.size()];
}

bool SolutionWorkload::NextIsCreate(Client& client) {
  if (create_method_ < 0) return false;
  if (get_method_ < 0) return true;
  return static_cast<int>(client.random() % 100) < options_.mixed_create_percent;
}

int64_t SolutionWorkload::NextCreateIndex(int client_index) {
  // Indexes interleave across clients so the languages stay mixed.
  return clients_[client_index].created++ * static_cast<int64_t>(clients_.size()) + client_index;
}

std::unique_ptr<PendingCall> SolutionWorkload::Start(int client_index, grpc::CompletionQueue* cq) {
  Client& client = clients_[client_index];
  if (!NextIsCreate(client)) return StartGet(client, cq);
  return StartCreate(client, NextCreateIndex(client_index), cq);
}

WireCall SolutionWorkload::NextWireCall(int client_index) {
  Client& client = clients_[client_index];
  if (!NextIsCreate(client)) {
    pb::GetSolutionRequest request;
    request.set_name(RandomSolution(client));
    return {.method = get_method_, .path = get_path_, .message = request.SerializeAsString()};
  }
  return {.method = create_method_,
          .path = create_path_,
          .message = NewCreateRequest(client, NextCreateIndex(client_index)).SerializeAsString()};
}

absl::Status SolutionWorkload::CheckWireResponse(int /*method*/,
                                                 const std::string& response) const {
  // Both methods answer with the solution; a portal would parse it.
  pb::Solution solution;
  if (!solution.ParseFromString(response) || solution.name().empty()) {
    return absl::InternalError("the response is not a solution");
  }
  return absl::OkStatus();
}

absl::Status SolutionWorkload::Populate() {
  const int clients = static_cast<int>(clients_.size());
  std::vector<std::string> names(options_.population);
  std::vector<grpc::Status> failures(clients);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      for (int i = c; i < options_.population; i += clients) {
        pb::Solution created;
        grpc::ClientContext context;
        PrepareContext(context, api_key_);
        grpc::Status status =
            clients_[c].stub->CreateSolution(&context, NewCreateRequest(clients_[c], i), &created);
        if (!status.ok()) {
          failures[c] = status;
          return;
        }
        names[i] = created.name();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const grpc::Status& failure : failures) {
    if (!failure.ok()) {
      return absl::UnavailableError(
          absl::StrCat("creating the solutions to read: ", DescribeStatus(failure)));
    }
  }
  population_ = std::move(names);
  return absl::OkStatus();
}

}  // namespace corematch::bench
