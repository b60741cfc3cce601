#include "protocol/message.h"

#include <doctest/doctest.h>

#include <set>
#include <string>

using namespace cookiewarden::protocol;
using nlohmann::json;

namespace {

ParseFailure expect_failure(std::string_view frame, ErrorCode code) {
  ParsedRequest parsed = parse_request(frame);
  REQUIRE(std::holds_alternative<ParseFailure>(parsed));
  const auto& failure = std::get<ParseFailure>(parsed);
  CHECK(failure.error.code == code);
  return failure;
}

}  // namespace

TEST_CASE("message: a well-formed request parses, args defaulting to {}") {
  auto parsed = parse_request(R"({"id":7,"cmd":"hello","args":{"x":[1,2]}})");
  REQUIRE(std::holds_alternative<Request>(parsed));
  const Request& r = std::get<Request>(parsed);
  CHECK(r.id == 7);
  CHECK(r.cmd == "hello");
  CHECK(r.args == json{{"x", {1, 2}}});

  auto no_args = parse_request(R"({"id":"abc","cmd":"browsers"})");
  REQUIRE(std::holds_alternative<Request>(no_args));
  CHECK(std::get<Request>(no_args).id == "abc");
  CHECK(std::get<Request>(no_args).args == json::object());
  CHECK_FALSE(std::get<Request>(no_args).progress);

  auto with_progress = parse_request(R"({"id":1,"cmd":"delete_site","progress":true})");
  REQUIRE(std::holds_alternative<Request>(with_progress));
  CHECK(std::get<Request>(with_progress).progress);
}

TEST_CASE("message: malformed requests get the right code, with the id when it could be read") {
  CHECK(expect_failure("{\"id\":1,\"cmd\":\"h\xC0\xAF\"}", ErrorCode::invalid_utf8).id.is_null());
  CHECK(expect_failure("{\"id\":1,", ErrorCode::invalid_json).id.is_null());
  CHECK(expect_failure("", ErrorCode::invalid_json).id.is_null());
  CHECK(expect_failure("{\"id\":1} trailing", ErrorCode::invalid_json).id.is_null());
  CHECK(expect_failure("[1,2,3]", ErrorCode::bad_request).id.is_null());
  CHECK(expect_failure("\"just a string\"", ErrorCode::bad_request).id.is_null());
  CHECK(expect_failure(R"({"cmd":"hello"})", ErrorCode::bad_request).id.is_null());
  CHECK(expect_failure(R"({"id":1.5,"cmd":"hello"})", ErrorCode::bad_request).id.is_null());
  CHECK(expect_failure(R"({"id":[1],"cmd":"hello"})", ErrorCode::bad_request).id.is_null());
  CHECK(expect_failure(R"({"id":null,"cmd":"hello"})", ErrorCode::bad_request).id.is_null());
  CHECK(expect_failure(R"({"id":")" + std::string(257, 'x') + R"(","cmd":"hello"})", ErrorCode::bad_request)
            .id.is_null());
  CHECK(expect_failure(R"({"id":3})", ErrorCode::bad_request).id == 3);
  CHECK(expect_failure(R"({"id":3,"cmd":5})", ErrorCode::bad_request).id == 3);
  CHECK(expect_failure(R"({"id":3,"cmd":""})", ErrorCode::bad_request).id == 3);
  CHECK(expect_failure(R"({"id":"q","cmd":"hello","args":[]})", ErrorCode::bad_request).id == "q");
  CHECK(expect_failure(R"({"id":"q","cmd":"hello","args":"x"})", ErrorCode::bad_request).id == "q");
  CHECK(expect_failure(R"({"id":"q","cmd":"hello","progress":1})", ErrorCode::bad_request).id == "q");
}

TEST_CASE("message: a progress message is the id and the report, no ok, no page") {
  CHECK(progress_message("x", {{"done", 1}}) == json{{"id", "x"}, {"progress", {{"done", 1}}}});
}

TEST_CASE("message: nesting deeper than 64 levels is refused without recursion trouble") {
  std::string ok = R"({"id":1,"cmd":"x","args":{"a":)" + std::string(60, '[') + std::string(60, ']') + "}}";
  CHECK(std::holds_alternative<Request>(parse_request(ok)));
  std::string deep = R"({"id":1,"cmd":"x","args":{"a":)" + std::string(200000, '[') + std::string(200000, ']') + "}}";
  expect_failure(deep, ErrorCode::invalid_json);
}

TEST_CASE("message: error codes have stable numbers and distinct names and messages") {
  CHECK(static_cast<int>(ErrorCode::bad_frame) == 1);
  CHECK(static_cast<int>(ErrorCode::internal) == 9);
  CHECK(static_cast<int>(ErrorCode::io_error) == 12);
  std::set<std::string_view> names, messages;
  for (int c = 1; c <= 12; ++c) {
    auto code = static_cast<ErrorCode>(c);
    names.insert(error_code_name(code));
    messages.insert(error_code_message(code));
  }
  CHECK(names.size() == 12);
  CHECK(messages.size() == 12);
  CHECK(error_code_name(ErrorCode::not_allowed) == "not_allowed");
}

TEST_CASE("message: error replies carry id, code, number and a message") {
  json reply = error_reply("r1", {ErrorCode::unknown_command, ""});
  CHECK(reply["id"] == "r1");
  CHECK(reply["ok"] == false);
  CHECK(reply["error"]["code"] == "unknown_command");
  CHECK(reply["error"]["number"] == 5);
  CHECK(reply["error"]["message"] == std::string(error_code_message(ErrorCode::unknown_command)));
  CHECK(error_reply(nullptr, {ErrorCode::bad_frame, "why"})["error"]["message"] == "why");
}

TEST_CASE("message: serialize never throws on bytes that are not UTF-8 (paths on Linux can be anything)") {
  json reply{{"path", std::string("/home/u/caf\xE9")}};
  std::string text;
  CHECK_NOTHROW(text = serialize(reply));
  CHECK(text == "{\"path\":\"/home/u/caf\xEF\xBF\xBD\"}");
}
