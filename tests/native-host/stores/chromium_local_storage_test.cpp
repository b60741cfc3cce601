#include "stores/chromium_local_storage.h"

#include <sys/stat.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <set>

#include "../support/dry_run_check.h"
#include "../support/holding_process.h"
#include "../support/leveldb_files.h"
#include "../support/store_fixtures.h"
#include "../undo/undo_support.h"
#include "warden/public_suffix.h"

namespace fs = std::filesystem;
using namespace cookiewarden;
using namespace cookiewarden::test;

namespace {

SiteMatcher site(const char* name) { return SiteMatcher(name, warden::PublicSuffixList::builtin()); }

using namespace std::string_literals;

std::string latin1(std::string_view s) { return "\x01"s + std::string(s); }
std::string utf16(std::u16string_view s) {
  std::string out = "\x00"s;
  for (char16_t c : s) {
    out += static_cast<char>(c & 0xff);
    out += static_cast<char>(c >> 8);
  }
  return out;
}

// The keys Chromium 156 wrote for the notes' test sites (shared/notes/browser-storage.md §1.5),
// plus a UTF-16 key and an unrelated site.
std::map<std::string, std::string> chromium_keys() {
  const std::string www = "http://www.example.test:8765";
  const std::string news = "http://news.keep.test:8765";
  const std::string ads_in_keep = "http://ads.tracker.test:8765/^0http://keep.test";
  const std::string ads = "http://ads.tracker.test:8765";
  const std::string other = "https://other.test";
  std::map<std::string, std::string> keys{{"VERSION", "1"}};
  for (const auto& sk : {www, news, ads_in_keep, ads, other}) {
    keys["META:" + sk] = "\x08\x01\x10\x05"s;
    keys["METAACCESS:" + sk] = "\x08\x02"s;
  }
  keys["_" + www + "\0"s + latin1("ls_www")] = latin1("v_www");
  keys["_" + www + "\0"s + utf16(u"cl\u00e9_\u4e2d")] = utf16(u"value");
  keys["_" + news + "\0"s + latin1("ls_news")] = latin1("v_news");
  keys["_" + ads_in_keep + "\0"s + latin1("ls_ads")] = latin1("v_ads_partitioned");
  keys["_" + ads + "\0"s + latin1("ls_ads")] = latin1("v_ads");
  keys["_" + other + "\0"s + latin1("k")] = latin1("v");
  return keys;
}

void write_db(const fs::path& dir, const std::map<std::string, std::string>& keys) {
  auto db = open_leveldb(dir, true);
  put_leveldb(*db, keys);
  db->CompactRange(nullptr, nullptr);  // table files, as Chromium leaves them after a while
  // More writes after compaction stay in the log, so both file kinds are exercised.
  REQUIRE(db->Put(leveldb::WriteOptions(), "META:http://late.example.test", "x").ok());
}

// A Local Storage database at `dir` (created) holding chromium_keys().
fs::path chromium_database_at(const fs::path& dir) {
  fs::create_directories(dir);
  write_db(dir, chromium_keys());
  return dir;
}

// Keys of `all` that a site with origins matching `owned` would lose, computed from the key text.
std::map<std::string, std::string> without(std::map<std::string, std::string> all, std::initializer_list<std::string> owned) {
  for (auto it = all.begin(); it != all.end();) {
    bool gone = false;
    for (const auto& sk : owned)
      gone = gone || it->first == "META:" + sk || it->first == "METAACCESS:" + sk || it->first.starts_with("_" + sk + "\0"s);
    it = gone ? all.erase(it) : std::next(it);
  }
  return all;
}

std::set<std::string> item_names(const StoreOutcome& outcome) {
  std::set<std::string> names;
  for (const auto& item : outcome.items) names.insert(item.host + " " + item.name);
  return names;
}

// In a child: opens the database and keeps it open, as a running Chromium does.
bool hold_open(const fs::path& dir) {
  leveldb::DB* db = nullptr;
  return leveldb::DB::Open(leveldb::Options(), dir.string(), &db).ok();
}

}  // namespace

