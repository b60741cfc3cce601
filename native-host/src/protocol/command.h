// A protocol command: what the extension (and `serve`) can ask the host to do.
//
// Adding a command:
//   1. Write native-host/src/protocol/<name>_command.cpp (e.g. protocol/site_data_command.cpp)
//      defining, in namespace cookiewarden::protocol,
//        extern const Command kSiteDataCommand{"site_data", run_site_data};
//      where run_site_data(const nlohmann::json& args, CommandContext& ctx) validates its own
//      args (an object, possibly empty) and returns CommandResult::success(json) or
//      CommandResult::failure(ErrorCode::invalid_argument, "why").
//   2. Declare and list it in native-host/src/protocol/command_table.cpp.
//   3. Do not worry about size: the reply writer pages results over 1 MiB (message.h).
//   4. A command that can take seconds (it walks every profile) reports each step through
//      ctx.progress when it is set (message.h, "Progress"); the final reply is unchanged.
//   Handlers must not throw; a stray exception is caught by the dispatcher and becomes an
//   `internal` error.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "platform/environment.h"
#include "protocol/message.h"
#include "warden/public_suffix.h"

namespace cookiewarden::protocol {

// Receives a command's progress reports (the "progress" object of message.h), on the command's
// thread, in order. The transport adds the request id and sends each one before the reply.
using ProgressSink = std::function<void(const nlohmann::json& report)>;

struct CommandContext {
  const Environment& env;               // where the browsers live
  const warden::PublicSuffixList& psl;  // what "site" means (warden::PublicSuffixList::builtin())
  ProgressSink progress = {};           // empty: nobody listens (the CLI, POST /api)
};

class CommandResult {
 public:
  static CommandResult success(nlohmann::json result) { return CommandResult(std::move(result)); }
  static CommandResult failure(ErrorCode code, std::string message) {
    return CommandResult(Error{code, std::move(message)});
  }

  bool ok() const { return !error_; }
  const nlohmann::json& result() const { return result_; }
  const Error& error() const { return *error_; }

 private:
  explicit CommandResult(nlohmann::json result) : result_(std::move(result)) {}
  explicit CommandResult(Error error) : error_(std::move(error)) {}
  nlohmann::json result_;
  std::optional<Error> error_;
};

struct Command {
  std::string_view name;
  CommandResult (*run)(const nlohmann::json& args, CommandContext& ctx);
};

// Every command, in command_table.cpp.
std::span<const Command> protocol_commands();

// Runs the named command from `commands`; unknown_command if absent; exceptions → internal.
CommandResult dispatch(const Request& request, CommandContext& ctx, std::span<const Command> commands);

}  // namespace cookiewarden::protocol
