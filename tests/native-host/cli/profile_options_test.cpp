// The profile choice delete, sites and sweep share: a name that matches nothing, and no profile
// at all, are refused with the same words for every command.
#include "cli/profile_options.h"

#include <doctest/doctest.h>

#include <sstream>
#include <string_view>
#include <vector>

using namespace cookiewarden;
using namespace cookiewarden::cli;

namespace {

BrowserProfile firefox_profile() {
  BrowserProfile p;
  p.browser_id = "firefox";
  p.family = BrowserFamily::firefox;
  p.profile_id = "abcd.default-esr";
  return p;
}

ProfileSelection selection_of(std::vector<std::string_view> args) {
  auto parsed = Arguments::parse(args, {{}, {"--browser", "--profile"}, 0});
  REQUIRE(parsed.ok());
  return profile_selection(*parsed);
}

}  // namespace

TEST_CASE("cli profiles: --browser and --profile pick among the profiles, a name matching none is refused") {
  std::vector<BrowserProfile> discovered{firefox_profile()};
  std::ostringstream err;
  auto chosen = chosen_profiles(select_profiles(discovered, selection_of({"--browser", "firefox"})), "sweep",
                                NoProfiles::refused, err);
  REQUIRE(chosen);
  CHECK(chosen->size() == 1);
  CHECK(err.str().empty());

  auto unknown = chosen_profiles(select_profiles(discovered, selection_of({"--profile", "netscape"})), "sites",
                                 NoProfiles::allowed, err);
  CHECK_FALSE(unknown);
  CHECK(err.str() == "cookiewarden sites: no browser or profile named 'netscape' (see 'cookiewarden browsers')\n");
}

TEST_CASE("cli profiles: no profile at all is refused where the command needs one, an empty list where it does not") {
  std::ostringstream err;
  CHECK_FALSE(chosen_profiles(select_profiles(std::vector<BrowserProfile>{}, selection_of({})), "delete", NoProfiles::refused, err));
  CHECK(err.str() == "cookiewarden delete: no browser profiles found for this user\n");

  std::ostringstream quiet;
  auto none = chosen_profiles(select_profiles(std::vector<BrowserProfile>{}, selection_of({})), "sites", NoProfiles::allowed, quiet);
  REQUIRE(none);
  CHECK(none->empty());
  CHECK(quiet.str().empty());
}
