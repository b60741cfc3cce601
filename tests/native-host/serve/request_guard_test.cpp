#include "serve/request_guard.h"

#include <doctest/doctest.h>

using namespace cookiewarden::serve;
using cookiewarden::protocol::ErrorCode;

namespace {

const std::string kToken(64, 'a');
const std::string kBearer = "Bearer " + kToken;
const std::string kProtocols = "cookiewarden, cookiewarden.token." + kToken;

const PairedInstalls& no_installs() {
  static const PairedInstalls none = PairedInstalls::load("/nonexistent-home/paired-extensions.json").value();
  return none;
}

RequestGuard guard() { return RequestGuard(AccessToken::from_text(kToken), 8123, no_installs()); }

RequestHead api_head() {
  RequestHead head;
  head.method = "POST";
  head.target = "/api";
  head.host = "127.0.0.1:8123";
  head.authorization = kBearer;
  return head;
}

RequestHead ws_head() {
  RequestHead head;
  head.method = "GET";
  head.target = "/ws";
  head.host = "127.0.0.1:8123";
  head.origin = "http://127.0.0.1:8123";
  head.websocket_protocols = kProtocols;
  head.websocket_upgrade = true;
  return head;
}

unsigned status_of(const RequestHead& head) {
  auto decision = guard().admit(head);
  if (auto* refusal = std::get_if<Refusal>(&decision)) return refusal->status;
  return 200;
}

}  // namespace

TEST_CASE("serve guard: the three loopback spellings with our port are the only Hosts") {
  RequestHead head = api_head();
  for (const char* host : {"127.0.0.1:8123", "localhost:8123", "LOCALHOST:8123", "[::1]:8123", " localhost:8123 "}) {
    head.host = host;
    CHECK_MESSAGE(status_of(head) == 200, host);
  }
  for (const char* host : {"evil.example:8123", "127.0.0.1", "127.0.0.1:8124", "127.0.0.1:81230", "localhost.evil.example:8123",
                           "127.0.0.1:8123.evil", "[::1]", "0.0.0.0:8123", "127.0.0.2:8123", "", "localhost:"}) {
    head.host = host;
    CHECK_MESSAGE(status_of(head) == 421, host);
  }
  head.host.reset();
  CHECK(status_of(head) == 421);
}

TEST_CASE("serve guard: a Host refusal says not_allowed and names what is accepted") {
  RequestHead head = api_head();
  head.host = "rebound.example:8123";
  auto refusal = std::get<Refusal>(guard().admit(head));
  CHECK(refusal.code == ErrorCode::not_allowed);
  CHECK(refusal.message.find("127.0.0.1:8123") != std::string::npos);
}

TEST_CASE("serve guard: an Origin other than the dashboard's is refused before the token is looked at") {
  RequestHead head = api_head();
  for (const char* origin : {"http://127.0.0.1:8123", "http://localhost:8123", "http://[::1]:8123"}) {
    head.origin = origin;
    CHECK_MESSAGE(status_of(head) == 200, origin);
  }
  for (const char* origin : {"https://evil.example", "null", "", "http://127.0.0.1:9999", "https://127.0.0.1:8123",
                             "http://127.0.0.1:8123.evil.example"}) {
    head.origin = origin;
    CHECK_MESSAGE(status_of(head) == 403, origin);
    head.authorization.reset();
    CHECK_MESSAGE(status_of(head) == 403, origin);
    head.authorization = kBearer;
  }
}

TEST_CASE("serve guard: /api needs the bearer token, compared whole") {
  RequestHead head = api_head();
  CHECK(status_of(head) == 200);
  std::string lower = "bearer " + kToken;
  head.authorization = lower;
  CHECK(status_of(head) == 200);
  std::string wrong = "Bearer " + std::string(63, 'a') + "b";
  for (const std::string& value : {wrong, std::string("Bearer "), kToken, "Basic " + kToken, "Bearer " + kToken + "a",
                                   std::string("")}) {
    head.authorization = value;
    CHECK_MESSAGE(status_of(head) == 401, value);
  }
  head.authorization.reset();
  auto refusal = std::get<Refusal>(guard().admit(head));
  CHECK(refusal.status == 401);
  CHECK(refusal.code == ErrorCode::not_allowed);
}

TEST_CASE("serve guard: /ws needs an upgrade and the token among the offered subprotocols") {
  CHECK(status_of(ws_head()) == 200);
  RequestHead head = ws_head();
  std::string reordered = "cookiewarden.token." + kToken + ",cookiewarden";
  head.websocket_protocols = reordered;
  CHECK(status_of(head) == 200);
  for (const char* protocols : {"cookiewarden", "", "cookiewarden, cookiewarden.token.", "cookiewarden.token.aaaa"}) {
    head.websocket_protocols = protocols;
    CHECK_MESSAGE(status_of(head) == 401, protocols);
  }
  head.websocket_protocols.reset();
  CHECK(status_of(head) == 401);
  // The bearer header is the /api way; it does not open a WebSocket.
  head.authorization = kBearer;
  CHECK(status_of(head) == 401);

  RequestHead plain = ws_head();
  plain.websocket_upgrade = false;
  CHECK(status_of(plain) == 426);
  RequestHead foreign = ws_head();
  foreign.origin = "https://evil.example";
  CHECK(status_of(foreign) == 403);
}

TEST_CASE("serve guard: page files need no token and wrong methods are 405") {
  RequestHead page;
  page.method = "GET";
  page.target = "/?refresh=1";
  page.host = "localhost:8123";
  auto admitted = std::get<Admitted>(guard().admit(page));
  CHECK(admitted.route == Route::page_file);
  CHECK(admitted.path == "/");
  page.target = "/dashboard.js";
  CHECK(std::get<Admitted>(guard().admit(page)).path == "/dashboard.js");

  page.method = "POST";
  CHECK(status_of(page) == 405);
  RequestHead get_api = api_head();
  get_api.method = "GET";
  CHECK(status_of(get_api) == 405);
  RequestHead put_ws = ws_head();
  put_ws.method = "PUT";
  CHECK(status_of(put_ws) == 405);
  // The query does not change the route.
  RequestHead api_query = api_head();
  api_query.target = "/api?x=1";
  CHECK(std::get<Admitted>(guard().admit(api_query)).route == Route::api);
}

TEST_CASE("request guard: POST /token trades a code without the token, under the same Host and Origin rules") {
  RequestHead head;
  head.method = "POST";
  head.target = "/token";
  head.host = "127.0.0.1:8123";
  CHECK(status_of(head) == 200);
  auto decision = guard().admit(head);
  REQUIRE(std::holds_alternative<Admitted>(decision));
  CHECK(std::get<Admitted>(decision).route == Route::token_exchange);
  head.origin = "http://localhost:8123";
  CHECK(status_of(head) == 200);
  head.origin = "https://attacker.test";
  CHECK(status_of(head) == 403);
  head.origin.reset();
  head.host = "rebound.attacker.test:8123";
  CHECK(status_of(head) == 421);
  head.host = "127.0.0.1:8123";
  head.method = "GET";
  CHECK(status_of(head) == 405);
}
