#include <ostream>

#include "cli/cli_command.h"

namespace cookiewarden::cli {
namespace {

int run_version(std::span<const std::string_view> args, Io io) {
  if (!args.empty()) {
    io.err << "cookiewarden version: takes no arguments\n";
    return kExitUsage;
  }
  io.out << "cookiewarden " << COOKIEWARDEN_VERSION << "\n";
  return kExitOk;
}

}  // namespace

extern const CliCommand kVersionCommand{
    "version", "print the version", "Usage: cookiewarden version\n\nPrints the version and exits.\n", run_version};

}  // namespace cookiewarden::cli
