// `cookiewarden install --safari` through the CLI on this machine (not macOS): refused as a usage
// error before anything is written. Its macOS behaviour is tested on a macOS layout in
// tests/native-host/install/launch_agent_test.cpp.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "cli/cli_command.h"

#if !defined(__APPLE__)
TEST_CASE("cli install --safari: refused outside macOS, with where it works and what to do instead") {
  std::vector<std::string_view> args{"install", "--safari", "--dry-run"};
  std::istringstream in;
  std::ostringstream out, err;
  int code = cookiewarden::cli::run_cli(args, {in, out, err});
  CHECK(code == cookiewarden::cli::kExitUsage);
  CHECK(err.str().find("--safari sets up a launchd agent, which only macOS has") != std::string::npos);
  CHECK(err.str().find("cookiewarden serve") != std::string::npos);
  CHECK(out.str().empty());
}
#endif

TEST_CASE("cli install --help: names --safari and the agent it writes") {
  std::vector<std::string_view> args{"install", "--help"};
  std::istringstream in;
  std::ostringstream out, err;
  CHECK(cookiewarden::cli::run_cli(args, {in, out, err}) == cookiewarden::cli::kExitOk);
  CHECK(out.str().find("--safari") != std::string::npos);
  CHECK(out.str().find("org.cookiewarden.serve.plist") != std::string::npos);
}
