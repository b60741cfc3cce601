// Test support: the BrowserProfile that discovery would report for a closed profile folder, for
// the tests that hand delete_site or a store a profile without discovering it.
#pragma once

#include <filesystem>
#include <string>

#include "browsers/browser_profile.h"

namespace cookiewarden::test {

// <user_data_dir>/<folder>, created empty, of Chromium or Firefox (by `family`), named `folder`.
inline BrowserProfile closed_profile_at(BrowserFamily family, const std::filesystem::path& user_data_dir,
                                        const std::string& folder) {
  BrowserProfile profile;
  profile.family = family;
  profile.browser_id = family == BrowserFamily::firefox ? "firefox" : "chromium";
  profile.browser_name = family == BrowserFamily::firefox ? "Firefox" : "Chromium";
  profile.profile_id = profile.profile_name = folder;
  profile.user_data_dir = user_data_dir;
  profile.path = user_data_dir / folder;
  std::filesystem::create_directories(profile.path);
  return profile;
}

}  // namespace cookiewarden::test
