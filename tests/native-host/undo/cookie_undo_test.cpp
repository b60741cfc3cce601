// Undo of the cookie stores against the real fixture files: every column back byte for byte.
#include <unistd.h>

#include <doctest/doctest.h>

#include "../support/running_browser.h"
#include "stores/chromium_cookies.h"
#include "stores/firefox_cookies.h"
#include "undo_support.h"

using namespace cookiewarden;
using namespace cookiewarden::test;

namespace {

const std::string kChromiumKeep =
    "(host_key = 'keep.test' OR host_key LIKE '%.keep.test' OR top_frame_site_key = 'https://keep.test')";
const std::string kFirefoxKeep = "(host LIKE '%keep.test' OR originAttributes LIKE '%keep.test%')";

// Chromium 156's cookie file plus third-party (CHIPS) rows partitioned under keep.test.
fs::path chromium_cookies(const BrowserProfile& profile) {
  fs::path file = copy_cookie_fixture("chromium156-linux-Cookies.sqlite", profile.path / "Cookies");
  RawDb db(file);
  db.exec("INSERT INTO cookies SELECT creation_utc, host_key, 'https://keep.test', name, value, encrypted_value, path,"
          " expires_utc, is_secure, is_httponly, last_access_utc, has_expires, is_persistent, priority, samesite,"
          " source_scheme, source_port, last_update_utc, source_type, 1 FROM cookies WHERE host_key LIKE '%tracker.test'");
  return file;
}

}  // namespace

TEST_CASE("undo: Chromium cookies come back with every column byte for byte (encrypted_value, partition key)") {
  TempDir dir;
  BrowserProfile profile = closed_profile(dir, BrowserFamily::chromium);
  fs::path file = chromium_cookies(profile);
  std::vector<std::string> all_before, site_before;
  {
    RawDb db(file);
    all_before = exact_rows(db, "cookies", "1");
    site_before = exact_rows(db, "cookies", kChromiumKeep);
    // The fixture's values are real v10 encrypted blobs, not text.
    CHECK(db.count("SELECT count(*) FROM cookies WHERE " + kChromiumKeep +
                   " AND typeof(encrypted_value) = 'blob' AND length(encrypted_value) = 51") == 6);
  }
  REQUIRE(site_before.size() == 6);  // 3 keep.test cookies + 3 tracker cookies partitioned under it

  ChromiumCookieStore store(file);
  StoreOutcome outcome;
  fs::path journal = remove_with_journal(store, "keep.test", undo_settings_in(dir), profile, outcome);
  REQUIRE_MESSAGE(outcome.handled(), outcome.message);
  CHECK(outcome.items.size() == 6);
  REQUIRE(!journal.empty());
  {
    RawDb db(file);
    CHECK(db.count("SELECT count(*) FROM cookies WHERE " + kChromiumKeep) == 0);
  }

  UndoResult undone = undo_completely(journal);
  CHECK(undone.total().restored == 6);
  CHECK(undone.total().present == 0);
  RawDb db(file);
  CHECK(exact_rows(db, "cookies", "1") == all_before);
  CHECK(db.text("PRAGMA integrity_check") == "ok");
  CHECK_FALSE(fs::exists(journal));  // undone completely: the journal is gone
}

TEST_CASE("undo: a value of every storage class comes back exactly (real, 64-bit extremes, text that is not UTF-8)") {
  TempDir dir;
  BrowserProfile profile = closed_profile(dir, BrowserFamily::chromium);
  fs::path file = chromium_cookies(profile);
  std::vector<std::string> all_before;
  {
    RawDb db(file);
    // SQLite keeps what it is given in an INTEGER or TEXT column when it cannot convert it losslessly.
    db.exec("UPDATE cookies SET value = CAST(X'FF225C0A01' AS TEXT), expires_utc = 1.0 / 3, last_access_utc = -1e300,"
            " priority = -9223372036854775808, source_port = 9223372036854775807"
            " WHERE rowid = (SELECT min(rowid) FROM cookies WHERE " + kChromiumKeep + ")");
    CHECK(db.count("SELECT count(*) FROM cookies WHERE typeof(expires_utc) = 'real' AND typeof(last_access_utc) ="
                   " 'real' AND typeof(value) = 'text' AND length(CAST(value AS BLOB)) = 5") == 1);
    all_before = exact_rows(db, "cookies", "1");
  }

  ChromiumCookieStore store(file);
  StoreOutcome outcome;
  fs::path journal = remove_with_journal(store, "keep.test", undo_settings_in(dir), profile, outcome);
  REQUIRE_MESSAGE(outcome.handled(), outcome.message);
  REQUIRE(!journal.empty());

  undo_completely(journal);
  RawDb db(file);
  CHECK(exact_rows(db, "cookies", "1") == all_before);
  CHECK(db.count("SELECT count(*) FROM cookies WHERE expires_utc = 1.0 / 3 AND last_access_utc = -1e300 AND value ="
                 " CAST(X'FF225C0A01' AS TEXT) AND priority = -9223372036854775808") == 1);
}

