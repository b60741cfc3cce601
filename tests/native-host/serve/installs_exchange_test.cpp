#include "serve/installs_exchange.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../support/store_fixtures.h"

using namespace cookiewarden::serve;
using namespace cookiewarden::test;
using nlohmann::json;

namespace {

const std::string kChrome = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";
const PairingClock kNow{PairingCodes::Clock::time_point{}, 1'800'000'000};

struct Exchange {
  TempDir dir;
  PairedInstalls installs = PairedInstalls::load(dir / "paired-extensions.json").value();
  PairingCodes codes;

  ApiReply dashboard(const json& body) { return answer_installs(body.dump(), installs, codes, kNow); }
  ApiReply extension(const std::string& code) { return answer_pairing(json{{"code", code}}.dump(), kChrome, installs, codes, kNow); }
};

}  // namespace

TEST_CASE("installs exchange: the dashboard's code pairs an extension once, which is listed without its token and revoked") {
  Exchange x;
  ApiReply issued = x.dashboard({{"action", "code"}});
  REQUIRE(issued.status == 200);
  json code = json::parse(issued.text);
  CHECK(code["expires_in"] == 300);

  ApiReply paired = x.extension(code["code"]);
  REQUIRE(paired.status == 200);
  json pairing = json::parse(paired.text);
  CHECK(x.installs.admits(kChrome, pairing["token"].get<std::string>()));
  CHECK(x.extension(code["code"]).status == 401);  // the code is used up

  json listed = json::parse(x.dashboard({{"action", "list"}}).text);
  REQUIRE(listed["installs"].size() == 1);
  CHECK(listed["installs"][0] == json{{"id", pairing["install"]}, {"origin", kChrome}, {"paired_at", 1'800'000'000}});
  CHECK(listed.dump().find(pairing["token"].get<std::string>()) == std::string::npos);

  CHECK(json::parse(x.dashboard({{"action", "revoke"}, {"id", pairing["install"]}}).text)["revoked"] == true);
  CHECK_FALSE(x.installs.admits(kChrome, pairing["token"].get<std::string>()));
  CHECK(json::parse(x.dashboard({{"action", "list"}}).text)["installs"].empty());
}

TEST_CASE("installs exchange: a wrong code pairs nothing, bad bodies are 400") {
  Exchange x;
  (void)x.dashboard({{"action", "code"}});
  ApiReply wrong = x.extension("2222-2222");
  CHECK(wrong.status == 401);
  CHECK(json::parse(wrong.text)["error"]["code"] == "not_allowed");
  CHECK(x.installs.installs().empty());
  CHECK(answer_pairing("{}", kChrome, x.installs, x.codes, kNow).status == 400);
  CHECK(answer_pairing("not json", kChrome, x.installs, x.codes, kNow).status == 400);
  CHECK(x.dashboard({{"action", "steal"}}).status == 400);
  CHECK(x.dashboard({{"action", "revoke"}}).status == 400);
}
