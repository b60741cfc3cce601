// A CLI subcommand: `cookiewarden NAME ARGS...`. Each command lives in its own
// <name>_command.cpp and registers itself in command_table.cpp.
#pragma once

#include <iosfwd>
#include <span>
#include <string_view>
#include <vector>

namespace cookiewarden::cli {

// Exit codes shared by every command.
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,   // the command ran and failed (something could not be done)
  kExitUsage = 2,     // wrong arguments
  kExitPartial = 3,   // some targets done, some skipped (e.g. a browser was running)
};

struct Io {
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

struct CliCommand {
  std::string_view name;
  std::string_view summary;  // one line for `cookiewarden --help`
  std::string_view usage;    // full text for `cookiewarden NAME --help`
  int (*run)(std::span<const std::string_view> args, Io io);
};

const std::vector<CliCommand>& cli_commands();

// Runs argv[1..] as a CLI command; prints help for --help, -h or no arguments.
int run_cli(std::span<const std::string_view> args, Io io);

}  // namespace cookiewarden::cli
