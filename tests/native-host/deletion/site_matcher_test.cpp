#include "deletion/site_matcher.h"

#include <doctest/doctest.h>

using cookiewarden::origin_host;
using cookiewarden::SiteMatcher;

namespace {
const warden::PublicSuffixList& psl() { return warden::PublicSuffixList::builtin(); }
}  // namespace

TEST_CASE("SiteMatcher::from_input reduces hosts, URLs and Unicode to the registrable domain") {
  CHECK(SiteMatcher::from_input("www.Example.COM", psl())->site() == "example.com");
  CHECK(SiteMatcher::from_input("  https://a.b.example.co.uk:8443/path?q ", psl())->site() == "example.co.uk");
  CHECK(SiteMatcher::from_input("bücher.example", psl())->site() == "xn--bcher-kva.example");
  CHECK(SiteMatcher::from_input("faß.de", psl())->site() == "xn--fa-hia.de");  // UTS #46 non-transitional
  CHECK(SiteMatcher::from_input("127.0.0.1", psl())->site() == "127.0.0.1");
  CHECK(SiteMatcher::from_input("alice.github.io", psl())->site() == "alice.github.io");
  CHECK_FALSE(SiteMatcher::from_input("", psl()).ok());
  CHECK_FALSE(SiteMatcher::from_input("exa mple.com", psl()).ok());
  CHECK_FALSE(SiteMatcher::from_input("https://", psl()).ok());
}

namespace {
std::string refusal(std::string_view input) {
  auto site = SiteMatcher::from_input(input, psl());
  CHECK_FALSE_MESSAGE(site.ok(), input, " was taken for the site ", site.ok() ? site->site() : "");
  return site.ok() ? std::string() : site.detail();
}
bool says(const std::string& detail, std::string_view words) { return detail.find(words) != std::string::npos; }
}  // namespace

TEST_CASE("SiteMatcher::from_input refuses a public suffix of the ICANN section") {
  CHECK(refusal("com") == "'com' is a public suffix, not a site: a top-level domain holds every site under it; give one "
                          "site such as example.com (localhost and IP addresses are accepted too)");
  for (std::string_view input : {"io", "COM.", "co.uk", "https://co.uk/", "gov.uk", "foo.ck", "xn--p1ai"})
    CHECK_MESSAGE(says(refusal(input), "is a public suffix, not a site"), input);
  CHECK(says(refusal("co.uk"), "give one site such as example.co.uk"));
  CHECK(SiteMatcher::from_input("www.ck", psl())->site() == "www.ck");  // the PSL's exception to *.ck
}

TEST_CASE("SiteMatcher::from_input refuses a single label other than localhost") {
  for (std::string_view input : {"test", "intranet", "http://intranet/", "example"})
    CHECK_MESSAGE(says(refusal(input), "is a public suffix, not a site"), input);
  CHECK(SiteMatcher::from_input("localhost", psl())->site() == "localhost");
  CHECK(SiteMatcher::from_input("http://LOCALHOST:8080/x", psl())->site() == "localhost");
  CHECK(SiteMatcher::from_input("[::1]", psl())->site() == "::1");
  CHECK(SiteMatcher::from_input("http://[::1]:8765/", psl())->site() == "::1");
  CHECK(SiteMatcher::from_input("http://192.168.1.1/", psl())->site() == "192.168.1.1");
}

TEST_CASE("SiteMatcher::from_input refuses extension ids and Firefox add-on UUIDs") {
  CHECK(says(refusal("abcdefghijklmnopabcdefghijklmnop"), "is a Chromium extension id, not a site"));
  CHECK(says(refusal("http://ghbmnnjooekpmoecnnnilnnbdlolhkhi/"), "is a Chromium extension id"));
  CHECK(says(refusal("1e4f6a63-8d4e-4b8c-9d7c-6a2f1f0e9b11"), "is a Firefox add-on UUID, not a site"));
  CHECK(says(refusal("1E4F6A63-8D4E-4B8C-9D7C-6A2F1F0E9B11"), "is a Firefox add-on UUID"));
}

