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
// Only the test build of a host from before `sweep` (tests/e2e/extension/suite.cmake) leaves it out.
#ifndef COOKIEWARDEN_WITHOUT_SWEEP
      kSweepCommand,
#endif
      kUndoCommand,
      kUndoListCommand,
  };
  return commands;
}

}  // namespace cookiewarden::protocol
