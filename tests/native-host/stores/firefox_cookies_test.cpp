#include "stores/firefox_cookies.h"

#include <doctest/doctest.h>

#include <set>

#include "../support/dry_run_check.h"
#include "../support/store_fixtures.h"
#include "warden/public_suffix.h"

namespace fs = std::filesystem;
using namespace cookiewarden;
using namespace cookiewarden::test;

namespace {

const char* const kFirefox153 = "firefox153esr-cookies.sqlite";
const char* const kFirefoxV8 = "kooky-firefox-cookies.sqlite";

SiteMatcher site(const char* name) { return SiteMatcher(name, warden::PublicSuffixList::builtin()); }

// The notes' SQL (shared/notes/browser-storage.md §2.3) plus the partitionKey forms, run
// independently of the store.
std::string site_where(const std::string& s) {
  return "(host = '" + s + "' OR host = '." + s + "' OR host LIKE '%." + s + "'" +
         " OR originAttributes LIKE '%partitionKey=%28http%2C" + s + "%29%'" +
         " OR originAttributes LIKE '%partitionKey=%28https%2C" + s + "%29%'" +
         " OR originAttributes LIKE '%partitionKey=%28http%2C" + s + "%2C%'" +
         " OR originAttributes LIKE '%partitionKey=%28https%2C" + s + "%2C%')";
}

std::multiset<std::string> names_of(const StoreOutcome& outcome) {
  std::multiset<std::string> names;
  for (const auto& item : outcome.items) names.insert(item.host + "|" + item.name);
  return names;
}

std::multiset<std::string> sql_names(RawDb& db, const std::string& where) {
  auto rows = db.rows("SELECT host || '|' || name FROM moz_cookies WHERE " + where);
  return {rows.begin(), rows.end()};
}

}  // namespace

TEST_CASE("firefox cookies: deleting the top-level site takes its partitioned third-party cookies too") {
  TempDir dir;
  fs::path file = copy_cookie_fixture(kFirefox153, dir / "cookies.sqlite");
  long long total = 0, expected = 0, partitioned = 0;
  std::multiset<std::string> expected_names;
  {
    RawDb raw(file);
    total = raw.count("SELECT count(*) FROM moz_cookies");
    expected = raw.count("SELECT count(*) FROM moz_cookies WHERE " + site_where("keep.test"));
    partitioned = raw.count("SELECT count(*) FROM moz_cookies WHERE originAttributes LIKE '%keep.test%'");
    expected_names = sql_names(raw, site_where("keep.test"));
  }
  REQUIRE(partitioned > 0);
  FirefoxCookieStore store(file);
  StoreOutcome outcome = store.remove(site("keep.test"), false);
  REQUIRE_MESSAGE(outcome.handled(), outcome.message);
  CHECK(outcome.items.size() == static_cast<std::size_t>(expected));
  CHECK(names_of(outcome) == expected_names);
  // Partitions in the one form every store reports: "(http,keep.test)" → "http://keep.test".
  for (const auto& item : outcome.items)
    if (item.host.find("tracker") != std::string::npos) CHECK(item.partition == "http://keep.test");
  RawDb after(file);
  CHECK(after.count("SELECT count(*) FROM moz_cookies WHERE " + site_where("keep.test")) == 0);
  CHECK(after.count("SELECT count(*) FROM moz_cookies") == total - expected);
  // ads.tracker.test's first-party cookies are not keep.test's.
  CHECK(after.count("SELECT count(*) FROM moz_cookies WHERE host LIKE '%tracker.test' AND originAttributes = ''") == 3);
  CHECK(after.text("PRAGMA integrity_check") == "ok");
  CHECK(after.text("PRAGMA journal_mode") == "wal");
  fs::path wal = file.string() + "-wal";
  CHECK((!fs::exists(wal) || fs::file_size(wal) == 0));
}

TEST_CASE("firefox cookies: host-only, domain and partitioned-with-port rows of one site") {
  TempDir dir;
  fs::path file = copy_cookie_fixture(kFirefox153, dir / "cookies.sqlite");
  {
    RawDb raw(file);
    // A third-party cookie partitioned under example.test served on a non-default port.
    raw.exec("INSERT INTO moz_cookies (originAttributes, name, value, host, path, expiry, lastAccessed, creationTime,"
             " isSecure, isHttpOnly) VALUES ('^partitionKey=%28http%2Cexample.test%2C8765%29', 'port_ads', 'v',"
             " 'ads.tracker.test', '/', 0, 0, 0, 0, 0)");
    // Same shape but a different top-level site that merely ends in the same letters.
    raw.exec("INSERT INTO moz_cookies (originAttributes, name, value, host, path, expiry, lastAccessed, creationTime,"
             " isSecure, isHttpOnly) VALUES ('^partitionKey=%28http%2Cnotexample.test%29', 'other_ads', 'v',"
             " 'ads.tracker.test', '/', 0, 0, 0, 0, 0)");
  }
  long long expected = 0;
  { RawDb raw(file); expected = raw.count("SELECT count(*) FROM moz_cookies WHERE " + site_where("example.test")); }
  REQUIRE(expected == 4);  // .example.test, www.example.test x2 and the port row
  FirefoxCookieStore store(file);
  auto any_host = SiteMatcher::from_input("www.example.test", warden::PublicSuffixList::builtin());
  REQUIRE(any_host.ok());
  StoreOutcome outcome = store.remove(*any_host, false);
  CHECK(outcome.items.size() == static_cast<std::size_t>(expected));
  RawDb after(file);
  CHECK(after.count("SELECT count(*) FROM moz_cookies WHERE name = 'port_ads'") == 0);
  CHECK(after.count("SELECT count(*) FROM moz_cookies WHERE name = 'other_ads'") == 1);
}

