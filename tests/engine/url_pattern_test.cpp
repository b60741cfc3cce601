#include "url_pattern.h"

#include <doctest/doctest.h>

#include <string>

#include "warden/filter_list.h"

using namespace warden;

namespace {

UrlView view(const std::string& url) {
  UrlView v{url, 0, 0};
  v.host_begin = url.find("://") + 3;
  v.host_end = url.find_first_of(":/?", v.host_begin);
  if (v.host_end == std::string::npos) v.host_end = url.size();
  return v;
}

bool matches(std::string_view pattern, std::uint16_t flags, const std::string& url) {
  return pattern_matches(pattern, flags, view(url));
}

}  // namespace

TEST_CASE("plain patterns match anywhere") {
  CHECK(matches("/ads/", 0, "https://x.example/ads/banner.png"));
  CHECK_FALSE(matches("/ads/", 0, "https://x.example/adsx/banner.png"));
  CHECK(matches("", 0, "https://x.example/"));
}

TEST_CASE("wildcards take the leftmost fit of each segment") {
  CHECK(matches("/ads/*.gif", 0, "https://x.example/ads/a/b.gif"));
  CHECK(matches("a*b*c", 0, "https://x.example/a-b-c"));
  CHECK_FALSE(matches("a*b*c", 0, "https://x.example/c-b-a"));
}

TEST_CASE("^ matches a separator or the end of the URL, never a letter, digit or _-.%") {
  CHECK(matches("example.com^", 0, "https://example.com/x"));
  CHECK(matches("example.com^", 0, "https://example.com:8080/"));
  CHECK(matches("/pixel^", 0, "https://x.example/pixel"));
  CHECK(matches("/pixel^", 0, "https://x.example/pixel?x=1"));
  CHECK_FALSE(matches("/pixel^", 0, "https://x.example/pixel.gif"));
  CHECK_FALSE(matches("/pixel^", 0, "https://x.example/pixel_1"));
  CHECK_FALSE(matches("/pixel^", 0, "https://x.example/pixel%20"));
}

TEST_CASE("| anchors the start and the end of the URL") {
  CHECK(matches("https://ads.", kFilterLeftAnchor, "https://ads.example/"));
  CHECK_FALSE(matches("https://ads.", kFilterLeftAnchor, "https://x.example/?r=https://ads.example"));
  CHECK(matches(".swf", kFilterRightAnchor, "https://x.example/a.swf"));
  CHECK_FALSE(matches(".swf", kFilterRightAnchor, "https://x.example/a.swf?x"));
  CHECK(matches("/a*.swf", kFilterRightAnchor, "https://x.example/a/b.swf.swf"));
}

TEST_CASE("|| anchors at the host or one of its labels, not inside a label") {
  CHECK(matches("ads.example.com/x", kFilterHostAnchor, "https://ads.example.com/x"));
  CHECK(matches("example.com/x", kFilterHostAnchor, "https://ads.example.com/x"));
  CHECK_FALSE(matches("ample.com/x", kFilterHostAnchor, "https://ads.example.com/x"));
  CHECK_FALSE(matches("example.com/x", kFilterHostAnchor, "https://x.test/example.com/x"));
}

TEST_CASE("pattern_matches_at checks one start position and honours anchors") {
  std::string url = "https://cdn.example/js/track.js";
  UrlView v = view(url);
  CHECK(pattern_matches_at("/track.js", 0, v, url.find("/track")));
  CHECK_FALSE(pattern_matches_at("/track.js", 0, v, url.find("/js")));
  CHECK(pattern_matches_at("cdn.example/js/", kFilterHostAnchor, v, v.host_begin));
  CHECK_FALSE(pattern_matches_at("n.example/js/", kFilterHostAnchor, v, v.host_begin + 2));
  CHECK_FALSE(pattern_matches_at("x", 0, v, url.size() + 5));
}
