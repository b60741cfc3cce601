#include "protocol/message.h"

#include <utility>

#include "protocol/utf8.h"

namespace cookiewarden::protocol {
namespace {

using nlohmann::json;

// Ids are echoed in every reply, including every page of a paged one: keep them short.
constexpr std::size_t kMaxIdBytes = 256;
// Handlers read a few flat arguments; deeper nesting is only ever an attack on the recursion
// in copying and printing JSON.
constexpr int kMaxJsonDepth = 64;

ParseFailure failure(json id, ErrorCode code, std::string message) {
  return {std::move(id), Error{code, std::move(message)}};
}

bool is_valid_id(const json& id) {
  return id.is_number_integer() || (id.is_string() && id.get_ref<const std::string&>().size() <= kMaxIdBytes);
}

json parse_bounded(std::string_view frame, bool& too_deep) {
  json::parser_callback_t limit_depth = [&too_deep](int depth, json::parse_event_t, json&) {
    if (depth > kMaxJsonDepth) too_deep = true;
    return !too_deep;
  };
  return json::parse(frame, limit_depth, /*allow_exceptions=*/false);
}

}  // namespace

std::string_view error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::bad_frame: return "bad_frame";
    case ErrorCode::invalid_utf8: return "invalid_utf8";
    case ErrorCode::invalid_json: return "invalid_json";
    case ErrorCode::bad_request: return "bad_request";
    case ErrorCode::unknown_command: return "unknown_command";
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::not_allowed: return "not_allowed";
    case ErrorCode::too_large: return "too_large";
    case ErrorCode::internal: return "internal";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::busy: return "busy";
    case ErrorCode::io_error: return "io_error";
  }
  return "internal";
}

std::string_view error_code_message(ErrorCode code) {
  switch (code) {
    case ErrorCode::bad_frame: return "The message frame is malformed (empty or cut short).";
    case ErrorCode::invalid_utf8: return "The message is not valid UTF-8.";
    case ErrorCode::invalid_json: return "The message is not valid JSON.";
    case ErrorCode::bad_request: return "The message is not a request: expected {\"id\", \"cmd\", \"args\"}.";
    case ErrorCode::unknown_command: return "No such command.";
    case ErrorCode::invalid_argument: return "An argument is missing or invalid.";
    case ErrorCode::not_allowed: return "This extension is not allowed to use the Cookie Warden host.";
    case ErrorCode::too_large: return "The message or its result is too large.";
    case ErrorCode::internal: return "Internal error in the Cookie Warden host.";
    case ErrorCode::not_found: return "The browser, profile or site was not found.";
    case ErrorCode::busy: return "The browser is running; close it and try again.";
    case ErrorCode::io_error: return "A file could not be read or written.";
  }
  return "Internal error in the Cookie Warden host.";
}

ParsedRequest parse_request(std::string_view frame) {
  if (!is_valid_utf8(frame)) return failure(nullptr, ErrorCode::invalid_utf8, "");
  bool too_deep = false;
  json message = parse_bounded(frame, too_deep);
  if (too_deep) return failure(nullptr, ErrorCode::invalid_json, "JSON nested deeper than 64 levels");
  if (message.is_discarded()) return failure(nullptr, ErrorCode::invalid_json, "");
  if (!message.is_object()) return failure(nullptr, ErrorCode::bad_request, "the message is not a JSON object");

  auto id = message.find("id");
  if (id == message.end() || !is_valid_id(*id))
    return failure(nullptr, ErrorCode::bad_request, "\"id\" must be an integer or a string of at most 256 bytes");
  auto cmd = message.find("cmd");
  if (cmd == message.end() || !cmd->is_string() || cmd->get_ref<const std::string&>().empty())
    return failure(std::move(*id), ErrorCode::bad_request, "\"cmd\" must be a non-empty string");
  auto args = message.find("args");
  if (args != message.end() && !args->is_object())
    return failure(std::move(*id), ErrorCode::bad_request, "\"args\" must be an object");

  auto progress = message.find("progress");
  if (progress != message.end() && !progress->is_boolean())
    return failure(std::move(*id), ErrorCode::bad_request, "\"progress\" must be true or false");

  Request request{std::move(*id), std::move(cmd->get_ref<std::string&>()), json::object()};
  if (args != message.end()) request.args = std::move(*args);
  request.progress = progress != message.end() && progress->get<bool>();
  return request;
}

json error_reply(const json& id, const Error& error) {
  std::string message = error.message.empty() ? std::string(error_code_message(error.code)) : error.message;
  return json{{"id", id},
              {"ok", false},
              {"error",
               {{"code", error_code_name(error.code)}, {"number", static_cast<int>(error.code)}, {"message", message}}}};
}

json progress_message(const json& id, const json& report) { return json{{"id", id}, {"progress", report}}; }

std::string serialize(const json& message) {
  return message.dump(-1, ' ', /*ensure_ascii=*/false, json::error_handler_t::replace);
}

}  // namespace cookiewarden::protocol
