#include "protocol/command.h"

namespace cookiewarden::protocol {

// Defined in the <name>_command.cpp files.
extern const Command kHelloCommand;
extern const Command kBrowsersCommand;
extern const Command kSiteDataCommand;
extern const Command kDeleteSiteCommand;
extern const Command kSweepCommand;
extern const Command kUndoCommand;
extern const Command kUndoListCommand;

std::span<const Command> protocol_commands() {
  static const Command commands[]{
      kHelloCommand,
      kBrowsersCommand,
      kSiteDataCommand,
      kDeleteSiteCommand,
      kSweepCommand,
      kUndoCommand,
      kUndoListCommand,
  };
  return commands;
}

}  // namespace cookiewarden::protocol
