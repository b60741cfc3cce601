#include "stores/firefox_site_storage.h"

#include <doctest/doctest.h>

#include <set>

#include "../support/dry_run_check.h"
#include "../support/store_fixtures.h"
#include "../undo/undo_support.h"
#include "warden/public_suffix.h"

namespace fs = std::filesystem;
using namespace cookiewarden;
using namespace cookiewarden::test;

namespace {

SiteMatcher site(const char* name) { return SiteMatcher(name, warden::PublicSuffixList::builtin()); }

void put_u32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>(v >> shift & 0xff);
}
void put_string(std::string& out, std::string_view s) {
  put_u32(out, static_cast<std::uint32_t>(s.size()));
  out += s;
}

// A .metadata-v2 as QuotaManager writes it (header, then suffix, group, origin, isPrivate).
std::string metadata_v2(std::string_view suffix, std::string_view group, std::string_view origin) {
  std::string out;
  put_u32(out, 0x00062d1e);  // last access time, high word
  put_u32(out, 0x4c2a9b00);  // low word
  out += '\0';               // persisted
  put_u32(out, 3);           // flags: initialized | accessed
  put_u32(out, 0);           // reserved
  put_string(out, suffix);
  put_string(out, group);
  put_string(out, origin);
  out += '\0';  // isPrivate
  return out;
}

void create_db(const fs::path& file, const std::string& sql) {
  fs::create_directories(file.parent_path());
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  sqlite3_close(db);
  RawDb(file).exec(sql);
}

const char* const kWebappsSchema =
    "CREATE TABLE webappsstore2 (originAttributes TEXT, originKey TEXT, scope TEXT, key TEXT, value TEXT);"
    "CREATE UNIQUE INDEX origin_key_index ON webappsstore2(originAttributes, originKey, key);";

// A Firefox ESR 153 profile's storage for the notes' test sites (shared/notes/browser-storage.md §2.4).
fs::path make_profile(const TempDir& dir) {
  fs::path profile = dir / "abcd.default-esr";
  fs::path def = profile / "storage" / "default";
  const std::string partition = "^partitionKey=%28http%2Ckeep.test%29";
  write_file(def / "http+++www.example.test+8765" / ".metadata-v2", metadata_v2("", "example.test", "http://www.example.test:8765"));
  write_file(def / "http+++www.example.test+8765" / "ls" / "data.sqlite", std::string(1000, 'w'));
  write_file(def / "http+++news.keep.test+8765" / ".metadata-v2", metadata_v2("", "keep.test", "http://news.keep.test:8765"));
  write_file(def / "http+++news.keep.test+8765" / "idb" / "1945319967iwdwbw_.sqlite", std::string(500, 'n'));
  write_file(def / ("http+++ads.tracker.test+8765" + partition) / ".metadata-v2",
             metadata_v2(partition, "tracker.test", "http://ads.tracker.test:8765" + partition));
  write_file(def / ("http+++ads.tracker.test+8765" + partition) / "ls" / "data.sqlite", std::string(70, 'a'));
  // No metadata file: matched by its name.
  write_file(def / "https+++keep.test" / "cache" / "morgue" / "x", std::string(30, 'c'));
  write_file(profile / "storage" / "permanent" / "chrome" / ".metadata-v2", metadata_v2("", "chrome", "chrome"));
  create_db(profile / "storage.sqlite",
            "CREATE TABLE database( cache_version INTEGER NOT NULL DEFAULT 0);"
            "CREATE TABLE repository( id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
            "CREATE TABLE origin( repository_id INTEGER NOT NULL, suffix TEXT, group_ TEXT NOT NULL, origin TEXT NOT NULL,"
            " client_usages TEXT NOT NULL, usage INTEGER NOT NULL, last_access_time INTEGER NOT NULL,"
            " last_maintenance_date INTEGER NOT NULL, accessed INTEGER NOT NULL, persisted INTEGER NOT NULL,"
            " PRIMARY KEY (repository_id, origin), FOREIGN KEY (repository_id) REFERENCES repository(id) );"
            "INSERT INTO repository VALUES (0, 'persistent'), (1, 'temporary'), (2, 'default'), (3, 'private');"
            "INSERT INTO origin VALUES (2, '', 'example.test', 'http://www.example.test:8765', 'I49152 L11', 49163, 0, 0, 1, 0);"
            "INSERT INTO origin VALUES (2, '', 'keep.test', 'http://news.keep.test:8765', 'I49152', 49152, 0, 0, 1, 0);"
            "INSERT INTO origin VALUES (2, '" + partition + "', 'tracker.test', 'http://ads.tracker.test:8765" + partition +
                "', 'L11', 11, 0, 0, 1, 0);");
  create_db(profile / "storage" / "ls-archive.sqlite",
            std::string("CREATE TABLE database( origin TEXT NOT NULL);") + kWebappsSchema +
                "INSERT INTO webappsstore2 VALUES ('', 'tset.peek.swen.:http:8765', '', 'old_news', 'v');"
                "INSERT INTO webappsstore2 VALUES ('', 'tset.elpmaxe.www.:http:8765', '', 'old_www', 'v');");
  create_db(profile / "webappsstore.sqlite", std::string(kWebappsSchema) +
                                                 "INSERT INTO webappsstore2 VALUES ('', 'tset.peek.:https:443', '', 'legacy', 'vv');"
                                                 "INSERT INTO webappsstore2 VALUES ('', 'tset.rekcart.sda.:http:8765', '', 'ads', 'v');");
  return profile;
}

