#include "install/manifest_locations.h"

#include <doctest/doctest.h>

#include <map>

#include "../support/test_environment.h"

using namespace cookiewarden;
using namespace cookiewarden::install;
using cookiewarden::test::environment_of;
namespace fs = std::filesystem;

namespace {

std::map<std::string, ManifestLocation> by_browser(const Environment& env) {
  std::map<std::string, ManifestLocation> out;
  for (auto& l : manifest_locations(env)) out.emplace(l.browser_id, l);
  return out;
}

}  // namespace

TEST_CASE("manifest locations: Linux user-level folders, following XDG_CONFIG_HOME for Chromium-family") {
  auto l = by_browser(environment_of(Os::linux_, "/h"));
  CHECK(l.size() == 8);  // no Flatpak or Snap build
  CHECK(l.at("chrome").manifest_path() == "/h/.config/google-chrome/NativeMessagingHosts/org.cookiewarden.host.json");
  CHECK(l.at("chrome-beta").directory == "/h/.config/google-chrome-beta/NativeMessagingHosts");
  CHECK(l.at("chrome-dev").directory == "/h/.config/google-chrome-unstable/NativeMessagingHosts");
  CHECK(l.at("chromium").directory == "/h/.config/chromium/NativeMessagingHosts");
  CHECK(l.at("edge").directory == "/h/.config/microsoft-edge/NativeMessagingHosts");
  CHECK(l.at("edge-beta").directory == "/h/.config/microsoft-edge-beta/NativeMessagingHosts");
  CHECK(l.at("edge-dev").directory == "/h/.config/microsoft-edge-dev/NativeMessagingHosts");
  CHECK(l.at("firefox").manifest_path() == "/h/.mozilla/native-messaging-hosts/org.cookiewarden.host.json");
  CHECK(l.at("firefox").family == BrowserFamily::firefox);
  for (auto& [id, loc] : l) CHECK(loc.registry_key.empty());

  Environment xdg = environment_of(Os::linux_, "/h");
  xdg.vars["XDG_CONFIG_HOME"] = "/cfg";
  auto moved = by_browser(xdg);
  CHECK(moved.at("chromium").directory == "/cfg/chromium/NativeMessagingHosts");
  CHECK(moved.at("firefox").directory == "/h/.mozilla/native-messaging-hosts");
}

TEST_CASE("manifest locations: macOS Application Support folders") {
  auto l = by_browser(environment_of(Os::macos, "/h"));
  CHECK(l.size() == 9);
  CHECK(l.at("chrome").directory == "/h/Library/Application Support/Google/Chrome/NativeMessagingHosts");
  CHECK(l.at("chrome-canary").directory == "/h/Library/Application Support/Google/Chrome Canary/NativeMessagingHosts");
  CHECK(l.at("chromium").directory == "/h/Library/Application Support/Chromium/NativeMessagingHosts");
  CHECK(l.at("edge").directory == "/h/Library/Application Support/Microsoft Edge/NativeMessagingHosts");
  CHECK(l.at("firefox").directory == "/h/Library/Application Support/Mozilla/NativeMessagingHosts");
}

TEST_CASE("manifest locations: Windows registry keys under HKCU and manifest files under %LOCALAPPDATA%") {
  Environment env = environment_of(Os::windows, "/h");
  env.vars["LOCALAPPDATA"] = "/h/AppData/Local";
  auto l = by_browser(env);
  CHECK(l.size() == 4);
  CHECK(l.at("chrome").registry_key == "Software\\Google\\Chrome\\NativeMessagingHosts\\org.cookiewarden.host");
  CHECK(l.at("chromium").registry_key == "Software\\Chromium\\NativeMessagingHosts\\org.cookiewarden.host");
  CHECK(l.at("edge").registry_key == "Software\\Microsoft\\Edge\\NativeMessagingHosts\\org.cookiewarden.host");
  CHECK(l.at("firefox").registry_key == "Software\\Mozilla\\NativeMessagingHosts\\org.cookiewarden.host");
  CHECK(l.at("chrome").manifest_path() ==
        fs::path("/h/AppData/Local/cookiewarden/NativeMessagingHosts/chrome/org.cookiewarden.host.json"));
  CHECK(l.at("chrome").served_browser_ids == std::vector<std::string>{"chrome", "chrome-beta", "chrome-dev", "chrome-canary"});
}

TEST_CASE("manifest locations: --user-data-dir puts the manifest in DIR/NativeMessagingHosts") {
  ManifestLocation l = user_data_dir_location("/tmp/udd", "chromium");
  CHECK(l.manifest_path() == "/tmp/udd/NativeMessagingHosts/org.cookiewarden.host.json");
  CHECK(l.family == BrowserFamily::chromium);
}
