#include "install/install_plan.h"

#include <doctest/doctest.h>

#include "../support/store_fixtures.h"
#include "../support/test_environment.h"
#include "install/extension_ids.h"

using namespace cookiewarden;
using namespace cookiewarden::install;
using namespace cookiewarden::test;
namespace fs = std::filesystem;

namespace {

constexpr const char* kId = "abcdefghijklmnopabcdefghijklmnop";

InstallOptions options(std::vector<std::string> browsers = {}) {
  InstallOptions o;
  o.browsers = std::move(browsers);
  o.chromium_ids = {kId};
  o.binary = "/opt/cookiewarden/cookiewarden";
  return o;
}

std::vector<std::string> browsers_of(const InstallPlan& plan) {
  std::vector<std::string> ids;
  for (const auto& m : plan.manifests) ids.push_back(m.browser_id);
  return ids;
}

}  // namespace

TEST_CASE("install plan: by default, the browsers this user has, with the right manifest for each family") {
  TempDir home;
  fs::create_directories(home / ".config/chromium/Default");
  fs::create_directories(home / ".mozilla/firefox");
  auto plan = plan_install(environment_of(Os::linux_, home.path()), options());
  REQUIRE(plan.ok());
  CHECK(browsers_of(*plan) == std::vector<std::string>{"chromium", "firefox"});
  CHECK(plan->manifests[0].path == home / ".config/chromium/NativeMessagingHosts/org.cookiewarden.host.json");
  CHECK(plan->manifests[0].manifest["allowed_origins"] == nlohmann::json{std::string("chrome-extension://") + kId + "/"});
  CHECK(plan->manifests[0].manifest["path"] == "/opt/cookiewarden/cookiewarden");
  CHECK(plan->manifests[1].path == home / ".mozilla/native-messaging-hosts/org.cookiewarden.host.json");
  CHECK(plan->manifests[1].manifest["allowed_extensions"] == nlohmann::json{std::string(kDefaultFirefoxExtensionId)});
  CHECK(plan->skipped.empty());
}

TEST_CASE("install plan: nothing installed and nothing named → an empty plan that says why") {
  TempDir home;
  auto plan = plan_install(environment_of(Os::linux_, home.path()), options());
  REQUIRE(plan.ok());
  CHECK(plan->manifests.empty());
  REQUIRE(plan->skipped.size() == 1);
  CHECK(plan->skipped[0].find("--browser") != std::string::npos);
}

TEST_CASE("install plan: named browsers, the built-in extension ids, and argument errors") {
  TempDir home;
  Environment env = environment_of(Os::linux_, home.path());
  auto named = plan_install(env, options({"chrome", "edge-dev"}));
  REQUIRE(named.ok());
  CHECK(browsers_of(*named) == std::vector<std::string>{"chrome", "edge-dev"});

  InstallOptions no_ids = options({"chrome", "firefox"});
  no_ids.chromium_ids.clear();
  auto defaults = plan_install(env, no_ids);
  REQUIRE(defaults.ok());
  CHECK(defaults->manifests[0].manifest["allowed_origins"] ==
        nlohmann::json{"chrome-extension://" + std::string(kDefaultChromiumExtensionId) + "/"});
  CHECK(defaults->manifests[1].manifest["allowed_extensions"] == nlohmann::json{std::string(kDefaultFirefoxExtensionId)});
  InstallOptions two = options({"edge"});
  two.chromium_ids = {kId, "pppppppppppppppppppppppppppppppp"};
  CHECK(plan_install(env, two)->manifests[0].manifest["allowed_origins"].size() == 2);

  CHECK(plan_install(env, options({"netscape"})).status() == warden::Status::invalid_argument);
  InstallOptions bad_id = options({"chrome"});
  bad_id.chromium_ids = {"zzzz"};
  CHECK_FALSE(plan_install(env, bad_id).ok());
  InstallOptions bad_ff = options({"firefox"});
  bad_ff.firefox_ids = {"not an id"};
  CHECK_FALSE(plan_install(env, bad_ff).ok());
  InstallOptions relative = options({"chrome"});
  relative.binary = "cookiewarden";
  CHECK_FALSE(plan_install(env, relative).ok());
  InstallOptions ff_udd = options({"firefox"});
  ff_udd.user_data_dir = home / "udd";
  CHECK_FALSE(plan_install(env, ff_udd).ok());
  CHECK_FALSE(plan_install(env, options({"chrome-canary"})).ok());  // a macOS/Windows channel
}

TEST_CASE("install plan: --user-data-dir targets only DIR/NativeMessagingHosts") {
  TempDir home;
  InstallOptions o = options();
  o.user_data_dir = home / "test-profile";
  auto plan = plan_install(environment_of(Os::linux_, home.path()), o);
  REQUIRE(plan.ok());
  REQUIRE(plan->manifests.size() == 1);
  CHECK(plan->manifests[0].browser_id == "chromium");
  CHECK(plan->manifests[0].path == home / "test-profile/NativeMessagingHosts/org.cookiewarden.host.json");
  CHECK(plan->manifests[0].manifest.contains("allowed_origins"));
}

TEST_CASE("install plan: macOS paths and Windows registry values, as data on any OS") {
  TempDir home;
  auto mac = plan_install(environment_of(Os::macos, home.path()), options({"chrome", "firefox"}));
  REQUIRE(mac.ok());
  CHECK(mac->manifests[0].path ==
        home / "Library/Application Support/Google/Chrome/NativeMessagingHosts/org.cookiewarden.host.json");
  CHECK(mac->manifests[1].path ==
        home / "Library/Application Support/Mozilla/NativeMessagingHosts/org.cookiewarden.host.json");

  Environment win = environment_of(Os::windows, home.path());
  win.vars["LOCALAPPDATA"] = (home / "AppData/Local").string();
  fs::create_directories(home / "AppData/Local/Google/Chrome Beta/User Data");  // a beta-only user gets the Chrome key
  fs::create_directories(home / "AppData/Roaming/Mozilla/Firefox");
  auto plan = plan_install(win, options());
  REQUIRE(plan.ok());
  REQUIRE(browsers_of(*plan) == std::vector<std::string>{"chrome", "firefox"});
  CHECK(plan->manifests[0].registry_key == "Software\\Google\\Chrome\\NativeMessagingHosts\\org.cookiewarden.host");
  CHECK(plan->manifests[0].path == home / "AppData/Local/cookiewarden/NativeMessagingHosts/chrome/org.cookiewarden.host.json");
  CHECK(plan->manifests[1].registry_key == "Software\\Mozilla\\NativeMessagingHosts\\org.cookiewarden.host");
  CHECK(plan->manifests[1].manifest.contains("allowed_extensions"));
}
