#include "protocol/reply_paging.h"

#include <doctest/doctest.h>

#include <string>

using namespace cookiewarden::protocol;
using nlohmann::json;

namespace {

// Reassembles a paged reply the way the extension does, checking every envelope on the way.
json reassemble(const std::vector<std::string>& messages, const json& id, std::size_t max_bytes) {
  std::string text;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    CHECK(messages[i].size() <= max_bytes);
    json m = json::parse(messages[i]);
    CHECK(m["id"] == id);
    CHECK(m["ok"] == true);
    CHECK(m["page"]["index"] == i);
    CHECK(m["page"]["count"] == messages.size());
    CHECK_FALSE(m.contains("result"));
    text += m["result_part"].get<std::string>();
  }
  return json::parse(text);
}

// Strings that make escaping expensive (quotes, backslashes, controls) and multi-byte code points
// that must not be split.
json awkward_result(std::size_t entries) {
  json sites = json::array();
  for (std::size_t i = 0; i < entries; ++i)
    sites.push_back({{"site", "s" + std::to_string(i) + ".b\xC3\xBC" "cher.example"},
                     {"note", "quote\" back\\slash \x01 tab\t \xF0\x9F\x8D\xAA \xE2\x9C\x93"},
                     {"n", i}});
  return {{"sites", sites}};
}

}  // namespace

TEST_CASE("paging: a result that fits is one plain reply") {
  auto messages = result_reply_messages(5, json{{"a", 1}});
  REQUIRE(messages.size() == 1);
  CHECK(json::parse(messages[0]) == json{{"id", 5}, {"ok", true}, {"result", {{"a", 1}}}});
}

TEST_CASE("paging: a result over 1 MiB is paged within the browser's limit and reassembles exactly") {
  json result = awkward_result(20000);
  REQUIRE(serialize(result).size() > (std::size_t{3} << 20) / 2);
  auto messages = result_reply_messages("big", result);
  CHECK(messages.size() >= 2);
  CHECK(reassemble(messages, "big", kMaxReplyBytes) == result);
}

TEST_CASE("paging: the boundary is exact: at the limit one message, one byte over two") {
  // {"id":1,"ok":true,"result":"xxx…"} — size the string so the reply is exactly the limit.
  std::size_t envelope = std::string(R"({"id":1,"ok":true,"result":""})").size();
  json at_limit = std::string(kMaxReplyBytes - envelope, 'x');
  auto one = result_reply_messages(1, at_limit);
  REQUIRE(one.size() == 1);
  CHECK(one[0].size() == kMaxReplyBytes);
  json over = std::string(kMaxReplyBytes - envelope + 1, 'x');
  auto two = result_reply_messages(1, over);
  CHECK(two.size() == 2);
  CHECK(reassemble(two, 1, kMaxReplyBytes) == over);
}

TEST_CASE("paging: small pages never split a code point or an escape") {
  json result = awkward_result(40);
  for (std::size_t max : {220u, 257u, 333u, 1000u}) {
    auto messages = result_reply_messages("p", result, max);
    CHECK(messages.size() > 1);
    CHECK(reassemble(messages, "p", max) == result);
  }
}

TEST_CASE("paging: a page size too small to make progress is a too_large error, not a loop") {
  auto messages = result_reply_messages(1, awkward_result(3), 60);
  REQUIRE(messages.size() == 1);
  json reply = json::parse(messages[0]);
  CHECK(reply["ok"] == false);
  CHECK(reply["error"]["code"] == "too_large");
}
