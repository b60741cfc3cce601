#include "serve/installs_exchange.h"

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

namespace cookiewarden::serve {
namespace {

using nlohmann::json;
using protocol::ErrorCode;

ApiReply error(unsigned status, ErrorCode code, std::string message) {
  return {status, refusal_reply({code, std::move(message)})};
}

ApiReply reply(const json& body) { return {200, body.dump()}; }

// The body as a JSON object whose `key` is a string, or nullopt.
std::optional<std::string> string_field(const json& body, const char* key) {
  if (!body.is_object() || !body.contains(key) || !body[key].is_string()) return std::nullopt;
  return body[key].get<std::string>();
}

json listing(const PairedInstalls& installs) {
  json list = json::array();
  for (const PairedInstall& install : installs.installs())
    list.push_back({{"id", install.id}, {"origin", install.origin}, {"paired_at", install.paired_at}});
  return {{"installs", std::move(list)}};
}

}  // namespace

ApiReply answer_installs(std::string_view text, PairedInstalls& installs, PairingCodes& codes, PairingClock clock) {
  json body = json::parse(text, nullptr, /*allow_exceptions=*/false);
  auto action = string_field(body, "action");
  if (action == "code") {
    auto code = codes.issue(clock.now);
    if (!code.ok()) return error(500, ErrorCode::internal, code.detail());
    return reply({{"code", *code}, {"expires_in", std::chrono::seconds(kPairingCodeLifetime).count()}});
  }
  if (action == "list") return reply(listing(installs));
  if (action == "revoke") {
    auto id = string_field(body, "id");
    if (!id) return error(400, ErrorCode::invalid_argument, "expected {\"action\": \"revoke\", \"id\": \"...\"}");
    auto revoked = installs.revoke(*id);
    if (!revoked.ok()) return error(500, ErrorCode::io_error, revoked.detail());
    return reply({{"revoked", *revoked}});
  }
  return error(400, ErrorCode::invalid_argument, "expected {\"action\": \"code\" | \"list\" | \"revoke\"}");
}

ApiReply answer_pairing(std::string_view text, std::string_view origin, PairedInstalls& installs, PairingCodes& codes,
                        PairingClock clock) {
  auto code = string_field(json::parse(text, nullptr, /*allow_exceptions=*/false), "code");
  if (!code) return error(400, ErrorCode::invalid_argument, "expected {\"code\": \"...\"}");
  if (!codes.redeem(*code, clock.now))
    return error(401, ErrorCode::not_allowed,
                 "wrong, used or expired pairing code: show a new one on the cookiewarden dashboard");
  auto pairing = installs.pair(std::string(origin), clock.unix_seconds);
  if (!pairing.ok()) return error(500, ErrorCode::io_error, pairing.detail());
  return reply({{"install", pairing->install.id}, {"token", pairing->token.text()}});
}

}  // namespace cookiewarden::serve
