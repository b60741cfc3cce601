#include "serve/api_exchange.h"

#include <doctest/doctest.h>

using namespace cookiewarden;
using namespace cookiewarden::serve;
using nlohmann::json;

namespace {

protocol::CommandResult run_echo(const json& args, protocol::CommandContext&) {
  return protocol::CommandResult::success(args);
}
protocol::CommandResult run_refuse(const json&, protocol::CommandContext&) {
  return protocol::CommandResult::failure(protocol::ErrorCode::invalid_argument, "site is missing");
}
protocol::CommandResult run_big(const json&, protocol::CommandContext&) {
  return protocol::CommandResult::success(std::string(3 << 20, 'x'));  // three native messaging pages
}
const protocol::Command kCommands[] = {{"echo", run_echo}, {"refuse", run_refuse}, {"big", run_big}};

ApiReply exchange(std::string_view body) {
  Environment env;
  env.home = "/nonexistent-home";
  protocol::CommandContext ctx{env, warden::PublicSuffixList::builtin()};
  return answer_request(body, ctx, kCommands);
}

}  // namespace

TEST_CASE("serve api: a request gets the protocol's reply, whole (no paging over HTTP)") {
  ApiReply reply = exchange(R"({"id":7,"cmd":"echo","args":{"text":")" + std::string(10, 'y') + R"("}})");
  CHECK(reply.status == 200);
  CHECK(json::parse(reply.text) == json{{"id", 7}, {"ok", true}, {"result", {{"text", "yyyyyyyyyy"}}}});

  ApiReply big = exchange(R"({"id":8,"cmd":"big"})");
  json body = json::parse(big.text);
  CHECK(body["result"] == std::string(3 << 20, 'x'));
  CHECK_FALSE(body.contains("page"));
}

TEST_CASE("serve api: a failing command is a 200 reply with ok false and a malformed request a 400 where nothing runs") {
  ApiReply refused = exchange(R"({"id":"a","cmd":"refuse"})");
  CHECK(refused.status == 200);
  json body = json::parse(refused.text);
  CHECK(body["id"] == "a");
  CHECK(body["ok"] == false);
  CHECK(body["error"]["code"] == "invalid_argument");
  CHECK(body["error"]["message"] == "site is missing");

  ApiReply unknown = exchange(R"({"id":1,"cmd":"nope"})");
  CHECK(unknown.status == 200);
  CHECK(json::parse(unknown.text)["error"]["code"] == "unknown_command");

  const std::pair<std::string_view, std::string_view> kMalformed[] = {
      {"{not json", "invalid_json"}, {"[1,2]", "bad_request"}, {"\xff\xfe", "invalid_utf8"}, {"", "invalid_json"}};
  for (const auto& malformed : kMalformed) {
    ApiReply reply = exchange(malformed.first);
    CHECK(reply.status == 400);
    json error = json::parse(reply.text);
    CHECK(error["ok"] == false);
    CHECK(error["id"].is_null());
    CHECK_MESSAGE(error["error"]["code"] == malformed.second, malformed.first);
  }
}

TEST_CASE("serve api: a refusal is the protocol's error shape with a null id") {
  json reply = json::parse(refusal_reply({protocol::ErrorCode::not_allowed, "wrong token"}));
  CHECK(reply["id"].is_null());
  CHECK(reply["ok"] == false);
  CHECK(reply["error"]["code"] == "not_allowed");
  CHECK(reply["error"]["message"] == "wrong token");
  CHECK(reply["error"]["number"] == static_cast<int>(protocol::ErrorCode::not_allowed));
}
