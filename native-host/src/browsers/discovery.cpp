#include "browsers/discovery.h"

#include <algorithm>

#include "browsers/browser_locations.h"
#include "browsers/chromium_profiles.h"
#include "browsers/firefox_profiles.h"
#include "browsers/safari_profiles.h"

namespace cookiewarden {
namespace {

std::vector<BrowserProfile> profiles_at(const BrowserLocation& location) {
  switch (location.family) {
    case BrowserFamily::chromium: return chromium_profiles(location);
    case BrowserFamily::firefox: return firefox_profiles(location);
    case BrowserFamily::safari: return safari_profiles(location);
  }
  return {};
}

// Two roots can name one profile (an absolute Path in both the XDG and the legacy profiles.ini,
// or XDG_CONFIG_HOME pointing at an odd place): report it once.
bool already_listed(const std::vector<BrowserProfile>& found, const BrowserProfile& profile) {
  std::error_code ec;
  return std::any_of(found.begin(), found.end(), [&](const BrowserProfile& other) {
    return other.path == profile.path || std::filesystem::equivalent(other.path, profile.path, ec);
  });
}

}  // namespace

std::vector<BrowserProfile> discover_profiles(const Environment& env) {
  std::vector<BrowserProfile> found;
  for (const BrowserLocation& location : browser_locations(env))
    for (BrowserProfile& profile : profiles_at(location))
      if (!already_listed(found, profile)) found.push_back(std::move(profile));
  return found;
}

}  // namespace cookiewarden
