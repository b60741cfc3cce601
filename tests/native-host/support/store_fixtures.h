// Test support for the store tests: temporary profile folders, copies of the real fixture files,
// and an independent view of SQLite files (the raw C API, not the code under test).
#pragma once

#include <sqlite3.h>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace cookiewarden::test {

namespace fs = std::filesystem;

// Creating a symbolic link takes a privilege on Windows that a test cannot count on (Wine has none to
// give): the test cases that build one are skipped there (doctest::skip).
#if defined(_WIN32)
inline constexpr bool kCannotCreateSymlinks = true;
#else
inline constexpr bool kCannotCreateSymlinks = false;
#endif

// A fresh directory under the system temp dir, removed with everything in it at scope exit.
class TempDir {
 public:
  // A random name created exclusively (create_directory is false when it exists): mkdtemp's
  // guarantee, which Windows lacks.
  TempDir() {
    std::random_device random;
    for (int attempt = 0; attempt < 100 && path_.empty(); ++attempt) {
      fs::path candidate = fs::temp_directory_path() / ("cw-stores-" + std::to_string(random()));
      if (fs::create_directory(candidate)) path_ = candidate;
    }
    REQUIRE(!path_.empty());
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  fs::path operator/(const fs::path& child) const { return path_ / child; }

 private:
  fs::path path_;
};

// Copies a cookie store committed under tests/native-host/fixtures/cookie-stores (SOURCES.md there)
// to `to`, writable by the owner (a checkout may not keep the mode).
inline fs::path copy_cookie_fixture(const char* name, const fs::path& to) {
  fs::create_directories(to.parent_path());
  fs::copy_file(fs::path(WARDEN_SOURCE_DIR) / "tests/native-host/fixtures/cookie-stores" / name, to,
                fs::copy_options::overwrite_existing);
  fs::permissions(to, fs::perms::owner_read | fs::perms::owner_write);
  return to;
}

// Copies a fixture folder committed under tests/native-host/fixtures to `to`, its files writable
// by the owner as the browser left them (a checkout may not keep the mode).
inline fs::path copy_fixture_folder(const fs::path& from, const fs::path& to) {
  fs::create_directories(to);
  fs::copy(from, to, fs::copy_options::recursive);
  for (const auto& entry : fs::recursive_directory_iterator(to))
    if (entry.is_regular_file()) fs::permissions(entry.path(), fs::perms::owner_read | fs::perms::owner_write);
  return to;
}

inline std::string file_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

inline void write_file(const fs::path& path, std::string_view bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Every path (relative) and its bytes under `root`, symlinks by target: "nothing changed" means
// this map is equal before and after.
inline std::map<std::string, std::string> tree_snapshot(const fs::path& root) {
  std::map<std::string, std::string> out;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    auto rel = fs::relative(it->path(), root).generic_string();
    if (it->is_symlink()) out[rel] = "-> " + fs::read_symlink(it->path()).string();
    else if (it->is_regular_file()) out[rel] = file_bytes(it->path());
    else out[rel] = "<dir>";
  }
  return out;
}

// A plain sqlite3 connection for the test's own, independent queries.
class RawDb {
 public:
  explicit RawDb(const fs::path& file) {
    REQUIRE(sqlite3_open_v2(reinterpret_cast<const char*>(file.u8string().c_str()), &db_, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
    sqlite3_busy_timeout(db_, 2000);
  }
  ~RawDb() { sqlite3_close_v2(db_); }
  RawDb(const RawDb&) = delete;
  RawDb& operator=(const RawDb&) = delete;

  void exec(const std::string& sql) {
    char* message = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
    std::string text = message ? message : "";
    sqlite3_free(message);
    REQUIRE_MESSAGE(rc == SQLITE_OK, sql << ": " << text);
  }
  // Every row of a query, columns joined with '|'.
  std::vector<std::string> rows(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    REQUIRE_MESSAGE(sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK, sql << ": " << sqlite3_errmsg(db_));
    std::vector<std::string> out;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
        if (c) row += '|';
        if (auto* text = sqlite3_column_text(stmt, c)) row += reinterpret_cast<const char*>(text);
      }
      out.push_back(row);
    }
    sqlite3_finalize(stmt);
    return out;
  }
  long long count(const std::string& sql) { return std::stoll(rows(sql).at(0)); }
  std::string text(const std::string& sql) { return rows(sql).at(0); }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace cookiewarden::test
