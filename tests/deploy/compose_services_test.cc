// No Docker engine runs where the tests run, so docker-compose.yml is checked
// by reading: every service it starts must be one corematch-server hosts,
// every hosted service must be started by some container, and each container
// that does not host the organization service must be told where it is.
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "gtest/gtest.h"
#include "services/server/server.h"

namespace corematch {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream content;
  content << in.rdbuf();
  return content.str();
}

const std::string kCompose = std::string(COREMATCH_SOURCE_DIR) + "/docker-compose.yml";

TEST(ComposeTest, EveryContainerHostsKnownServicesAndAllAreCovered) {
  std::string compose = ReadFile(kCompose);
  ASSERT_FALSE(compose.empty()) << "cannot read " << kCompose;
  std::regex services_flag("--services=([a-z,]+)");
  std::set<std::string> covered;
  int containers = 0;
  for (std::sregex_iterator it(compose.begin(), compose.end(), services_flag), end; it != end;
       ++it) {
    auto parsed = server::ParseServiceList((*it)[1].str());
    ASSERT_TRUE(parsed.ok()) << parsed.status();
    covered.insert(parsed->begin(), parsed->end());
    ++containers;
  }
  EXPECT_GE(containers, 3);
  for (const char* service : server::kServiceNames) {
    EXPECT_TRUE(covered.contains(service)) << service << " runs in no container";
  }
}

TEST(ComposeTest, ContainersWithoutOrganizationKnowWhereItIs) {
  std::string compose = ReadFile(kCompose);
  std::regex command("command: \\[([^\\]]*)\\]");
  for (std::sregex_iterator it(compose.begin(), compose.end(), command), end; it != end; ++it) {
    std::string args = (*it)[1].str();
    if (args.find("--services=organization") != std::string::npos) continue;
    EXPECT_NE(args.find("--organization_service="), std::string::npos) << args;
    EXPECT_NE(args.find("--operator_key_file="), std::string::npos) << args;
  }
}

TEST(ComposeTest, EachServiceHasItsOwnVolumeAndAHealthCheck) {
  std::string compose = ReadFile(kCompose);
  for (const char* service : server::kServiceNames) {
    EXPECT_NE(compose.find(std::string(service) + "-data:/var/lib/corematch"), std::string::npos)
        << service;
  }
  std::regex healthcheck("healthcheck:");
  EXPECT_EQ(std::distance(std::sregex_iterator(compose.begin(), compose.end(), healthcheck),
                          std::sregex_iterator()),
            std::size(server::kServiceNames));
}

TEST(ComposeTest, MatchingKnowsWhereItsFeedsAre) {
  std::string compose = ReadFile(kCompose);
  std::regex command("command: \\[([^\\]]*)\\]");
  int matching = 0;
  for (std::sregex_iterator it(compose.begin(), compose.end(), command), end; it != end; ++it) {
    std::string args = (*it)[1].str();
    if (args.find("--services=matching") == std::string::npos) continue;
    ++matching;
    EXPECT_NE(args.find("--publishing_service="), std::string::npos) << args;
    EXPECT_NE(args.find("--adoption_service="), std::string::npos) << args;
  }
  EXPECT_EQ(matching, 1);
}

TEST(ComposeTest, NotificationKnowsWhereItsFeedsAre) {
  std::string compose = ReadFile(kCompose);
  std::regex command("command: \\[([^\\]]*)\\]");
  int notification = 0;
  for (std::sregex_iterator it(compose.begin(), compose.end(), command), end; it != end; ++it) {
    std::string args = (*it)[1].str();
    if (args.find("--services=notification") == std::string::npos) continue;
    ++notification;
    EXPECT_NE(args.find("--publishing_service="), std::string::npos) << args;
    EXPECT_NE(args.find("--adoption_service="), std::string::npos) << args;
    EXPECT_NE(args.find("--matching_service="), std::string::npos) << args;
  }
  EXPECT_EQ(notification, 1);
}

}  // namespace
}  // namespace corematch
