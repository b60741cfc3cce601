#include "install/host_manifest.h"

#include <doctest/doctest.h>

using namespace cookiewarden;
using namespace cookiewarden::install;
using nlohmann::json;

TEST_CASE("host manifest: Chromium family lists origins, Firefox lists add-on ids") {
  json chromium = host_manifest(BrowserFamily::chromium, "/opt/cw/cookiewarden", {"abcdefghijklmnopabcdefghijklmnop"});
  CHECK(chromium == json{{"name", "org.cookiewarden.host"},
                         {"description", "Cookie Warden: deletes a site's data in every browser on this computer"},
                         {"path", "/opt/cw/cookiewarden"},
                         {"type", "stdio"},
                         {"allowed_origins", {"chrome-extension://abcdefghijklmnopabcdefghijklmnop/"}}});
  json firefox = host_manifest(BrowserFamily::firefox, "/opt/cw/cookiewarden", {"a@b.org", "{0b1c2d3e-0000-4000-8000-000000000000}"});
  CHECK(firefox["allowed_extensions"] == json{"a@b.org", "{0b1c2d3e-0000-4000-8000-000000000000}"});
  CHECK_FALSE(firefox.contains("allowed_origins"));
  CHECK(manifest_allowed_callers(chromium) == std::vector<std::string>{"chrome-extension://abcdefghijklmnopabcdefghijklmnop/"});
  CHECK(manifest_allowed_callers(firefox).size() == 2);
  CHECK(manifest_allowed_callers(json{{"allowed_origins", "not an array"}}).empty());
  CHECK(manifest_allowed_callers(json::array()).empty());
}

TEST_CASE("host manifest: extension id syntax") {
  CHECK(is_chromium_extension_id("abcdefghijklmnopabcdefghijklmnop"));
  CHECK_FALSE(is_chromium_extension_id("abcdefghijklmnopabcdefghijklmnoq"));  // q is not a-p
  CHECK_FALSE(is_chromium_extension_id("abcdefghijklmnop"));
  CHECK_FALSE(is_chromium_extension_id("ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP"));
  CHECK(is_firefox_extension_id("cookiewarden@cookiewarden.org"));
  CHECK(is_firefox_extension_id("{0b1c2d3e-0000-4000-8000-000000000000}"));
  CHECK_FALSE(is_firefox_extension_id("no-at-sign"));
  CHECK_FALSE(is_firefox_extension_id("a b@c"));
  CHECK_FALSE(is_firefox_extension_id("quote\"@x"));
  CHECK_FALSE(is_firefox_extension_id(""));
  CHECK_FALSE(is_firefox_extension_id(std::string(81, 'a') + "@x"));
}
