#include "browsers/discovery.h"

#include <doctest/doctest.h>

#include <sqlite3.h>

#include <algorithm>

#include "../support/store_fixtures.h"
#include "../support/test_environment.h"

using namespace cookiewarden;
using namespace cookiewarden::test;
namespace fs = std::filesystem;

namespace {

void chromium_profile(const fs::path& dir) { write_file(dir / "Preferences", "{}"); }

const BrowserProfile* find(const std::vector<BrowserProfile>& all, std::string_view browser, std::string_view id) {
  auto it = std::find_if(all.begin(), all.end(),
                         [&](const BrowserProfile& p) { return p.browser_id == browser && p.profile_id == id; });
  return it == all.end() ? nullptr : &*it;
}

std::vector<std::string> ids_of(const std::vector<BrowserProfile>& all, std::string_view browser) {
  std::vector<std::string> ids;
  for (const auto& p : all)
    if (p.browser_id == browser) ids.push_back(p.profile_id);
  return ids;
}

const char* kChromeLocalState = R"({"profile":{"info_cache":{
  "Default":{"name":"Person 1"},"Profile 1":{"name":"Work"},"Profile 2":{"name":"Kids"}},
  "last_used":"Profile 1","profiles_order":["Default","Profile 1","Profile 2"]}})";

}  // namespace

TEST_CASE("discovery: Linux Chromium family: Local State names, directory scan, channels, snap and flatpak") {
  TempDir home;
  fs::path chrome = home / ".config/google-chrome";
  write_file(chrome / "Local State", kChromeLocalState);
  chromium_profile(chrome / "Default");
  chromium_profile(chrome / "Profile 1");
  fs::create_directories(chrome / "Profile 2");          // listed in Local State, no Preferences yet
  fs::create_directories(chrome / "Profile 10");         // found by name alone
  chromium_profile(chrome / "Imported");                 // found by its Preferences file
  chromium_profile(chrome / "System Profile");           // Chromium's own, never a user profile
  chromium_profile(chrome / "Guest Profile");
  fs::create_directories(chrome / "Crash Reports");      // not a profile
  TempDir outside;
  chromium_profile(outside.path());
  fs::create_directory_symlink(outside.path(), chrome / "Profile 3");  // a link out of the tree
  chromium_profile(home / ".config/google-chrome-beta/Default");
  chromium_profile(home / ".config/google-chrome-unstable/Default");
  chromium_profile(home / ".config/microsoft-edge/Default");
  chromium_profile(home / "snap/chromium/common/chromium/Default");
  chromium_profile(home / ".var/app/org.chromium.Chromium/config/chromium/Default");

  auto all = discover_profiles(environment_of(Os::linux_, home.path()));
  CHECK(ids_of(all, "chrome") == std::vector<std::string>{"Default", "Imported", "Profile 1", "Profile 2", "Profile 10"});
  const BrowserProfile* work = find(all, "chrome", "Profile 1");
  REQUIRE(work);
  CHECK(work->profile_name == "Work");
  CHECK(work->browser_name == "Google Chrome");
  CHECK(work->family == BrowserFamily::chromium);
  CHECK(work->user_data_dir == chrome);
  CHECK(work->path == chrome / "Profile 1");
  CHECK(work->is_default);
  CHECK_FALSE(find(all, "chrome", "Default")->is_default);
  CHECK(find(all, "chrome", "Imported")->profile_name == "Imported");
  CHECK(find(all, "chrome-beta", "Default"));
  CHECK(find(all, "chrome-dev", "Default"));
  CHECK(find(all, "edge", "Default"));
  CHECK(find(all, "chromium-snap", "Default")->path == home / "snap/chromium/common/chromium/Default");
  CHECK(find(all, "chromium-flatpak", "Default"));
  CHECK_FALSE(find(all, "chromium", "Default"));
  CHECK(std::none_of(all.begin(), all.end(), [](const BrowserProfile& p) { return p.family != BrowserFamily::chromium; }));
}

TEST_CASE("discovery: a corrupt Local State still leaves the directory scan") {
  TempDir home;
  fs::path chromium = home / ".config/chromium";
  write_file(chromium / "Local State", "{\"profile\": {\"info_cache\": [truncated");
  chromium_profile(chromium / "Default");
  auto all = discover_profiles(environment_of(Os::linux_, home.path()));
  REQUIRE(all.size() == 1);
  CHECK(all[0].profile_name == "Default");
  CHECK(all[0].is_default);
}

// A configuration folder that cannot be stat'ed (here ELOOP) is a browser that is not there, not an
// exception that ends the discovery of every other browser.
TEST_CASE("discovery: a Chromium folder that is a symlink loop is skipped, the other browsers are found") {
  TempDir home;
  fs::create_directories(home / ".config");
  fs::create_directory_symlink("chromium", home / ".config/chromium");
  chromium_profile(home / ".config/google-chrome/Default");
  std::vector<BrowserProfile> all;
  REQUIRE_NOTHROW(all = discover_profiles(environment_of(Os::linux_, home.path())));
  REQUIRE(all.size() == 1);
  CHECK(all[0].browser_id == "chrome");
}

