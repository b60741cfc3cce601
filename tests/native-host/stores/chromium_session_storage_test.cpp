#include "stores/chromium_session_storage.h"

#include <sys/stat.h>

#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <set>

#include "../support/leveldb_files.h"
#include "../support/store_fixtures.h"
#include "../undo/undo_support.h"
#include "warden/public_suffix.h"

using namespace cookiewarden;
using namespace cookiewarden::test;

namespace {

SiteMatcher site(const char* name) { return SiteMatcher(name, warden::PublicSuffixList::builtin()); }

const fs::path kFixture = fs::path(WARDEN_SOURCE_DIR) / "tests/native-host/fixtures/chromium-session-storage";

// A copy of the Session Storage LevelDB Chromium wrote (SESSION-FIXTURES.md).
fs::path copy_fixture(const TempDir& dir) { return copy_fixture_folder(kFixture, dir / "Session Storage"); }

// Every key and value, read with the plain LevelDB API from a copy, so that the database under
// test is not rewritten by the read.
std::map<std::string, std::string> dump(const fs::path& db_dir) {
  TempDir scratch;
  fs::copy(db_dir, scratch.path() / "db", fs::copy_options::recursive);
  return read_leveldb(scratch.path() / "db");
}

void put(const fs::path& db_dir, const std::map<std::string, std::string>& entries) {
  put_leveldb(*open_leveldb(db_dir), entries);
}

bool mentions(const std::string& key, std::string_view text) { return key.find(text) != std::string::npos; }

std::multiset<std::string> labels(const StoreOutcome& outcome) {
  std::multiset<std::string> out;
  for (const auto& item : outcome.items) out.insert(item.host + " " + item.name + " " + item.partition);
  return out;
}

}  // namespace

TEST_CASE("session storage: Chromium's database holds two namespaces sharing their maps") {
  TempDir dir;
  auto keys = dump(copy_fixture(dir));
  std::map<std::string, std::set<std::string>> maps_by_storage_key;
  for (const auto& [k, v] : keys)
    if (k.starts_with("namespace-")) maps_by_storage_key[k.substr(10 + 37)].insert(v);
  REQUIRE(maps_by_storage_key.size() == 4);
  for (const auto& [storage_key, maps] : maps_by_storage_key) CHECK_MESSAGE(maps.size() == 1, storage_key);  // one shared map
  CHECK(keys.count("version") == 1);
}

TEST_CASE("session storage: lists and deletes a site's namespaces and maps, partitioned too, others intact") {
  TempDir dir;
  fs::path db = copy_fixture(dir);
  auto before = dump(db);
  ChromiumSessionStorageStore store(db);
  StoreOutcome listed = store.inspect(site("example.test"));
  REQUIRE_MESSAGE(listed.handled(), listed.message);
  CHECK(labels(listed) == std::multiset<std::string>{"https://www.example.test:46267 ss_www ",
                                                     "https://ads.tracker.test:46267 ss_ads https://example.test"});
  for (const auto& item : listed.items) CHECK(item.kind == ItemKind::session_storage);
  CHECK(listed.total_bytes() == 2 * 2 * 5);  // "v_www", "v_ads" in UTF-16

  StoreOutcome removed = store.remove(site("example.test"), false);
  REQUIRE_MESSAGE(removed.handled(), removed.message);
  CHECK(labels(removed) == labels(listed));
  auto after = dump(db);
  // The test's own expectation: every key naming example.test goes, with the maps only those named.
  std::set<std::string> gone_maps;
  for (const auto& [k, v] : before)
    if (k.starts_with("namespace-") && mentions(k, "example.test")) gone_maps.insert("map-" + v + "-");
  REQUIRE(gone_maps.size() == 2);
  std::map<std::string, std::string> expected;
  for (const auto& [k, v] : before) {
    bool map_gone = std::any_of(gone_maps.begin(), gone_maps.end(), [&](const std::string& p) { return k.starts_with(p); });
    if (!(k.starts_with("namespace-") && mentions(k, "example.test")) && !map_gone) expected[k] = v;
  }
  CHECK(after == expected);
  CHECK(store.inspect(site("keep.test")).items.size() == 2);
  for (const auto& entry : fs::directory_iterator(db)) {
    if (entry.path().filename() == "LOCK") continue;
    CHECK_MESSAGE((fs::status(entry.path()).permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none,
                  entry.path().string());
  }
}

TEST_CASE("session storage: a map another site's namespace still uses is kept") {
  TempDir dir;
  fs::path db = copy_fixture(dir);
  std::string www_map;
  for (const auto& [k, v] : dump(db))
    if (k.starts_with("namespace-") && mentions(k, "www.example.test")) www_map = v;
  REQUIRE(!www_map.empty());
  // Not something Chromium does across origins; it stands for any namespace outside the site.
  put(db, {{"namespace-00000000_0000_0000_0000_000000000000-https://other.test/", www_map}});
  StoreOutcome removed = ChromiumSessionStorageStore(db).remove(site("example.test"), false);
  REQUIRE(removed.handled());
  auto after = dump(db);
  CHECK(after.count("map-" + www_map + "-ss_www") == 1);
  for (const auto& [k, v] : after) CHECK_FALSE((k.starts_with("namespace-") && mentions(k, "example.test")));
}

TEST_CASE("session storage: inspect and dry run change no byte, locked, missing and symlinked databases") {
  TempDir dir;
  fs::path db = copy_fixture(dir);
  auto files = tree_snapshot(db);
  ChromiumSessionStorageStore store(db);
  CHECK(store.inspect(site("example.test")).items.size() == 2);
  CHECK(store.remove(site("example.test"), true).items.size() == 2);
  CHECK(tree_snapshot(db) == files);
  {
    auto holder = open_leveldb(db);
    auto before = dump(db);
    StoreOutcome locked = store.remove(site("example.test"), false);
    CHECK(locked.skipped == SkipReason::locked);
    CHECK(dump(db) == before);
  }
  CHECK(ChromiumSessionStorageStore(dir / "none").inspect(site("example.test")).skipped == SkipReason::not_present);
  fs::create_directory_symlink(db, dir / "link");
  CHECK(ChromiumSessionStorageStore(dir / "link").remove(site("example.test"), false).skipped == SkipReason::unsafe_path);
}

TEST_CASE("session storage: undo puts the site's namespaces and maps back, every key and value") {
  TempDir dir;
  BrowserProfile profile = closed_profile(dir, BrowserFamily::chromium);
  fs::path db_dir = copy_fixture_folder(kFixture, profile.path / "Session Storage");
  auto before = dump(db_dir);
  ChromiumSessionStorageStore store(db_dir);
  StoreOutcome outcome;
  fs::path journal = remove_with_journal(store, "example.test", undo_settings_in(dir), profile, outcome);
  REQUIRE_MESSAGE(outcome.handled(), outcome.message);
  REQUIRE(!outcome.items.empty());
  REQUIRE(dump(db_dir) != before);

  UndoResult undone = undo_completely(journal);
  CHECK(undone.total().restored > 0);
  CHECK(undone.total().conflicts == 0);
  CHECK(dump(db_dir) == before);
}
