// `cookiewarden delete example.test` SIGKILLed at random moments, at least 50 times, on large
// stores (ten thousand cookie rows per site and cookie database, 5,000 localStorage keys, 30 origin
// folders with their quota rows) in a Chromium and a Firefox profile, the Firefox profile's
// session restore files (sessionstore.jsonlz4 and sessionstore-backups/recovery.jsonlz4, written
// by Firefox ESR), and a Safari profile in the macOS layout under the home (the real
// Cookies.binarycookies of the fixtures with 2,000 more records per site; `--browser safari` has
// the host look there on Linux). After each kill every store must be valid (SQLite
// integrity_check, LevelDB opened with paranoid checks, mozLz4 decoded and its JSON parsed, the
// binarycookies parsed with its checksum) and hold either the before or the after state of
// example.test, with keep.test exactly as before. A
// store made of folders plus rows may be half-way after the kill; the next run (deleting another
// site) must roll it forward, and then nothing of a copy may be left: no removal folder, no
// scratch copy, no temporary file, no SingletonLock of ours.
#include <signal.h>

#include <doctest/doctest.h>

#include <chrono>
#include <cstring>
#include <memory>
#include <optional>
#include <random>
#include <thread>

#include <nlohmann/json.hpp>

#include "../support/chromium_quota_fixture.h"
#include "../support/host_process.h"
#include "../support/leveldb_files.h"
#include "../support/store_fixtures.h"
#include "stores/mozlz4.h"
#include "stores/safari_binarycookies.h"

namespace fs = std::filesystem;
using namespace cookiewarden::test;
using namespace std::string_literals;

namespace {

constexpr int kRuns = 50;
constexpr int kCookiesPerSite = 10000;
constexpr int kStorageKeysPerSite = 5000;
constexpr int kFoldersPerSite = 30;
constexpr int kSafariCookiesPerSite = 2000;

const char* const kSites[] = {"example.test", "keep.test"};

struct Layout {
  fs::path home;
  fs::path chromium() const { return home / ".config" / "chromium" / "Default"; }
  fs::path firefox() const { return home / ".config" / "mozilla" / "firefox" / "abcd.default-esr"; }
  fs::path local_storage() const { return chromium() / "Local Storage" / "leveldb"; }
  fs::path sessionstore() const { return firefox() / "sessionstore.jsonlz4"; }
  fs::path recovery() const { return firefox() / "sessionstore-backups" / "recovery.jsonlz4"; }
  fs::path safari_cookies() const { return home / "Library" / "Cookies" / "Cookies.binarycookies"; }
  fs::path runtime() const { return home / "runtime"; }
  fs::path tmp() const { return home / "tmp"; }
};

// Copies of a template row with the host and name changed: the browsers' own rows, many times.
void add_cookies(RawDb& db, const std::string& table, const std::string& host_column, const char* site, int count) {
  std::string columns, values;
  for (const std::string& name : db.rows("SELECT name FROM pragma_table_info('" + table + "')")) {
    columns += (columns.empty() ? "" : ", ") + name;
    if (name == host_column) values += "'.s' || (seq_n % 50) || '."s + site + "'";
    else if (name == "name") values += "'c' || seq_n";
    else if (name == "id") values += "NULL";
    else if (name == "originAttributes" || name == "top_frame_site_key") values += "''";
    else values += name;
    values += ", ";
  }
  values.resize(values.size() - 2);
  db.exec("WITH RECURSIVE seq(seq_n) AS (SELECT 1 UNION ALL SELECT seq_n + 1 FROM seq WHERE seq_n < " +
          std::to_string(count) + ") INSERT INTO " + table + " (" + columns + ") SELECT " + values + " FROM seq, (SELECT * FROM " +
          table + " LIMIT 1)");
}

std::string storage_key(const char* site, int i) { return "https://s" + std::to_string(i % 50) + "." + site; }
std::string ls_key(const char* site, int i) { return "_" + storage_key(site, i) + "\0\x01"s + "key" + std::to_string(i); }
std::string ls_value(int i) { return "\x01"s + std::string(64, static_cast<char>('a' + i % 26)); }

void make_local_storage(const fs::path& dir) {
  fs::create_directories(dir.parent_path());
  LevelDbEntries entries{{"VERSION", "1"}};
  for (const char* site : kSites) {
    for (int i = 0; i < 50; ++i) entries["META:" + storage_key(site, i)] = "\x08\x01\x10\x05"s;
    for (int i = 0; i < kStorageKeysPerSite; ++i) entries[ls_key(site, i)] = ls_value(i);
  }
  auto db = open_leveldb(dir, true);
  put_leveldb(*db, entries);
  db->CompactRange(nullptr, nullptr);
}

// IndexedDB bucket folders and their QuotaManager rows (a store of folders plus rows).
void add_buckets(const fs::path& profile) {
  RawDb quota(profile / "WebStorage" / "QuotaManager");
  int id = 100;
  for (const char* site : kSites) {
    for (int i = 0; i < kFoldersPerSite; ++i, ++id) {
      std::string host = "b" + std::to_string(i) + "." + site;
      quota.exec("INSERT INTO buckets VALUES (" + std::to_string(id) + ", 'https://" + host + "/', '" + host +
                 "', '_default', 1, 0, 0, 0, 0, 0, 0)");
      write_file(profile / "WebStorage" / std::to_string(id) / "IndexedDB" / "indexeddb.leveldb" / "000003.log",
                 std::string(2000, 'x'));
    }
  }
}

// Firefox's per-origin folders and storage.sqlite's origin rows (folders plus rows).
void add_origins(const fs::path& profile) {
  fs::create_directories(profile);
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open((profile / "storage.sqlite").c_str(), &raw) == SQLITE_OK);
  sqlite3_close(raw);
  RawDb storage(profile / "storage.sqlite");
  storage.exec("CREATE TABLE origin(repository_id INTEGER NOT NULL, suffix TEXT, group_ TEXT NOT NULL, origin TEXT NOT NULL,"
               " usage INTEGER NOT NULL, PRIMARY KEY (repository_id, origin))");
  for (const char* site : kSites) {
    for (int i = 0; i < kFoldersPerSite; ++i) {
      std::string host = "o" + std::to_string(i) + "." + site;
      storage.exec("INSERT INTO origin VALUES (2, '', '"s + site + "', 'https://" + host + "', 2000)");
      write_file(profile / "storage" / "default" / ("https+++" + host) / "ls" / "data.sqlite", std::string(2000, 'y'));
    }
  }
}

