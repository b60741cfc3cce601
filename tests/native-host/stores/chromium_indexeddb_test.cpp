#include "stores/chromium_indexeddb.h"

#include <doctest/doctest.h>

#include <set>

#include "../support/chromium_quota_fixture.h"
#include "../support/dry_run_check.h"
#include "../support/store_fixtures.h"
#include "../undo/undo_support.h"
#include "warden/public_suffix.h"

namespace fs = std::filesystem;
using namespace cookiewarden;
using namespace cookiewarden::test;

namespace {

SiteMatcher site(const char* name) { return SiteMatcher(name, warden::PublicSuffixList::builtin()); }

std::set<std::string> paths_of(const StoreOutcome& outcome, const fs::path& profile) {
  std::set<std::string> out;
  for (const auto& item : outcome.items)
    out.insert(item.path.empty() ? "row " + item.host : fs::relative(item.path, profile).string());
  return out;
}

}  // namespace

TEST_CASE("indexeddb: removes the site's legacy folders, partitioned bucket folders and bucket rows") {
  TempDir dir;
  fs::path profile = make_indexeddb_profile(dir);
  ChromiumIndexedDbStore store(profile);
  StoreOutcome outcome = store.remove(site("keep.test"), false);
  REQUIRE_MESSAGE(outcome.handled(), outcome.message);
  CHECK(paths_of(outcome, profile) == std::set<std::string>{
                                          "IndexedDB/http_news.keep.test_8765.indexeddb.leveldb",
                                          "WebStorage/2",
                                          "row http://ads.tracker.test:8765/^0http://keep.test",
                                          "row http://news.keep.test:8765/",
                                      });
  CHECK(outcome.total_bytes() == 600);
  CHECK_FALSE(fs::exists(profile / "WebStorage" / "2"));
  CHECK_FALSE(fs::exists(profile / "IndexedDB" / "http_news.keep.test_8765.indexeddb.leveldb"));
  CHECK(fs::exists(profile / "WebStorage" / "4"));
  CHECK(fs::exists(profile / "IndexedDB" / "http_www.example.test_8765.indexeddb.leveldb"));
  RawDb after(profile / "WebStorage" / "QuotaManager");
  CHECK(after.rows("SELECT id FROM buckets ORDER BY id") == std::vector<std::string>{"1", "4"});
  CHECK(after.text("PRAGMA integrity_check") == "ok");
  for (const auto& entry : fs::recursive_directory_iterator(profile))
    CHECK(entry.path().string().find("cookiewarden") == std::string::npos);
}

TEST_CASE("indexeddb: the .blob folder goes with its .leveldb folder") {
  TempDir dir;
  fs::path profile = make_indexeddb_profile(dir);
  ChromiumIndexedDbStore store(profile);
  StoreOutcome outcome = store.remove(site("example.test"), false);
  REQUIRE(outcome.handled());
  CHECK(outcome.count(ItemKind::indexeddb) == 2);
  CHECK(outcome.count(ItemKind::quota_record) == 1);
  CHECK(outcome.total_bytes() == 350);
  CHECK_FALSE(fs::exists(profile / "IndexedDB" / "http_www.example.test_8765.indexeddb.blob"));
}

TEST_CASE("indexeddb: inspect and dry run list what a real run removes, changing nothing") {
  TempDir dir;
  fs::path profile = make_indexeddb_profile(dir);
  ChromiumIndexedDbStore store(profile);
  StoreOutcome real = remove_after_inspect_and_dry_run(store, site("tracker.test"), dir.path(),
                                                      [&](const StoreOutcome& o) { return paths_of(o, profile); });
  CHECK(real.count(ItemKind::quota_record) == 2);
}

TEST_CASE("indexeddb: a bucket folder linking outside the profile refuses the store, nothing changed") {
  TempDir dir;
  fs::path profile = make_indexeddb_profile(dir);
  write_file(dir / "elsewhere" / "precious", "p");
  fs::create_directory_symlink(dir / "elsewhere", profile / "WebStorage" / "2" / "escape");
  auto before = tree_snapshot(dir.path());
  ChromiumIndexedDbStore store(profile);
  StoreOutcome outcome = store.remove(site("keep.test"), false);
  CHECK(outcome.skipped == SkipReason::unsafe_path);
  CHECK(outcome.items.empty());
  CHECK(tree_snapshot(dir.path()) == before);
}

