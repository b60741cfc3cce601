#include "stores/chromium_cookies.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <thread>

#include "../support/dry_run_check.h"
#include "../support/store_fixtures.h"
#include "warden/public_suffix.h"

namespace fs = std::filesystem;
using namespace cookiewarden;
using namespace cookiewarden::test;

namespace {

const char* const kChromium156 = "chromium156-linux-Cookies.sqlite";
const char* const kChromiumV9 = "kooky-chrome-macos-cookie-db.sqlite";

SiteMatcher site(const char* name) { return SiteMatcher(name, warden::PublicSuffixList::builtin()); }

// The notes' deletion SQL (shared/notes/browser-storage.md §1.2), run independently of the store.
std::string site_where(const std::string& s) {
  return "(host_key = '" + s + "' OR host_key = '." + s + "' OR host_key LIKE '%." + s + "'" +
         " OR top_frame_site_key IN ('https://" + s + "', 'http://" + s + "'))";
}

std::multiset<std::string> names_of(const StoreOutcome& outcome) {
  std::multiset<std::string> names;
  for (const auto& item : outcome.items) names.insert(item.host + "|" + item.name);
  return names;
}

std::multiset<std::string> sql_names(RawDb& db, const std::string& where) {
  auto rows = db.rows("SELECT host_key || '|' || name FROM cookies WHERE " + where);
  return {rows.begin(), rows.end()};
}

// Third-party rows partitioned under keep.test (CHIPS), made from the fixture's tracker rows.
void add_partitioned_rows(RawDb& db) {
  db.exec("INSERT INTO cookies SELECT creation_utc, host_key, 'https://keep.test', name, value, encrypted_value, path,"
          " expires_utc, is_secure, is_httponly, last_access_utc, has_expires, is_persistent, priority, samesite,"
          " source_scheme, source_port, last_update_utc, source_type, 1 FROM cookies WHERE host_key LIKE '%tracker.test'");
}

}  // namespace

TEST_CASE("chromium cookies: deletes host, leading-dot, subdomain and partitioned rows, others intact") {
  TempDir dir;
  fs::path file = copy_cookie_fixture(kChromium156, dir / "Default" / "Cookies");
  long long total = 0, expected = 0;
  std::multiset<std::string> expected_names;
  {
    RawDb raw(file);
    add_partitioned_rows(raw);
    total = raw.count("SELECT count(*) FROM cookies");
    expected = raw.count("SELECT count(*) FROM cookies WHERE " + site_where("keep.test"));
    expected_names = sql_names(raw, site_where("keep.test"));
  }
  REQUIRE(expected >= 4);  // .keep.test, news.keep.test x2, and the partitioned tracker rows

  ChromiumCookieStore store(file);
  StoreOutcome outcome = store.remove(site("keep.test"), false);
  REQUIRE_MESSAGE(outcome.handled(), outcome.message);
  CHECK(outcome.items.size() == static_cast<std::size_t>(expected));
  CHECK(names_of(outcome) == expected_names);
  CHECK(std::count_if(outcome.items.begin(), outcome.items.end(),
                      [](const SiteItem& i) { return i.partition == "https://keep.test"; }) > 0);

  RawDb after(file);
  CHECK(after.count("SELECT count(*) FROM cookies WHERE " + site_where("keep.test")) == 0);
  CHECK(after.count("SELECT count(*) FROM cookies") == total - expected);
  // tracker.test's own (unpartitioned) cookies stay.
  CHECK(after.count("SELECT count(*) FROM cookies WHERE host_key LIKE '%tracker.test' AND top_frame_site_key = ''") > 0);
  CHECK(after.text("PRAGMA integrity_check") == "ok");
}

TEST_CASE("chromium cookies: a registrable-domain site does not swallow other sites under a public suffix") {
  TempDir dir;
  fs::path file = copy_cookie_fixture(kChromium156, dir / "Cookies");
  {
    RawDb raw(file);
    raw.exec("UPDATE cookies SET host_key = 'alice.github.io' WHERE host_key = 'news.keep.test'");
    raw.exec("UPDATE cookies SET host_key = '.bob.github.io' WHERE host_key = '.keep.test'");
  }
  ChromiumCookieStore store(file);
  StoreOutcome alice = store.remove(site("alice.github.io"), false);
  REQUIRE(alice.handled());
  CHECK(alice.items.size() == 2);
  RawDb after(file);
  CHECK(after.count("SELECT count(*) FROM cookies WHERE host_key = '.bob.github.io'") == 1);
}

TEST_CASE("chromium cookies: meta v9 file (no top_frame_site_key) is read and edited") {
  TempDir dir;
  fs::path file = copy_cookie_fixture(kChromiumV9, dir / "Cookies");
  long long expected = 0, total = 0;
  {
    RawDb raw(file);
    total = raw.count("SELECT count(*) FROM cookies");
    expected = raw.count("SELECT count(*) FROM cookies WHERE host_key = 'ycombinator.com' OR host_key LIKE '%.ycombinator.com'");
  }
  REQUIRE(expected > 0);
  ChromiumCookieStore store(file);
  StoreOutcome report = store.inspect(site("ycombinator.com"));
  REQUIRE_MESSAGE(report.handled(), report.message);
  CHECK(report.items.size() == static_cast<std::size_t>(expected));
  StoreOutcome removed = store.remove(site("ycombinator.com"), false);
  REQUIRE_MESSAGE(removed.handled(), removed.message);
  CHECK(removed.items.size() == static_cast<std::size_t>(expected));
  RawDb after(file);
  CHECK(after.count("SELECT count(*) FROM cookies") == total - expected);
  CHECK(after.text("PRAGMA integrity_check") == "ok");
}