using Bytes = std::vector<std::uint8_t>;

void put_le32(Bytes& b, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
void put_be32(Bytes& b, std::uint32_t v) {
  for (int i = 3; i >= 0; --i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
void put_le_double(Bytes& b, double v) {
  std::uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  for (int i = 0; i < 8; ++i) b.push_back(static_cast<std::uint8_t>(bits >> (8 * i)));
}

// One record as Safari stores it (safari_binarycookies.h): a Secure cookie without port or comment.
Bytes binarycookie_record(const std::string& domain, const std::string& name, const std::string& value) {
  std::string strings = domain + '\0' + name + '\0' + "/" + '\0' + value + '\0';
  const std::uint32_t fixed = 56;
  Bytes r;
  put_le32(r, fixed + static_cast<std::uint32_t>(strings.size()));
  for (std::uint32_t field : {0u, 1u, 0u}) put_le32(r, field);  // version, flags (Secure), has_port
  std::uint32_t at = fixed;
  for (const std::string* s : {&domain, &name}) {
    put_le32(r, at);
    at += static_cast<std::uint32_t>(s->size()) + 1;
  }
  put_le32(r, at);       // path
  put_le32(r, at + 2);   // value
  put_le32(r, 0);        // no comment
  put_le32(r, 0);        // no comment URL
  put_le_double(r, 9.0e8);  // expiry: 2029
  put_le_double(r, 7.0e8);  // creation: 2023
  r.insert(r.end(), strings.begin(), strings.end());
  return r;
}

Bytes binarycookie_page(const std::vector<Bytes>& records) {
  Bytes page{0x00, 0x00, 0x01, 0x00};
  put_le32(page, static_cast<std::uint32_t>(records.size()));
  std::uint32_t offset = 8 + 4 * static_cast<std::uint32_t>(records.size()) + 4;
  for (const Bytes& r : records) {
    put_le32(page, offset);
    offset += static_cast<std::uint32_t>(r.size());
  }
  put_le32(page, 0);
  for (const Bytes& r : records) page.insert(page.end(), r.begin(), r.end());
  return page;
}

// The real Safari file of the fixtures (its pages and trailer as they are) with pages of
// example.test's and keep.test's cookies added, 100 records a page.
void make_safari_cookies(const fs::path& file) {
  std::string real = file_bytes(fs::path(WARDEN_SOURCE_DIR) / "tests/native-host/fixtures/binarycookies" /
                                "kooky-safari-macos-cookie-db.binarycookies");
  Bytes real_bytes(real.begin(), real.end());
  auto jar = cookiewarden::parse_binarycookies(real_bytes);
  REQUIRE(jar.ok());
  std::vector<Bytes> pages;
  for (const auto& page : jar->pages) pages.emplace_back(page.bytes.begin(), page.bytes.end());
  for (const char* site : kSites) {
    std::vector<Bytes> records;
    for (int i = 0; i < kSafariCookiesPerSite; ++i) {
      records.push_back(binarycookie_record(".s" + std::to_string(i % 50) + "." + site, "c" + std::to_string(i),
                                            std::string(64, static_cast<char>('a' + i % 26))));
      if (records.size() == 100) pages.push_back(binarycookie_page(std::exchange(records, {})));
    }
  }
  Bytes out{'c', 'o', 'o', 'k'};
  put_be32(out, static_cast<std::uint32_t>(pages.size()));
  for (const Bytes& page : pages) put_be32(out, static_cast<std::uint32_t>(page.size()));
  std::uint32_t checksum = 0;
  for (const Bytes& page : pages) {
    out.insert(out.end(), page.begin(), page.end());
    checksum += cookiewarden::binarycookies_page_checksum(page);
  }
  put_be32(out, checksum);
  out.insert(out.end(), jar->trailer.begin(), jar->trailer.end());
  write_file(file, std::string(out.begin(), out.end()));
}

void make_template(const Layout& at) {
  fs::path chromium = at.chromium();
  fs::create_directories(chromium.parent_path());
  write_file(chromium.parent_path() / "Local State", R"({"profile":{"info_cache":{"Default":{"name":"Person 1"}}}})");
  create_quota_manager(chromium / "WebStorage" / "QuotaManager");
  add_buckets(chromium);
  copy_cookie_fixture("chromium156-linux-Cookies.sqlite", chromium / "Cookies");
  RawDb cookies(chromium / "Cookies");
  for (const char* site : kSites) add_cookies(cookies, "cookies", "host_key", site, kCookiesPerSite);
  make_local_storage(at.local_storage());

  fs::path firefox = at.firefox();
  copy_cookie_fixture("firefox153esr-cookies.sqlite", firefox / "cookies.sqlite");
  RawDb moz(firefox / "cookies.sqlite");
  for (const char* site : kSites) add_cookies(moz, "moz_cookies", "host", site, kCookiesPerSite);
  write_file(firefox / ".parentlock", "");
  write_file(firefox.parent_path() / "profiles.ini",
             "[Profile0]\nName=default-esr\nIsRelative=1\nPath=abcd.default-esr\nDefault=1\n\n"
             "[General]\nStartWithLastProfile=1\nVersion=2\n");
  add_origins(firefox);
  fs::path session_fixture = fs::path(WARDEN_SOURCE_DIR) / "tests/native-host/fixtures/firefox-session-restore";
  fs::create_directories(at.recovery().parent_path());
  fs::copy_file(session_fixture / "sessionstore.jsonlz4", at.sessionstore());
  fs::copy_file(session_fixture / "sessionstore.jsonlz4", at.recovery());

  make_safari_cookies(at.safari_cookies());
  fs::create_directories(at.runtime());
  fs::permissions(at.runtime(), fs::perms::owner_all);
  fs::create_directories(at.tmp());
}

pid_t spawn_delete(const Layout& at, const char* site) {
  // Safari's macOS layout under the home is looked at only when Safari is named.
  std::vector<std::string> argv{COOKIEWARDEN_BINARY, "delete",  site,      "--json",    "--browser",
                                "chromium",          "--browser", "firefox", "--browser", "safari"};
  std::vector<std::string> env{"HOME=" + at.home.string(), "XDG_RUNTIME_DIR=" + at.runtime().string(),
                               "TMPDIR=" + at.tmp().string(), "PATH=/usr/bin:/bin"};
  return spawn_host(argv, env, "/dev/null", HostStdin::inherited, "/dev/null").pid;
}

// Where one store stands for example.test: all of it there, none of it, or (only for stores of
// folders plus rows, before the next run) part of it. keep.test must always be complete.
enum class Stage { before, after, partial };

Stage stage_of(long long present, long long total) { return present == total ? Stage::before : present == 0 ? Stage::after : Stage::partial; }

struct StoreStage {
  std::string store;
  Stage stage;
  bool may_be_partial;  // folders plus rows: only until the next run
};

struct Verdict {
  std::vector<StoreStage> stages;
  std::vector<std::string> problems;
};

// A site's cookie rows in a cookie database.
long long site_rows(RawDb& db, const std::string& table, const std::string& host_column, const char* site) {
  return db.count("SELECT count(*) FROM " + table + " WHERE " + host_column + " LIKE '%." + site + "' OR " + host_column +
                  " = '" + site + "'");
}

// The template's cookie rows per site: what "before" means.
struct CookieTotals {
  long long example = 0, keep = 0;
};

CookieTotals cookie_totals(const fs::path& file, const std::string& table, const std::string& host_column) {
  RawDb db(file);
  return {site_rows(db, table, host_column, "example.test"), site_rows(db, table, host_column, "keep.test")};
}

void check_sqlite(const fs::path& file, const std::string& table, const std::string& host_column, CookieTotals totals,
                  Verdict& v) {
  RawDb db(file);
  if (std::string verdict = db.text("PRAGMA integrity_check"); verdict != "ok") v.problems.push_back(file.string() + ": " + verdict);
  if (site_rows(db, table, host_column, "keep.test") != totals.keep) v.problems.push_back(file.string() + ": keep.test rows changed");
  v.stages.push_back({file.filename().string(), stage_of(site_rows(db, table, host_column, "example.test"), totals.example), false});
}

void check_local_storage(const fs::path& dir, Verdict& v) {
  leveldb::Options options;
  options.paranoid_checks = true;
  leveldb::DB* raw = nullptr;
  leveldb::Status status = leveldb::DB::Open(options, dir.string(), &raw);
  if (!status.ok()) {
    v.problems.push_back(dir.string() + ": " + status.ToString());
    return;
  }
  std::unique_ptr<leveldb::DB> db(raw);
  long long example = 0;
  for (int i = 0; i < kStorageKeysPerSite; ++i) {
    std::string value;
    if (!db->Get(leveldb::ReadOptions(), ls_key("keep.test", i), &value).ok() || value != ls_value(i)) {
      v.problems.push_back(dir.string() + ": keep.test key " + std::to_string(i) + " lost or changed");
      break;
    }
    if (db->Get(leveldb::ReadOptions(), ls_key("example.test", i), &value).ok()) ++example;
  }
  v.stages.push_back({"Local Storage", stage_of(example, kStorageKeysPerSite), false});
}

// Folders plus rows: `rows` counts example.test's rows, `folders` its folders.
void check_folder_store(const fs::path& db_file, const std::string& count_sql, const std::string& keep_sql,
                        long long folders, long long keep_folders, Verdict& v) {
  RawDb db(db_file);
  if (std::string verdict = db.text("PRAGMA integrity_check"); verdict != "ok") v.problems.push_back(db_file.string() + ": " + verdict);
  if (db.count(keep_sql) != kFoldersPerSite || keep_folders != kFoldersPerSite)
    v.problems.push_back(db_file.string() + ": keep.test rows or folders changed");
  long long rows = db.count(count_sql);
  Stage by_rows = stage_of(rows, kFoldersPerSite), by_folders = stage_of(folders, kFoldersPerSite);
  v.stages.push_back({db_file.filename().string(), by_rows == by_folders ? by_rows : Stage::partial, true});
}

long long folders_named(const fs::path& dir, const std::string& needle) {
  long long n = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().filename().string().find(needle) != std::string::npos) ++n;
  return n;
}

long long bucket_folders(const fs::path& profile, int first_id) {
  long long n = 0;
  for (int id = first_id; id < first_id + kFoldersPerSite; ++id) n += fs::exists(profile / "WebStorage" / std::to_string(id));
  return n;
}

// A session restore file's items of a site: its cookies (by host or partition) and its tabs'
// sessionStorage origins (own or partitioned under it). Counts them anywhere in the JSON.
struct SessionItems {
  long long example = 0, keep = 0;
};

void count_session_items(const nlohmann::json& node, SessionItems& items) {
  auto tally = [&](const std::string& text) {
    if (text.find("example.test") != std::string::npos) ++items.example;
    else if (text.find("keep.test") != std::string::npos) ++items.keep;
  };
  if (node.is_object()) {
    if (node.contains("host") && node.contains("name") && node["host"].is_string())
      tally(node["host"].get<std::string>() + " " + node.value("originAttributes", nlohmann::json::object()).dump());
    if (node.contains("storage") && node["storage"].is_object())
      for (const auto& [origin, keys] : node["storage"].items()) tally(origin);
    for (const auto& [key, child] : node.items()) count_session_items(child, items);
  } else if (node.is_array()) {
    for (const auto& child : node) count_session_items(child, items);
  }
}

std::optional<SessionItems> session_items(const fs::path& file, std::string& problem) {
  auto decoded = cookiewarden::decode_mozlz4(file_bytes(file));
  if (!decoded.ok()) {
    problem = file.string() + ": " + decoded.detail();
    return std::nullopt;
  }
  auto json = nlohmann::json::parse(*decoded, nullptr, false);
  if (json.is_discarded()) {
    problem = file.string() + ": not JSON";
    return std::nullopt;
  }
  SessionItems items;
  count_session_items(json, items);
  return items;
}

void check_session_file(const fs::path& file, SessionItems totals, Verdict& v) {
  std::string problem;
  auto items = session_items(file, problem);
  if (!items) return v.problems.push_back(problem);
  if (items->keep != totals.keep) v.problems.push_back(file.string() + ": keep.test's items changed");
  v.stages.push_back({file.filename().string(), stage_of(items->example, totals.example), false});
}

// Records per site in a binarycookies file.
struct SafariCounts {
  long long example = 0, keep = 0;
};

std::optional<SafariCounts> safari_counts(const fs::path& file, std::string& problem) {
  std::string text = file_bytes(file);
  Bytes bytes(text.begin(), text.end());
  auto jar = cookiewarden::parse_binarycookies(bytes);  // the checksum is verified
  if (!jar.ok()) {
    problem = file.string() + ": " + jar.detail();
    return std::nullopt;
  }
  SafariCounts counts;
  for (const auto& page : jar->pages)
    for (const auto& record : page.records) {
      counts.example += record.domain.ends_with(".example.test");
      counts.keep += record.domain.ends_with(".keep.test");
    }
  return counts;
}

void check_safari(const fs::path& file, Verdict& v) {
  std::string problem;
  auto counts = safari_counts(file, problem);
  if (!counts) return v.problems.push_back(problem);
  if (counts->keep != kSafariCookiesPerSite) v.problems.push_back(file.string() + ": keep.test's records changed");
  v.stages.push_back({file.filename().string(), stage_of(counts->example, kSafariCookiesPerSite), false});
}

struct Totals {
  CookieTotals chromium, firefox;
  SessionItems sessionstore, recovery;
};

Verdict check_stores(const Layout& at, const Totals& totals) {
  CookieTotals chromium_cookies = totals.chromium, firefox_cookies = totals.firefox;
  Verdict v;
  check_sqlite(at.chromium() / "Cookies", "cookies", "host_key", chromium_cookies, v);
  check_local_storage(at.local_storage(), v);
  check_folder_store(at.chromium() / "WebStorage" / "QuotaManager", "SELECT count(*) FROM buckets WHERE host LIKE 'b%.example.test'",
                     "SELECT count(*) FROM buckets WHERE host LIKE 'b%.keep.test'", bucket_folders(at.chromium(), 100),
                     bucket_folders(at.chromium(), 100 + kFoldersPerSite), v);
  check_sqlite(at.firefox() / "cookies.sqlite", "moz_cookies", "host", firefox_cookies, v);
  check_folder_store(at.firefox() / "storage.sqlite", "SELECT count(*) FROM origin WHERE group_ = 'example.test'",
                     "SELECT count(*) FROM origin WHERE group_ = 'keep.test'",
                     folders_named(at.firefox() / "storage" / "default", ".example.test"),
                     folders_named(at.firefox() / "storage" / "default", ".keep.test"), v);
  check_session_file(at.sessionstore(), totals.sessionstore, v);
  check_session_file(at.recovery(), totals.recovery, v);
  check_safari(at.safari_cookies(), v);
  return v;
}

// Copies of the user's data or locks a finished run must not leave.
std::vector<std::string> leftovers(const Layout& at) {
  std::vector<std::string> found;
  for (const auto& entry : fs::recursive_directory_iterator(at.home)) {
    std::string name = entry.path().filename().string();
    bool removal_entry = entry.path().parent_path().filename() == ".cookiewarden-removal";
    bool ours = name.find(".cookiewarden-") != std::string::npos && name != ".cookiewarden-removal";
    bool scratch = entry.path().parent_path() == at.runtime() / "cookiewarden";
    bool temp_copy = entry.path().parent_path() == at.tmp();
    if (removal_entry || ours || scratch || temp_copy || name == "SingletonLock") found.push_back(entry.path().string());
  }
  return found;
}

}  // namespace

TEST_CASE("sigkill_50_deletions_killed_at_random_moments_leave_every_store_valid_before_or_after_and_no_copy_once_the_next_run_is_done") {
  TempDir work;
  Layout templ{work / "template"};
  make_template(templ);
  Totals totals{cookie_totals(templ.chromium() / "Cookies", "cookies", "host_key"),
                cookie_totals(templ.firefox() / "cookies.sqlite", "moz_cookies", "host"), {}, {}};
  std::string problem;
  totals.sessionstore = session_items(templ.sessionstore(), problem).value();
  totals.recovery = session_items(templ.recovery(), problem).value();
  REQUIRE(totals.chromium.example >= kCookiesPerSite);
  REQUIRE(totals.firefox.keep >= kCookiesPerSite);
  REQUIRE(totals.sessionstore.example > 0);
  REQUIRE(totals.sessionstore.keep > 0);

  // How long an uninterrupted run takes: the kills land anywhere in it (and a little after).
  Layout timing{work / "timing"};
  fs::copy(templ.home, timing.home, fs::copy_options::recursive);
  auto start = std::chrono::steady_clock::now();
  REQUIRE(reap(spawn_delete(timing, "example.test")) == 0);
  auto full = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  Verdict done = check_stores(timing, totals);
  CHECK(done.problems.empty());
  REQUIRE(done.stages.size() == 8);
  for (const StoreStage& s : done.stages) {
    INFO(s.store);
    CHECK(s.stage == Stage::after);
  }
  CHECK(leftovers(timing).empty());
  fs::remove_all(timing.home);

  std::random_device seed_source;
  unsigned seed = seed_source();
  std::mt19937 random(seed);
  std::uniform_int_distribution<long long> moment(0, full.count() * 11 / 10);
  int killed = 0, mid_edit = 0, stores_checked = 0, leftover_count = 0, rolled_forward = 0;
  for (int run = 0; run < kRuns; ++run) {
    Layout at{work / "run"};
    fs::remove_all(at.home);
    fs::copy(templ.home, at.home, fs::copy_options::recursive);
    pid_t pid = spawn_delete(at, "example.test");
    std::this_thread::sleep_for(std::chrono::microseconds(moment(random)));
    ::kill(pid, SIGKILL);
    bool was_killed = reap(pid) == 128 + SIGKILL;
    killed += was_killed;

    Verdict after_kill = check_stores(at, totals);
    stores_checked += static_cast<int>(after_kill.stages.size());
    INFO("seed ", seed, ", run ", run);
    for (const std::string& problem : after_kill.problems) FAIL_CHECK(problem);
    REQUIRE(after_kill.stages.size() == 8);
    bool any_before = false, any_after = false, any_partial = false;
    for (const StoreStage& s : after_kill.stages) {
      INFO(s.store);
      // Single-file stores are never half-way, even right after the kill.
      if (!s.may_be_partial) CHECK(s.stage != Stage::partial);
      any_before |= s.stage == Stage::before;
      any_after |= s.stage == Stage::after;
      any_partial |= s.stage == Stage::partial;
    }
    if (any_partial || (any_before && any_after)) ++mid_edit;

    // The next run deletes a site with no data: it must finish the interrupted one's folder stores.
    REQUIRE(reap(spawn_delete(at, "nothing.test")) == 0);
    Verdict next = check_stores(at, totals);
    stores_checked += static_cast<int>(next.stages.size());
    for (const std::string& problem : next.problems) FAIL_CHECK(problem);
    REQUIRE(next.stages.size() == 8);
    for (std::size_t i = 0; i < next.stages.size(); ++i) {
      CHECK(next.stages[i].stage != Stage::partial);
      if (after_kill.stages[i].stage == Stage::partial) rolled_forward += next.stages[i].stage == Stage::after;
    }
    auto left = leftovers(at);
    leftover_count += static_cast<int>(left.size());
    for (const std::string& path : left) FAIL_CHECK("left behind: " << path);
  }
  MESSAGE("sigkill: seed ", seed, ", uninterrupted run ", full.count() / 1000, " ms; ", kRuns, " runs, ", killed,
          " killed, ", mid_edit, " mid-edit, ", rolled_forward, " half-way stores rolled forward, ", stores_checked,
          " store checks (8 stores a check), ", leftover_count, " leftovers");
  CHECK(killed >= kRuns / 2);
  CHECK(leftover_count == 0);
}
