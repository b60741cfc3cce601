#include "stores/safari_cookies.h"

#include <stdlib.h>

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "../support/binarycookies_fixtures.h"
#include "stores/safari_binarycookies.h"
#include "warden/public_suffix.h"

namespace fs = std::filesystem;
using namespace cookiewarden::test;
using cookiewarden::BrowserFamily;
using cookiewarden::BrowserProfile;
using cookiewarden::ItemKind;
using cookiewarden::SafariCookieStore;
using cookiewarden::SiteMatcher;
using cookiewarden::SkipReason;

namespace {

SiteMatcher site(const char* input) {
  auto matcher = SiteMatcher::from_input(input, warden::PublicSuffixList::builtin());
  REQUIRE_MESSAGE(matcher.ok(), matcher.detail());
  return std::move(matcher).value();
}

// A Safari profile folder (the container's Data/Library layout) holding one real cookie jar.
struct SafariProfileDir {
  fs::path root;
  fs::path jar;
  explicit SafariProfileDir(const char* fixture_name) {
    std::string tmpl = (fs::temp_directory_path() / "cw-safari-profile-XXXXXX").string();
    REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
    root = tmpl;
    fs::create_directories(root / "Cookies");
    jar = root / "Cookies" / "Cookies.binarycookies";
    if (fixture_name) write_bytes(jar, binarycookies_fixture(fixture_name));
  }
  ~SafariProfileDir() { fs::remove_all(root); }
  BrowserProfile profile() const {
    BrowserProfile p;
    p.browser_id = "safari";
    p.browser_name = "Safari";
    p.family = BrowserFamily::safari;
    p.profile_id = "Default";
    p.path = root;
    return p;
  }
};

const char* const kDtformats = "libyal-dtformats-Cookies.binarycookies";
const char* const kKooky = "kooky-safari-macos-cookie-db.binarycookies";

}  // namespace

TEST_CASE("SafariCookieStore finds the profile's Cookies/Cookies.binarycookies") {
  SafariProfileDir dir(kDtformats);
  auto store = SafariCookieStore::for_profile(dir.profile());
  CHECK(store.id() == "safari_cookies");
  auto outcome = store.inspect(site("cnn.com"));
  CHECK(outcome.location == dir.jar);
}

TEST_CASE("SafariCookieStore inspect lists the site's cookies and changes nothing") {
  SafariProfileDir dir(kDtformats);
  auto before = read_bytes(dir.jar);
  auto store = SafariCookieStore::for_profile(dir.profile());
  auto outcome = store.inspect(site("https://edition.cnn.com/world"));
  REQUIRE_MESSAGE(outcome.handled(), outcome.message);
  CHECK(outcome.store == "safari_cookies");
  CHECK(outcome.items.size() == 12);
  CHECK(outcome.count(ItemKind::cookie) == 12);
  for (const auto& item : outcome.items) {
    CHECK((item.host == ".cnn.com" || item.host == "www.cnn.com"));
    CHECK_FALSE(item.name.empty());
  }
  CHECK(read_bytes(dir.jar) == before);
}

TEST_CASE("SafariCookieStore dry run reports what a real run deletes, then the real run deletes it") {
  SafariProfileDir dir(kDtformats);
  auto before = read_bytes(dir.jar);
  auto store = SafariCookieStore::for_profile(dir.profile());
  auto dry = store.remove(site("google.com"), true);
  REQUIRE(dry.handled());
  CHECK(dry.items.size() == 9);
  CHECK(read_bytes(dir.jar) == before);

  auto real = store.remove(site("google.com"), false);
  REQUIRE_MESSAGE(real.handled(), real.message);
  CHECK(real.items.size() == dry.items.size());
  for (std::size_t i = 0; i < real.items.size(); ++i) {
    CHECK(real.items[i].host == dry.items[i].host);
    CHECK(real.items[i].name == dry.items[i].name);
  }
  auto now = read_bytes(dir.jar);
  auto jar = cookiewarden::parse_binarycookies(now);
  REQUIRE(jar.ok());
  CHECK(jar->record_count() == 91 - 9);
  CHECK(store.inspect(site("google.com")).items.empty());
  CHECK(store.inspect(site("cnn.com")).items.size() == 12);
}

TEST_CASE("SafariCookieStore matches the whole site: a subdomain input covers the site's other hosts") {
  SafariProfileDir dir(kKooky);
  auto store = SafariCookieStore::for_profile(dir.profile());
  CHECK(store.inspect(site("news.ycombinator.com")).items.size() == 2);
  CHECK(store.inspect(site("ycombinator.org")).items.empty());
}

TEST_CASE("SafariCookieStore cookie_domains lists one domain per cookie") {
  SafariProfileDir dir(kDtformats);
  auto domains = SafariCookieStore::for_profile(dir.profile()).cookie_domains();
  CHECK(domains.size() == 91);
  CHECK(std::count(domains.begin(), domains.end(), ".apple.com") == 15);
}

TEST_CASE("SafariCookieStore skips cleanly: no jar, a corrupt jar, a linked Cookies folder") {
  {
    SafariProfileDir dir(nullptr);
    auto outcome = SafariCookieStore::for_profile(dir.profile()).remove(site("cnn.com"), false);
    CHECK(outcome.skipped == SkipReason::not_present);
    CHECK(SafariCookieStore::for_profile(dir.profile()).cookie_domains().empty());
  }
  {
    SafariProfileDir dir(kDtformats);
    auto bytes = read_bytes(dir.jar);
    bytes.resize(bytes.size() / 2);
    write_bytes(dir.jar, bytes);
    auto outcome = SafariCookieStore::for_profile(dir.profile()).remove(site("cnn.com"), false);
    CHECK(outcome.skipped == SkipReason::corrupt);
    CHECK(outcome.message.find("Cookies.binarycookies") != std::string::npos);
    CHECK(outcome.items.empty());
    CHECK(read_bytes(dir.jar) == bytes);
  }
  {
    SafariProfileDir elsewhere(kDtformats);
    SafariProfileDir dir(nullptr);
    fs::remove(dir.root / "Cookies");
    fs::create_directory_symlink(elsewhere.root / "Cookies", dir.root / "Cookies");
    auto outcome = SafariCookieStore::for_profile(dir.profile()).remove(site("cnn.com"), false);
    CHECK(outcome.skipped == SkipReason::unsafe_path);
    CHECK(read_bytes(elsewhere.jar) == binarycookies_fixture(kDtformats));
  }
}
