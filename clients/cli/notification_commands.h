// clients/cli/notification_commands.h
//
// `corematch subscription create|list|get|delete`, `corematch watch` and
// `corematch deliveries list|redeliver` (NotificationService).
//
// `watch` streams the caller's notifications to the terminal, one line each:
//
//   #42  SOLUTION_PUBLISHED  solutions/s1  Jobb Först  score 0.67
//        need terms: arbejd, ledig; sector 10.5 within 10
//
// and resumes where it stopped: it acknowledges each notification it printed
// (so the next `watch` starts after it), and with --cursor-file also keeps the
// cursor locally, written after every notification and progress marker.
// In JSON format every command prints the protobuf JSON of its responses, one
// per line for `watch`.
#ifndef COREMATCH_CLIENTS_CLI_NOTIFICATION_COMMANDS_H_
#define COREMATCH_CLIENTS_CLI_NOTIFICATION_COMMANDS_H_

#include <string>

#include "CLI/CLI.hpp"
#include "clients/cli/command_context.h"
#include "corematch/notification/v1/notification.pb.h"

namespace corematch::cli {

// Adds the `subscription`, `watch` and `deliveries` commands to `app`.
void AddNotificationCommands(CLI::App& app, CommandContext& ctx);

// The one-line form of a notification `watch` prints (without reasons).
std::string NotificationLine(const notification::v1::Notification& notification);

}  // namespace corematch::cli

#endif  // COREMATCH_CLIENTS_CLI_NOTIFICATION_COMMANDS_H_
