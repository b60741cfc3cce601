// How long `delete SITE` takes on a realistic machine: 3 Chromium-family profiles (Chromium,
// Chrome, Edge) and 2 Firefox profiles, each holding 5,000 cookies over 500 sites, built from the
// real Chromium 156 and Firefox ESR 153 cookie files (tests/native-host/fixtures/cookie-stores) in a fake home.
// One timed run = discovery + running detection + deleting one site (10 of its cookies plus
// cookies partitioned under it) from all five profiles, each with its own SQLite transaction,
// secure_delete and fsync. The profiles are rebuilt before every run. Goal: <= 200 ms in total.
#include <sqlite3.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "browsers/discovery.h"
#include "deletion/site_deletion.h"
#include "warden/public_suffix.h"

namespace fs = std::filesystem;
using namespace cookiewarden;

namespace {

constexpr int kSites = 500;
constexpr int kCookiesPerSite = 10;
constexpr int kRuns = 9;

void exec(sqlite3* db, const std::string& sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
    std::fprintf(stderr, "deletion_bench: %s: %s\n", sql.c_str(), error ? error : "?");
    std::exit(1);
  }
}

// Copies the fixture and refills its table with kSites x kCookiesPerSite rows made from its own
// first row: same schema, same value encodings, only host/name/partition differ.
void build_cookie_file(const fs::path& fixture, const fs::path& to, bool chromium) {
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
    std::fprintf(stderr, "deletion_bench: %s\n", sqlite3_errmsg(db));
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
      std::string name = std::to_string(c).insert(0, 1, 'c');
      sqlite3_bind_text(insert, 1, host.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 2, name.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(insert, 3, partition.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(insert, 4, ++n);
      if (sqlite3_step(insert) != SQLITE_DONE) {
        std::fprintf(stderr, "deletion_bench: insert: %s\n", sqlite3_errmsg(db));
        std::exit(1);
      }
      sqlite3_reset(insert);
    }
  }
  sqlite3_finalize(insert);
  exec(db, "COMMIT");
  sqlite3_close(db);
}

void write_text(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::FILE* f = std::fopen(path.c_str(), "w");
  std::fputs(text.c_str(), f);
  std::fclose(f);
}

// A pristine fake home: ~/.config/{chromium,google-chrome,microsoft-edge}/Default and two
// Firefox profiles under ~/.config/mozilla/firefox.
void build_home(const fs::path& home) {
  fs::path stores = WARDEN_COOKIE_STORE_FIXTURES;
  for (const char* browser : {"chromium", "google-chrome", "microsoft-edge"}) {
    fs::path user_data = home / ".config" / browser;
    build_cookie_file(stores / "chromium156-linux-Cookies.sqlite", user_data / "Default" / "Cookies", true);
    write_text(user_data / "Local State", R"({"profile":{"info_cache":{"Default":{"name":"Person 1"}}}})");
  }
  fs::path firefox = home / ".config" / "mozilla" / "firefox";
  write_text(firefox / "profiles.ini",
             "[Profile0]\nName=main\nIsRelative=1\nPath=aaaa.main\nDefault=1\n\n"
             "[Profile1]\nName=work\nIsRelative=1\nPath=bbbb.work\n\n[General]\nStartWithLastProfile=1\nVersion=2\n");
  for (const char* profile : {"aaaa.main", "bbbb.work"}) {
    build_cookie_file(stores / "firefox153esr-cookies.sqlite", firefox / profile / "cookies.sqlite", false);
    write_text(firefox / profile / ".parentlock", "");
  }
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main() {
  std::string tmpl = (fs::temp_directory_path() / "cw-deletion-bench-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) return 1;
  fs::path root = tmpl, pristine = root / "pristine", home = root / "home";
  build_home(pristine);

  auto site = SiteMatcher::from_input("site250.test", warden::PublicSuffixList::builtin());
  std::size_t deleted = 0, profiles = 0;
  // One timed pass over fresh copies of the profiles: discovery, running detection, deletion.
  auto timed_pass = [&](bool dry_run) {
    fs::remove_all(home);
    fs::copy(pristine, home, fs::copy_options::recursive);
    auto start = std::chrono::steady_clock::now();
    Environment env{Os::linux_, home, {}};
    std::vector<BrowserProfile> found = discover_profiles(env);
    deleted = 0;
    for (const auto& profile : found) {
      DeletionResult result = delete_site(profile, *site, dry_run, UndoSettings::for_environment(env));
      if (!result.complete())
        std::fprintf(stderr, "deletion_bench: %s incomplete: %s\n", profile.path.c_str(), result.message.c_str());
      deleted += result.deleted_count();
    }
    profiles = found.size();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  };
  std::vector<double> real, dry;
  for (int run = 0; run < kRuns; ++run) {
    real.push_back(timed_pass(false));
    dry.push_back(timed_pass(true));
  }
  fs::remove_all(root);
  std::printf("delete one site from %zu profiles (3 Chromium-family + 2 Firefox, %d cookies each over %d sites):\n",
              profiles, kSites * kCookiesPerSite, kSites);
  std::printf("  %zu cookies per run; delete: median %.1f ms, min %.1f ms, max %.1f ms over %d runs (goal <= 200 ms)\n",
              deleted, median(real), *std::min_element(real.begin(), real.end()),
              *std::max_element(real.begin(), real.end()), kRuns);
  std::printf("  dry run (same path up to the first write, no commit/fsync): median %.1f ms\n", median(dry));
  return profiles == 5 ? 0 : 1;
}
