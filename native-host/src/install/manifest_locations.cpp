#include "install/manifest_locations.h"

#include <algorithm>
#include <iterator>

#include "browsers/browser_locations.h"
#include "install/extension_ids.h"
#include "platform/path_text.h"
#include "platform/user_folders.h"

namespace cookiewarden::install {
namespace {

namespace fs = std::filesystem;
using F = BrowserFamily;

// The folder a table row is relative to.
using Base = UserFolder;

struct Row {
  std::string_view browser_id;
  std::string_view browser_name;
  F family;
  Base base;
  std::string_view relative;      // the manifest directory, relative to base
  std::string_view registry_key;  // Windows: without the trailing "\<host name>"
  std::string_view served;        // space-separated discovery ids
};

// On Linux and macOS, Chromium's DIR_USER_NATIVE_MESSAGING is <user data dir>/NativeMessagingHosts
// (so it follows XDG_CONFIG_HOME): those folders come from discovery's table of user data dirs,
// for the builds named here (Flatpak and Snap builds are not served). Firefox's user folders
// are fixed (MDN "Native manifests").
constexpr std::string_view kChromiumBuilds[] = {"chrome", "chrome-beta", "chrome-dev", "chrome-canary", "chromium",
                                                "edge", "edge-beta", "edge-dev"};
constexpr Row kLinuxFirefox = {"firefox", "Firefox", F::firefox, Base::home, ".mozilla/native-messaging-hosts", "", "firefox"};
constexpr Row kMacosFirefox = {"firefox", "Firefox", F::firefox, Base::app_support, "Mozilla/NativeMessagingHosts", "", "firefox"};

// Every Chrome channel reads the same key; so do Edge's.
constexpr Row kWindows[] = {
    {"chrome", "Google Chrome", F::chromium, Base::local_app_data, "cookiewarden/NativeMessagingHosts/chrome",
     "Software\\Google\\Chrome\\NativeMessagingHosts", "chrome chrome-beta chrome-dev chrome-canary"},
    {"chromium", "Chromium", F::chromium, Base::local_app_data, "cookiewarden/NativeMessagingHosts/chromium",
     "Software\\Chromium\\NativeMessagingHosts", "chromium"},
    {"edge", "Microsoft Edge", F::chromium, Base::local_app_data, "cookiewarden/NativeMessagingHosts/edge",
     "Software\\Microsoft\\Edge\\NativeMessagingHosts", "edge edge-beta edge-dev"},
    {"firefox", "Firefox", F::firefox, Base::local_app_data, "cookiewarden/NativeMessagingHosts/firefox",
     "Software\\Mozilla\\NativeMessagingHosts", "firefox firefox-store"},
};

std::vector<std::string> split_ids(std::string_view served) {
  std::vector<std::string> ids;
  while (!served.empty()) {
    std::size_t space = served.find(' ');
    ids.emplace_back(served.substr(0, space));
    served = space == std::string_view::npos ? std::string_view() : served.substr(space + 1);
  }
  return ids;
}

ManifestLocation location_of(const Row& row, const Environment& env) {
  std::string key = row.registry_key.empty() ? std::string() : std::string(row.registry_key) + "\\" + std::string(kHostName);
  return {std::string(row.browser_id), std::string(row.browser_name), row.family,
          user_folder(env, row.base) / row.relative, std::move(key), split_ids(row.served)};
}

bool served_chromium_build(const BrowserLocation& browser) {
  return std::find(std::begin(kChromiumBuilds), std::end(kChromiumBuilds), browser.browser_id) != std::end(kChromiumBuilds);
}

}  // namespace

fs::path ManifestLocation::manifest_path() const { return directory / (std::string(kHostName) + ".json"); }

std::vector<ManifestLocation> manifest_locations(const Environment& env) {
  std::vector<ManifestLocation> out;
  if (env.home.empty()) return out;
  if (env.os == Os::windows) {
    for (const Row& row : kWindows) out.push_back(location_of(row, env));
    return out;
  }
  for (const BrowserLocation& browser : browser_locations(env)) {
    if (!served_chromium_build(browser)) continue;
    out.push_back({std::string(browser.browser_id), std::string(browser.browser_name), F::chromium,
                   browser.root / "NativeMessagingHosts", "", {std::string(browser.browser_id)}});
  }
  out.push_back(location_of(env.os == Os::macos ? kMacosFirefox : kLinuxFirefox, env));
  return out;
}

ManifestLocation user_data_dir_location(const fs::path& user_data_dir, std::string_view browser_id) {
  return {std::string(browser_id), "user data dir " + path_text(user_data_dir), F::chromium,
          user_data_dir / "NativeMessagingHosts", "", {std::string(browser_id)}};
}

std::vector<fs::path> system_manifest_directories(Os os) {
  switch (os) {
    case Os::linux_:
      return {"/etc/opt/chrome/native-messaging-hosts", "/etc/chromium/native-messaging-hosts",
              "/etc/opt/edge/native-messaging-hosts", "/usr/lib/mozilla/native-messaging-hosts",
              "/usr/lib64/mozilla/native-messaging-hosts"};
    case Os::macos:
      return {"/Library/Google/Chrome/NativeMessagingHosts", "/Library/Application Support/Chromium/NativeMessagingHosts",
              "/Library/Microsoft/Edge/NativeMessagingHosts", "/Library/Application Support/Mozilla/NativeMessagingHosts"};
    case Os::windows: return {};
  }
  return {};
}

}  // namespace cookiewarden::install