TEST_CASE("chromium cookies: a schema newer than known is refused and the file is unchanged") {
  TempDir dir;
  fs::path file = copy_cookie_fixture(kChromium156, dir / "Cookies");
  for (const char* sql : {"UPDATE meta SET value = '25' WHERE key IN ('version', 'last_compatible_version')",
                          "UPDATE meta SET value = '25' WHERE key = 'last_compatible_version'"}) {
    { RawDb(file).exec(sql); }
    std::string before = file_bytes(file);
    ChromiumCookieStore store(file);
    StoreOutcome outcome = store.remove(site("keep.test"), false);
    CHECK(outcome.skipped == SkipReason::schema_too_new);
    CHECK(outcome.message.find("24") != std::string::npos);
    CHECK(outcome.items.empty());
    CHECK(file_bytes(file) == before);
  }
}

TEST_CASE("chromium cookies: dry run lists exactly what a real run deletes and changes no byte") {
  TempDir dir;
  fs::path file = copy_cookie_fixture(kChromium156, dir / "p" / "Cookies");
  { RawDb raw(file); add_partitioned_rows(raw); }
  ChromiumCookieStore store(file);
  StoreOutcome real = remove_after_inspect_and_dry_run(store, site("keep.test"), dir.path(), names_of);
  CHECK_FALSE(real.items.empty());
}

TEST_CASE("chromium cookies: inspect is read-only") {
  TempDir dir;
  fs::path file = copy_cookie_fixture(kChromium156, dir / "Cookies");
  auto before = tree_snapshot(dir.path());
  ChromiumCookieStore store(file);
  StoreOutcome report = store.inspect(site("tracker.test"));
  REQUIRE(report.handled());
  CHECK(report.items.size() == 3);
  CHECK(store.cookie_domains().size() == 6);
  CHECK(tree_snapshot(dir.path()) == before);
}

TEST_CASE("chromium cookies: a database another connection is writing is skipped as locked, unchanged") {
  TempDir dir;
  fs::path file = copy_cookie_fixture(kChromium156, dir / "Cookies");
  std::string before = file_bytes(file);
  RawDb writer(file);
  writer.exec("BEGIN IMMEDIATE");
  writer.exec("UPDATE cookies SET value = 'x' WHERE host_key = 'news.keep.test'");
  ChromiumCookieStore store(file);
  StoreOutcome outcome = store.remove(site("keep.test"), false);
  CHECK(outcome.skipped == SkipReason::locked);
  CHECK(outcome.items.empty());
  CHECK(file_bytes(file) == before);
  writer.exec("ROLLBACK");
  CHECK(writer.count("SELECT count(*) FROM cookies WHERE " + site_where("keep.test")) == 3);
}

TEST_CASE("chromium cookies: WAL mode is handled and the WAL is folded back") {
  TempDir dir;
  fs::path file = copy_cookie_fixture(kChromium156, dir / "Cookies");
  { RawDb(file).exec("PRAGMA journal_mode = wal"); }
  ChromiumCookieStore store(file);
  auto before = tree_snapshot(dir.path());
  StoreOutcome report = store.inspect(site("keep.test"));
  REQUIRE_MESSAGE(report.handled(), report.message);
  CHECK(tree_snapshot(dir.path()) == before);  // no -wal/-shm left by a read-only open
  StoreOutcome outcome = store.remove(site("keep.test"), false);
  REQUIRE_MESSAGE(outcome.handled(), outcome.message);
  CHECK(outcome.items.size() == 3);
  fs::path wal = file.string() + "-wal";
  CHECK((!fs::exists(wal) || fs::file_size(wal) == 0));
  RawDb after(file);
  CHECK(after.count("SELECT count(*) FROM cookies WHERE " + site_where("keep.test")) == 0);
  CHECK(after.text("PRAGMA integrity_check") == "ok");
}

TEST_CASE("chromium cookies: missing, symlinked and non-database files are reported, never created or followed" * doctest::skip(kCannotCreateSymlinks)) {
  TempDir dir;
  ChromiumCookieStore missing(dir / "Cookies");
  CHECK(missing.remove(site("keep.test"), false).skipped == SkipReason::not_present);
  CHECK_FALSE(fs::exists(dir / "Cookies"));

  fs::path outside = copy_cookie_fixture(kChromium156, dir / "elsewhere" / "Cookies");
  fs::create_directories(dir / "profile");
  fs::create_symlink(outside, dir / "profile" / "Cookies");
  std::string before = file_bytes(outside);
  ChromiumCookieStore linked(dir / "profile" / "Cookies");
  CHECK(linked.remove(site("keep.test"), false).skipped == SkipReason::unsafe_path);
  CHECK(file_bytes(outside) == before);

  write_file(dir / "garbage" / "Cookies", std::string(4096, 'x'));
  ChromiumCookieStore garbage(dir / "garbage" / "Cookies");
  CHECK(garbage.remove(site("keep.test"), false).skipped == SkipReason::corrupt);
  CHECK(file_bytes(dir / "garbage" / "Cookies") == std::string(4096, 'x'));
}

TEST_CASE("chromium cookies: deleted rows are overwritten in the file (secure_delete), not left in free pages") {
  TempDir dir;
  fs::path file = copy_cookie_fixture(kChromium156, dir / "Cookies");
  // Debian's SQLite already defaults to secure_delete; the store turns it on for builds that do not.
  REQUIRE(file_bytes(file).find("srv_news") != std::string::npos);
  ChromiumCookieStore store(file);
  REQUIRE(store.remove(site("keep.test"), false).handled());
  std::string bytes = file_bytes(file);
  CHECK(bytes.find("srv_news") == std::string::npos);
  CHECK(bytes.find("news.keep.test") == std::string::npos);
  CHECK(bytes.find("srv_ads") != std::string::npos);  // the other site's rows are still readable
}
