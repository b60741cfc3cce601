#include "protocol/command.h"

namespace cookiewarden::protocol {
namespace {

CommandResult run_hello(const nlohmann::json&, CommandContext& ctx) {
  nlohmann::json capabilities = nlohmann::json::array();
  for (const Command& command : protocol_commands()) capabilities.push_back(command.name);
  return CommandResult::success({
      {"name", "cookiewarden"},
      {"version", COOKIEWARDEN_VERSION},
      {"protocol", kProtocolVersion},
      {"os", os_name(ctx.env.os)},
      {"capabilities", std::move(capabilities)},
      {"limits", {{"max_request_bytes", kMaxRequestBytes}, {"max_reply_bytes", kMaxReplyBytes}}},
      {"paging", "result_part"},
  });
}

}  // namespace

extern const Command kHelloCommand{"hello", run_hello};

}  // namespace cookiewarden::protocol
