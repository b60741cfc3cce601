// Test support: Chromium IndexedDB and WebStorage buckets as Chromium 156 lays them out, with the
// QuotaManager database that lists the buckets (a store made of folders plus rows).
#pragma once

#include <sqlite3.h>

#include <string>

#include "store_fixtures.h"

namespace cookiewarden::test {

// WebStorage/QuotaManager as Chromium 156 creates it (shared/notes/browser-storage.md §1.6).
inline void create_quota_manager(const fs::path& file) {
  fs::create_directories(file.parent_path());
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(file.c_str(), &db) == SQLITE_OK);
  sqlite3_close(db);
  RawDb raw(file);
  raw.exec(
      "CREATE TABLE meta(key LONGVARCHAR NOT NULL UNIQUE PRIMARY KEY, value LONGVARCHAR);"
      "INSERT INTO meta VALUES ('version', '11'), ('last_compatible_version', '10');"
      "CREATE TABLE buckets(id INTEGER PRIMARY KEY AUTOINCREMENT, storage_key TEXT NOT NULL, host TEXT NOT NULL,"
      " name TEXT NOT NULL, use_count INTEGER NOT NULL, last_accessed INTEGER NOT NULL, last_modified INTEGER NOT NULL,"
      " expiration INTEGER NOT NULL, quota INTEGER NOT NULL, persistent INTEGER NOT NULL, durability INTEGER NOT NULL) STRICT;"
      "CREATE UNIQUE INDEX buckets_by_storage_key ON buckets(storage_key, name);"
      "CREATE INDEX buckets_by_host ON buckets(host);"
      "INSERT INTO buckets VALUES (1, 'http://www.example.test:8765/', 'www.example.test', '_default', 1, 0, 0, 0, 0, 0, 0);"
      "INSERT INTO buckets VALUES (2, 'http://ads.tracker.test:8765/^0http://keep.test', 'ads.tracker.test', '_default', 1, 0, 0, 0, 0, 0, 0);"
      "INSERT INTO buckets VALUES (3, 'http://news.keep.test:8765/', 'news.keep.test', '_default', 1, 0, 0, 0, 0, 0, 0);"
      "INSERT INTO buckets VALUES (4, 'http://ads.tracker.test:8765/', 'ads.tracker.test', '_default', 1, 0, 0, 0, 0, 0, 0);");
}

// A Chromium profile's IndexedDB and WebStorage folders for the notes' three test sites.
inline fs::path make_indexeddb_profile(const TempDir& dir) {
  fs::path profile = dir / "Default";
  write_file(profile / "IndexedDB" / "http_www.example.test_8765.indexeddb.leveldb" / "000003.log", std::string(300, 'w'));
  write_file(profile / "IndexedDB" / "http_www.example.test_8765.indexeddb.blob" / "1" / "00" / "1", std::string(50, 'b'));
  write_file(profile / "IndexedDB" / "http_news.keep.test_8765.indexeddb.leveldb" / "000003.log", std::string(200, 'n'));
  write_file(profile / "IndexedDB" / "http_ads.tracker.test_8765.indexeddb.leveldb" / "CURRENT", "MANIFEST-000001\n");
  write_file(profile / "WebStorage" / "2" / "IndexedDB" / "indexeddb.leveldb" / "000003.log", std::string(400, 'a'));
  write_file(profile / "WebStorage" / "4" / "CacheStorage" / "index.txt", "http://ads.tracker.test:8765/");
  create_quota_manager(profile / "WebStorage" / "QuotaManager");
  return profile;
}

}  // namespace cookiewarden::test
