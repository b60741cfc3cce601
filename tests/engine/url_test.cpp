#include "warden/url.h"

#include <doctest/doctest.h>

using warden::parse_url;
using warden::Status;

TEST_CASE("parse_url lower-cases scheme and host, keeps path case, drops fragment") {
  auto url = parse_url("HTTPS://WWW.Shop.Example:8443/Cart/Item?id=A#top");
  REQUIRE(url.ok());
  CHECK(url->scheme == "https");
  CHECK(url->host == "www.shop.example");
  CHECK(url->port == 8443);
  CHECK(url->path == "/Cart/Item?id=A");
  CHECK_FALSE(url->host_is_ip);
}

TEST_CASE("parse_url handles empty paths, queries without paths and userinfo") {
  CHECK(parse_url("https://example.com")->path == "/");
  CHECK(parse_url("https://example.com?q=1")->path == "/?q=1");
  CHECK(parse_url("https://user:pw@example.com/x")->host == "example.com");
}

TEST_CASE("parse_url removes a trailing dot from the host") {
  CHECK(parse_url("http://example.com./")->host == "example.com");
}

TEST_CASE("parse_url accepts IP literals") {
  auto v4 = parse_url("http://127.0.0.1:8080/a");
  REQUIRE(v4.ok());
  CHECK(v4->host == "127.0.0.1");
  CHECK(v4->host_is_ip);
  auto v6 = parse_url("http://[::1]:3000/");
  REQUIRE(v6.ok());
  CHECK(v6->host == "::1");
  CHECK(v6->port == 3000);
  CHECK(v6->host_is_ip);
  CHECK(parse_url("http://[2001:db8::ff00:42:8329]/")->host == "2001:db8::ff00:42:8329");
}

TEST_CASE("parse_url rejects malformed input with an error value") {
  for (const char* bad : {"", "example.com", "about:blank", "data:text/html,x", "blob:https://a.b/c",
                          "http://", "http://exa mple.com/", "http://a..b/", "http://bücher.example/",
                          "http://example.com:99999/", "http://example.com:12ab/", "http://[::1/",
                          "http://[zz::1]/", "http://1.2.3.456/", "://x", "1http://x/"}) {
    CAPTURE(bad);
    auto url = parse_url(bad);
    CHECK_FALSE(url.ok());
    CHECK_FALSE(url.detail().empty());
  }
}

TEST_CASE("normalize_host validates label lengths and characters") {
  CHECK(warden::normalize_host("Example.COM").value() == "example.com");
  CHECK(warden::normalize_host("example.com:443").value() == "example.com");
  CHECK(warden::normalize_host("[::1]").value() == "::1");
  CHECK(warden::normalize_host("::1").value() == "::1");
  CHECK(warden::normalize_host(std::string(64, 'a') + ".com").status() == Status::invalid_host);
  CHECK(warden::normalize_host(std::string(63, 'a') + ".com").ok());
  CHECK(warden::normalize_host("xn--bcher-kva.example").ok());
  CHECK_FALSE(warden::normalize_host("a/b.com").ok());
  CHECK_FALSE(warden::normalize_host("").ok());
}

TEST_CASE("is_ip_literal") {
  CHECK(warden::is_ip_literal("10.0.0.1"));
  CHECK(warden::is_ip_literal("[fe80::1]"));
  CHECK(warden::is_ip_literal("::ffff:192.168.0.1"));
  CHECK_FALSE(warden::is_ip_literal("10.0.0"));
  CHECK_FALSE(warden::is_ip_literal("localhost"));
  CHECK_FALSE(warden::is_ip_literal("1:2:3:4:5:6:7:8:9"));
}
