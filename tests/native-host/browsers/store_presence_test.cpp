#include "browsers/store_presence.h"

#include <doctest/doctest.h>

#include "../support/store_fixtures.h"

using namespace cookiewarden;
using cookiewarden::test::TempDir;
using cookiewarden::test::write_file;
namespace fs = std::filesystem;

namespace {

const StorePresence& store(const std::vector<StorePresence>& all, std::string_view name) {
  for (const auto& s : all)
    if (s.store == name) return s;
  FAIL("no store " << name);
  return all.front();
}

}  // namespace

TEST_CASE("store presence: Chromium cookies at the top or under Network/, Local Storage, IndexedDB") {
  TempDir dir;
  BrowserProfile p{"chrome", "Google Chrome", BrowserFamily::chromium, "Default", "Default", dir.path(), dir / "Default", true};
  write_file(dir / "Default/Cookies", "x");
  fs::create_directories(dir / "Default/Local Storage/leveldb");
  auto stores = store_presence(p);
  CHECK(store(stores, "cookies").path == dir / "Default/Cookies");
  CHECK(store(stores, "cookies").readable);
  CHECK(store(stores, "local_storage").readable);
  CHECK_FALSE(store(stores, "indexeddb").present);

  write_file(dir / "Default/Network/Cookies", "x");  // Windows layout wins when present
  CHECK(store(store_presence(p), "cookies").path == dir / "Default/Network/Cookies");
}

TEST_CASE("store presence: a symlinked store is present but not readable (never followed)" * doctest::skip(test::kCannotCreateSymlinks)) {
  TempDir dir, outside;
  write_file(outside / "cookies.sqlite", "x");
  fs::create_directories(dir / "p");
  fs::create_symlink(outside / "cookies.sqlite", dir / "p/cookies.sqlite");
  BrowserProfile p{"firefox", "Firefox", BrowserFamily::firefox, "p", "p", dir.path(), dir / "p", true};
  auto stores = store_presence(p);
  CHECK(store(stores, "cookies").present);
  CHECK_FALSE(store(stores, "cookies").readable);
  CHECK_FALSE(store(stores, "storage").present);
}

TEST_CASE("store presence: Safari default and named profiles") {
  TempDir lib;
  write_file(lib / "Cookies/Cookies.binarycookies", "cook");
  BrowserProfile def{"safari", "Safari", BrowserFamily::safari, "Default", "Default", lib.path(), lib.path(), true};
  auto stores = store_presence(def);
  CHECK(store(stores, "cookies").readable);
  CHECK(store(stores, "website_data").path == lib / "WebKit/WebsiteData");
  BrowserProfile named{"safari", "Safari", BrowserFamily::safari, "6F1C2A4B-8D3E-4F5A-9B7C-0D1E2F3A4B5C", "Work",
                       lib.path(), lib / "store", false};
  CHECK(store(store_presence(named), "website_data").path == lib / "store/Origins");
}
