#include "install/manifest_locations.h"

#include <span>

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

// Chromium's DIR_USER_NATIVE_MESSAGING is <user data dir>/NativeMessagingHosts on Linux and
// macOS (so it follows XDG_CONFIG_HOME); Firefox's user folders are fixed (MDN "Native manifests").
constexpr Row kLinux[] = {
    {"chrome", "Google Chrome", F::chromium, Base::xdg_config, "google-chrome/NativeMessagingHosts", "", "chrome"},
    {"chrome-beta", "Google Chrome Beta", F::chromium, Base::xdg_config, "google-chrome-beta/NativeMessagingHosts", "", "chrome-beta"},
    {"chrome-dev", "Google Chrome Dev", F::chromium, Base::xdg_config, "google-chrome-unstable/NativeMessagingHosts", "", "chrome-dev"},
    {"chromium", "Chromium", F::chromium, Base::xdg_config, "chromium/NativeMessagingHosts", "", "chromium"},
    {"edge", "Microsoft Edge", F::chromium, Base::xdg_config, "microsoft-edge/NativeMessagingHosts", "", "edge"},
    {"edge-beta", "Microsoft Edge Beta", F::chromium, Base::xdg_config, "microsoft-edge-beta/NativeMessagingHosts", "", "edge-beta"},
    {"edge-dev", "Microsoft Edge Dev", F::chromium, Base::xdg_config, "microsoft-edge-dev/NativeMessagingHosts", "", "edge-dev"},
    {"firefox", "Firefox", F::firefox, Base::home, ".mozilla/native-messaging-hosts", "", "firefox"},
};

constexpr Row kMacos[] = {
    {"chrome", "Google Chrome", F::chromium, Base::app_support, "Google/Chrome/NativeMessagingHosts", "", "chrome"},
    {"chrome-beta", "Google Chrome Beta", F::chromium, Base::app_support, "Google/Chrome Beta/NativeMessagingHosts", "", "chrome-beta"},
    {"chrome-dev", "Google Chrome Dev", F::chromium, Base::app_support, "Google/Chrome Dev/NativeMessagingHosts", "", "chrome-dev"},
    {"chrome-canary", "Google Chrome Canary", F::chromium, Base::app_support, "Google/Chrome Canary/NativeMessagingHosts", "", "chrome-canary"},
    {"chromium", "Chromium", F::chromium, Base::app_support, "Chromium/NativeMessagingHosts", "", "chromium"},
    {"edge", "Microsoft Edge", F::chromium, Base::app_support, "Microsoft Edge/NativeMessagingHosts", "", "edge"},
    {"edge-beta", "Microsoft Edge Beta", F::chromium, Base::app_support, "Microsoft Edge Beta/NativeMessagingHosts", "", "edge-beta"},
    {"edge-dev", "Microsoft Edge Dev", F::chromium, Base::app_support, "Microsoft Edge Dev/NativeMessagingHosts", "", "edge-dev"},
    {"firefox", "Firefox", F::firefox, Base::app_support, "Mozilla/NativeMessagingHosts", "", "firefox"},
};

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

std::span<const Row> rows_for(Os os) {
  switch (os) {
    case Os::linux_: return kLinux;
    case Os::macos: return kMacos;
    case Os::windows: return kWindows;
  }
  return {};
}

std::vector<std::string> split_ids(std::string_view served) {
  std::vector<std::string> ids;
  while (!served.empty()) {
    std::size_t space = served.find(' ');
    ids.emplace_back(served.substr(0, space));
    served = space == std::string_view::npos ? std::string_view() : served.substr(space + 1);
  }
  return ids;
}

}  // namespace

fs::path ManifestLocation::manifest_path() const { return directory / (std::string(kHostName) + ".json"); }

std::vector<ManifestLocation> manifest_locations(const Environment& env) {
  std::vector<ManifestLocation> out;
  if (env.home.empty()) return out;
  for (const Row& row : rows_for(env.os)) {
    std::string key = row.registry_key.empty() ? std::string() : std::string(row.registry_key) + "\\" + std::string(kHostName);
    out.push_back({std::string(row.browser_id), std::string(row.browser_name), row.family,
                   user_folder(env, row.base) / row.relative, std::move(key), split_ids(row.served)});
  }
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
