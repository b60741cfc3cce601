#include "browsers/browser_locations.h"

#include <span>

#include "platform/user_folders.h"

namespace cookiewarden {
namespace {

// The folder a table row is relative to.
using Base = UserFolder;

struct Row {
  std::string_view browser_id;
  std::string_view browser_name;
  BrowserFamily family;
  Base base;
  std::string_view relative;
};

using F = BrowserFamily;

// Sources: browser-storage.md §1.1 and §2.1 (yt-dlp, HackBrowserData), Chrome's
// user_data_dir.md for channel folder names (Windows canary is "Chrome SxS").
constexpr Row kLinux[] = {
    {"chrome", "Google Chrome", F::chromium, Base::xdg_config, "google-chrome"},
    {"chrome-beta", "Google Chrome Beta", F::chromium, Base::xdg_config, "google-chrome-beta"},
    {"chrome-dev", "Google Chrome Dev", F::chromium, Base::xdg_config, "google-chrome-unstable"},
    {"chrome-flatpak", "Google Chrome (Flatpak)", F::chromium, Base::home, ".var/app/com.google.Chrome/config/google-chrome"},
    {"chromium", "Chromium", F::chromium, Base::xdg_config, "chromium"},
    {"chromium-snap", "Chromium (Snap)", F::chromium, Base::home, "snap/chromium/common/chromium"},
    {"chromium-flatpak", "Chromium (Flatpak)", F::chromium, Base::home, ".var/app/org.chromium.Chromium/config/chromium"},
    {"edge", "Microsoft Edge", F::chromium, Base::xdg_config, "microsoft-edge"},
    {"edge-beta", "Microsoft Edge Beta", F::chromium, Base::xdg_config, "microsoft-edge-beta"},
    {"edge-dev", "Microsoft Edge Dev", F::chromium, Base::xdg_config, "microsoft-edge-dev"},
    // Firefox 147+ creates new profiles under XDG; older installs keep ~/.mozilla. Both can exist.
    {"firefox", "Firefox", F::firefox, Base::xdg_config, "mozilla/firefox"},
    {"firefox", "Firefox", F::firefox, Base::home, ".mozilla/firefox"},
    {"firefox-snap", "Firefox (Snap)", F::firefox, Base::home, "snap/firefox/common/.mozilla/firefox"},
    {"firefox-flatpak", "Firefox (Flatpak)", F::firefox, Base::home, ".var/app/org.mozilla.firefox/.mozilla/firefox"},
    {"firefox-flatpak", "Firefox (Flatpak)", F::firefox, Base::home, ".var/app/org.mozilla.firefox/config/mozilla/firefox"},
    // GNOME Web keeps cookies and WebKit's website data in its data folder (observed, Epiphany 43).
    {"epiphany", "GNOME Web", F::webkit, Base::xdg_data, "epiphany"},
    {"epiphany-flatpak", "GNOME Web (Flatpak)", F::webkit, Base::home, ".var/app/org.gnome.Epiphany/data/epiphany"},
};

constexpr Row kMacos[] = {
    {"chrome", "Google Chrome", F::chromium, Base::app_support, "Google/Chrome"},
    {"chrome-beta", "Google Chrome Beta", F::chromium, Base::app_support, "Google/Chrome Beta"},
    {"chrome-dev", "Google Chrome Dev", F::chromium, Base::app_support, "Google/Chrome Dev"},
    {"chrome-canary", "Google Chrome Canary", F::chromium, Base::app_support, "Google/Chrome Canary"},
    {"chromium", "Chromium", F::chromium, Base::app_support, "Chromium"},
    {"edge", "Microsoft Edge", F::chromium, Base::app_support, "Microsoft Edge"},
    {"edge-beta", "Microsoft Edge Beta", F::chromium, Base::app_support, "Microsoft Edge Beta"},
    {"edge-dev", "Microsoft Edge Dev", F::chromium, Base::app_support, "Microsoft Edge Dev"},
    {"firefox", "Firefox", F::firefox, Base::app_support, "Firefox"},
    {"safari", "Safari", F::safari, Base::home, "Library"},
};

constexpr Row kWindows[] = {
    {"chrome", "Google Chrome", F::chromium, Base::local_app_data, "Google/Chrome/User Data"},
    {"chrome-beta", "Google Chrome Beta", F::chromium, Base::local_app_data, "Google/Chrome Beta/User Data"},
    {"chrome-dev", "Google Chrome Dev", F::chromium, Base::local_app_data, "Google/Chrome Dev/User Data"},
    {"chrome-canary", "Google Chrome Canary", F::chromium, Base::local_app_data, "Google/Chrome SxS/User Data"},
    {"chromium", "Chromium", F::chromium, Base::local_app_data, "Chromium/User Data"},
    {"edge", "Microsoft Edge", F::chromium, Base::local_app_data, "Microsoft/Edge/User Data"},
    {"edge-beta", "Microsoft Edge Beta", F::chromium, Base::local_app_data, "Microsoft/Edge Beta/User Data"},
    {"edge-dev", "Microsoft Edge Dev", F::chromium, Base::local_app_data, "Microsoft/Edge Dev/User Data"},
    {"firefox", "Firefox", F::firefox, Base::app_data, "Mozilla/Firefox"},
    {"firefox-store", "Firefox (Microsoft Store)", F::firefox, Base::local_app_data,
     "Packages/Mozilla.Firefox_n80bbvh6b1yt2/LocalCache/Roaming/Mozilla/Firefox"},
};

std::span<const Row> rows_for(Os os) {
  switch (os) {
    case Os::linux_: return kLinux;
    case Os::macos: return kMacos;
    case Os::windows: return kWindows;
  }
  return {};
}

}  // namespace

std::vector<BrowserLocation> browser_locations(const Environment& env) {
  std::vector<BrowserLocation> out;
  if (env.home.empty()) return out;  // no home, no per-user browsers; never guess "/"
  for (const Row& row : rows_for(env.os))
    out.push_back({row.browser_id, row.browser_name, row.family, user_folder(env, row.base) / row.relative});
  return out;
}

}  // namespace cookiewarden