TEST_CASE("local storage: deletes a site's data and META keys, first-party and partitioned, others intact") {
  TempDir dir;
  fs::path db = chromium_database_at(dir / "Local Storage" / "leveldb");
  auto before = read_leveldb(db);

  ChromiumLocalStorageStore store(db);
  StoreOutcome outcome = store.remove(site("keep.test"), false);
  REQUIRE_MESSAGE(outcome.handled(), outcome.message);
  CHECK(item_names(outcome) == std::set<std::string>{"http://news.keep.test:8765 ls_news",
                                                     "http://ads.tracker.test:8765/^0http://keep.test ls_ads"});
  for (const auto& item : outcome.items)
    if (item.host.find("^0") != std::string::npos) CHECK(item.partition == "http://keep.test");

  auto after = read_leveldb(db);
  CHECK(after == without(before, {"http://news.keep.test:8765", "http://ads.tracker.test:8765/^0http://keep.test"}));
  CHECK(after.count("_http://ads.tracker.test:8765\0"s + latin1("ls_ads")) == 1);  // tracker's own storage stays
}

TEST_CASE("local storage: UTF-16 keys are reported readably, the file modes stay private") {
  TempDir dir;
  fs::path db = chromium_database_at(dir / "leveldb");
  ChromiumLocalStorageStore store(db);
  StoreOutcome report = store.inspect(site("example.test"));
  REQUIRE(report.handled());
  CHECK(item_names(report) == std::set<std::string>{"http://www.example.test:8765 ls_www",
                                                    "http://www.example.test:8765 cl\u00e9_\u4e2d",
                                                    "http://late.example.test "});
  ::umask(022);
  REQUIRE(store.remove(site("example.test"), false).handled());
  for (const auto& entry : fs::directory_iterator(db)) {
    struct stat st {};
    REQUIRE(::stat(entry.path().c_str(), &st) == 0);
    if (entry.last_write_time() >= fs::file_time_type::clock::now() - std::chrono::minutes(5) &&
        entry.path().extension() == ".ldb")
      CHECK_MESSAGE((st.st_mode & 077) == 0, entry.path() << " is group/world readable");
  }
  CHECK(read_leveldb(db).count("_http://www.example.test:8765\0"s + latin1("ls_www")) == 0);
}

TEST_CASE("local storage: inspect and dry run leave every file byte as it was") {
  TempDir dir;
  ChromiumLocalStorageStore store(chromium_database_at(dir / "leveldb"));
  remove_after_inspect_and_dry_run(store, site("keep.test"), dir.path(), item_names);
}

TEST_CASE("local storage: a database another process holds open is skipped as locked, unchanged") {
  TempDir dir;
  fs::path db = chromium_database_at(dir / "leveldb");
  auto snapshot = tree_snapshot(dir.path());
  {
    HoldingProcess chromium([&] { return hold_open(db); });
    ChromiumLocalStorageStore store(db);
    CHECK(store.remove(site("keep.test"), false).skipped == SkipReason::locked);
    CHECK(store.remove(site("keep.test"), true).skipped == SkipReason::locked);
  }
  // The other process's open may have compacted its own log; the site's keys are all still there.
  auto after = read_leveldb(db);
  CHECK(after.count("_http://news.keep.test:8765\0"s + latin1("ls_news")) == 1);
}

TEST_CASE("local storage: missing and symlinked databases") {
  TempDir dir;
  ChromiumLocalStorageStore missing(dir / "nope");
  CHECK(missing.remove(site("keep.test"), false).skipped == SkipReason::not_present);
  CHECK_FALSE(fs::exists(dir / "nope"));
  fs::create_directories(dir / "real");
  write_db(dir / "real", chromium_keys());
  fs::create_directory_symlink(dir / "real", dir / "link");
  ChromiumLocalStorageStore linked(dir / "link");
  CHECK(linked.remove(site("keep.test"), false).skipped == SkipReason::unsafe_path);
  CHECK(read_leveldb(dir / "real").count("_http://news.keep.test:8765\0"s + latin1("ls_news")) == 1);
}

