// `cookiewarden serve`'s arguments and start-up failures, in-process. The server itself is tested
// through sockets in tests/native-host/serve/ and end to end in tests/e2e/serve/.
#include <doctest/doctest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_command.h"

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
  int taken = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(taken, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(listen(taken, 1) == 0);
  socklen_t length = sizeof address;
  getsockname(taken, reinterpret_cast<sockaddr*>(&address), &length);
  std::string port = std::to_string(ntohs(address.sin_port));

  Run run = serve({"--port", port, "--no-open"});
  close(taken);
  CHECK(run.code == cookiewarden::cli::kExitFailure);
  CHECK(run.err.find("cannot listen on 127.0.0.1:" + port) != std::string::npos);
  CHECK(run.out.find("#code=") == std::string::npos);
}

TEST_CASE("cli serve: a fixed port taken on [::1] by another program fails too (no half server)") {
  int taken = socket(AF_INET6, SOCK_STREAM, 0);
  REQUIRE(taken >= 0);
  int one = 1;
  setsockopt(taken, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
  sockaddr_in6 address{};
  address.sin6_family = AF_INET6;
  address.sin6_addr = in6addr_loopback;
  if (bind(taken, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || listen(taken, 1) != 0) {
    close(taken);
    MESSAGE("no ::1 on this machine");
    return;
  }
  socklen_t length = sizeof address;
  getsockname(taken, reinterpret_cast<sockaddr*>(&address), &length);
  std::string port = std::to_string(ntohs(address.sin6_port));

  Run run = serve({"--port", port, "--no-open"});
  close(taken);
  CHECK(run.code == cookiewarden::cli::kExitFailure);
  CHECK(run.err.find("cannot listen on [::1]:" + port) != std::string::npos);
  CHECK(run.out.find("#code=") == std::string::npos);
}

TEST_CASE("cli serve: --help says how the server is protected") {
  Run run = serve({"--help"});
  CHECK(run.code == cookiewarden::cli::kExitOk);
  for (const char* phrase : {"127.0.0.1", "Authorization: Bearer", "cookiewarden.token.", "421", "403", "413", "--no-open",
                             "POST /token", "one-time code", "never printed or passed on a command line"})
    CHECK_MESSAGE(run.out.find(phrase) != std::string::npos, phrase);
}
