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
