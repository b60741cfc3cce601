// The WebKit stores on bytes WebKit wrote: GNOME Web's site storage after visiting www.example.test
// and news.keep.test, each embedding ads.tracker.test, and a service worker and a CacheStorage cache
// on localhost and 127.0.0.1 (port 39393) (tests/native-host/fixtures/gnome-web{,-cache}), and
// the same general-storage folders under Safari's path (the Safari code path on WebKit's bytes).
// The stores are driven directly, as delete_site does after its running check, so that a GNOME Web
// running elsewhere on the machine cannot change the outcome.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "../undo/undo_support.h"
#include "browsers/gnome_web_profiles.h"
#include "deletion/site_deletion.h"
#include "deletion/site_store.h"

namespace fs = std::filesystem;
using namespace cookiewarden;
using cookiewarden::test::TempDir;
using cookiewarden::test::site_named;
using cookiewarden::test::undo_completely;

namespace {

const fs::path kFixture = fs::path(WARDEN_SOURCE_DIR) / "tests/native-host/fixtures/gnome-web";
const fs::path kCacheFixture = fs::path(WARDEN_SOURCE_DIR) / "tests/native-host/fixtures/gnome-web-cache";

// ~/.local/share/epiphany and ~/.cache/epiphany, as GNOME Web left them.
BrowserProfile gnome_web_copy(const TempDir& dir) {
  fs::path root = dir / "home" / ".local" / "share" / "epiphany";
  fs::create_directories(root);
  fs::copy(kFixture, root, fs::copy_options::recursive);
  fs::create_directories(dir / "home" / ".cache" / "epiphany");
  fs::copy(kCacheFixture, dir / "home" / ".cache" / "epiphany", fs::copy_options::recursive);
  return BrowserProfile{"epiphany", "GNOME Web", BrowserFamily::webkit, "Default", "Default", root, root, true};
}

// Safari's default profile (the container's Data/Library) holding GNOME Web's storage/ as
// WebKit/WebsiteData/Default: the same WebKit general-storage layout.
BrowserProfile safari_copy(const TempDir& dir) {
  fs::path library = dir / "Library" / "Containers" / "com.apple.Safari" / "Data" / "Library";
  fs::create_directories(library / "WebKit" / "WebsiteData");
  fs::copy(kFixture / "storage", library / "WebKit" / "WebsiteData" / "Default", fs::copy_options::recursive);
  return BrowserProfile{"safari", "Safari", BrowserFamily::safari, "Default", "Default", dir / "Library", library, true};
}

// store id → "kind host name [partition]" of each item, sorted.
using Listing = std::map<std::string, std::vector<std::string>>;

Listing listing(const std::vector<StoreOutcome>& outcomes) {
  Listing out;
  for (const StoreOutcome& outcome : outcomes) {
    REQUIRE_MESSAGE((outcome.handled() || outcome.skipped == SkipReason::not_present), outcome.store, ": ", outcome.message);
    auto& lines = out[outcome.store];
    for (const SiteItem& item : outcome.items)
      lines.push_back(std::string(item_kind_name(item.kind)) + " " + item.host + " " + item.name +
                      (item.partition.empty() ? "" : " [" + item.partition + "]"));
    std::sort(lines.begin(), lines.end());
  }
  return out;
}

Listing inspect(const std::vector<std::unique_ptr<SiteStore>>& stores, const char* site) {
  std::vector<StoreOutcome> outcomes;
  for (const auto& store : stores) outcomes.push_back(store->inspect(site_named(site)));
  return listing(outcomes);
}

Listing remove(const std::vector<std::unique_ptr<SiteStore>>& stores, const char* site, bool dry_run) {
  std::vector<StoreOutcome> outcomes;
  for (const auto& store : stores) outcomes.push_back(store->remove(site_named(site), dry_run));
  return listing(outcomes);
}

const Listing kExampleInGnomeWeb = {
    {"webkit_service_workers", {}},
    {"webkit_cache_storage", {}},
    {"libsoup_cookies", {"cookie www.example.test js_www", "cookie www.example.test srv_www"}},
    {"webkit_local_storage", {"local_storage http://www.example.test ls_www"}},
    {"webkit_indexeddb", {"indexeddb http://www.example.test "}},
    // Its own partition whole, and the folder WebKit made for it under the tracker's.
    {"webkit_origin_storage",
     {"folder http://www.example.test ", "folder http://www.example.test  [http://ads.tracker.test]"}},
};

}  // namespace

TEST_CASE("GNOME Web: each WebKit store finds exactly example.test's data in files WebKit wrote") {
  TempDir dir;
  BrowserProfile profile = gnome_web_copy(dir);
  auto stores = site_stores_for(profile);
  CHECK(inspect(stores, "example.test") == kExampleInGnomeWeb);
  CHECK(remove(stores, "example.test", /*dry_run=*/true) == kExampleInGnomeWeb);
  // The tracker's own data: its folders under both sites' partitions and its own partition.
  Listing tracker = inspect(stores, "tracker.test");
  CHECK(tracker["webkit_origin_storage"].size() == 3);
  CHECK(tracker["libsoup_cookies"].empty());  // WebKit blocks third-party cookies
}

