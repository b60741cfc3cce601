#include "browsers/gnome_web_profiles.h"

#include "platform/path_presence.h"

namespace cookiewarden {
namespace {

namespace fs = std::filesystem;

// A fresh start leaves only `.migrated` behind: a profile is a folder with site data in it.
bool has_site_data(const fs::path& root) {
  for (const char* name : {"cookies.sqlite", "storage", "localstorage", "databases"})
    if (path_present(root / name)) return true;
  return false;
}

}  // namespace

fs::path gnome_web_cache_dir(const fs::path& data_dir) {
  fs::path parent = data_dir.parent_path();
  if (parent.filename() == "data") return parent.parent_path() / "cache" / data_dir.filename();
  if (parent.filename() == "share" && parent.parent_path().filename() == ".local")
    return parent.parent_path().parent_path() / ".cache" / data_dir.filename();
  return {};
}

std::vector<BrowserProfile> gnome_web_profiles(const BrowserLocation& location) {
  if (!is_real_directory(location.root) || !has_site_data(location.root)) return {};
  return {BrowserProfile{std::string(location.browser_id), std::string(location.browser_name), BrowserFamily::webkit,
                         "Default", "Default", location.root, location.root, true}};
}

}  // namespace cookiewarden
