#include <algorithm>
#include <ostream>

#include "cli/cli_command.h"

namespace cookiewarden::cli {

// Defined in the <name>_command.cpp files.
extern const CliCommand kVersionCommand;
extern const CliCommand kClassifyCommand;
extern const CliCommand kCompileCommand;
extern const CliCommand kBrowsersCommand;
extern const CliCommand kInstallCommand;
extern const CliCommand kUninstallCommand;
extern const CliCommand kSitesCommand;
extern const CliCommand kDeleteCommand;
extern const CliCommand kSweepCommand;
extern const CliCommand kUndoCommand;
extern const CliCommand kServeCommand;

const std::vector<CliCommand>& cli_commands() {
  static const std::vector<CliCommand> commands{
      kClassifyCommand,
      kCompileCommand,
      kVersionCommand,
      kBrowsersCommand,
      kInstallCommand,
      kUninstallCommand,
      kSitesCommand,
      kDeleteCommand,
      kSweepCommand,
      kUndoCommand,
      kServeCommand,
  };
  return commands;
}

namespace {

void print_overview(std::ostream& out) {
  out << "cookiewarden " << COOKIEWARDEN_VERSION
      << " - enforce cookie consent and delete a site's data in every browser\n\n"
         "Usage: cookiewarden COMMAND [OPTIONS]\n\nCommands:\n";
  std::size_t width = 0;
  for (const auto& c : cli_commands()) width = std::max(width, c.name.size());
  for (const auto& c : cli_commands())
    out << "  " << c.name << std::string(width + 2 - c.name.size(), ' ') << c.summary << "\n";
  out << "\nRun 'cookiewarden COMMAND --help' for a command's options.\n";
}

bool wants_help(std::string_view arg) { return arg == "--help" || arg == "-h" || arg == "help"; }

}  // namespace

int run_cli(std::span<const std::string_view> args, Io io) {
  if (args.empty() || wants_help(args[0])) {
    print_overview(io.out);
    return args.empty() ? kExitUsage : kExitOk;
  }
  const auto& commands = cli_commands();
  auto it = std::find_if(commands.begin(), commands.end(), [&](const CliCommand& c) { return c.name == args[0]; });
  if (it == commands.end()) {
    io.err << "cookiewarden: unknown command '" << args[0] << "'. Run 'cookiewarden --help' for the list.\n";
    return kExitUsage;
  }
  auto rest = args.subspan(1);
  if (std::any_of(rest.begin(), rest.end(), wants_help)) {
    io.out << it->usage;
    return kExitOk;
  }
  return it->run(rest, io);
}

}  // namespace cookiewarden::cli