TEST_CASE("undo: Firefox cookies come back with their originAttributes, newer cookies are kept") {
  TempDir dir;
  BrowserProfile profile = closed_profile(dir, BrowserFamily::firefox);
  fs::path file = copy_cookie_fixture("firefox153esr-cookies.sqlite", profile.path / "cookies.sqlite");
  // Every column but the id (a restored cookie may get a new one) of the site's rows but dom_news.
  const std::string restorable = kFirefoxKeep + " AND NOT (host = '.keep.test' AND name = 'dom_news')";
  auto without_id = [](RawDb& db, const std::string& where) {
    return db.rows("SELECT quote(originAttributes), quote(name), quote(value), quote(host), quote(path), expiry,"
                   " lastAccessed, creationTime, isSecure, isHttpOnly, inBrowserElement, sameSite, schemeMap,"
                   " isPartitionedAttributeSet, quote(updateTime) FROM moz_cookies WHERE " + where +
                   " ORDER BY host, name, originAttributes");
  };
  std::vector<std::string> restorable_before, others_before;
  {
    RawDb db(file);
    REQUIRE(db.count("SELECT count(*) FROM moz_cookies WHERE " + kFirefoxKeep) == 6);  // 3 + 3 partitioned
    restorable_before = without_id(db, restorable);
    others_before = exact_rows(db, "moz_cookies", "NOT " + kFirefoxKeep);
  }

  FirefoxCookieStore store(file);
  StoreOutcome outcome;
  fs::path journal = remove_with_journal(store, "keep.test", undo_settings_in(dir), profile, outcome);
  REQUIRE_MESSAGE(outcome.handled(), outcome.message);
  REQUIRE(outcome.items.size() == 6);
  {
    // While the site was gone, Firefox stored a newer .keep.test dom_news (same name, host, path
    // and origin attributes, so the same cookie) and an unrelated cookie under js_news's old id 7.
    RawDb db(file);
    db.exec("INSERT INTO moz_cookies (id, originAttributes, name, value, host, path, expiry, lastAccessed, creationTime,"
            " isSecure, isHttpOnly, inBrowserElement, sameSite, schemeMap, isPartitionedAttributeSet)"
            " SELECT 99, originAttributes, 'dom_news', 'newer', '.keep.test', path, expiry, lastAccessed, creationTime,"
            " isSecure, isHttpOnly, inBrowserElement, sameSite, schemeMap, isPartitionedAttributeSet FROM moz_cookies"
            " WHERE id = 13");
    db.exec("INSERT INTO moz_cookies (id, originAttributes, name, value, host, path, expiry, lastAccessed, creationTime,"
            " isSecure, isHttpOnly, inBrowserElement, sameSite, schemeMap, isPartitionedAttributeSet)"
            " SELECT 7, originAttributes, 'late', value, 'late.test', path, expiry, lastAccessed, creationTime, isSecure,"
            " isHttpOnly, inBrowserElement, sameSite, schemeMap, isPartitionedAttributeSet FROM moz_cookies WHERE id = 13");
  }

  UndoResult undone = undo_completely(journal);
  CHECK(undone.total().restored == 5);
  CHECK(undone.total().conflicts == 1);  // the newer dom_news stays
  RawDb db(file);
  CHECK(db.text("SELECT value FROM moz_cookies WHERE host = '.keep.test' AND name = 'dom_news'") == "newer");
  CHECK(db.text("SELECT host FROM moz_cookies WHERE id = 7") == "late.test");
  CHECK(without_id(db, restorable) == restorable_before);  // js_news under a new id, all else as it was
  CHECK(db.count("SELECT count(*) FROM moz_cookies WHERE originAttributes = '^partitionKey=%28http%2Ckeep.test%29'") == 3);
  CHECK(exact_rows(db, "moz_cookies", "NOT " + kFirefoxKeep + " AND host != 'late.test'") == others_before);
  CHECK(db.text("PRAGMA integrity_check") == "ok");
}

TEST_CASE("undo: a journal whose rows are still there (crash between journal and edit) is a no-op") {
  TempDir dir;
  BrowserProfile profile = closed_profile(dir, BrowserFamily::firefox);
  fs::path file = copy_cookie_fixture("firefox153esr-cookies.sqlite", profile.path / "cookies.sqlite");
  std::string bytes_before = file_bytes(file);
  FirefoxCookieStore store(file);
  StoreOutcome outcome;
  fs::path journal = remove_with_journal(store, "keep.test", undo_settings_in(dir), profile, outcome);
  REQUIRE(outcome.items.size() == 6);
  // The edit never happened: the file is as it was when the journal was written.
  write_file(file, bytes_before);
  std::vector<std::string> rows_before;
  {
    RawDb db(file);
    rows_before = exact_rows(db, "moz_cookies", "1");
  }
  UndoResult dry = undo_journal(journal, true);
  CHECK(dry.total().present == 6);
  UndoResult undone = undo_completely(journal);
  CHECK(undone.total().restored == 0);
  CHECK(undone.total().present == 6);
  RawDb db(file);
  CHECK(exact_rows(db, "moz_cookies", "1") == rows_before);
}

TEST_CASE("undo: a dry run changes nothing, a running browser is refused and the journal kept") {
  TempDir dir;
  BrowserProfile profile = closed_profile(dir, BrowserFamily::chromium);
  fs::path file = chromium_cookies(profile);
  ChromiumCookieStore store(file);
  StoreOutcome outcome;
  fs::path journal = remove_with_journal(store, "keep.test", undo_settings_in(dir), profile, outcome);
  REQUIRE(!journal.empty());
  auto profile_before = tree_snapshot(profile.user_data_dir);
  auto journal_before = tree_snapshot(journal);

  UndoResult dry = undo_journal(journal, true);
  CHECK(dry.complete());
  CHECK(dry.total().restored == 6);
  CHECK(tree_snapshot(profile.user_data_dir) == profile_before);
  CHECK(tree_snapshot(journal) == journal_before);

  mark_chromium_running(profile.user_data_dir);
  profile_before = tree_snapshot(profile.user_data_dir);
  UndoResult refused = undo_journal(journal, false);
  CHECK(refused.skipped == SkipReason::running);
  CHECK(refused.message.find("Close Chromium") != std::string::npos);
  CHECK(tree_snapshot(profile.user_data_dir) == profile_before);
  CHECK(tree_snapshot(journal) == journal_before);
}
