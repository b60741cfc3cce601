#include "browsers/safari_profiles.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include <sqlite3.h>

#include "platform/path_presence.h"
#include "platform/path_text.h"

namespace cookiewarden {
namespace {

namespace fs = std::filesystem;

fs::path container_library(const fs::path& library) {
  return library / "Containers" / "com.apple.Safari" / "Data" / "Library";
}

// 8-4-4-4-12 hex digits: Safari's profile folder names, and the only names we turn into paths.
bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

std::string upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// UUID-UPPER → title, from SafariTabs.db. Empty when the database is missing, unreadable (no Full
// Disk Access) or of another shape; read-only, so Safari's files are never changed.
std::map<std::string, std::string> named_profiles_from_tabs_db(const fs::path& db_path) {
  std::map<std::string, std::string> out;
  if (!path_present(db_path)) return out;
  sqlite3* db = nullptr;
  std::string uri = "file:" + path_text(db_path) + "?mode=ro";
  if (sqlite3_open_v2(uri.c_str(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    const char* sql =
        "SELECT external_uuid, title FROM bookmarks WHERE subtype = 2 AND external_uuid != 'DefaultProfile'";
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK) {
      while (sqlite3_step(stmt) == SQLITE_ROW) {
        auto text = [&](int col) {
          const unsigned char* v = sqlite3_column_text(stmt, col);
          return v ? std::string(reinterpret_cast<const char*>(v)) : std::string();
        };
        std::string uuid = text(0);
        if (is_uuid(uuid)) out[upper(uuid)] = text(1);
      }
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return out;
}

void add_profiles_from_folders(const fs::path& profiles_dir, std::map<std::string, std::string>& named) {
  std::error_code ec;
  for (fs::directory_iterator it(profiles_dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = path_text(it->path().filename());
    if (is_uuid(name) && is_real_directory(it->path())) named.try_emplace(upper(name), std::string());
  }
}

bool has_default_profile(const fs::path& library, const fs::path& container) {
  return path_present(container / "Cookies" / "Cookies.binarycookies") ||
         path_present(library / "Cookies" / "Cookies.binarycookies") || is_real_directory(container / "Safari") ||
         is_real_directory(library / "Safari");
}

}  // namespace

std::vector<BrowserProfile> safari_profiles(const BrowserLocation& location) {
  std::vector<BrowserProfile> out;
  const fs::path& library = location.root;
  fs::path container = container_library(library);
  auto profile = [&](std::string id, std::string name, fs::path path, bool is_default) {
    return BrowserProfile{std::string(location.browser_id), std::string(location.browser_name),
                          BrowserFamily::safari, std::move(id), std::move(name), library, std::move(path),
                          is_default};
  };
  if (has_default_profile(library, container))
    out.push_back(profile("Default", "Default", is_real_directory(container) ? container : library, true));

  std::map<std::string, std::string> named = named_profiles_from_tabs_db(container / "Safari" / "SafariTabs.db");
  add_profiles_from_folders(container / "Safari" / "Profiles", named);
  for (const auto& [uuid, title] : named) {
    fs::path store = container / "WebKit" / "WebsiteDataStore" / lower(uuid);
    if (!is_real_directory(store) && !is_real_directory(container / "Safari" / "Profiles" / uuid)) continue;
    out.push_back(profile(uuid, title.empty() ? "profile-" + lower(uuid.substr(0, 8)) : title, store, false));
  }
  return out;
}

}  // namespace cookiewarden
