// What `install` will write, as data: manifests (path + JSON) and, on Windows, the registry
// values that point the browsers at them. Built without touching the disk beyond checking
// which browsers exist, so tests check every OS's plan on any OS.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/environment.h"
#include "warden/status.h"

namespace cookiewarden::install {

struct InstallOptions {
  std::vector<std::string> browsers;  // install-table ids; empty = every browser present
  std::optional<std::filesystem::path> user_data_dir;  // Chromium-family only
  std::vector<std::string> chromium_ids;  // empty = kDefaultChromiumExtensionId
  std::vector<std::string> firefox_ids;   // empty = kDefaultFirefoxExtensionId
  std::filesystem::path binary;           // absolute path written into the manifests
  bool safari = false;  // macOS: the launchd agent that runs serve (launch_agent.h); alone when no --browser
};

struct PlannedManifest {
  std::string browser_id;
  std::string browser_name;
  std::filesystem::path path;
  nlohmann::json manifest;
  std::string registry_key;  // Windows: HKEY_CURRENT_USER\<key>, default value = path; else empty
};

struct PlannedLaunchAgent {
  std::filesystem::path path;
  std::string plist;
};

struct InstallPlan {
  std::vector<PlannedManifest> manifests;
  std::optional<PlannedLaunchAgent> launch_agent;
  std::vector<std::string> skipped;  // "<browser>: <why>" for browsers left out
};

// invalid_argument for an unknown --browser, a malformed id, a relative binary path,
// --user-data-dir with Firefox, or --safari on another OS than macOS.
warden::Result<InstallPlan> plan_install(const Environment& env, const InstallOptions& options);

// The ids `install --browser` accepts on env.os.
std::vector<std::string> installable_browsers(const Environment& env);

}  // namespace cookiewarden::install
