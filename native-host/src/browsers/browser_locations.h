// Where each browser build keeps its user data on each OS: the one table discovery walks.
// (install/manifest_locations.cpp puts Chromium's native messaging folders under these user data
// dirs on Linux and macOS; its Firefox and Windows locations are its own.)
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "browsers/browser_profile.h"
#include "platform/environment.h"

namespace cookiewarden {

struct BrowserLocation {
  std::string_view browser_id;
  std::string_view browser_name;
  BrowserFamily family;
  // Chromium: the user data dir. Firefox: the folder holding profiles.ini. Safari: ~/Library.
  // GNOME Web: its data folder.
  std::filesystem::path root;
};

// Every location the browsers of env.os may use, whether or not it exists.
std::vector<BrowserLocation> browser_locations(const Environment& env);

}  // namespace cookiewarden
