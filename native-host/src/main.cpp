// cookiewarden: one binary, three faces. A browser launches it as a native messaging host (its
// first argument is the calling extension's origin or a manifest path); a person runs it as a CLI.
#include <iostream>
#include <string_view>
#include <vector>

#include "cli/cli_command.h"
#include "protocol/native_host.h"

int main(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  if (auto caller = cookiewarden::protocol::native_messaging_caller(args))
    return cookiewarden::protocol::run_native_host(*caller);
  return cookiewarden::cli::run_cli(args, {std::cin, std::cout, std::cerr});
}
