#include "browsers/discovery.h"

#include <doctest/doctest.h>

#include "../support/store_fixtures.h"
#include "../support/test_environment.h"

using namespace cookiewarden;
using namespace cookiewarden::test;
namespace fs = std::filesystem;

TEST_CASE("discovery: GNOME Web in ~/.local/share/epiphany, XDG_DATA_HOME and the Flatpak folder") {
  TempDir home;
  Environment env = environment_of(Os::linux_, home.path());
  // A first start without any site visited leaves only .migrated: no profile yet.
  write_file(home / ".local/share/epiphany/.migrated", "");
  CHECK(discover_profiles(env).empty());

  write_file(home / ".local/share/epiphany/cookies.sqlite", "");
  fs::create_directories(home / ".var/app/org.gnome.Epiphany/data/epiphany/storage");
  auto all = discover_profiles(env);
  REQUIRE(all.size() == 2);
  CHECK(all[0].browser_id == "epiphany");
  CHECK(all[0].browser_name == "GNOME Web");
  CHECK(all[0].family == BrowserFamily::webkit);
  CHECK(all[0].profile_id == "Default");
  CHECK(all[0].is_default);
  CHECK(all[0].path == home / ".local/share/epiphany");
  CHECK(all[1].browser_id == "epiphany-flatpak");
  CHECK(all[1].path == home / ".var/app/org.gnome.Epiphany/data/epiphany");

  env.vars["XDG_DATA_HOME"] = (home / "data").string();
  fs::create_directories(home / "data/epiphany/localstorage");
  all = discover_profiles(env);
  REQUIRE(all.size() == 2);
  CHECK(all[0].path == home / "data/epiphany");

  env.os = Os::macos;
  CHECK(discover_profiles(env).empty());
}
