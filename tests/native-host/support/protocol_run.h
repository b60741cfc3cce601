// Test support: one protocol command run the way the host's dispatch runs it, against a fake home
// seen as a Linux machine, with the built-in public suffix list.
#pragma once

#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "fake_profiles.h"
#include "protocol/command.h"

namespace cookiewarden::test {

inline protocol::CommandResult run_command(const FakeHome& home, std::string_view cmd, nlohmann::json args,
                                           protocol::ProgressSink progress = {}) {
  Environment env{Os::linux_, home.home(), {}};
  protocol::CommandContext ctx{env, warden::PublicSuffixList::builtin(), std::move(progress)};
  return protocol::dispatch({1, std::string(cmd), std::move(args)}, ctx, protocol::protocol_commands());
}

}  // namespace cookiewarden::test