TEST_CASE("GNOME Web: service-worker registrations and CacheStorage of localhost, not of 127.0.0.1") {
  TempDir dir;
  BrowserProfile profile = gnome_web_copy(dir);
  auto stores = site_stores_for(profile);
  const Listing local = {
      {"libsoup_cookies", {}},
      {"webkit_local_storage", {}},
      {"webkit_indexeddb", {}},
      {"webkit_origin_storage", {"folder http://localhost:39393 "}},
      {"webkit_service_workers", {"quota_record http://localhost:39393 service worker /"}},
      {"webkit_cache_storage", {"folder http://localhost:39393 "}},
  };
  CHECK(inspect(stores, "localhost") == local);
  Listing loop_before = inspect(stores, "127.0.0.1");
  REQUIRE(loop_before["webkit_service_workers"].size() == 1);
  REQUIRE(loop_before["webkit_cache_storage"].size() == 1);
  CHECK(remove(stores, "localhost", false) == local);
  for (const auto& [store, items] : inspect(stores, "localhost")) CHECK_MESSAGE(items.empty(), store);
  CHECK(inspect(stores, "127.0.0.1") == loop_before);
}

TEST_CASE("GNOME Web: the cache folder beside the data folder, for the usual and the Flatpak layout") {
  CHECK(gnome_web_cache_dir("/home/a/.local/share/epiphany") == "/home/a/.cache/epiphany");
  CHECK(gnome_web_cache_dir("/home/a/.var/app/org.gnome.Epiphany/data/epiphany") ==
        "/home/a/.var/app/org.gnome.Epiphany/cache/epiphany");
  CHECK(gnome_web_cache_dir("/srv/xdg-data/epiphany").empty());
}

TEST_CASE("GNOME Web: deleting example.test leaves keep.test and the tracker's other partition as they were") {
  TempDir dir;
  BrowserProfile profile = gnome_web_copy(dir);
  auto stores = site_stores_for(profile);
  Listing keep_before = inspect(stores, "keep.test");
  REQUIRE(keep_before["webkit_local_storage"] == std::vector<std::string>{"local_storage http://news.keep.test ls_news"});
  CHECK(remove(stores, "example.test", false) == kExampleInGnomeWeb);
  Listing nothing = inspect(stores, "example.test");
  for (const auto& [store, items] : nothing) CHECK_MESSAGE(items.empty(), store);
  CHECK(inspect(stores, "keep.test") == keep_before);
  CHECK_FALSE(fs::exists(profile.path / "localstorage" / "http_www.example.test_0.localstorage"));
  CHECK_FALSE(fs::exists(profile.path / "databases" / "indexeddb" / "v1" / "http_www.example.test_0"));
  CHECK(fs::exists(profile.path / "databases" / "indexeddb" / "v1" / "http_news.keep.test_0"));
  CHECK(fs::exists(profile.path / "storage" / "salt"));
}

TEST_CASE("GNOME Web: undo puts every removed file and cookie back") {
  TempDir dir;
  BrowserProfile profile = gnome_web_copy(dir);
  auto stores = site_stores_for(profile);
  UndoSettings settings = cookiewarden::test::undo_settings_in(dir);
  std::string error;
  auto journal = DeletionJournal::open(settings, "example.test test", profile, error);
  REQUIRE_MESSAGE(journal, error);
  fs::path folder = journal->folder();
  for (const auto& store : stores) {
    REQUIRE(store->undoable());
    store->record_removals_in(&journal->for_store(std::string(store->id())));
    StoreOutcome outcome = store->remove(site_named("example.test"), false);
    REQUIRE_MESSAGE(outcome.handled(), outcome.message);
    store->record_removals_in(nullptr);
  }
  REQUIRE(journal->close({}));
  for (const auto& [store, items] : inspect(stores, "example.test")) REQUIRE_MESSAGE(items.empty(), store);

  UndoResult undone = undo_completely(folder);
  CHECK(undone.total().conflicts == 0);
  CHECK(inspect(stores, "example.test") == kExampleInGnomeWeb);
}

TEST_CASE("Safari layout: WebKit's general-storage folders go through Safari's stores") {
  TempDir dir;
  BrowserProfile profile = safari_copy(dir);
  auto stores = site_stores_for(profile);
  Listing example = inspect(stores, "example.test");
  CHECK(example["webkit_origin_storage"] == kExampleInGnomeWeb.at("webkit_origin_storage"));
  Listing keep_before = inspect(stores, "keep.test");
  CHECK(remove(stores, "example.test", false)["webkit_origin_storage"] == kExampleInGnomeWeb.at("webkit_origin_storage"));
  CHECK(inspect(stores, "example.test")["webkit_origin_storage"].empty());
  CHECK(inspect(stores, "keep.test") == keep_before);
}
