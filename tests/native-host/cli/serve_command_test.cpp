// `cookiewarden serve`'s arguments and start-up failures, in-process. The server itself is tested
// through sockets in tests/native-host/serve/ and end to end in tests/e2e/serve/.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "../support/taken_port.h"
#include "cli/cli_command.h"

using cookiewarden::test::TakenPort;

namespace {

struct Run {
  int code;
  std::string out, err;
};

Run serve(std::vector<std::string_view> args) {
  args.insert(args.begin(), "serve");
  std::istringstream in;
  std::ostringstream out, err;
  int code = cookiewarden::cli::run_cli(args, {in, out, err});
  return {code, out.str(), err.str()};
}

// serve --port on a port another program holds: a failure naming the address, and no link printed.
void check_refused(const TakenPort& taken, const std::string& address) {
  std::string port = std::to_string(taken.port());
  Run run = serve({"--port", port, "--no-open"});
  CHECK(run.code == cookiewarden::cli::kExitFailure);
  CHECK(run.err.find("cannot listen on " + address + ":" + port) != std::string::npos);
  CHECK(run.out.find("#code=") == std::string::npos);
}

}  // namespace

TEST_CASE("cli serve: --port takes 0..65535 and anything else is a usage error where nothing listens") {
  for (std::string_view bad : {"abc", "65536", "-1", "80x", ""}) {
    Run run = serve({"--port", bad, "--no-open"});
    CHECK_MESSAGE(run.code == cookiewarden::cli::kExitUsage, bad);
    CHECK(run.err.find("--port") != std::string::npos);
    CHECK(run.out.empty());
  }
  Run unknown = serve({"--open-everything"});
  CHECK(unknown.code == cookiewarden::cli::kExitUsage);
  CHECK(unknown.err.find("--open-everything") != std::string::npos);
}

TEST_CASE("cli serve: a port already taken on 127.0.0.1 is a clear failure, not a hang") {
  TakenPort taken(TakenPort::ipv4);
  REQUIRE(taken.held());
  check_refused(taken, "127.0.0.1");
}

TEST_CASE("cli serve: a fixed port taken on [::1] by another program fails too (no half server)") {
  TakenPort taken(TakenPort::ipv6);
  if (!taken.held()) {
    MESSAGE("no ::1 on this machine");
    return;
  }
  check_refused(taken, "[::1]");
}

TEST_CASE("cli serve: --help says how the server is protected") {
  Run run = serve({"--help"});
  CHECK(run.code == cookiewarden::cli::kExitOk);
  for (const char* phrase : {"127.0.0.1", "Authorization: Bearer", "cookiewarden.token.", "421", "403", "413", "--no-open",
                             "POST /token", "one-time code", "never printed or passed on a command line"})
    CHECK_MESSAGE(run.out.find(phrase) != std::string::npos, phrase);
}
