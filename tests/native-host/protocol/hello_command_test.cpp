#include <doctest/doctest.h>

#include <algorithm>

#include "protocol/command.h"

using namespace cookiewarden;
using namespace cookiewarden::protocol;

TEST_CASE("hello: names the host, version, protocol, OS and every command") {
  Environment env;
  env.os = Os::macos;
  env.home = "/Users/nobody";
  CommandContext ctx{env, warden::PublicSuffixList::builtin()};
  CommandResult r = dispatch({1, "hello", nlohmann::json::object()}, ctx, protocol_commands());
  REQUIRE(r.ok());
  const auto& hello = r.result();
  CHECK(hello["name"] == "cookiewarden");
  CHECK(hello["version"] == COOKIEWARDEN_VERSION);
  CHECK(hello["protocol"] == kProtocolVersion);
  CHECK(hello["os"] == "macos");
  CHECK(hello["limits"]["max_reply_bytes"] == kMaxReplyBytes);
  CHECK(hello["capabilities"].size() == protocol_commands().size());
  for (const Command& c : protocol_commands())
    CHECK(std::find(hello["capabilities"].begin(), hello["capabilities"].end(), c.name) != hello["capabilities"].end());
  // What the extension's options page looks for before offering to sweep the other browsers.
  CHECK(std::find(hello["capabilities"].begin(), hello["capabilities"].end(), "sweep") != hello["capabilities"].end());
}
