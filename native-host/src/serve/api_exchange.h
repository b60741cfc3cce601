// One request text in, one reply text out: what POST /api and each WebSocket message carry.
// The same parsing, commands and reply shapes as native messaging (protocol/), without paging:
// HTTP and WebSocket have no 1 MiB message limit, so a result is always one reply.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>

#include "protocol/command.h"

namespace cookiewarden::serve {

struct ApiReply {
  // 200 when a command ran (its reply may still be ok:false, e.g. invalid_argument); 400 when
  // the text was not a request (invalid_utf8, invalid_json, bad_request) and nothing ran.
  unsigned status;
  std::string text;  // the reply JSON
};

// A progress message's text ({"id", "progress"}, protocol/message.h), called on the command's thread.
using ProgressText = std::function<void(std::string)>;

// `progress`, when set and the request asks for progress, receives the command's progress
// messages before the reply is returned.
ApiReply answer_request(std::string_view body, protocol::CommandContext& ctx,
                        std::span<const protocol::Command> commands, const ProgressText& progress = {});

// The protocol's error reply (id null) for a request refused before it was read.
std::string refusal_reply(const protocol::Error& error);

}  // namespace cookiewarden::serve