TEST_CASE("split_storage_key and decode_local_storage_string") {
  auto parts = split_storage_key("http://ads.test:8765/^0http://keep.test^31");
  CHECK(parts.origin == "http://ads.test:8765");
  CHECK(parts.top_level_site == "http://keep.test");
  CHECK(split_storage_key("https://a.test").top_level_site == "");
  CHECK(decode_local_storage_string(latin1("caf\xe9")) == "caf\u00e9");
  CHECK(decode_local_storage_string(utf16(u"\U0001F600")) == "\U0001F600");
  CHECK(decode_local_storage_string("\x00\x00\xd8"s) == "\uFFFD");
  CHECK(decode_local_storage_string("\x07x") == "\uFFFD");
}

TEST_CASE("local storage: deleted values do not survive in the table or log files") {
  TempDir dir;
  fs::path db = chromium_database_at(dir / "leveldb");
  ChromiumLocalStorageStore store(db);
  REQUIRE(store.remove(site("keep.test"), false).handled());
  for (const auto& entry : fs::directory_iterator(db)) {
    std::string name = entry.path().filename().string();
    if (!name.ends_with(".ldb") && !name.ends_with(".log")) continue;
    std::string bytes = file_bytes(entry.path());
    CHECK_MESSAGE(bytes.find("v_news") == std::string::npos, name);
    CHECK_MESSAGE(bytes.find("v_ads_partitioned") == std::string::npos, name);
  }
}

TEST_CASE("local storage: a site with no keys leaves the database files exactly as they were") {
  TempDir dir;
  fs::path db = chromium_database_at(dir / "leveldb");
  auto before = tree_snapshot(dir.path());
  ChromiumLocalStorageStore store(db);
  StoreOutcome outcome = store.remove(site("absent.test"), false);
  CHECK(outcome.handled());
  CHECK(outcome.items.empty());
  CHECK(tree_snapshot(dir.path()) == before);
}

namespace {

// A closed Chromium profile whose Local Storage holds chromium_keys(), the keys as they were,
// and a journal folder beside it.
struct UndoableLocalStorage {
  TempDir dir;
  BrowserProfile profile = closed_profile(dir, BrowserFamily::chromium);
  fs::path db_dir = chromium_database_at(profile.path / "Local Storage" / "leveldb");
  LevelDbEntries before = read_leveldb(db_dir);
  ChromiumLocalStorageStore store{db_dir};

  // Removes the site's keys with a journal; returns the journal's folder.
  fs::path remove(const char* site, StoreOutcome& outcome) {
    return remove_with_journal(store, site, undo_settings_in(dir), profile, outcome);
  }
};

}  // namespace

TEST_CASE("local storage: undo puts every deleted key back with its value, a newer value is kept") {
  UndoableLocalStorage local;
  StoreOutcome outcome;
  fs::path journal = local.remove("example.test", outcome);
  REQUIRE_MESSAGE(outcome.handled(), outcome.message);
  REQUIRE(!journal.empty());
  auto deleted = read_leveldb(local.db_dir);
  REQUIRE(deleted == without(local.before, {"http://www.example.test:8765", "http://late.example.test"}));
  // The page ran again meanwhile and wrote a new value under one of the deleted keys.
  const std::string rewritten = "_http://www.example.test:8765\0"s + latin1("ls_www");
  REQUIRE(open_leveldb(local.db_dir)->Put(leveldb::WriteOptions(), rewritten, latin1("newer")).ok());

  UndoResult undone = undo_completely(journal);
  CHECK(undone.total().restored == 4);  // www's META, METAACCESS and UTF-16 key, late's META
  CHECK(undone.total().conflicts == 1);
  auto expected = local.before;
  expected[rewritten] = latin1("newer");
  CHECK(read_leveldb(local.db_dir) == expected);
}

TEST_CASE("local storage: undo skips a database another process holds, and can run again later") {
  UndoableLocalStorage local;
  StoreOutcome outcome;
  fs::path journal = local.remove("keep.test", outcome);
  REQUIRE(!journal.empty());
  {
    HoldingProcess chromium([&] { return hold_open(local.db_dir); });
    UndoResult refused = undo_journal(journal, false);
    CHECK_FALSE(refused.complete());
    REQUIRE(refused.stores.size() == 1);
    CHECK(refused.stores[0].skipped == SkipReason::locked);
    CHECK(fs::exists(journal));
  }
  undo_completely(journal);
  CHECK(read_leveldb(local.db_dir) == local.before);
  CHECK_FALSE(fs::exists(journal));
}
