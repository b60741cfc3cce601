// What `install` wrote, kept so `uninstall` removes exactly that and nothing else, and so the
// origin check can find manifests written to custom user data dirs. One JSON file in the
// user's config folder:
//   Linux   $XDG_CONFIG_HOME/cookiewarden/install-record.json (~/.config/...)
//   macOS   ~/Library/Application Support/cookiewarden/install-record.json
//   Windows %APPDATA%\cookiewarden\install-record.json
// {"version": 1, "manifests": [{"browser", "path"}], "registry": [{"browser", "key", "value"}],
//  "directories": [path...],   (directories install created, removed by uninstall when empty)
//  "launch_agents": [path...]} (macOS: the launchd agent of `install --safari`)
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "platform/environment.h"

namespace cookiewarden::install {

struct RecordedManifest {
  std::string browser_id;
  std::filesystem::path path;
  bool operator==(const RecordedManifest&) const = default;
};

struct RecordedRegistryValue {
  std::string browser_id;
  std::string key;    // under HKEY_CURRENT_USER
  std::string value;  // the key's default value: the manifest path
  bool operator==(const RecordedRegistryValue&) const = default;
};

struct InstallRecord {
  std::vector<RecordedManifest> manifests;
  std::vector<RecordedRegistryValue> registry;
  std::vector<std::filesystem::path> directories;
  std::vector<std::filesystem::path> launch_agents;

  // Adds what another install wrote, without duplicates.
  void merge(const InstallRecord& other);
  bool empty() const { return manifests.empty() && registry.empty() && directories.empty() && launch_agents.empty(); }
};

std::filesystem::path install_record_path(const Environment& env);

// Empty when there is no record; nullopt when it exists but cannot be read or parsed (then
// uninstall must not guess).
std::optional<InstallRecord> load_install_record(const std::filesystem::path& path);
// Writes atomically; an empty record removes the file. False on failure.
bool save_install_record(const std::filesystem::path& path, const InstallRecord& record);

}  // namespace cookiewarden::install
