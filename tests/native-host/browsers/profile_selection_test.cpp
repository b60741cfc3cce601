#include "browsers/profile_selection.h"

#include <doctest/doctest.h>

#include <algorithm>

#include "../support/store_fixtures.h"
#include "../support/test_environment.h"

using namespace cookiewarden;
using namespace cookiewarden::test;

TEST_CASE("profile selection: outside macOS, Safari's macOS layout under the home only when Safari is named") {
  TempDir home;
  write_file(home / "Library/Cookies/Cookies.binarycookies", "cook");
  write_file(home / ".config/chromium/Default/Preferences", "{}");
  Environment env = environment_of(Os::linux_, home.path());

  // Not named: never looked at.
  SelectedProfiles all = select_profiles(env, {});
  REQUIRE(all.profiles.size() == 1);
  CHECK(all.profiles[0].browser_id == "chromium");
  SelectedProfiles chromium_only = select_profiles(env, {{}, {"chromium"}, {}});
  CHECK(chromium_only.profiles.size() == 1);

  // --browser safari (with or without others) and the protocol's target "safari" find it.
  for (const ProfileSelection& selection :
       {ProfileSelection{{}, {"safari"}, {}}, ProfileSelection{{}, {"chromium", "safari"}, {}}, ProfileSelection{{"safari"}, {}, {}}}) {
    SelectedProfiles selected = select_profiles(env, selection);
    CHECK(selected.unmatched.empty());
    auto safari = std::find_if(selected.profiles.begin(), selected.profiles.end(),
                               [](const BrowserProfile& p) { return p.family == BrowserFamily::safari; });
    REQUIRE(safari != selected.profiles.end());
    CHECK(safari->path == home / "Library");
    CHECK(safari->profile_id == "Default");
  }

  // Named but absent: the usual "no browser named" answer.
  TempDir empty;
  CHECK(select_profiles(environment_of(Os::linux_, empty.path()), {{}, {"safari"}, {}}).unmatched == std::vector<std::string>{"safari"});
}
