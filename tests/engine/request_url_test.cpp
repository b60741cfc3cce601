#include "request_url.h"

#include <doctest/doctest.h>

#include <string>

using warden::parse_request_url;
using warden::RequestUrl;
using warden::Status;
using warden::Url;

namespace {

struct Parsed {
  Status status;
  std::string text, host, path;
  bool viewed_in_place;
};

Parsed parse(std::string_view input) {
  Url scratch;
  std::string storage;
  RequestUrl out;
  Status s = parse_request_url(input, scratch, storage, out);
  if (s != Status::ok) return {s, "", "", "", false};
  CHECK(out.url.text.substr(out.url.host_begin, out.url.host_end - out.url.host_begin) == out.host);
  return {s, std::string(out.url.text), std::string(out.host), std::string(out.path),
          out.url.text.data() == input.data()};
}

}  // namespace

TEST_CASE("parse_request_url views a canonical URL in place, fragment dropped") {
  auto p = parse("https://cdn.example.com:8443/a/B.js?x=Y#frag");
  CHECK(p.status == Status::ok);
  CHECK(p.text == "https://cdn.example.com:8443/a/B.js?x=Y");
  CHECK(p.host == "cdn.example.com");
  CHECK(p.path == "/a/B.js?x=Y");
  CHECK(p.viewed_in_place);
  CHECK(parse("wss://socket.example/").viewed_in_place);
}

TEST_CASE("parse_request_url rebuilds what is not canonical, as parse_url describes it") {
  struct Case {
    const char* input;
    const char* text;
    const char* host;
    const char* path;
  };
  for (const Case& c : {Case{"HTTPS://Cdn.Example.com/A", "https://cdn.example.com/A", "cdn.example.com", "/A"},
                        Case{"https://example.com", "https://example.com/", "example.com", "/"},
                        Case{"https://example.com?q=1", "https://example.com/?q=1", "example.com", "/?q=1"},
                        Case{"https://example.com#top", "https://example.com/", "example.com", "/"},
                        Case{"https://user:pw@example.com/x", "https://example.com/x", "example.com", "/x"},
                        Case{"https://user@example.com/x", "https://example.com/x", "example.com", "/x"},
                        Case{"https://example.com:8443?q=1", "https://example.com:8443/?q=1", "example.com", "/?q=1"},
                        Case{"http://example.com./x", "http://example.com/x", "example.com", "/x"},
                        Case{"http://example.com:080/x", "http://example.com:80/x", "example.com", "/x"},
                        Case{"http://example.com:/x", "http://example.com/x", "example.com", "/x"},
                        Case{"http://127.0.0.1:8080/a", "http://127.0.0.1:8080/a", "127.0.0.1", "/a"},
                        Case{"http://[::1]:3000/", "http://[::1]:3000/", "::1", "/"},
                        Case{" https://example.com/x\t", "https://example.com/x", "example.com", "/x"}}) {
    CAPTURE(c.input);
    auto p = parse(c.input);
    REQUIRE(p.status == Status::ok);
    CHECK(p.text == c.text);
    CHECK(p.host == c.host);
    CHECK(p.path == c.path);
    CHECK_FALSE(p.viewed_in_place);
  }
}

TEST_CASE("parse_request_url refuses what parse_url refuses") {
  for (const char* bad : {"", "example.com/x", "about:blank", "http:///x", "http://a..b/", "http://.a.com/",
                          "http://exa mple.com/", "http://example.com:99999/", "http://1.2.3.456/",
                          "http://a.com:12ab/", "http://[::1/"}) {
    CAPTURE(bad);
    CHECK(parse(bad).status != Status::ok);
  }
}
