// The profiles of one Chromium-family user data dir: `Local State` names them, a directory
// scan finds the ones Local State forgot (or when it is missing or corrupt).
#pragma once

#include <vector>

#include "browsers/browser_locations.h"
#include "browsers/browser_profile.h"

namespace cookiewarden {

std::vector<BrowserProfile> chromium_profiles(const BrowserLocation& location);

}  // namespace cookiewarden