TEST_CASE("firefox cookies: user_version 8 (baseDomain era) is handled") {
  TempDir dir;
  fs::path file = copy_cookie_fixture(kFirefoxV8, dir / "cookies.sqlite");
  long long total = 0, expected = 0;
  {
    RawDb raw(file);
    total = raw.count("SELECT count(*) FROM moz_cookies");
    expected = raw.count("SELECT count(*) FROM moz_cookies WHERE " + site_where("godoc.org"));
  }
  REQUIRE(expected > 0);
  FirefoxCookieStore store(file);
  StoreOutcome outcome = store.remove(site("godoc.org"), false);
  REQUIRE_MESSAGE(outcome.handled(), outcome.message);
  CHECK(outcome.items.size() == static_cast<std::size_t>(expected));
  RawDb after(file);
  CHECK(after.count("SELECT count(*) FROM moz_cookies") == total - expected);
  CHECK(after.text("PRAGMA integrity_check") == "ok");
}

TEST_CASE("firefox cookies: user_version newer than 17 is refused, file unchanged") {
  TempDir dir;
  fs::path file = copy_cookie_fixture(kFirefox153, dir / "cookies.sqlite");
  { RawDb(file).exec("PRAGMA user_version = 18"); }
  auto before = tree_snapshot(dir.path());
  FirefoxCookieStore store(file);
  StoreOutcome outcome = store.remove(site("keep.test"), false);
  CHECK(outcome.skipped == SkipReason::schema_too_new);
  CHECK(outcome.message.find("17") != std::string::npos);
  CHECK(tree_snapshot(dir.path()) == before);
}

TEST_CASE("firefox cookies: inspect of a WAL database leaves no -wal/-shm and changes no byte") {
  TempDir dir;
  fs::path file = copy_cookie_fixture(kFirefox153, dir / "cookies.sqlite");
  auto before = tree_snapshot(dir.path());
  FirefoxCookieStore store(file);
  StoreOutcome report = store.inspect(site("example.test"));
  REQUIRE_MESSAGE(report.handled(), report.message);
  CHECK(report.items.size() == 3);
  CHECK(store.cookie_domains().size() == 12);
  CHECK(tree_snapshot(dir.path()) == before);
}

TEST_CASE("firefox cookies: a WAL database with a live WAL is read through it") {
  TempDir dir;
  fs::path file = copy_cookie_fixture(kFirefox153, dir / "cookies.sqlite");
  RawDb holder(file);  // keeps the WAL alive: its connection is open
  holder.exec("PRAGMA wal_autocheckpoint = 0");
  holder.exec("DELETE FROM moz_cookies WHERE host = 'www.example.test'");
  REQUIRE(fs::file_size(file.string() + "-wal") > 0);
  FirefoxCookieStore store(file);
  StoreOutcome report = store.inspect(site("example.test"));
  REQUIRE_MESSAGE(report.handled(), report.message);
  CHECK(report.items.size() == 1);  // only .example.test is left, as the WAL says
}

TEST_CASE("firefox cookies: a held write lock skips the store as locked and changes nothing") {
  TempDir dir;
  fs::path file = copy_cookie_fixture(kFirefox153, dir / "cookies.sqlite");
  RawDb firefox(file);
  // Firefox holds its cookie file in exclusive locking mode while it runs.
  firefox.exec("PRAGMA locking_mode = EXCLUSIVE");
  firefox.exec("BEGIN EXCLUSIVE");
  firefox.exec("COMMIT");
  std::string before = file_bytes(file);
  FirefoxCookieStore store(file);
  CHECK(store.remove(site("keep.test"), false).skipped == SkipReason::locked);
  CHECK(store.remove(site("keep.test"), true).skipped == SkipReason::locked);
  CHECK(file_bytes(file) == before);
  CHECK(firefox.count("SELECT count(*) FROM moz_cookies WHERE " + site_where("keep.test")) > 0);
}

TEST_CASE("firefox cookies: dry run = the real run's list, no byte changed") {
  TempDir dir;
  fs::path file = copy_cookie_fixture(kFirefox153, dir / "cookies.sqlite");
  FirefoxCookieStore store(file);
  StoreOutcome real = remove_after_inspect_and_dry_run(store, site("tracker.test"), dir.path(), names_of);
  CHECK(real.items.size() == 6);
}

TEST_CASE("firefox cookies: after the checkpoint neither the file nor the WAL holds the deleted rows") {
  TempDir dir;
  fs::path file = copy_cookie_fixture(kFirefox153, dir / "cookies.sqlite");
  REQUIRE(file_bytes(file).find("srv_www") != std::string::npos);
  FirefoxCookieStore store(file);
  REQUIRE(store.remove(site("example.test"), false).handled());
  CHECK(file_bytes(file).find("srv_www") == std::string::npos);
  CHECK(file_bytes(file).find("www.example.test") == std::string::npos);
  fs::path wal = file.string() + "-wal";
  if (fs::exists(wal)) CHECK(file_bytes(wal).find("srv_www") == std::string::npos);
}
