#include "serve/api_exchange.h"

#include <variant>

namespace cookiewarden::serve {

using protocol::ParseFailure;
using protocol::ParsedRequest;
using protocol::Request;

ApiReply answer_request(std::string_view body, protocol::CommandContext& ctx,
                        std::span<const protocol::Command> commands, const ProgressText& progress) {
  ParsedRequest parsed = protocol::parse_request(body);
  if (auto* failure = std::get_if<ParseFailure>(&parsed))
    return {400, protocol::serialize(protocol::error_reply(failure->id, failure->error))};
  const Request& request = std::get<Request>(parsed);
  protocol::CommandContext request_ctx = ctx;
  if (progress && request.progress)
    request_ctx.progress = [&](const nlohmann::json& report) {
      progress(protocol::serialize(protocol::progress_message(request.id, report)));
    };
  protocol::CommandResult result = protocol::dispatch(request, request_ctx, commands);
  if (!result.ok()) return {200, protocol::serialize(protocol::error_reply(request.id, result.error()))};
  return {200, protocol::serialize({{"id", request.id}, {"ok", true}, {"result", result.result()}})};
}

std::string refusal_reply(const protocol::Error& error) {
  return protocol::serialize(protocol::error_reply(nullptr, error));
}

}  // namespace cookiewarden::serve
