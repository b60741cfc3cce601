#include "protocol/command.h"

#include <algorithm>
#include <exception>

namespace cookiewarden::protocol {

CommandResult dispatch(const Request& request, CommandContext& ctx, std::span<const Command> commands) {
  auto it = std::find_if(commands.begin(), commands.end(), [&](const Command& c) { return c.name == request.cmd; });
  if (it == commands.end()) {
    // Echo a plausible name only: the request may carry a megabyte of "cmd".
    constexpr std::size_t kLongestEchoedName = 64;
    if (request.cmd.size() > kLongestEchoedName) return CommandResult::failure(ErrorCode::unknown_command, "");
    return CommandResult::failure(ErrorCode::unknown_command, "no command '" + request.cmd + "'");
  }
  // Handlers report failures as values; an exception here is a bug (or std::bad_alloc) and must
  // not take the host down mid-conversation.
  try {
    return it->run(request.args, ctx);
  } catch (const std::exception& e) {
    return CommandResult::failure(ErrorCode::internal, request.cmd + " failed: " + e.what());
  } catch (...) {
    return CommandResult::failure(ErrorCode::internal, request.cmd + " failed");
  }
}

}  // namespace cookiewarden::protocol
