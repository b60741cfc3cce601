#include "browsers/chromium_profiles.h"

#include <algorithm>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "browsers/profile_order.h"
#include "platform/path_presence.h"
#include "platform/path_text.h"
#include "platform/small_file.h"

namespace cookiewarden {
namespace {

namespace fs = std::filesystem;

// Local State grows with extensions' state but stays far below this.
constexpr std::size_t kMaxLocalStateBytes = 32 << 20;

struct LocalStateProfiles {
  std::map<std::string, std::string> names;  // directory → display name
  std::string last_used;
};

LocalStateProfiles read_local_state(const fs::path& user_data_dir) {
  LocalStateProfiles out;
  auto text = read_small_file(user_data_dir / "Local State", kMaxLocalStateBytes);
  if (!text) return out;
  auto json = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object() || !json.contains("profile") || !json["profile"].is_object()) return out;
  const auto& profile = json["profile"];
  if (auto it = profile.find("info_cache"); it != profile.end() && it->is_object()) {
    for (const auto& [dir, info] : it->items()) {
      std::string name;
      if (info.is_object() && info.contains("name") && info["name"].is_string()) name = info["name"];
      out.names.emplace(dir, name);
    }
  }
  if (auto it = profile.find("last_used"); it != profile.end() && it->is_string()) out.last_used = *it;
  return out;
}

// Chromium's own non-user profiles: never a place where a person's site data lives.
bool is_internal_profile(const std::string& dir) { return dir == "System Profile" || dir == "Guest Profile"; }

bool is_profile_dir_name(const std::string& dir) {
  return dir == "Default" || (dir.starts_with("Profile ") && dir.size() > 8 &&
                              std::all_of(dir.begin() + 8, dir.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

bool has_preferences(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(fs::symlink_status(dir / "Preferences", ec));
}

// A Local State key is a directory name; one with a separator or ".." would leave the tree.
bool is_plain_name(const std::string& dir) {
  return !dir.empty() && dir != "." && dir != ".." && dir.find_first_of("/\\") == std::string::npos;
}

}  // namespace

std::vector<BrowserProfile> chromium_profiles(const BrowserLocation& location) {
  std::vector<BrowserProfile> out;
  std::error_code ec;
  if (!fs::is_directory(location.root, ec)) return out;
  LocalStateProfiles state = read_local_state(location.root);

  std::vector<std::string> dirs;
  for (fs::directory_iterator it(location.root, ec), end; !ec && it != end; it.increment(ec)) {
    std::string dir = path_text(it->path().filename());
    if (is_internal_profile(dir) || !is_real_directory(it->path())) continue;
    if (is_profile_dir_name(dir) || state.names.contains(dir) || has_preferences(it->path())) dirs.push_back(dir);
  }
  std::sort(dirs.begin(), dirs.end(), [](const std::string& a, const std::string& b) {
    if ((a == "Default") != (b == "Default")) return a == "Default";
    return natural_less(a, b);
  });

  std::string default_dir = state.last_used.empty() ? "Default" : state.last_used;
  for (const std::string& dir : dirs) {
    if (!is_plain_name(dir)) continue;
    auto named = state.names.find(dir);
    std::string name = named != state.names.end() && !named->second.empty() ? named->second : dir;
    out.push_back({std::string(location.browser_id), std::string(location.browser_name), BrowserFamily::chromium,
                   dir, name, location.root, location.root / dir, dir == default_dir});
  }
  return out;
}

}  // namespace cookiewarden
