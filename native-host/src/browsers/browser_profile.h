// One browser profile found on this machine: the unit every store, deletion and report works on.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace cookiewarden {

// webkit: GNOME Web (WebKitGTK) on Linux; Safari, also WebKit, keeps its own family for its own
// cookie file and containers.
enum class BrowserFamily { chromium, firefox, safari, webkit };

// "chromium", "firefox", "safari", "webkit".
std::string_view family_name(BrowserFamily family);

struct BrowserProfile {
  // Stable id of the browser build: "chrome", "chrome-beta", "chrome-dev", "chrome-canary",
  // "chromium", "chromium-snap", "chromium-flatpak", "edge", "edge-beta", "edge-dev",
  // "firefox", "firefox-legacy", "firefox-snap", "firefox-flatpak", "safari", "epiphany", "epiphany-flatpak".
  std::string browser_id;
  std::string browser_name;  // for people: "Google Chrome Beta"
  BrowserFamily family = BrowserFamily::chromium;
  // Directory name: "Default", "Profile 1", "abcd.default-release"; Safari: "Default" or the
  // profile's UUID. GNOME Web: "Default".
  std::string profile_id;
  std::string profile_name;  // display name from Local State / profiles.ini; else profile_id
  // Chromium: the "User Data" root (holds Local State, SingletonLock). Firefox: the folder with
  // profiles.ini. Safari: ~/Library. GNOME Web: its data folder (~/.local/share/epiphany).
  std::filesystem::path user_data_dir;
  std::filesystem::path path;  // the profile directory itself
  // The profile the browser opens by default (Local State last_used, profiles.ini [Install…]
  // Default or Default=1, Safari's default profile).
  bool is_default = false;
};

// {"browser_id","browser_name","family","profile_id","profile_name","user_data_dir","path","is_default"}.
void to_json(nlohmann::json& out, const BrowserProfile& profile);
// The same object back (what the undo journal recorded); throws nlohmann::json::exception when a
// field is missing or of the wrong type, or the family is unknown.
void from_json(const nlohmann::json& in, BrowserProfile& profile);

}  // namespace cookiewarden
