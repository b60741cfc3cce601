#include "protocol/session.h"

#include <istream>
#include <optional>
#include <ostream>

#include "protocol/framing.h"
#include "protocol/port_hangup.h"
#include "protocol/reply_paging.h"
#include "platform/stop_request.h"

namespace cookiewarden::protocol {
namespace {

using nlohmann::json;

bool send(std::ostream& out, const json& message) { return write_frame(out, serialize(message)); }

// An error reply is one message, so it must fit the browser's limit: a handler's message that
// is too long is cut (on a code-point boundary) rather than the reply being dropped by the browser.
bool send_error(std::ostream& out, const json& id, Error error, std::size_t max_reply_bytes) {
  std::string text = serialize(error_reply(id, error));
  if (text.size() > max_reply_bytes) {
    std::size_t excess = text.size() - max_reply_bytes + 3;  // room for "..."
    std::size_t keep = error.message.size() > excess ? error.message.size() - excess : 0;
    while (keep > 0 && (static_cast<unsigned char>(error.message[keep]) & 0xC0) == 0x80) --keep;
    error.message = error.message.substr(0, keep) + "...";
    text = serialize(error_reply(id, error));
  }
  return write_frame(out, text);
}

// Progress is advisory: one that would not fit a message is dropped rather than cut. A write that
// fails means the port closed: the deletion stops after the store in hand.
void send_progress(std::ostream& out, const json& id, const json& report, std::size_t max_reply_bytes) {
  std::string text = serialize(progress_message(id, report));
  if (text.size() <= max_reply_bytes && !write_frame(out, text)) request_stop();
}

bool answer(const std::string& body, std::istream& in, int port_fd, std::ostream& out, CommandContext& ctx,
            std::span<const Command> commands, const SessionLimits& limits) {
  ParsedRequest parsed = parse_request(body);
  if (auto* failure = std::get_if<ParseFailure>(&parsed))
    return send_error(out, failure->id, failure->error, limits.max_reply_bytes);
  const Request& request = std::get<Request>(parsed);
  // Progress, when asked for, goes out as it happens (write_frame flushes), ahead of the reply. A
  // failed write asks the command to stop after the store in hand (platform/stop_request.h); the
  // reply's own write then reports it.
  CommandContext request_ctx = ctx;
  if (request.progress)
    request_ctx.progress = [&](const json& report) { send_progress(out, request.id, report, limits.max_reply_bytes); };
  // A request already read into `in` but not yet answered means the browser still wants replies.
  bool buffered = in.rdbuf()->in_avail() > 0;
  std::optional<StopProbe> probe;
  if (port_fd >= 0) probe.emplace([port_fd, buffered] { return port_hung_up(port_fd, buffered); });
  CommandResult result = dispatch(request, request_ctx, commands);
  probe.reset();
  if (!result.ok()) return send_error(out, request.id, result.error(), limits.max_reply_bytes);
  for (const std::string& message : result_reply_messages(request.id, result.result(), limits.max_reply_bytes))
    if (!write_frame(out, message)) return false;
  return true;
}

std::string length_message(const FrameRead& frame, std::size_t cap) {
  return "a message of " + std::to_string(frame.length) + " bytes exceeds the " + std::to_string(cap) +
         "-byte request limit";
}

}  // namespace

int run_session(std::istream& in, std::ostream& out, CommandContext& ctx, std::span<const Command> commands,
                SessionLimits limits, int port_fd) {
  FrameReader reader(in, limits.max_request_bytes);
  for (;;) {
    FrameRead frame = reader.next();
    bool written = true;
    switch (frame.status) {
      case FrameStatus::frame: written = answer(frame.body, in, port_fd, out, ctx, commands, limits); break;
      case FrameStatus::end_of_stream: return 0;
      case FrameStatus::truncated: return 1;
      case FrameStatus::empty:
        written = send(out, error_reply(nullptr, {ErrorCode::bad_frame, "a message of length 0"}));
        break;
      case FrameStatus::oversized:
        written = send(out, error_reply(nullptr, {ErrorCode::too_large, length_message(frame, limits.max_request_bytes)}));
        break;
      case FrameStatus::oversized_fatal:
        send(out, error_reply(nullptr, {ErrorCode::too_large, length_message(frame, limits.max_request_bytes)}));
        return 1;
    }
    if (!written) return 1;
    if (stop_requested()) return 0;  // the command in hand was finished and answered; take no other
  }
}

int refuse_session(std::istream& in, std::ostream& out, const Error& error) {
  FrameReader reader(in);
  FrameRead frame = reader.next();
  json id = nullptr;
  if (frame.status == FrameStatus::frame) {
    ParsedRequest parsed = parse_request(frame.body);
    id = std::visit([](auto& r) { return std::move(r.id); }, parsed);
  }
  send_error(out, id, error, kMaxReplyBytes);
  return 1;
}

}  // namespace cookiewarden::protocol
