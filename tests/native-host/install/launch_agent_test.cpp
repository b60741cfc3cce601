#include "install/launch_agent.h"

#include <doctest/doctest.h>

#include <map>
#include <sstream>

#include <boost/property_tree/ptree.hpp>
#include <boost/property_tree/xml_parser.hpp>

#include "../support/store_fixtures.h"
#include "../support/test_environment.h"
#include "install/install_plan.h"
#include "install/install_record.h"
#include "install/installer.h"

using namespace cookiewarden;
using namespace cookiewarden::install;
using namespace cookiewarden::test;
namespace fs = std::filesystem;
namespace pt = boost::property_tree;

namespace {

InstallOptions safari_options(fs::path binary = "/Applications/Cookie Warden.app/Contents/MacOS/cookiewarden") {
  InstallOptions options;
  options.safari = true;
  options.binary = std::move(binary);
  return options;
}

// The top-level dict of an XML property list (plutil is not here: parsed as XML), as key → the
// element after it (its name and tree). Fails the test when it is not a plist.
std::map<std::string, std::pair<std::string, pt::ptree>> plist_dict(const std::string& text) {
  std::istringstream in(text);
  pt::ptree doc;
  pt::read_xml(in, doc, pt::xml_parser::no_comments);
  REQUIRE(doc.get<std::string>("plist.<xmlattr>.version") == "1.0");
  std::map<std::string, std::pair<std::string, pt::ptree>> dict;
  std::string key;
  for (const auto& [name, child] : doc.get_child("plist.dict")) {
    if (name == "key") key = child.data();
    else dict[key] = {name, child};
  }
  return dict;
}

std::vector<std::string> strings_of(const pt::ptree& array) {
  std::vector<std::string> out;
  for (const auto& [name, child] : array) {
    CHECK(name == "string");
    out.push_back(child.data());
  }
  return out;
}

}  // namespace

TEST_CASE("install --safari on macOS: the launchd agent runs serve at login, recorded, and uninstall removes it") {
  TempDir home;
  Environment env = environment_of(Os::macos, home.path());
  fs::create_directories(home / "Library/Application Support/Google/Chrome");  // a browser is present
  auto plan = plan_install(env, safari_options());
  REQUIRE(plan.ok());
  CHECK(plan->manifests.empty());  // --safari alone: no native messaging manifests
  REQUIRE(plan->launch_agent);
  CHECK(plan->launch_agent->path == home / "Library/LaunchAgents/org.cookiewarden.serve.plist");

  InstallOutcome outcome = perform_install(env, *plan);
  CHECK(outcome.ok());
  auto dict = plist_dict(file_bytes(home / "Library/LaunchAgents/org.cookiewarden.serve.plist"));
  CHECK(dict["Label"].first == "string");
  CHECK(dict["Label"].second.data() == "org.cookiewarden.serve");
  CHECK(dict["ProgramArguments"].first == "array");
  CHECK(strings_of(dict["ProgramArguments"].second) ==
        std::vector<std::string>{"/Applications/Cookie Warden.app/Contents/MacOS/cookiewarden", "serve", "--no-open"});
  CHECK(dict["RunAtLoad"].first == "true");
  REQUIRE(dict["KeepAlive"].first == "dict");
  CHECK(dict["KeepAlive"].second.get<std::string>("key") == "SuccessfulExit");
  CHECK(dict["KeepAlive"].second.count("false") == 1);

  auto record = load_install_record(install_record_path(env));
  REQUIRE(record);
  CHECK(record->launch_agents == std::vector<fs::path>{home / "Library/LaunchAgents/org.cookiewarden.serve.plist"});

  UninstallOutcome removed = perform_uninstall(env);
  CHECK(removed.ok());
  CHECK_FALSE(fs::exists(home / "Library/LaunchAgents/org.cookiewarden.serve.plist"));
  CHECK_FALSE(fs::exists(home / "Library/LaunchAgents"));  // install made the folder: gone again
  CHECK_FALSE(fs::exists(install_record_path(env)));
}

TEST_CASE("install --safari: a binary path with XML's special characters comes back intact") {
  TempDir home;
  Environment env = environment_of(Os::macos, home.path());
  const fs::path binary = "/Users/a&b/<tools>/\"cw\"/it's/cookiewarden";
  auto plan = plan_install(env, safari_options(binary));
  REQUIRE(plan.ok());
  REQUIRE(perform_install(env, *plan).ok());
  auto dict = plist_dict(file_bytes(launch_agent_path(env)));
  CHECK(strings_of(dict["ProgramArguments"].second).front() == binary.string());
}

TEST_CASE("install --safari: an agent changed since install is left alone, a folder the user had is kept") {
  TempDir home;
  Environment env = environment_of(Os::macos, home.path());
  write_file(home / "Library/LaunchAgents/com.example.other.plist", "<plist/>");
  auto plan = plan_install(env, safari_options());
  REQUIRE(plan.ok());
  REQUIRE(perform_install(env, *plan).ok());
  write_file(launch_agent_path(env), "<?xml version=\"1.0\"?><plist><dict><key>Label</key><string>mine</string></dict></plist>");
  UninstallOutcome removed = perform_uninstall(env);
  REQUIRE(removed.left_alone.size() == 1);
  CHECK(removed.left_alone[0].find("org.cookiewarden.serve.plist") != std::string::npos);
  CHECK(fs::exists(launch_agent_path(env)));
  CHECK(fs::exists(home / "Library/LaunchAgents/com.example.other.plist"));
}

TEST_CASE("install --safari with --browser: the agent and the browser's manifest, and --safari elsewhere than macOS is refused") {
  TempDir home;
  Environment env = environment_of(Os::macos, home.path());
  InstallOptions options = safari_options();
  options.browsers = {"chrome"};
  auto plan = plan_install(env, options);
  REQUIRE(plan.ok());
  CHECK(plan->manifests.size() == 1);
  CHECK(plan->launch_agent);

  for (Os os : {Os::linux_, Os::windows}) {
    Environment other = env;
    other.os = os;
    auto refused = plan_install(other, safari_options());
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.detail().find("only macOS") != std::string::npos);
  }
}