TEST_CASE("indexeddb: a symlinked legacy folder is refused") {
  TempDir dir;
  fs::path profile = make_indexeddb_profile(dir);
  write_file(dir / "elsewhere" / "000003.log", "x");
  fs::create_directory_symlink(dir / "elsewhere", profile / "IndexedDB" / "https_keep.test_0.indexeddb.leveldb");
  ChromiumIndexedDbStore store(profile);
  CHECK(store.remove(site("keep.test"), false).skipped == SkipReason::unsafe_path);
  CHECK(fs::exists(dir / "elsewhere" / "000003.log"));
  CHECK(fs::exists(profile / "WebStorage" / "2"));
}

TEST_CASE("indexeddb: a locked QuotaManager skips the store, nothing changed") {
  TempDir dir;
  fs::path profile = make_indexeddb_profile(dir);
  auto before = tree_snapshot(dir.path());
  RawDb chromium(profile / "WebStorage" / "QuotaManager");
  chromium.exec("BEGIN IMMEDIATE");
  chromium.exec("UPDATE buckets SET use_count = 2");
  ChromiumIndexedDbStore store(profile);
  CHECK(store.remove(site("keep.test"), false).skipped == SkipReason::locked);
  chromium.exec("ROLLBACK");
  CHECK(tree_snapshot(dir.path()) == before);
}

TEST_CASE("indexeddb: a profile without IndexedDB reports not_present, folder names parse") {
  TempDir dir;
  ChromiumIndexedDbStore store(dir.path());
  CHECK(store.inspect(site("keep.test")).skipped == SkipReason::not_present);
  CHECK(store.remove(site("keep.test"), false).skipped == SkipReason::not_present);
  CHECK(indexeddb_folder_host("https_www.example.com_0.indexeddb.leveldb") == "www.example.com");
  CHECK(indexeddb_folder_host("http_localhost_8080.indexeddb.blob") == "localhost");
  CHECK(indexeddb_folder_host("chrome-extension_abc_0.indexeddb.leveldb") == "abc");
  CHECK(indexeddb_folder_host("LOCK") == "");
  CHECK(indexeddb_folder_host("bad.indexeddb.leveldb") == "");
}

TEST_CASE("indexeddb: an IndexedDB folder that is a symlink loop is not thrown, nothing changed") {
  TempDir dir;
  fs::create_directory_symlink("IndexedDB", dir / "IndexedDB");
  fs::create_directory_symlink("WebStorage", dir / "WebStorage");
  ChromiumIndexedDbStore store(dir.path());
  check_symlink_loop_is_harmless(store, site("keep.test"), dir / "IndexedDB");
  CHECK(fs::read_symlink(dir / "WebStorage") == "WebStorage");
}

TEST_CASE("indexeddb: undo brings back the folders byte for byte and the bucket rows with their ids") {
  TempDir dir;
  fs::path path = make_indexeddb_profile(dir);
  BrowserProfile profile = closed_profile_at(BrowserFamily::chromium, dir.path(), "Default");
  auto folders_before = tree_snapshot(path);
  folders_before.erase("WebStorage/QuotaManager");  // SQLite's own bytes change; its rows are compared
  std::vector<std::string> buckets_before;
  {
    RawDb quota(path / "WebStorage" / "QuotaManager");
    buckets_before = exact_rows(quota, "buckets", "1");
  }
  ChromiumIndexedDbStore store(path);
  StoreOutcome outcome;
  fs::path journal = remove_with_journal(store, "keep.test", undo_settings_in(dir), profile, outcome);
  REQUIRE_MESSAGE(outcome.handled(), outcome.message);
  CHECK_FALSE(fs::exists(path / "WebStorage" / "2"));
  // Moved, not copied: the journal holds the folders (same file system here).
  CHECK(fs::exists(journal / "folders" / "1"));
  CHECK(fs::exists(journal / "folders" / "2"));

  UndoResult undone = undo_completely(journal);
  CHECK(undone.total().restored == 4);  // 2 bucket rows + 2 folders
  auto folders_after = tree_snapshot(path);
  folders_after.erase("WebStorage/QuotaManager");
  CHECK(folders_after == folders_before);
  RawDb quota(path / "WebStorage" / "QuotaManager");
  CHECK(exact_rows(quota, "buckets", "1") == buckets_before);
  CHECK(quota.text("PRAGMA integrity_check") == "ok");
}