std::set<std::string> described(const StoreOutcome& outcome) {
  std::set<std::string> out;
  for (const auto& item : outcome.items) out.insert(std::string(item_kind_name(item.kind)) + " " + item.host + " " + item.name);
  return out;
}

}  // namespace

std::uint64_t tree_bytes(const fs::path& root) {
  std::uint64_t total = 0;
  for (const auto& entry : fs::recursive_directory_iterator(root))
    if (entry.is_regular_file()) total += entry.file_size();
  return total;
}

TEST_CASE("firefox storage: folders by .metadata-v2 or name, partitioned folders, quota rows and legacy localStorage") {
  TempDir dir;
  fs::path profile = make_profile(dir);
  fs::path def = profile / "storage" / "default";
  const char* const kGone[] = {"http+++news.keep.test+8765", "http+++ads.tracker.test+8765^partitionKey=%28http%2Ckeep.test%29",
                               "https+++keep.test"};
  std::uint64_t folder_bytes = 0;
  for (const char* name : kGone) folder_bytes += tree_bytes(def / name);

  FirefoxSiteStorageStore store(profile);
  StoreOutcome outcome = store.remove(site("keep.test"), false);
  REQUIRE_MESSAGE(outcome.handled(), outcome.message);
  CHECK(described(outcome) == std::set<std::string>{
                                  "folder http://news.keep.test:8765 ",
                                  "folder http://ads.tracker.test:8765^partitionKey=%28http%2Ckeep.test%29 ",
                                  "folder https://keep.test ",
                                  "quota_record http://news.keep.test:8765 ",
                                  "quota_record http://ads.tracker.test:8765^partitionKey=%28http%2Ckeep.test%29 ",
                                  "local_storage tset.peek.swen.:http:8765 old_news",
                                  "local_storage tset.peek.:https:443 legacy",
                              });
  CHECK(outcome.total_bytes() == folder_bytes + 1 + 2);  // folders + the two legacy values
  for (const char* name : kGone) CHECK_FALSE(fs::exists(def / name));
  CHECK(fs::exists(def / "http+++www.example.test+8765" / "ls" / "data.sqlite"));
  CHECK(fs::exists(profile / "storage" / "permanent" / "chrome"));

  RawDb quota(profile / "storage.sqlite");
  CHECK(quota.rows("SELECT origin FROM origin") == std::vector<std::string>{"http://www.example.test:8765"});
  CHECK(quota.text("PRAGMA integrity_check") == "ok");
  RawDb archive(profile / "storage" / "ls-archive.sqlite");
  CHECK(archive.rows("SELECT key FROM webappsstore2") == std::vector<std::string>{"old_www"});
  RawDb legacy(profile / "webappsstore.sqlite");
  CHECK(legacy.rows("SELECT key FROM webappsstore2") == std::vector<std::string>{"ads"});
}

TEST_CASE("firefox storage: inspect and dry run = the real run's list, no byte changed") {
  TempDir dir;
  FirefoxSiteStorageStore store(make_profile(dir));
  StoreOutcome real = remove_after_inspect_and_dry_run(store, site("example.test"), dir.path(), described);
  CHECK(real.items.size() == 3);
}

TEST_CASE("firefox storage: a locked storage.sqlite skips the store before any folder moves") {
  TempDir dir;
  fs::path profile = make_profile(dir);
  RawDb firefox(profile / "storage.sqlite");
  firefox.exec("PRAGMA locking_mode = EXCLUSIVE");
  firefox.exec("BEGIN EXCLUSIVE");
  firefox.exec("COMMIT");
  auto before = tree_snapshot(dir.path());
  FirefoxSiteStorageStore store(profile);
  StoreOutcome outcome = store.remove(site("keep.test"), false);
  CHECK(outcome.skipped == SkipReason::locked);
  CHECK(tree_snapshot(dir.path()) == before);
}