TEST_CASE("SiteMatcher::from_input refuses schemes other than http, https, ws and wss") {
  CHECK(says(refusal("chrome-extension://abcdefghijklmnopabcdefghijklmnop/popup.html"), "is an extension's address"));
  CHECK(says(refusal("moz-extension://1e4f6a63-8d4e-4b8c-9d7c-6a2f1f0e9b11/page.html"), "is an extension's address"));
  CHECK(says(refusal("safari-web-extension://ABC/"), "is an extension's address"));
  for (std::string_view input : {"file:///etc/passwd", "about:blank", "ftp://example.com/", "javascript:alert(1)",
                                 "data:text/html,hi", "blob:https://example.com/1", "view-source:https://example.com/"})
    CHECK_MESSAGE(says(refusal(input), "is not a web address"), input);
  for (std::string_view input : {"http://example.com/", "HTTPS://www.example.com", "ws://example.com/s", "wss://example.com"})
    CHECK_MESSAGE(SiteMatcher::from_input(input, psl())->site() == "example.com", input);
}

TEST_CASE("SiteMatcher: a name only the PRIVATE section lists (carrd.co) is a site that matches only itself") {
  auto carrd = SiteMatcher::from_input("https://carrd.co/", psl());
  REQUIRE(carrd.ok());
  CHECK(carrd->site() == "carrd.co");
  CHECK(carrd->matches_host("carrd.co"));
  CHECK(carrd->matches_host("CARRD.co."));
  CHECK_FALSE(carrd->matches_host("alice.carrd.co"));
  CHECK_FALSE(carrd->matches_host(".alice.carrd.co"));
  CHECK(carrd->matches_origin("https://carrd.co"));
  CHECK_FALSE(carrd->matches_origin("https://alice.carrd.co"));
  CHECK(SiteMatcher::from_input("alice.carrd.co", psl())->site() == "alice.carrd.co");
  CHECK(SiteMatcher::from_input("github.io", psl())->site() == "github.io");
  CHECK(SiteMatcher::from_input("s3.amazonaws.com", psl())->site() == "s3.amazonaws.com");
}

TEST_CASE("SiteMatcher::matches_host: exact, leading dot, subdomains, the PSL separates sites") {
  SiteMatcher example("example.com", psl());
  CHECK(example.matches_host("example.com"));
  CHECK(example.matches_host(".example.com"));
  CHECK(example.matches_host("www.example.com"));
  CHECK(example.matches_host(".a.b.EXAMPLE.com."));
  CHECK_FALSE(example.matches_host("notexample.com"));
  CHECK_FALSE(example.matches_host("example.com.evil.test"));
  CHECK_FALSE(example.matches_host("com"));
  CHECK_FALSE(example.matches_host(""));

  SiteMatcher suffix("github.io", psl());
  CHECK(suffix.matches_host("github.io"));
  CHECK_FALSE(suffix.matches_host("alice.github.io"));

  SiteMatcher ip("::1", psl());
  CHECK(ip.matches_host("[::1]"));
}

TEST_CASE("SiteMatcher::matches_origin and origin_host") {
  SiteMatcher keep("keep.test", psl());
  CHECK(keep.matches_origin("http://news.keep.test:8765"));
  CHECK(keep.matches_origin("https://keep.test/"));
  CHECK(keep.matches_origin("http://keep.test^partitionKey=%28http%2Cother.test%29"));
  CHECK_FALSE(keep.matches_origin("http://ads.tracker.test:8765/"));
  CHECK_FALSE(keep.matches_origin("keep.test"));
  CHECK(origin_host("http://[::1]:8080/") == "[::1]");
  CHECK(origin_host("https://a.b:1") == "a.b");
  CHECK(origin_host("://x") == "");
}