TEST_CASE("discovery: XDG_CONFIG_HOME moves Chromium-family and new Firefox folders") {
  TempDir home;
  chromium_profile(home / "xdg/chromium/Default");
  chromium_profile(home / ".config/chromium/Default");  // ignored when XDG_CONFIG_HOME points elsewhere
  Environment env = environment_of(Os::linux_, home.path());
  env.vars["XDG_CONFIG_HOME"] = (home / "xdg").string();
  auto all = discover_profiles(env);
  REQUIRE(all.size() == 1);
  CHECK(all[0].path == home / "xdg/chromium/Default");
  env.vars["XDG_CONFIG_HOME"] = "relative/ignored";
  CHECK(discover_profiles(env).at(0).path == home / ".config/chromium/Default");
}

TEST_CASE("discovery: Firefox profiles.ini: every profile, relative and absolute, [Install] default, unsafe paths") {
  TempDir home, elsewhere;
  fs::path xdg = home / ".config/mozilla/firefox";
  fs::create_directories(xdg / "97qsdrv3.default-esr");
  fs::create_directories(elsewhere / "customprof");
  fs::create_directories(home / "escape");
  write_file(xdg / "profiles.ini",
             "\xEF\xBB\xBF[Profile1]\r\nName=default-esr\r\nIsRelative=1\r\nPath=97qsdrv3.default-esr\r\n\r\n"
             "[Profile0]\nName=work\nIsRelative=0\nPath=" + (elsewhere / "customprof").string() + "\nDefault=1\n\n"
             "[Profile2]\nName=gone\nIsRelative=1\nPath=missing.profile\n\n"
             "[Profile3]\nName=sneaky\nIsRelative=1\nPath=../../../escape\n\n"
             "; comment\n[General]\nStartWithLastProfile=1\nVersion=2\n\n"
             "[Install3B6073811A6ABF12]\nDefault=97qsdrv3.default-esr\nLocked=1\n");
  fs::path legacy = home / ".mozilla/firefox";
  fs::create_directories(legacy / "abcd1234.default-release");
  write_file(legacy / "profiles.ini", "[Profile0]\nName=default-release\nIsRelative=1\nPath=abcd1234.default-release\nDefault=1\n");
  fs::create_directories(home / "snap/firefox/common/.mozilla/firefox/snapprof.default");
  write_file(home / "snap/firefox/common/.mozilla/firefox/profiles.ini", "[Profile0]\nName=snappy\nPath=snapprof.default\n");
  fs::create_directories(home / ".var/app/org.mozilla.firefox/.mozilla/firefox/fp.default");
  write_file(home / ".var/app/org.mozilla.firefox/.mozilla/firefox/profiles.ini", "[Profile0]\nName=flat\nIsRelative=1\nPath=fp.default\n");

  auto all = discover_profiles(environment_of(Os::linux_, home.path()));
  CHECK(ids_of(all, "firefox") == std::vector<std::string>{"97qsdrv3.default-esr", "customprof", "abcd1234.default-release"});
  const BrowserProfile* esr = find(all, "firefox", "97qsdrv3.default-esr");
  REQUIRE(esr);
  CHECK(esr->profile_name == "default-esr");
  CHECK(esr->user_data_dir == xdg);
  CHECK(esr->path == xdg / "97qsdrv3.default-esr");
  CHECK(esr->is_default);  // [Install…] beats Default=1
  const BrowserProfile* work = find(all, "firefox", "customprof");
  REQUIRE(work);
  CHECK(work->path == elsewhere / "customprof");
  CHECK_FALSE(work->is_default);
  CHECK(find(all, "firefox", "abcd1234.default-release")->is_default);  // its own root's Default=1
  CHECK(find(all, "firefox-snap", "snapprof.default")->profile_name == "snappy");
  CHECK(find(all, "firefox-flatpak", "fp.default"));
  CHECK_FALSE(find(all, "firefox", "escape"));
  CHECK_FALSE(find(all, "firefox", "missing.profile"));
}

