#include "deletion/site_deletion.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../support/closed_profiles.h"
#include "../support/holding_process.h"
#include "../support/running_browser.h"
#include "../support/store_fixtures.h"
#include "warden/public_suffix.h"

namespace fs = std::filesystem;
using namespace cookiewarden;
using namespace cookiewarden::test;

namespace {

SiteMatcher site(const char* name) { return SiteMatcher(name, warden::PublicSuffixList::builtin()); }

// The undo journal inside the test's folder, never the user's own.
UndoSettings undo_in(const TempDir& dir) {
  UndoSettings settings;
  settings.folder = dir / "undo";
  return settings;
}

BrowserProfile chromium_profile(const TempDir& dir) {
  BrowserProfile profile = closed_profile_at(BrowserFamily::chromium, dir / "chromium", "Default");
  copy_cookie_fixture("chromium156-linux-Cookies.sqlite", profile.path / "Cookies");
  write_file(profile.path / "IndexedDB" / "http_news.keep.test_8765.indexeddb.leveldb" / "000003.log", "n");
  return profile;
}

BrowserProfile firefox_profile(const TempDir& dir) {
  BrowserProfile profile = closed_profile_at(BrowserFamily::firefox, dir / "firefox", "abcd.default-esr");
  copy_cookie_fixture("firefox153esr-cookies.sqlite", profile.path / "cookies.sqlite");
  write_file(profile.path / "storage" / "default" / "http+++news.keep.test+8765" / "ls" / "data.sqlite", "x");
  write_file(profile.path / ".parentlock", "");
  return profile;
}

std::vector<std::string> all_items(const DeletionResult& result) {
  std::vector<std::string> out;
  for (const auto& store : result.stores)
    for (const auto& item : store.items) out.push_back(store.store + " " + item.host + " " + item.name);
  return out;
}

}  // namespace

TEST_CASE("delete_site refuses a running Chromium (real SingletonLock: this host, this pid) and changes nothing") {
  TempDir dir;
  BrowserProfile profile = chromium_profile(dir);
  mark_chromium_running(profile.user_data_dir);
  auto before = tree_snapshot(dir.path());
  for (bool dry_run : {false, true}) {
    DeletionResult result = delete_site(profile, site("keep.test"), dry_run, undo_in(dir));
    CHECK(result.skipped == SkipReason::running);
    CHECK(result.message.find("Close Chromium") != std::string::npos);
    CHECK(result.stores.empty());
    CHECK_FALSE(result.complete());
  }
  CHECK(tree_snapshot(dir.path()) == before);

  // The report still works while it runs, and says so.
  SiteDataReport report = inspect_site(profile, site("keep.test"));
  CHECK(report.browser_running);
  CHECK(report.cookie_count() == 3);
  CHECK(tree_snapshot(dir.path()) == before);
}

TEST_CASE("delete_site goes ahead past a stale SingletonLock and deletes from every Chromium store") {
  TempDir dir;
  BrowserProfile profile = chromium_profile(dir);
  // A pid that cannot be alive: a child that has already been reaped.
  pid_t child = ::fork();
  if (child == 0) ::_exit(0);
  ::waitpid(child, nullptr, 0);
  fs::create_symlink(host_name() + "-" + std::to_string(child), profile.user_data_dir / "SingletonLock");

  DeletionResult dry = delete_site(profile, site("keep.test"), true, undo_in(dir));
  REQUIRE_MESSAGE(dry.skipped == SkipReason::none, dry.message);
  DeletionResult result = delete_site(profile, site("keep.test"), false, undo_in(dir));
  CHECK(result.complete());
  CHECK(all_items(dry) == all_items(result));
  CHECK(result.deleted_count() == 4);  // 3 cookies + 1 IndexedDB folder
  bool local_storage_absent = false;
  for (const auto& store : result.stores)
    if (store.store == "chromium_local_storage") local_storage_absent = store.skipped == SkipReason::not_present;
  CHECK(local_storage_absent);
  RawDb after(profile.path / "Cookies");
  CHECK(after.count("SELECT count(*) FROM cookies WHERE host_key LIKE '%keep.test'") == 0);
  CHECK(after.count("SELECT count(*) FROM cookies") == 3);

  nlohmann::json json = result;
  CHECK(json["complete"] == true);
  CHECK(json["profile"]["browser_id"] == "chromium");
  CHECK(json["stores"][0]["store"] == "chromium_cookies");
  CHECK(json["stores"][0]["skipped"].is_null());
  CHECK(json["stores"][0]["items"].size() == 3);
}

