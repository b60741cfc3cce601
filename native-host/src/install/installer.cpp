#include "install/installer.h"

#include <algorithm>
#include <cstdint>

#include "install/extension_ids.h"
#include "install/install_record.h"
#include "install/launch_agent.h"
#include "platform/file_contents.h"
#include "platform/small_file.h"
#include "platform/windows_registry.h"
#include "platform/path_text.h"

namespace cookiewarden::install {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxManifestBytes = 1 << 20;

// Creates `dir` and its missing parents; returns the ones it created, outermost first.
std::vector<fs::path> create_directories_noting(const fs::path& dir, std::error_code& ec) {
  std::vector<fs::path> missing;
  for (fs::path p = dir; !p.empty() && !fs::exists(p, ec); p = p.parent_path()) {
    missing.push_back(p);
    if (p == p.parent_path()) break;
  }
  std::reverse(missing.begin(), missing.end());
  fs::create_directories(dir, ec);
  return ec ? std::vector<fs::path>{} : missing;
}

bool write_text(const fs::path& path, const std::string& text) {
  return write_file_atomically(path, {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()}) ==
         warden::Status::ok;
}

// Writes `text` to `path`, creating its folder (noted in `written` for uninstall); false, with
// why in `outcome`, when it could not.
bool write_noting(const fs::path& path, const std::string& text, InstallOutcome& outcome, InstallRecord& written) {
  std::error_code ec;
  for (fs::path& dir : create_directories_noting(path.parent_path(), ec)) written.directories.push_back(dir);
  if (ec || !write_text(path, text)) {
    outcome.not_done.push_back(path_text(path) + ": could not be written" + (ec ? " (" + ec.message() + ")" : std::string()));
    return false;
  }
  outcome.written.push_back(path);
  return true;
}

// A recorded manifest is still ours when it is a plain file naming our host.
bool is_our_manifest(const fs::path& path) {
  auto bytes = read_small_file(path, kMaxManifestBytes);
  if (!bytes) return false;
  auto manifest = nlohmann::json::parse(*bytes, nullptr, /*allow_exceptions=*/false);
  return manifest.is_object() && manifest.value("name", "") == kHostName;
}

void register_manifest(const PlannedManifest& planned, InstallOutcome& outcome, InstallRecord& record) {
  if (planned.registry_key.empty()) return;
#if defined(_WIN32)
  if (registry_set_default_value(planned.registry_key, path_text(planned.path))) {
    outcome.registry_written.push_back(planned.registry_key);
    record.registry.push_back({planned.browser_id, planned.registry_key, path_text(planned.path)});
    return;
  }
  outcome.not_done.push_back("HKEY_CURRENT_USER\\" + planned.registry_key + ": could not be written");
#else
  (void)record;
  outcome.not_done.push_back("HKEY_CURRENT_USER\\" + planned.registry_key +
                             ": not written (registry writes need the Windows build)");
#endif
}

void unregister(const RecordedRegistryValue& value, UninstallOutcome& outcome, InstallRecord& kept) {
#if defined(_WIN32)
  auto current = registry_default_value(value.key);
  if (!current) return;  // already gone
  if (*current != value.value) {
    outcome.left_alone.push_back("HKEY_CURRENT_USER\\" + value.key + " now points at " + *current);
    return;
  }
  if (registry_delete_key(value.key)) {
    outcome.registry_removed.push_back(value.key);
    return;
  }
  outcome.not_done.push_back("HKEY_CURRENT_USER\\" + value.key + ": could not be deleted");
#else
  outcome.not_done.push_back("HKEY_CURRENT_USER\\" + value.key + ": registry changes need the Windows build");
#endif
  kept.registry.push_back(value);
}

void remove_manifest(const RecordedManifest& manifest, UninstallOutcome& outcome, InstallRecord& kept) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(manifest.path, ec))) return;
  if (!is_our_manifest(manifest.path)) {
    outcome.left_alone.push_back(path_text(manifest.path) + " is no longer a Cookie Warden manifest");
    return;
  }
  if (fs::remove(manifest.path, ec)) {
    outcome.removed.push_back(manifest.path);
    return;
  }
  outcome.not_done.push_back(path_text(manifest.path) + ": " + ec.message());
  kept.manifests.push_back(manifest);
}

void remove_launch_agent(const fs::path& path, UninstallOutcome& outcome, InstallRecord& kept) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(path, ec))) return;
  auto bytes = read_small_file(path, kMaxManifestBytes);
  if (!bytes || !is_our_launch_agent(*bytes)) {
    outcome.left_alone.push_back(path_text(path) + " is no longer Cookie Warden's launchd agent");
    return;
  }
  if (fs::remove(path, ec)) {
    outcome.removed.push_back(path);
    return;
  }
  outcome.not_done.push_back(path_text(path) + ": " + ec.message());
  kept.launch_agents.push_back(path);
}

// Deepest first, and only when empty: a folder someone else also uses stays.
void remove_directories(std::vector<fs::path> dirs, UninstallOutcome& outcome) {
  std::sort(dirs.begin(), dirs.end(), [](const fs::path& a, const fs::path& b) {
    return a.native().size() > b.native().size();
  });
  for (const fs::path& dir : dirs) {
    std::error_code ec;
    if (fs::is_directory(fs::symlink_status(dir, ec)) && fs::is_empty(dir, ec) && fs::remove(dir, ec))
      outcome.removed.push_back(dir);
  }
}

}  // namespace

InstallOutcome perform_install(const Environment& env, const InstallPlan& plan) {
  InstallOutcome outcome;
  InstallRecord written;
  for (const PlannedManifest& planned : plan.manifests) {
    if (!write_noting(planned.path, planned.manifest.dump(2) + "\n", outcome, written)) continue;
    written.manifests.push_back({planned.browser_id, planned.path});
    register_manifest(planned, outcome, written);
  }
  if (plan.launch_agent && write_noting(plan.launch_agent->path, plan.launch_agent->plist, outcome, written))
    written.launch_agents.push_back(plan.launch_agent->path);
  fs::path record_path = install_record_path(env);
  std::optional<InstallRecord> record = load_install_record(record_path);
  if (!record) {
    outcome.not_done.push_back(path_text(record_path) + " is unreadable; `uninstall` will not know about this install");
    return outcome;
  }
  record->merge(written);
  if (!save_install_record(record_path, *record))
    outcome.not_done.push_back(path_text(record_path) + ": could not be written");
  return outcome;
}

UninstallOutcome perform_uninstall(const Environment& env) {
  UninstallOutcome outcome;
  fs::path record_path = install_record_path(env);
  std::optional<InstallRecord> record = load_install_record(record_path);
  if (!record) {
    outcome.not_done.push_back(path_text(record_path) + " is unreadable; nothing was removed");
    return outcome;
  }
  InstallRecord kept;
  for (const RecordedRegistryValue& value : record->registry) unregister(value, outcome, kept);
  for (const RecordedManifest& manifest : record->manifests) remove_manifest(manifest, outcome, kept);
  for (const fs::path& agent : record->launch_agents) remove_launch_agent(agent, outcome, kept);
  remove_directories(record->directories, outcome);
  bool files_kept = !kept.manifests.empty() || !kept.launch_agents.empty();
  for (const fs::path& dir : record->directories)
    if (std::error_code ec; fs::exists(dir, ec) && files_kept) kept.directories.push_back(dir);
  if (!save_install_record(record_path, kept)) outcome.not_done.push_back(path_text(record_path) + ": could not be updated");
  return outcome;
}

}  // namespace cookiewarden::install
