#include "install/installer.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "../support/store_fixtures.h"
#include "../support/test_environment.h"
#include "install/install_record.h"

using namespace cookiewarden;
using namespace cookiewarden::install;
using namespace cookiewarden::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

InstallPlan plan_for(const Environment& env, std::vector<std::string> browsers) {
  InstallOptions o;
  o.browsers = std::move(browsers);
  o.chromium_ids = {"abcdefghijklmnopabcdefghijklmnop"};
  o.binary = "/opt/cookiewarden/cookiewarden";
  auto plan = plan_install(env, o);
  REQUIRE(plan.ok());
  return *plan;
}

}  // namespace

TEST_CASE("installer: writes the planned manifests and records them, uninstall removes exactly that") {
  TempDir home;
  Environment env = environment_of(Os::linux_, home.path());
  fs::create_directories(home / ".config/chromium");                       // the browser's folder exists
  write_file(home / ".mozilla/native-messaging-hosts/other.host.json", "{}");  // someone else's host

  InstallPlan plan = plan_for(env, {"chromium", "firefox"});
  InstallOutcome outcome = perform_install(env, plan);
  CHECK(outcome.ok());
  REQUIRE(outcome.written.size() == 2);
  json chromium = json::parse(file_bytes(home / ".config/chromium/NativeMessagingHosts/org.cookiewarden.host.json"));
  CHECK(chromium == plan.manifests[0].manifest);
  json firefox = json::parse(file_bytes(home / ".mozilla/native-messaging-hosts/org.cookiewarden.host.json"));
  CHECK(firefox["allowed_extensions"].size() == 1);

  auto record = load_install_record(install_record_path(env));
  REQUIRE(record);
  CHECK(install_record_path(env) == home / ".config/cookiewarden/install-record.json");
  CHECK(record->manifests.size() == 2);
  CHECK(record->directories == std::vector<fs::path>{home / ".config/chromium/NativeMessagingHosts"});

  // Installing again changes nothing in the record (no duplicates).
  perform_install(env, plan);
  CHECK(load_install_record(install_record_path(env))->manifests.size() == 2);

  UninstallOutcome removed = perform_uninstall(env);
  CHECK(removed.ok());
  CHECK(removed.removed.size() == 3);  // two manifests and the folder install created
  CHECK_FALSE(fs::exists(home / ".config/chromium/NativeMessagingHosts"));
  CHECK(fs::exists(home / ".config/chromium"));                               // was there before
  CHECK(fs::exists(home / ".mozilla/native-messaging-hosts/other.host.json"));  // not ours
  CHECK_FALSE(fs::exists(install_record_path(env)));
  CHECK(perform_uninstall(env).removed.empty());  // idempotent
}

TEST_CASE("installer: a manifest replaced since install is left alone by uninstall") {
  TempDir home;
  Environment env = environment_of(Os::linux_, home.path());
  perform_install(env, plan_for(env, {"chrome"}));
  fs::path manifest = home / ".config/google-chrome/NativeMessagingHosts/org.cookiewarden.host.json";
  write_file(manifest, R"({"name":"com.someone.else"})");
  UninstallOutcome outcome = perform_uninstall(env);
  CHECK(fs::exists(manifest));
  REQUIRE(outcome.left_alone.size() == 1);
  CHECK(outcome.left_alone[0].find(manifest.string()) != std::string::npos);
}

TEST_CASE("installer: an unreadable record stops uninstall from guessing") {
  TempDir home;
  Environment env = environment_of(Os::linux_, home.path());
  perform_install(env, plan_for(env, {"chromium"}));
  write_file(install_record_path(env), "{ not json");
  UninstallOutcome outcome = perform_uninstall(env);
  CHECK_FALSE(outcome.ok());
  CHECK(outcome.removed.empty());
  CHECK(fs::exists(home / ".config/chromium/NativeMessagingHosts/org.cookiewarden.host.json"));
}

TEST_CASE("installer: a Windows plan on a non-Windows build writes the files and reports the registry as not done") {
  TempDir home;
  Environment env = environment_of(Os::windows, home.path());
  InstallOutcome outcome = perform_install(env, plan_for(env, {"edge"}));
  CHECK(outcome.written.size() == 1);
  CHECK(fs::exists(home / "AppData/Local/cookiewarden/NativeMessagingHosts/edge/org.cookiewarden.host.json"));
  REQUIRE(outcome.not_done.size() == 1);
  CHECK(outcome.not_done[0].find("Software\\Microsoft\\Edge\\NativeMessagingHosts\\org.cookiewarden.host") != std::string::npos);
  CHECK(fs::exists(home / "AppData/Roaming/cookiewarden/install-record.json"));
}
