// Where each browser looks for a user-level native messaging host manifest, per OS: the
// per-OS table of the installer. On Windows the browser finds the manifest through a registry
// key (HKEY_CURRENT_USER\<key>, default value = the manifest's path) and the file can live
// anywhere; we keep it under %LOCALAPPDATA%\cookiewarden.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "browsers/browser_profile.h"
#include "platform/environment.h"

namespace cookiewarden::install {

struct ManifestLocation {
  std::string browser_id;  // "chrome", "chromium", "edge", "firefox", ...
  std::string browser_name;
  BrowserFamily family;  // decides allowed_origins vs allowed_extensions
  std::filesystem::path directory;  // the manifest is directory / "<kHostName>.json"
  std::string registry_key;  // Windows only: under HKEY_CURRENT_USER; empty elsewhere
  // Browser ids (discovery's) whose presence means this location is worth writing to.
  std::vector<std::string> served_browser_ids;

  std::filesystem::path manifest_path() const;
};

// Every user-level location for env.os, whether or not the browser is installed.
std::vector<ManifestLocation> manifest_locations(const Environment& env);

// A Chromium-family browser started with --user-data-dir=DIR reads DIR/NativeMessagingHosts/
// (extension-platform.md §3, verified with Chromium 156); it ignores the user-level folder.
ManifestLocation user_data_dir_location(const std::filesystem::path& user_data_dir, std::string_view browser_id);

// System-wide folders (read-only for us): consulted by the origin check, never written.
std::vector<std::filesystem::path> system_manifest_directories(Os os);

}  // namespace cookiewarden::install
