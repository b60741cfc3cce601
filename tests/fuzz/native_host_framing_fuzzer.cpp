// Bytes as the host's stdin: the frame reader, the request parser, dispatch of commands that are
// safe to run anywhere (hello, and an echo that makes the arguments the result), and the reply
// writer with tiny pages. Oracles: nothing crashes, every reply is one well-formed frame of JSON
// within the page limit, and paged replies reassemble to exactly the echoed arguments.
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "protocol/message.h"
#include "protocol/session.h"

using namespace cookiewarden;
using namespace cookiewarden::protocol;
using nlohmann::json;

namespace {

// Small pages, so inputs of a few KiB cross many page boundaries; large enough for the widest
// envelope (a 256-byte id of control characters escapes to 1536 bytes).
constexpr std::size_t kFuzzReplyBytes = 2048;

CommandResult run_echo(const json& args, CommandContext&) { return CommandResult::success(args); }

Command hello_command() {
  for (const Command& c : protocol_commands())
    if (c.name == "hello") return c;
  std::abort();
}

void check(bool ok) {
  if (!ok) std::abort();
}

std::uint32_t le32(const std::string& s, std::size_t at) {
  auto b = [&](std::size_t i) { return std::uint32_t{static_cast<unsigned char>(s[at + i])}; };
  return b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24;
}

// Splits the output into messages. Pages of a reply are contiguous, numbered 0..count-1, and
// reassemble into the echoed arguments: a JSON object.
void check_output(const std::string& out) {
  std::size_t at = 0, next_page = 0, page_count = 0;
  std::string text;
  while (at < out.size()) {
    check(out.size() - at >= 4);
    std::uint32_t n = le32(out, at);
    check(out.size() - at - 4 >= n && n <= kFuzzReplyBytes);
    json message = json::parse(out.substr(at + 4, n), nullptr, false);
    check(message.is_object() && message.contains("ok") && message.contains("id"));
    bool paged = message.contains("page");
    check(paged == (next_page > 0) || (paged && message["page"]["index"] == 0));
    if (paged) {
      std::size_t index = message["page"]["index"], count = message["page"]["count"];
      if (index == 0) text.clear(), page_count = count;
      check(index == next_page && count == page_count && count >= 2);
      text += message["result_part"].get<std::string>();
      next_page = index + 1 == count ? 0 : index + 1;
      if (next_page == 0) check(json::parse(text, nullptr, false).is_object());
    }
    at += 4 + n;
  }
  check(next_page == 0);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Command commands[] = {hello_command(), {"echo", run_echo}};
  static Environment env = [] {
    Environment e;
    e.home = "/nonexistent-fuzz-home";
    return e;
  }();
  CommandContext ctx{env, warden::PublicSuffixList::builtin()};
  std::string input(reinterpret_cast<const char*>(data), size);

  std::istringstream in(input, std::ios::binary);
  std::ostringstream out(std::ios::binary);
  run_session(in, out, ctx, commands, {kMaxRequestBytes, kFuzzReplyBytes});
  check_output(out.str());

  // The same bytes as one frame body, straight to the parser.
  ParsedRequest parsed = parse_request(input);
  if (auto* request = std::get_if<Request>(&parsed)) check(request->args.is_object());
  return 0;
}
