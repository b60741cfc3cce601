// Test support: runs a CLI command in-process with HOME pointing at a fake home.
#pragma once

#include <stdlib.h>

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cli/cli_command.h"
#include "fake_profiles.h"

namespace cookiewarden::test {

struct CliRun {
  int code;
  std::string out, err;
};

// Only HOME moves browser folders (and the undo journal) on Linux here; XDG_CONFIG_HOME and
// XDG_STATE_HOME are cleared so ~/.config and ~/.local/state are used.
inline CliRun run_cli_in(const FakeHome& home, std::vector<std::string_view> args) {
  std::string old_home = ::getenv("HOME") ? ::getenv("HOME") : "";
  ::setenv("HOME", home.home().c_str(), 1);
  ::unsetenv("XDG_CONFIG_HOME");
  ::unsetenv("XDG_STATE_HOME");
  std::istringstream in;
  std::ostringstream out, err;
  int code = cookiewarden::cli::run_cli(args, {in, out, err});
  ::setenv("HOME", old_home.c_str(), 1);
  return {code, out.str(), err.str()};
}

}  // namespace cookiewarden::test
