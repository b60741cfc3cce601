// The guard's rules for browser extensions: pairing without a token from an extension's Origin
// only, then /api and /ws with the token of an install paired from that very origin.
#include <doctest/doctest.h>

#include "../support/store_fixtures.h"
#include "serve/request_guard.h"

using namespace cookiewarden::serve;
using namespace cookiewarden::test;

namespace {

const std::string kServeToken(64, 'a');
const std::string kChrome = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";
const std::string kOtherExtension = "chrome-extension://ponmlkjihgfedcbaponmlkjihgfedcba";

struct Paired {
  TempDir dir;
  PairedInstalls installs = PairedInstalls::load(dir / "paired-extensions.json").value();
  std::string token = installs.pair(kChrome, 1).value().token.text();
  RequestGuard guard{AccessToken::from_text(kServeToken), 8123, installs};

  unsigned status(const std::string& method, const std::string& target, std::optional<std::string> origin,
                  std::optional<std::string> authorization) const {
    RequestHead head;
    head.method = method;
    head.target = target;
    head.host = "127.0.0.1:8123";
    if (origin) head.origin = *origin;
    if (authorization) head.authorization = *authorization;
    auto decision = guard.admit(head);
    if (auto* refusal = std::get_if<Refusal>(&decision)) return refusal->status;
    return 200;
  }
  unsigned websocket(const std::string& origin, const std::string& protocols) const {
    RequestHead head;
    head.method = "GET";
    head.target = "/ws";
    head.host = "127.0.0.1:8123";
    head.origin = origin;
    head.websocket_protocols = protocols;
    head.websocket_upgrade = true;
    auto decision = guard.admit(head);
    if (auto* refusal = std::get_if<Refusal>(&decision)) return refusal->status;
    return 200;
  }
};

}  // namespace

TEST_CASE("extension guard: the three extension schemes are extensions, web pages and bare schemes are not") {
  for (const char* origin : {"chrome-extension://abc", "moz-extension://0b7c7e3c-2a8e", "safari-web-extension://ABC-123",
                             "Chrome-Extension://abc"})
    CHECK_MESSAGE(RequestGuard::is_extension_origin(origin), origin);
  for (const char* origin : {"chrome-extension://", "https://chrome-extension.evil.example", "http://127.0.0.1:8123",
                             "null", "", "chrome-extensions://abc", "file://"})
    CHECK_MESSAGE(!RequestGuard::is_extension_origin(origin), origin);
}

TEST_CASE("extension guard: /api and /ws from a paired extension need that install's own token") {
  Paired p;
  CHECK(p.status("POST", "/api", kChrome, "Bearer " + p.token) == 200);
  CHECK(p.websocket(kChrome, "cookiewarden, cookiewarden.token." + p.token) == 200);
  CHECK(p.status("POST", "/api", kChrome, std::nullopt) == 401);
  CHECK(p.status("POST", "/api", kChrome, "Bearer " + std::string(64, 'b')) == 401);
  CHECK(p.websocket(kChrome, "cookiewarden") == 401);
  // serve's own token is the dashboard's, not an extension's; an install's token is its origin's only.
  CHECK(p.status("POST", "/api", kChrome, "Bearer " + kServeToken) == 401);
  CHECK(p.status("POST", "/api", kOtherExtension, "Bearer " + p.token) == 401);
  CHECK(p.status("POST", "/api", std::nullopt, "Bearer " + p.token) == 401);
  CHECK(p.status("POST", "/api", "http://127.0.0.1:8123", "Bearer " + p.token) == 401);
}

TEST_CASE("extension guard: a web page's Origin is refused with any token") {
  Paired p;
  for (const std::string& token : {p.token, kServeToken})
    for (const char* target : {"/api", "/pair", "/installs", "/token"})
      CHECK_MESSAGE(p.status("POST", target, "https://evil.example", "Bearer " + token) == 403, target);
}

TEST_CASE("extension guard: /pair is for extensions only and needs no token, /installs is the dashboard's") {
  Paired p;
  CHECK(p.status("POST", "/pair", kChrome, std::nullopt) == 200);
  CHECK(p.status("POST", "/pair", kOtherExtension, std::nullopt) == 200);
  CHECK(p.status("GET", "/pair", kChrome, std::nullopt) == 405);
  CHECK(p.status("POST", "/pair", std::nullopt, std::nullopt) == 403);
  CHECK(p.status("POST", "/pair", "http://127.0.0.1:8123", "Bearer " + kServeToken) == 403);

  CHECK(p.status("POST", "/installs", "http://127.0.0.1:8123", "Bearer " + kServeToken) == 200);
  CHECK(p.status("POST", "/installs", std::nullopt, "Bearer " + kServeToken) == 200);
  CHECK(p.status("POST", "/installs", "http://127.0.0.1:8123", std::nullopt) == 401);
  CHECK(p.status("POST", "/installs", kChrome, "Bearer " + p.token) == 403);
  CHECK(p.status("POST", "/token", kChrome, std::nullopt) == 403);
  CHECK(p.status("GET", "/", kChrome, std::nullopt) == 403);
}

TEST_CASE("extension guard: a revoked install is refused at once") {
  Paired p;
  REQUIRE(p.status("POST", "/api", kChrome, "Bearer " + p.token) == 200);
  REQUIRE(p.installs.revoke(p.installs.installs().front().id).value());
  CHECK(p.status("POST", "/api", kChrome, "Bearer " + p.token) == 401);
}
