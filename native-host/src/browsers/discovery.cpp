#include "browsers/discovery.h"

#include <set>

#include "browsers/browser_locations.h"
#include "browsers/chromium_profiles.h"
#include "browsers/firefox_profiles.h"
#include "browsers/gnome_web_profiles.h"
#include "browsers/safari_profiles.h"

namespace cookiewarden {
namespace {

std::vector<BrowserProfile> profiles_at(const BrowserLocation& location) {
  switch (location.family) {
    case BrowserFamily::chromium: return chromium_profiles(location);
    case BrowserFamily::firefox: return firefox_profiles(location);
    case BrowserFamily::safari: return safari_profiles(location);
    case BrowserFamily::webkit: return gnome_web_profiles(location);
  }
  return {};
}

// Two roots can name one profile (an absolute Path in both the XDG and the legacy profiles.ini,
// or XDG_CONFIG_HOME pointing at an odd place): the canonical path identifies it.
std::filesystem::path identity(const BrowserProfile& profile) {
  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(profile.path, ec);
  return ec ? profile.path : canonical;
}

}  // namespace

std::vector<BrowserProfile> discover_profiles(const Environment& env) {
  std::vector<BrowserProfile> found;
  std::set<std::filesystem::path> seen;
  for (const BrowserLocation& location : browser_locations(env))
    for (BrowserProfile& profile : profiles_at(location))
      if (seen.insert(identity(profile)).second) found.push_back(std::move(profile));
  return found;
}

}  // namespace cookiewarden