TEST_CASE("firefox storage: a symlink leaving the profile refuses the store, nothing changed") {
  TempDir dir;
  fs::path profile = make_profile(dir);
  write_file(dir / "elsewhere" / "keep", "k");
  fs::create_directory_symlink(dir / "elsewhere", profile / "storage" / "default" / "http+++news.keep.test+8765" / "idb" / "out");
  auto before = tree_snapshot(dir.path());
  FirefoxSiteStorageStore store(profile);
  CHECK(store.remove(site("keep.test"), false).skipped == SkipReason::unsafe_path);
  CHECK(tree_snapshot(dir.path()) == before);
}

TEST_CASE("firefox storage: a storage/ folder that is a symlink loop is reported, never thrown, nothing changed") {
  TempDir dir;
  fs::path profile = dir / "abcd.default-esr";
  fs::create_directories(profile);
  fs::create_directory_symlink("storage", profile / "storage");
  FirefoxSiteStorageStore store(profile);
  check_symlink_loop_is_harmless(store, site("keep.test"), profile / "storage");
}

TEST_CASE("firefox storage: a profile without storage is not_present") {
  TempDir dir;
  FirefoxSiteStorageStore store(dir.path());
  CHECK(store.inspect(site("keep.test")).skipped == SkipReason::not_present);
  CHECK(store.remove(site("keep.test"), false).skipped == SkipReason::not_present);
}

TEST_CASE("firefox storage: metadata, folder names and origin keys parse, bad metadata gives nothing") {
  CHECK(firefox_metadata_origin(metadata_v2("", "example.test", "http://www.example.test:8765")) == "http://www.example.test:8765");
  CHECK(firefox_metadata_origin(metadata_v2("^userContextId=1", "example.test", "https://example.test")) ==
        "https://example.test^userContextId=1");
  std::string good = metadata_v2("", "example.test", "http://www.example.test:8765");
  CHECK(firefox_metadata_origin(good.substr(0, good.size() - 10)) == "");
  CHECK(firefox_metadata_origin("") == "");
  std::string huge = good;
  huge[17] = '\x7f';  // a suffix length far past the end
  CHECK(firefox_metadata_origin(huge) == "");
  CHECK(firefox_metadata_origin(metadata_v2("", "chrome", "chrome")) == "");

  CHECK(firefox_folder_origin("http+++www.example.test+8765") == "http://www.example.test:8765");
  CHECK(firefox_folder_origin("https+++example.com") == "https://example.com");
  CHECK(firefox_folder_origin("https+++example.com^partitionKey=%28https%2Ca.test%29") ==
        "https://example.com^partitionKey=%28https%2Ca.test%29");
  CHECK(firefox_folder_origin("chrome") == "");
  CHECK(firefox_origin_key_host("tset.elpmaxe.www.:http:8765") == "www.example.test");
  CHECK(firefox_origin_key_host("") == "");
}

TEST_CASE("firefox storage: undo brings back the origin folders, quota rows and legacy localStorage rows") {
  TempDir dir;
  fs::path path = make_profile(dir);
  BrowserProfile profile = closed_profile_at(BrowserFamily::firefox, dir.path(), "abcd.default-esr");
  auto folders_before = tree_snapshot(path / "storage" / "default");
  std::vector<std::string> origins_before, archive_before, webapps_before;
  {
    RawDb quota(path / "storage.sqlite");
    origins_before = exact_rows(quota, "origin", "1");
    RawDb archive(path / "storage" / "ls-archive.sqlite");
    archive_before = exact_rows(archive, "webappsstore2", "1");
    RawDb webapps(path / "webappsstore.sqlite");
    webapps_before = exact_rows(webapps, "webappsstore2", "1");
  }
  FirefoxSiteStorageStore store(path);
  StoreOutcome outcome;
  fs::path journal = remove_with_journal(store, "keep.test", undo_settings_in(dir), profile, outcome);
  REQUIRE_MESSAGE(outcome.handled(), outcome.message);
  CHECK_FALSE(fs::exists(path / "storage" / "default" / "http+++news.keep.test+8765"));

  UndoResult undone = undo_completely(journal);
  CHECK(undone.total().restored == outcome.items.size());
  CHECK(tree_snapshot(path / "storage" / "default") == folders_before);
  RawDb quota(path / "storage.sqlite");
  CHECK(exact_rows(quota, "origin", "1") == origins_before);
  RawDb archive(path / "storage" / "ls-archive.sqlite");
  CHECK(exact_rows(archive, "webappsstore2", "1") == archive_before);
  RawDb webapps(path / "webappsstore.sqlite");
  CHECK(exact_rows(webapps, "webappsstore2", "1") == webapps_before);
}
