// clients/cli/example_player.h
//
// Plays a worked example (worked_example.h) against a running server the way
// its organisations would, through the public API only: the operator key
// creates the organisations and gives each a key for the run; each
// organisation then acts with its own key — publishes, files its need, says
// interested in the match matching found, opens its adoption (in the owner's
// cohort), works it to its stage, evaluates, republishes its adaptation. The
// keys are revoked when the run ends, however it ends.
//
//   absl::StatusOr<ExampleOutcome> outcome =
//       PlayWorkedExample(example, {.target = "localhost:50051", .api_key = operator_key});
//
// Every call carries a request_id derived from the example's title and the
// step, so playing the same example again creates nothing twice and ends with
// the same outcome.
#ifndef COREMATCH_CLIENTS_CLI_EXAMPLE_PLAYER_H_
#define COREMATCH_CLIENTS_CLI_EXAMPLE_PLAYER_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "clients/cli/connection.h"
#include "corematch/adoption/v1/adoption.pb.h"
#include "corematch/demo/v1/worked_example.pb.h"

namespace corematch::cli {

struct PlayOptions {
  // How long to wait for a change to travel the feeds between services (a
  // request to reach matching, a connected match or a new solution to reach
  // the adoption service) before giving up.
  absl::Duration feed_wait = absl::Seconds(60);
  // Told of each step as it is done, e.g. "published solutions/…". May be empty.
  std::function<void(absl::string_view)> on_step;
};

// What a played example left on the server.
struct ExampleOutcome {
  struct Adoption {
    // The adopting organisation's display name.
    std::string adopter;
    // adoptions/{id}.
    std::string name;
    // solutions/{id} adopted.
    std::string solution;
    adoption::v1::AdoptionStage stage = adoption::v1::ADOPTION_STAGE_UNSPECIFIED;
    // solutions/{id} of its adaptation, if it republished one.
    std::string republished_as;
  };
  // solutions/{id} that starts the spread.
  std::string origin;
  // cohorts/{id}; empty if the example has none.
  std::string cohort;
  std::vector<Adoption> adoptions;
};

// Plays `example` (which CheckWorkedExample accepts) on the server that
// `operator_connection` reaches with an operator key. A failed step ends the
// run with its status, naming the step.
absl::StatusOr<ExampleOutcome> PlayWorkedExample(const demo::v1::WorkedExample& example,
                                                 const ConnectionOptions& operator_connection,
                                                 const PlayOptions& options = {});

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_EXAMPLE_PLAYER_H_