TEST_CASE("delete_site refuses a Firefox profile whose .parentlock another process holds") {
  TempDir dir;
  BrowserProfile profile = firefox_profile(dir);
  auto before = tree_snapshot(dir.path());
  {
    LockHolder firefox(profile.path / ".parentlock");
    DeletionResult result = delete_site(profile, site("keep.test"), false, undo_in(dir));
    CHECK(result.skipped == SkipReason::running);
    CHECK(result.message.find("Firefox") != std::string::npos);
  }
  CHECK(tree_snapshot(dir.path()) == before);
  long long expected = 0;
  {
    RawDb raw(profile.path / "cookies.sqlite");
    expected = raw.count("SELECT count(*) FROM moz_cookies WHERE host LIKE '%keep.test' OR originAttributes LIKE '%keep.test%'");
  }
  DeletionResult result = delete_site(profile, site("keep.test"), false, undo_in(dir));
  REQUIRE_MESSAGE(result.complete(), result.message);
  CHECK(result.stores.size() == 3);
  CHECK(result.stores[0].count(ItemKind::cookie) == static_cast<std::size_t>(expected));
  CHECK(result.stores[1].count(ItemKind::folder) == 1);
  CHECK(result.stores[2].store == "firefox_session_restore");
  CHECK(result.stores[2].skipped == SkipReason::not_present);
}

TEST_CASE("delete_site cleans every session restore file of a Firefox profile, one store per file") {
  TempDir dir;
  BrowserProfile profile = firefox_profile(dir);
  fs::copy(fs::path(WARDEN_SOURCE_DIR) / "tests/native-host/fixtures/firefox-session-restore", profile.path,
           fs::copy_options::recursive);
  DeletionResult dry = delete_site(profile, site("example.test"), true, undo_in(dir));
  DeletionResult result = delete_site(profile, site("example.test"), false, undo_in(dir));
  REQUIRE_MESSAGE(result.complete(), result.message);
  std::size_t session_stores = 0;
  for (std::size_t i = 0; i < result.stores.size(); ++i) {
    const StoreOutcome& store = result.stores[i];
    if (store.store != "firefox_session_restore") continue;
    ++session_stores;
    CHECK_MESSAGE(store.count(ItemKind::cookie) == 4, store.location);
    CHECK(store.count(ItemKind::session_storage) >= 2);
    CHECK(store.items.size() == dry.stores[i].items.size());
  }
  CHECK(session_stores == 3);
  // Session files are rewritten whole and not journaled: the report says they cannot be undone.
  REQUIRE(result.undo);
  CHECK(result.undo->not_undoable == std::vector<std::string>{"firefox_session_restore"});
  DeletionResult again = delete_site(profile, site("example.test"), false, undo_in(dir));
  for (const auto& store : again.stores)
    if (store.store == "firefox_session_restore") CHECK(store.items.empty());
}

TEST_CASE("top_cookie_sites ranks a profile's sites by cookie count") {
  TempDir dir;
  BrowserProfile profile = firefox_profile(dir);
  auto top = top_cookie_sites(profile, warden::PublicSuffixList::builtin(), 10);
  RawDb raw(profile.path / "cookies.sqlite");
  REQUIRE(top.size() == 3);
  CHECK(top[0].site == "tracker.test");
  CHECK(top[0].cookies == static_cast<std::size_t>(raw.count("SELECT count(*) FROM moz_cookies WHERE host LIKE '%tracker.test'")));
  CHECK(top_cookie_sites(profile, warden::PublicSuffixList::builtin(), 1).size() == 1);
}
