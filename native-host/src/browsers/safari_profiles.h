// Safari's profiles (macOS): the default profile (the pre-Safari-17 locations, in the app's
// sandbox container or the legacy ~/Library folders) and Safari 17+ named profiles.
//
// Named profiles: the UUIDs and titles come from the container's Safari/SafariTabs.db
// (`bookmarks` rows with subtype 2, excluding external_uuid 'DefaultProfile'), else from the
// folder names under Safari/Profiles/<UUID-UPPER>; each profile's site data lives in
// WebKit/WebsiteDataStore/<uuid-lower>/ (Cookies/Cookies.binarycookies, Origins/...). Sources:
// browser-storage.md §3.1, HackBrowserData RFC-011. Reading the container needs Full Disk Access.
#pragma once

#include <vector>

#include "browsers/browser_locations.h"
#include "browsers/browser_profile.h"

namespace cookiewarden {

// location.root is ~/Library. The default profile's path is the container's Data/Library when
// the container exists, else ~/Library (the legacy layout).
std::vector<BrowserProfile> safari_profiles(const BrowserLocation& location);

}  // namespace cookiewarden
