#include "install/install_plan.h"

#include <algorithm>

#include "browsers/browser_locations.h"
#include "install/extension_ids.h"
#include "install/host_manifest.h"
#include "install/launch_agent.h"
#include "install/manifest_locations.h"
#include "platform/path_text.h"

namespace cookiewarden::install {
namespace {

namespace fs = std::filesystem;
using warden::Status;

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// A browser counts as present when one of its user data roots exists.
bool browser_present(const Environment& env, const ManifestLocation& location) {
  std::error_code ec;
  for (const BrowserLocation& browser : browser_locations(env))
    if (contains(location.served_browser_ids, std::string(browser.browser_id)) && fs::is_directory(browser.root, ec))
      return true;
  return false;
}

std::vector<std::string> with_default(const std::vector<std::string>& ids, std::string_view fallback) {
  return ids.empty() ? std::vector<std::string>{std::string(fallback)} : ids;
}

std::optional<std::string> invalid_id(const std::vector<std::string>& ids, bool (*valid)(std::string_view),
                                      const char* what) {
  for (const std::string& id : ids)
    if (!valid(id)) return "'" + id + "' is not a " + what;
  return std::nullopt;
}

std::vector<ManifestLocation> chosen_locations(const Environment& env, const InstallOptions& options,
                                               std::vector<std::string>& skipped) {
  if (options.user_data_dir) {
    std::string id = options.browsers.empty() ? "chromium" : options.browsers.front();
    return {user_data_dir_location(*options.user_data_dir, id)};
  }
  std::vector<ManifestLocation> chosen;
  for (ManifestLocation& location : manifest_locations(env)) {
    if (!options.browsers.empty() ? contains(options.browsers, location.browser_id) : browser_present(env, location))
      chosen.push_back(std::move(location));
  }
  if (chosen.empty()) skipped.push_back("no supported browser found for this user; name one with --browser");
  return chosen;
}

std::optional<std::string> check_options(const Environment& env, const InstallOptions& options) {
  if (!options.binary.is_absolute()) return "the host binary path must be absolute: " + path_text(options.binary);
  if (options.safari && env.os != Os::macos)
    return "--safari sets up a launchd agent, which only macOS has (elsewhere, run `cookiewarden serve` yourself)";
  if (options.safari && options.user_data_dir) return "--safari takes no --user-data-dir";
  std::vector<std::string> known = installable_browsers(env);
  for (const std::string& browser : options.browsers) {
    if (!contains(known, browser)) {
      std::string list;
      for (const std::string& id : known) list += (list.empty() ? "" : ", ") + id;
      return "unknown browser '" + browser + "' (on this OS: " + list + ")";
    }
    if (options.user_data_dir && browser == "firefox")
      return "--user-data-dir is for Chrome, Chromium and Edge; Firefox reads host manifests only from its "
             "user-level folder";
  }
  if (options.user_data_dir && options.browsers.size() > 1) return "--user-data-dir takes one --browser";
  if (auto bad = invalid_id(options.chromium_ids, is_chromium_extension_id, "Chromium extension id (32 letters a-p)"))
    return bad;
  return invalid_id(options.firefox_ids, is_firefox_extension_id, "Firefox add-on id (name@domain or {GUID})");
}

}  // namespace

std::vector<std::string> installable_browsers(const Environment& env) {
  std::vector<std::string> ids;
  for (const ManifestLocation& location : manifest_locations(env)) ids.push_back(location.browser_id);
  return ids;
}

warden::Result<InstallPlan> plan_install(const Environment& env, const InstallOptions& options) {
  if (auto problem = check_options(env, options)) return {Status::invalid_argument, *problem};
  InstallPlan plan;
  std::vector<std::string> chromium_ids = with_default(options.chromium_ids, kDefaultChromiumExtensionId);
  std::vector<std::string> firefox_ids = with_default(options.firefox_ids, kDefaultFirefoxExtensionId);
  if (options.safari) plan.launch_agent = PlannedLaunchAgent{launch_agent_path(env), launch_agent_plist(options.binary)};
  // `install --safari` alone is Safari's part only; --browser adds native messaging hosts to it.
  if (options.safari && options.browsers.empty()) return plan;
  for (const ManifestLocation& location : chosen_locations(env, options, plan.skipped)) {
    bool firefox = location.family == BrowserFamily::firefox;
    const std::vector<std::string>& ids = firefox ? firefox_ids : chromium_ids;
    plan.manifests.push_back({location.browser_id, location.browser_name, location.manifest_path(),
                              host_manifest(location.family, options.binary, ids), location.registry_key});
  }
  return plan;
}

}  // namespace cookiewarden::install
