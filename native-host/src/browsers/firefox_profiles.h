// The profiles listed in one Firefox root's profiles.ini (every [Profile*] section, relative
// and absolute paths), with the default taken from [Install*] (else Default=1).
#pragma once

#include <vector>

#include "browsers/browser_locations.h"
#include "browsers/browser_profile.h"

namespace cookiewarden {

std::vector<BrowserProfile> firefox_profiles(const BrowserLocation& location);

}  // namespace cookiewarden
