// The fake home the native-host benchmarks run on: 3 Chromium-family profiles (Chromium, Chrome,
// Edge) and 2 Firefox profiles, each holding 5,000 cookies over 500 sites, built from the real
// Chromium 156 and Firefox ESR 153 cookie files (tests/native-host/fixtures/cookie-stores). Each
// benchmark says what its cookies are called. And the median the benchmarks report.
#pragma once

#include <sqlite3.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace cookiewarden::bench {

namespace fs = std::filesystem;

inline constexpr int kSites = 500;
inline constexpr int kCookiesPerSite = 10;

inline void exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::fprintf(stderr, "bench: %s: %s\n", sql.c_str(), error ? error : "?");
    std::exit(1);
  }
}

// Copies the fixture and refills its table with kSites x kCookiesPerSite rows made from its own
// first row: same schema, same value encodings, only host/name/partition differ. The c-th cookie
// of every site is called cookie_name(c).
inline void build_cookie_file(const fs::path& fixture, const fs::path& to, bool chromium,
                              std::string (*cookie_name)(int index)) {
  fs::create_directories(to.parent_path());
  fs::copy_file(fixture, to, fs::copy_options::overwrite_existing);
  fs::permissions(to, fs::perms::owner_read | fs::perms::owner_write);
  sqlite3* db = nullptr;
  if (sqlite3_open(to.c_str(), &db) != SQLITE_OK) std::exit(1);
  const char* table = chromium ? "cookies" : "moz_cookies";
  exec(db, std::string("CREATE TEMP TABLE tpl AS SELECT * FROM ") + table + " LIMIT 1");
  exec(db, std::string("DELETE FROM ") + table);
  exec(db, "BEGIN");
  sqlite3_stmt* insert = nullptr;
  std::string sql = chromium
      ? "INSERT INTO cookies SELECT creation_utc + ?4, ?1, ?3, ?2, value, encrypted_value, path, expires_utc, is_secure,"
        " is_httponly, last_access_utc, has_expires, is_persistent, priority, samesite, source_scheme, source_port,"
        " last_update_utc, source_type, ?3 != '' FROM tpl"
      : "INSERT INTO moz_cookies (originAttributes, name, value, host, path, expiry, lastAccessed, creationTime,"
        " isSecure, isHttpOnly, inBrowserElement, sameSite, schemeMap, isPartitionedAttributeSet, updateTime)"
        " SELECT ?3, ?2, value, ?1, path, expiry, lastAccessed, creationTime + ?4, isSecure, isHttpOnly, inBrowserElement,"
        " sameSite, schemeMap, ?3 != '', updateTime FROM tpl";
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &insert, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "bench: %s\n", sqlite3_errmsg(db));
    std::exit(1);
  }
  int n = 0;
  for (int s = 0; s < kSites; ++s) {
    std::string site = "site" + std::to_string(s) + ".test";
    for (int c = 0; c < kCookiesPerSite; ++c) {
      // Mostly first-party (host-only and domain cookies); one in ten is a third party's cookie
      // partitioned under the next site.
      std::string host = c % 3 == 0 ? "." + site : (c % 3 == 1 ? "www." + site : "cdn." + site);
      std::string partition;
      if (c == kCookiesPerSite - 1) {
        std::string top = "site" + std::to_string((s + 1) % kSites) + ".test";
        partition = chromium ? "https://" + top : "^partitionKey=%28https%2C" + top + "%29";
      }
      std::string name = cookie_name(c);
      sqlite3_bind_text(insert, 1, host.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 2, name.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 3, partition.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(insert, 4, ++n);
      if (sqlite3_step(insert) != SQLITE_DONE) {
        std::fprintf(stderr, "bench: insert: %s\n", sqlite3_errmsg(db));
        std::exit(1);
      }
      sqlite3_reset(insert);
    }
  }
  sqlite3_finalize(insert);
  exec(db, "COMMIT");
  sqlite3_close(db);
}

inline void write_text(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::FILE* f = std::fopen(path.c_str(), "w");
  std::fputs(text.c_str(), f);
  std::fclose(f);
}

// A pristine fake home: ~/.config/{chromium,google-chrome,microsoft-edge}/Default and two
// Firefox profiles under ~/.config/mozilla/firefox.
inline void build_home(const fs::path& home, std::string (*cookie_name)(int index)) {
  fs::path stores = WARDEN_COOKIE_STORE_FIXTURES;
  for (const char* browser : {"chromium", "google-chrome", "microsoft-edge"}) {
    fs::path user_data = home / ".config" / browser;
    build_cookie_file(stores / "chromium156-linux-Cookies.sqlite", user_data / "Default" / "Cookies", true, cookie_name);
    write_text(user_data / "Local State", R"({"profile":{"info_cache":{"Default":{"name":"Person 1"}}}})");
  }
  fs::path firefox = home / ".config" / "mozilla" / "firefox";
  write_text(firefox / "profiles.ini",
             "[Profile0]\nName=main\nIsRelative=1\nPath=aaaa.main\nDefault=1\n\n"
             "[Profile1]\nName=work\nIsRelative=1\nPath=bbbb.work\n\n[General]\nStartWithLastProfile=1\nVersion=2\n");
  for (const char* profile : {"aaaa.main", "bbbb.work"}) {
    build_cookie_file(stores / "firefox153esr-cookies.sqlite", firefox / profile / "cookies.sqlite", false, cookie_name);
    write_text(firefox / profile / ".parentlock", "");
  }
}

inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace cookiewarden::bench