TEST_CASE("discovery: macOS: Chrome channels incl. Canary, Edge, Firefox Profiles/, Safari default and named") {
  TempDir home;
  fs::path support = home / "Library/Application Support";
  chromium_profile(support / "Google/Chrome/Default");
  chromium_profile(support / "Google/Chrome Canary/Default");
  chromium_profile(support / "Microsoft Edge/Profile 1");
  chromium_profile(support / "Chromium/Default");
  fs::create_directories(support / "Firefox/Profiles/x1y2z3.default-release");
  write_file(support / "Firefox/profiles.ini",
             "[Profile0]\nName=default-release\nIsRelative=1\nPath=Profiles/x1y2z3.default-release\nDefault=1\n");

  fs::path container = home / "Library/Containers/com.apple.Safari/Data/Library";
  write_file(container / "Cookies/Cookies.binarycookies", "cook");
  const std::string work_uuid = "6F1C2A4B-8D3E-4F5A-9B7C-0D1E2F3A4B5C";
  const std::string school_uuid = "0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D";
  fs::create_directories(container / "WebKit/WebsiteDataStore/6f1c2a4b-8d3e-4f5a-9b7c-0d1e2f3a4b5c/Cookies");
  fs::create_directories(container / "Safari/Profiles" / school_uuid);
  fs::create_directories(container / "Safari/Profiles/not-a-uuid");
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((container / "Safari/SafariTabs.db").c_str(), &db) == SQLITE_OK);
    std::string sql =
        "CREATE TABLE bookmarks (id INTEGER PRIMARY KEY, external_uuid TEXT, title TEXT, subtype INTEGER);"
        "INSERT INTO bookmarks (external_uuid, title, subtype) VALUES ('DefaultProfile', 'Personal', 2),"
        "('" + work_uuid + "', 'Work', 2), ('11111111-2222-4333-8444-555555555555', 'a tab group', 0);";
    REQUIRE(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }

  auto all = discover_profiles(environment_of(Os::macos, home.path()));
  CHECK(find(all, "chrome", "Default")->path == support / "Google/Chrome/Default");
  CHECK(find(all, "chrome-canary", "Default"));
  CHECK(find(all, "edge", "Profile 1"));
  CHECK(find(all, "chromium", "Default"));
  const BrowserProfile* ff = find(all, "firefox", "x1y2z3.default-release");
  REQUIRE(ff);
  CHECK(ff->path == support / "Firefox/Profiles/x1y2z3.default-release");

  CHECK(ids_of(all, "safari") == std::vector<std::string>{"Default", school_uuid, work_uuid});
  const BrowserProfile* personal = find(all, "safari", "Default");
  CHECK(personal->path == container);
  CHECK(personal->user_data_dir == home / "Library");
  CHECK(personal->is_default);
  CHECK(personal->family == BrowserFamily::safari);
  const BrowserProfile* work = find(all, "safari", work_uuid);
  CHECK(work->profile_name == "Work");
  CHECK(work->path == container / "WebKit/WebsiteDataStore/6f1c2a4b-8d3e-4f5a-9b7c-0d1e2f3a4b5c");
  CHECK(find(all, "safari", school_uuid)->profile_name == "profile-0a1b2c3d");
}

TEST_CASE("discovery: macOS legacy Safari (no container) and no Safari at all") {
  TempDir home;
  CHECK(discover_profiles(environment_of(Os::macos, home.path())).empty());
  write_file(home / "Library/Cookies/Cookies.binarycookies", "cook");
  auto all = discover_profiles(environment_of(Os::macos, home.path()));
  REQUIRE(all.size() == 1);
  CHECK(all[0].path == home / "Library");
  // Safari is macOS only: the same tree seen as Linux has no Safari.
  CHECK(discover_profiles(environment_of(Os::linux_, home.path())).empty());
}

TEST_CASE("discovery: Windows: %LOCALAPPDATA% User Data folders (Canary is Chrome SxS), %APPDATA% Firefox") {
  TempDir home;
  Environment env = environment_of(Os::windows, home.path());
  fs::path local = home / "AppData/Local", roaming = home / "AppData/Roaming";
  chromium_profile(local / "Google/Chrome/User Data/Default");
  chromium_profile(local / "Google/Chrome SxS/User Data/Default");
  chromium_profile(local / "Microsoft/Edge/User Data/Profile 1");
  fs::create_directories(roaming / "Mozilla/Firefox/Profiles/w1.default-release");
  write_file(roaming / "Mozilla/Firefox/profiles.ini",
             "[Profile0]\r\nName=default-release\r\nIsRelative=1\r\nPath=Profiles/w1.default-release\r\n");

  auto unset = discover_profiles(env);  // falls back to %USERPROFILE%\AppData\...
  CHECK(find(unset, "chrome", "Default")->user_data_dir == local / "Google/Chrome/User Data");
  CHECK(find(unset, "chrome-canary", "Default"));
  CHECK(find(unset, "edge", "Profile 1"));
  CHECK(find(unset, "firefox", "w1.default-release")->path == roaming / "Mozilla/Firefox/Profiles/w1.default-release");

  TempDir other;
  chromium_profile(other / "Local/Chromium/User Data/Default");
  env.vars["LOCALAPPDATA"] = (other / "Local").string();
  env.vars["APPDATA"] = (other / "Roaming").string();
  auto moved = discover_profiles(env);
  REQUIRE(moved.size() == 1);
  CHECK(moved[0].browser_id == "chromium");
}

TEST_CASE("discovery: no home, no profiles (never guesses the root directory)") {
  Environment env = environment_of(Os::linux_, {});
  CHECK(discover_profiles(env).empty());
}
