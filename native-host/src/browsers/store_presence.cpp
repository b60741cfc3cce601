#include "browsers/store_presence.h"

#if defined(_WIN32)
#include <io.h>
#else
#include <unistd.h>
#endif

namespace cookiewarden {
namespace {

namespace fs = std::filesystem;

bool may_read(const fs::path& path, bool directory) {
#if defined(_WIN32)
  (void)directory;
  return _waccess(path.c_str(), 4) == 0;
#else
  return access(path.c_str(), directory ? (R_OK | X_OK) : R_OK) == 0;
#endif
}

StorePresence check(std::string store, fs::path path) {
  std::error_code ec;
  auto status = fs::symlink_status(path, ec);
  StorePresence out{std::move(store), std::move(path)};
  out.present = !ec && fs::exists(status);
  bool directory = fs::is_directory(status);
  out.readable = out.present && (directory || fs::is_regular_file(status)) && may_read(out.path, directory);
  return out;
}

// Chromium moved the cookie DB to Network/ on Windows (Chrome 96); other OSes keep it at the top.
StorePresence chromium_cookies(const fs::path& profile) {
  StorePresence network = check("cookies", profile / "Network" / "Cookies");
  return network.present ? network : check("cookies", profile / "Cookies");
}

// The default Safari profile keeps cookies at Cookies/ in its Library folder (container or legacy)
// and site data under WebKit/WebsiteData; a named profile's WebsiteDataStore/<uuid> holds Origins/.
std::vector<StorePresence> safari_stores(const BrowserProfile& profile) {
  bool named = profile.profile_id != "Default";
  return {check("cookies", profile.path / "Cookies" / "Cookies.binarycookies"),
          check("website_data", named ? profile.path / "Origins" : profile.path / "WebKit" / "WebsiteData")};
}

}  // namespace

std::vector<StorePresence> store_presence(const BrowserProfile& profile) {
  const fs::path& p = profile.path;
  switch (profile.family) {
    case BrowserFamily::chromium:
      return {chromium_cookies(p), check("local_storage", p / "Local Storage" / "leveldb"),
              check("indexeddb", p / "IndexedDB")};
    case BrowserFamily::firefox: return {check("cookies", p / "cookies.sqlite"), check("storage", p / "storage")};
    case BrowserFamily::safari: return safari_stores(profile);
    case BrowserFamily::webkit:
      return {check("cookies", p / "cookies.sqlite"), check("local_storage", p / "localstorage"),
              check("indexeddb", p / "databases" / "indexeddb"), check("storage", p / "storage")};
  }
  return {};
}

}  // namespace cookiewarden
