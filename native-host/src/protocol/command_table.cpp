#include "protocol/command.h"

namespace cookiewarden::protocol {

// Defined in the <name>_command.cpp files.
extern const Command kHelloCommand;
extern const Command kBrowsersCommand;

std::span<const Command> protocol_commands() {
  static const Command commands[]{
      kHelloCommand,
      kBrowsersCommand,
  };
  return commands;
}

}  // namespace cookiewarden::protocol
