// One native messaging connection: frames in, requests dispatched, replies (paged when large)
// out, until the browser closes the port. Transport only; the commands do the work.
#pragma once

#include <iosfwd>
#include <span>

#include "protocol/command.h"

namespace cookiewarden::protocol {

struct SessionLimits {
  std::size_t max_request_bytes = kMaxRequestBytes;
  std::size_t max_reply_bytes = kMaxReplyBytes;
};

// Serves requests from `in` (binary) to `out` (binary). Returns 0 after a clean end of stream,
// 1 when the stream became unusable (truncated frame, impossible length, write failure).
// `port_fd`, when given, is the descriptor under `in`: while a command runs, a hang-up there
// (protocol/port_hangup.h) stops it between stores, as a stop signal would.
int run_session(std::istream& in, std::ostream& out, CommandContext& ctx, std::span<const Command> commands,
                SessionLimits limits = {}, int port_fd = -1);

// For a caller that may not use the host: answers its first request (with that request's id
// when readable) with `error`, then ends. Returns 1.
int refuse_session(std::istream& in, std::ostream& out, const Error& error);

}  // namespace cookiewarden::protocol
